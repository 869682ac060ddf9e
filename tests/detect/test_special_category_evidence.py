"""SPECIAL_CATEGORY evidence beyond the term lists: medicines by shape, cells under a
special heading, empty form labels (service/detect/recognizers/_special_category_evidence.py),
and the religious practice and SEN interventions of the term lists, through the detector."""

import pytest

from service.detect.recognizers._special_category_evidence import (
    flagged_rows,
    is_empty_label,
    medicine_spans,
    table_heading_spans,
)


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return sorted(text[a:b] for a, b in spans)


@pytest.mark.parametrize(
    ("text", "medicine"),
    [
        ("Ollie is on 18mg Concerta every morning.", "18mg Concerta"),
        ("Jude Price\tMovicol 5ml\t12:15", "Movicol 5ml"),
        ("She has started sertraline.", "sertraline"),
        ("He takes omeprazole before breakfast.", "omeprazole"),
        ("Freddie's methylphenidate has been increased.", "methylphenidate"),
        ("She can have 2 tablets of paracetamol after lunch.", "2 tablets of paracetamol"),
        ("Ben uses Fostair, one puff twice a day.", "Fostair, one puff"),
        ("Archie now takes Ritalin at break.", "Ritalin"),
        # A modified-release mark between name and dose; a weight of an everyday word.
        ("We have received Medikinet XL 20mg for the residential.", "Medikinet XL 20mg"),
        ("Noah's melatonin 3mg is in the office.", "melatonin 3mg"),
    ],
)
def test_a_medicine_is_known_by_its_dose_or_stem(text: str, medicine: str) -> None:
    assert medicine in _texts(text, medicine_spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "Add 5ml of vanilla essence to the mixture and stir.",
        "The recipe needs 250ml of milk and two eggs per table.",
        "She drank 500ml of water after the run.",
        "Water bottle 500ml, sun cream and a hat.",  # millilitres measure bottles too
        "Each group will share two tablets for the coding session.",
        "Ms Cole prescribed extra reading for the whole class.",
        "He scored 18 out of 20 on his spelling test in April.",
        "Mr Patel takes Amelia to the bus stop.",  # a name after "takes" is a person
    ],
)
def test_doses_of_ordinary_things_are_not_medicines(text: str) -> None:
    assert medicine_spans(text) == []


def test_cells_under_a_special_heading_are_candidates() -> None:
    table = "Name\tClass\tAllergies\tTeam\nAva Smith\t3B\tnut - epipen\tred\nLeo Jones\t3B\tnone\tblue\nMia Cole\t3B\t\tred"
    assert _texts(table, table_heading_spans(table)) == ["nut - epipen"]
    flags = "Surname\tForename\tSEN\tFSM\tEAL\nCarr\tEthan\tK\tY\tY\nOwen\tLily\tN\tN\tN"
    # A flag ("K", "Y") makes the heading the finding; EAL (English as an additional
    # language) is not a special category.
    assert _texts(flags, table_heading_spans(flags)) == ["FSM", "SEN"]
    sen = flags.index("SEN")
    assert [flags[a:b] for a, b in flagged_rows(flags, sen, sen + 3)] == ["Carr\tEthan\tK\tY\tY"]
    plain = "Name\tClass\tTeam\nAva Smith\t3B\tred"
    assert table_heading_spans(plain) == []


def test_a_table_ends_at_a_line_without_cells() -> None:
    text = "Name\tMedical\nAva Smith\tasthma\n\nThanks\nDate\tPlace\n12 May\tDover"
    assert _texts(text, table_heading_spans(text)) == ["asthma"]


@pytest.mark.parametrize(
    ("text", "label", "empty"),
    [
        ("Medical needs:\nAllergies: none\nDietary requirements:", "Medical needs", True),
        ("Medical needs:\nAllergies: none\nDietary requirements:", "Allergies", True),
        ("Allergies: N/A", "Allergies", True),
        ("Medical conditions: none known\n", "Medical conditions", True),
        ("Allergies: nuts and sesame", "Allergies", False),
        ("Medical needs:\nShe has asthma and carries an inhaler.", "Medical needs", False),
        ("Olivia Smith - SEN, EHCP", "SEN", False),
    ],
)
def test_a_label_with_nothing_after_it(text: str, label: str, empty: bool) -> None:
    end = text.index(label) + len(label)
    assert is_empty_label(text, end) is empty


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Yusuf is fasting this month so he will sit out of PE.", "fasting"),
        ("Esther goes to synagogue on Saturday mornings.", "synagogue"),
        ("Eli won't eat the ham because his family keep kosher.", "kosher"),
        ("Mr Hussain will leave early on Friday for Jummah prayers.", "Jummah prayers"),
        ("Jayden is doing Lexia three times a week.", "Lexia"),
        ("Alfie has started in the nurture group on Tuesdays.", "nurture group"),
        ("Mia is entitled to a reader in her exams.", "reader"),
        ("Theo has 30mg Elvanse with breakfast.", "30mg Elvanse"),
        ("Name\tAllergies\nAva Smith\tnut - epipen", "nut - epipen"),
        ("UPN\tName\tFSM\tPP\nJ886311216039\tChantelle Richards\tY\tN", "FSM"),
    ],
)
def test_practice_interventions_and_medicines_about_a_person(found, text: str, phrase: str) -> None:
    assert any(phrase in hit for hit in found(text, "SPECIAL_CATEGORY")), found(text, "SPECIAL_CATEGORY")


@pytest.mark.parametrize(
    "text",
    [
        "The canteen offers a halal option every day.",
        "Year 4 are visiting the mosque as part of their RE unit.",
        "Happy Diwali to all our families celebrating this weekend!",
        "All our meat is halal.",
        "The nurture group room is being repainted over half term.",
        # Abbreviated days in a timetable are not people.
        "Mon: Reception & Y1 | Tue: Y2 | Wed: nurture group | Thu: Y3-4 | Fri: open.",
        "Add 5ml of vanilla essence to the mixture and stir.",
        "Medical needs:\nAllergies: none\nDietary requirements:",
        "Name\tClass\tAllergies\nAva Smith\t3B\tnone\nLeo Jones\t3B\tn/a",
        "UPN\tName\tFSM\tPP\nJ886311216039\tChantelle Richards\tN\tN",
        "Pupils must not bring medicines into school without a signed form.",
    ],
)
def test_about_no_one_is_not_special_category(found, text: str) -> None:
    assert found(text, "SPECIAL_CATEGORY") == []
