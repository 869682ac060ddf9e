"""Names in tables, rotas, registers, cast lists and "Present:" lines: a column or list
where several cells are names makes its other name-shaped cells names; a header or label
that names people does the same; columns of subjects, places, kit and prices do not."""

import pytest

from service.detect.analyzer import PresidioDetector
from service.detect.recognizers._name_tables import table_name_spans
from service.detect.recognizers._person_evidence import lower_case_line
from service.detect.recognizers.person import could_be_name, is_known_first_name
from service.schemas.entities import EntityType


def from_tables(text: str, found: list[str] = ()) -> list[str]:
    """The cells the table rule adds, given names already found (by their text)."""
    spans = []
    for name in found:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return [text[a:b] for a, b, _ in table_name_spans(text, spans, could_be_name, is_known_first_name, lower_case_line)]


# -- the rule alone (no spaCy) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        # A list after a label, two of its items names by a known first name: the third too.
        ("Pen licences awarded: Arthur Bell, Bea Cross, Chloe Dunn", [], ["Arthur Bell", "Bea Cross", "Chloe Dunn"]),
        # The NER's names vouch for the column; the unknown one joins them.
        ("Monday\tXanthe Quell\nTuesday\tYorick Pell\nWednesday\tZebedee Wrayford",
         ["Xanthe Quell", "Yorick Pell"], ["Zebedee Wrayford"]),
        # "Present:" names its list; a title is left out of the name.
        ("Present: Cllr Terence Mould, Beverley Onions\nApologies: Gurpreet Gill",
         [], ["Terence Mould", "Beverley Onions", "Gurpreet Gill"]),
        # A CSV export headed as names, typed in lower case.
        ("surname,forename,year,class\nokonjo,chidi,5,5M\npetrescu,ana,5,5M",
         [], ["okonjo", "chidi", "petrescu", "ana"]),
        # "SURNAME, First" stays one cell; the class code column is not a name.
        ("ASHWORTH, Milly\t6P\nBAPTISTE, Jordan\t6P\nCZARNECKA, Lena\t6P",
         [], ["ASHWORTH, Milly", "BAPTISTE, Jordan", "CZARNECKA, Lena"]),
        # A bracket and a leading number are left out.
        ("1. Harriet Olsen (Year 13)\n2. Isaac Mbatha (Year 12)", [], ["Harriet Olsen", "Isaac Mbatha"]),
    ],
)
def test_columns_and_lists_of_names(text: str, found: list[str], expected: list[str]) -> None:
    assert sorted(from_tables(text, found)) == sorted(n for n in expected if n not in found)


@pytest.mark.parametrize(
    "text",
    [
        "Mon\tMaths\tEnglish\tScience\nTue\tHistory\tFrench\tArt",
        "Kit list\nWaterproof coat\nWellies\nSleeping bag\nTorch",
        "Cheese toastie\t£1.80\nFruit pot\t£0.90\nFlapjack\t£0.75",
        "Towns for the fieldwork: Maidstone, Ashford, Rochester, Sevenoaks, Tonbridge",
        "Present: all governors\nApologies: none received",
        "Group 1: Lions\nGroup 2: Tigers\nGroup 3: Elephants",
        "Lunch duty\nMon  Carla Benedetti      Playground\nTue  Gareth Pugh      Hall\nWed  Shabnam Hussain      Field",
    ],
)
def test_columns_of_other_things_give_no_new_name(text: str) -> None:
    found = [n for n in ("Carla Benedetti", "Gareth Pugh", "Shabnam Hussain") if n in text]
    assert from_tables(text, found) == []


def test_one_name_alone_does_not_make_a_column_of_names() -> None:
    # Only one cell is a name by other evidence: the others stay as they are.
    assert from_tables("Monday\tXanthe Quell\nTuesday\tYorick Pell\nWednesday\tZebedee Wrayford", ["Xanthe Quell"]) == []


def test_long_texts_are_bounded() -> None:
    row = "Arthur Bell\tChloe Dunn\tBea Cross\n"
    text = row * 5000  # far more lines than the rule reads
    spans = table_name_spans(text, [], could_be_name, is_known_first_name, lower_case_line)
    assert spans and max(e for _, e, _ in spans) <= len(row) * 2000


# -- through the real detector -----------------------------------------------------------


def people(detector: PresidioDetector, text: str) -> list[str]:
    return [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]


def test_detector_finds_every_name_of_a_list(detector: PresidioDetector) -> None:
    text = "Minutes\nPresent: Cllr Terence Mould, Beverley Onions, Gurpreet Gill\nApologies: none"
    assert {"Terence Mould", "Beverley Onions", "Gurpreet Gill"} <= set(people(detector, text))


def test_detector_keeps_a_timetable_free_of_names(detector: PresidioDetector) -> None:
    text = "Subject: Timetable 9X\nMon\tMaths\tEnglish\tScience\tPE\nTue\tHistory\tFrench\tArt\tMaths"
    assert people(detector, text) == []


def test_headers_and_greetings_are_not_names() -> None:
    # The header row sits under a title line, in the same block as the rows.
    text = "Year 11 leavers\nUPN\tSurname\tForename\tClass\nA1\tHughes\tTilly\t11B\nA2\tJones\tCarwyn\t11B"
    added = from_tables(text, ["Tilly", "Carwyn"])
    assert "Forename" not in added and "Surname" not in added and "Hughes" in added
    text = "Subject: Diet request - Yusra\nHello,\nYusra Idris\nThanks,\nSam Okoro"
    assert "Hello" not in from_tables(text, ["Yusra Idris", "Sam Okoro"])


def test_sentences_do_not_vouch_for_a_column() -> None:
    text = "Thanks to Xanthe Quell and Yorick Pell for helping at the fair today.\nZebedee Wrayford"
    assert from_tables(text, ["Xanthe Quell", "Yorick Pell"]) == []


def test_a_form_of_different_labels_is_not_a_column() -> None:
    """'Name:', 'Company:', 'City:' lines hold different things: two names do not vouch for
    the firm and the town; numbered labels of one kind ('Table 1:', 'Table 2:') still do."""
    form = "Name: Xanthe Quell\nCompany: Brightwater Holdings\nCity: Wrexford\nContact: Yorick Pell"
    assert from_tables(form, ["Xanthe Quell", "Yorick Pell"]) == []
    tables = "Table 1: Xanthe Quell\nTable 2: Yorick Pell\nTable 3: Zebedee Wrayford"
    assert from_tables(tables, ["Xanthe Quell", "Yorick Pell"]) == ["Zebedee Wrayford"]


def test_a_run_of_full_names_inside_a_sentence_is_a_list_of_people() -> None:
    # Under half the items are name-shaped (a greeting, a clause, a time), but three full
    # names with known given names in a row are people whatever surrounds them.
    text = "Hi, the Thursday group for Ms Bishop is Reggie Cook, Hafsa Noor, Dylan Price and Mason Young, 3.20 in M4."
    assert from_tables(text) == ["Hafsa Noor", "Dylan Price", "Mason Young"]
    # Two are not a run.
    assert from_tables("Hi, the group for Ms Bishop is Reggie Cook, Hafsa Noor and Dylan Price, 3.20 in M4.") == []
