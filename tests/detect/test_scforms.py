"""Special category in forms, labelled fields and needs lists (_special_category_forms.py).

Real detector, real text (invented people): a special label's value is the span, not the
label; values that say nothing, language and nationality, "vegetarian", menus and blank
templates are about no one; bounded time on hostile input.
"""

import time
from collections.abc import Callable

import pytest

from service.detect.recognizers._special_category_forms import faith_food_in_named_lines, form_fields

Found = Callable[[str, str], list[str]]
SC = "SPECIAL_CATEGORY"


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Name: Amrit Sandhu\nDOB: 14/03/2016\nReligion: Sikh\nFirst language: Punjabi", ["Sikh"]),
        ("Pupil: Elif Kaya (Y4)\nEthnicity: Turkish\nHome language: Turkish", ["Turkish"]),
        ("Child's name: Tyrell Grant\nEthnic origin - White and Black Caribbean", ["White and Black Caribbean"]),
        ("Student: Maya Lindgren\nSEN status: K", ["SEN status: K"]),
        ("New starter: Oskar Berg\nEthnicity is White British", ["White British"]),
        ("Name: Ravi Sharma\tClass: 6T\nReligion:\tHindu", ["Hindu"]),
        ("Can you add Hamza Rauf to the lunch list? Dietary needs: halal.", ["halal"]),
        ("Name: Erin McCabe\nDietary requirements: gluten free (coeliac disease)", ["coeliac disease"]),
        ("Trip to Whitby - dietary needs\nEzra Cohen - kosher meals\nMaisie Hart - vegetarian", ["kosher meals"]),
        ("Name\tDiet\nAaron Levy\tkosher\nMia Dunn\tvegetarian", ["kosher"]),
        ("Name: Theo Marsh\nChild protection status: CP plan (neglect)", ["CP plan", "neglect"]),
    ],
)
def test_a_special_label_s_value_is_the_span(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, SC) == phrases


@pytest.mark.parametrize(
    "text",
    [
        "Admission form\nName:\nDate of birth:\nReligion:\nEthnicity:\nMedical conditions:\nDietary needs:",
        "Name: Ava Collins\nReligion: prefer not to say\nEthnicity: prefer not to say\nMedical conditions: none",
        "Name: Jude Parsons\nEthnicity: refused\nReligion: not known",
        "Name: Finn O'Leary\nAllergies: none\nMedication: n/a",
        "Name: Lucas Moreau\nFirst language: French\nNationality: French\nDietary: vegetarian",
        "School census summary\nEthnicity: White British 58%, Pakistani 14%, Indian 9%",
        "Lunch menu, week 2\nMonday: halal chicken curry or vegetable pasta\nTuesday: kosher option available on request",
        "Mrs Bright, please find the dietary list for the staff Christmas lunch: 12 vegetarian, 3 vegan, 2 halal, 1 kosher.",
        "Religion: Year 4 are visiting the gurdwara on Thursday as part of their RE unit.",
        "Name\tClass\tFirst language\nInes Duarte\t3P\tPortuguese\nPiotr Zielinski\t3P\tPolish",
    ],
)
def test_fields_about_no_one_are_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []


def test_a_labelled_value_with_terms_inside_keeps_the_terms_not_its_names(found: Found) -> None:
    text = "Medical: Arjun - nut allergy (EpiPen with Ms Iyer). Lina - asthma."
    assert found(text, SC) == ["nut allergy", "EpiPen", "asthma"]


def test_a_heading_row_is_not_a_label_with_a_value() -> None:
    assert form_fields("Religion\tEthnicity\nSikh\tIndian") == []


@pytest.mark.parametrize(
    "hostile",
    [
        "Religion: " + "a " * 20000,
        ("Medical: - - - ;" * 3000 + "\n") * 50,
        ("Ezra Cohen - " + "kosher " * 2000 + "\n") * 50,
        "Religion:" + "\t" * 50000,
        "Name - " * 30000,
    ],
)
def test_hostile_input_takes_bounded_time(hostile: str) -> None:
    started = time.perf_counter()
    form_fields(hostile)
    faith_food_in_named_lines(hostile)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Class\tName\tDietary/medical\n3B\tAaron Levy\tkosher\n3B\tMia Dunn\tvegetarian", ["kosher"]),
        ("Name\tAdditional needs\nJasmine Okoro\tdyspraxia, writing slope\nTom Reed\tnone", ["dyspraxia, writing slope"]),
        ("Name\tEthnic group\nKatya Ivanova\tWhite - Other\nSeun Bello\tBlack African", ["White - Other", "Black African"]),
    ],
)
def test_cells_under_special_and_food_headings(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, SC) == phrases


def test_a_menu_table_is_no_one_s_dietary_need(found: Found) -> None:
    assert found("Day\tMeal\nMonday\thalal chicken curry\nTuesday\tkosher option on request", SC) == []


def test_a_system_s_field_is_about_no_one(found: Found) -> None:
    text = 'The "Ethnicity" field on Arbor is now mandatory for all new starters; please do not leave it blank.'
    assert found(text, SC) == []


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Name: Amrit Sandhu\n**Religion:** Sikh", ["Sikh"]),
        ("Name: Amrit Sandhu\nEthnicity:\nIndian\nClass: 5B", ["Indian"]),
    ],
)
def test_bold_labels_and_values_on_the_next_line(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, SC) == phrases


def test_a_blank_template_s_next_label_is_not_a_value() -> None:
    assert all(f.value is None for f in form_fields("Religion:\nEthnicity:\nMedical conditions:\n"))


def test_a_heading_over_words_gives_way_to_its_cells_and_over_flags_is_the_span(found: Found) -> None:
    words = "Name\tClass\tReligion\nHarpreet Gill\t5B\tSikh\nAisha Begum\t5B\tMuslim"
    assert found(words, SC) == ["Sikh", "Muslim"]
    flags = "Name\tClass\tFSM\nHarpreet Gill\t5B\tY\nAisha Begum\t5B\t"
    assert found(flags, SC) == ["FSM"]
