"""PERSON through PresidioDetector on the shipped pipeline, and the title rule alone."""

import pytest

from service.detect.analyzer import PresidioDetector
from service.detect.nlp import load_pipeline
from service.detect.recognizers.person import PersonRecognizer, titled_names
from service.schemas.entities import EntityType
from service.settings import REPO_ROOT

MODEL_DIR = REPO_ROOT / "models" / "sendguard_en_sm"


@pytest.fixture(scope="module")
def person_detector() -> PresidioDetector:
    return PresidioDetector(load_pipeline(str(MODEL_DIR)), recognizers=[PersonRecognizer()])


def names(detector: PresidioDetector, text: str) -> list[str]:
    found = detector.analyze(text)
    for e in found:
        assert text[e.start : e.end] == e.text
    return [e.text for e in found if e.type == EntityType.PERSON]


# -- the title rule alone (no spaCy) -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mrs Okafor,", ["Okafor"]),
        ("dear mrs okafor", ["okafor"]),
        ("FAO MRS KOWALSKA", ["KOWALSKA"]),
        ("Mr. O'Connor-Hughes rang", ["O'Connor-Hughes"]),
        ("Dr Nwosu and Miss Wozniak", ["Nwosu", "Wozniak"]),
        ("Mr and Mrs Kavanagh", ["Kavanagh"]),
        ("Dear Sir or Madam", []),
        ("you will miss maths on friday", []),
        ("12 Oak dr Leeds", []),
        ("Mrs 5B", []),
    ],
)
def test_titled_names(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in titled_names(text)] == expected


# -- the recognizer on the real pipeline --------------------------------------------


@pytest.mark.spacy
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mrs Okafor,\nThank you for your email.", ["Okafor"]),
        ("Dear Mrs Amara Okafor,\nThank you for your email.", ["Amara Okafor"]),
        ("FAO MRS KOWALSKA - please call the school office.", ["KOWALSKA"]),
        ("Hi Sam,\nCan you cover Maths period 3?\nThanks", ["Sam"]),
        ("OLIVIA SMITH AND JACK BROWN WERE LATE TODAY", ["OLIVIA SMITH", "JACK BROWN"]),
        ("Re: olivia smith - behaviour", ["olivia smith"]),
        ("Amara Okafor, Jakub Nowak, Li Wei and Tadhg Kavanagh have not paid.",
         ["Amara Okafor", "Jakub Nowak", "Li Wei", "Tadhg Kavanagh"]),
        ("dear mr nwosu, hafsa was absent on monday. regards, ms duffy",
         ["nwosu", "hafsa", "duffy"]),
    ],
)
def test_finds_names_without_titles(person_detector: PresidioDetector, text: str, expected: list[str]) -> None:
    assert names(person_detector, text) == expected


@pytest.mark.spacy
@pytest.mark.parametrize(
    "text",
    [
        "Year 6 are reading Romeo and Juliet this term.",
        "The Ofsted visit is in May; reports go on Google Classroom and Arbor.",
        "St Mary's will send the SIMS export in June.",
        "Dear Sir or Madam, invoice INV-20394 is attached.",
        "Please don't miss Maths in Room 12 on Friday.",
    ],
)
def test_hard_negatives_give_no_person(person_detector: PresidioDetector, text: str) -> None:
    assert names(person_detector, text) == []


@pytest.mark.spacy
def test_scores_pass_the_default_threshold(person_detector: PresidioDetector) -> None:
    found = [e for e in person_detector.analyze("FAO Mrs Zielinski") if e.type == EntityType.PERSON]
    assert found and all(e.score >= 0.5 for e in found)


def test_initials_and_spans_with_digits_are_not_names(detector: PresidioDetector) -> None:
    for text in ("Referral for J.N. on Monday", "Notes for JN attached", "Report for A. B. is ready"):
        assert [e for e in detector.analyze(text) if e.type is EntityType.PERSON] == [], text
    found = [e.text for e in detector.analyze("Olga Ivanova - 07700 900311") if e.type is EntityType.PERSON]
    assert all(not any(c.isdigit() for c in name) for name in found)
