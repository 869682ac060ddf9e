"""Names in lines written all in capitals (service/detect/recognizers/_caps_lines.py):
subjects and headings that name a pupil by the line's structure, and capital lines with
the same words that name no one."""

import json
import time
from pathlib import Path

import pytest

from service import cli
from service.detect.recognizers import _caps_lines as caps
from service.detect.recognizers.person import _is_common_word, could_be_name, is_known_first_name, is_known_name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # First names that are also words, in a name position.
        ("LATE COLLECTION - FAITH 6B", ["FAITH"]),
        ("HEAD BUMP - YEAR 1 HOPE", ["HOPE"]),
        ("WILL 5T - MISSING READING BOOK", ["WILL"]),
        ("TRIP LETTER FOR ROWAN 3M", ["ROWAN"]),
        ("Subject: FIRST AID - SUMMER YR2\nHi, see the note.", ["SUMMER"]),
        # Joined by AND to a name found in the line.
        ("RE: ATTENDANCE - EVIE AND OSCAR BRADSHAW", ["EVIE", "OSCAR BRADSHAW"]),
        # A possessive ends the line's name.
        ("FW: ZAINAB'S REPORT", ["ZAINAB"]),
    ],
)
def test_names_in_capital_lines(found, text: str, names: list[str]) -> None:
    assert found(text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        "FAITH SCHOOLS CONFERENCE",
        "HOPE FOR THE FUTURE APPEAL",
        "WILL YOU HELP AT THE DISCO?",
        "RIVER WALK - YEAR 5",
        "YEAR 4 AND 5 NETBALL",
        "HUNTER BOOTS FOR THE ALLOTMENT",
        "MAYOR'S CHARITY QUIZ",
        "SUMMER CONCERT - YEAR 2",
        "KIT LIST - 4B",
        "SWIMMING LESSONS - YEAR 3",
        "ROWAN AND BIRCH CLASSES - SWIMMING",
    ],
)
def test_capital_lines_that_name_no_one(found, text: str) -> None:
    assert found(text, "PERSON") == []


@pytest.mark.xfail(reason="a first name before a word that is not a common one reads as a full name", strict=True)
def test_a_first_name_naming_a_thing_before_an_uncommon_word(found) -> None:
    assert found("LIBERTY BODICE DISPLAY - MUSEUM TRIP", "PERSON") == []


def test_lines_with_lower_case_are_left_to_the_other_rules() -> None:
    assert caps.caps_lines("Absence - Year 4 Faith") == ()
    assert len(caps.caps_lines("Subject: ABSENCE - YEAR 4 FAITH\nDear Mrs Ali")) == 1


def test_a_relation_word_inside_a_word_is_not_a_relation(found) -> None:
    # "SW" (social worker) before a name, not the start of "SWIMMING".
    assert found("OAK CLASS - SWIMMING", "PERSON") == []
    assert found("Sonia's mum rang", "PERSON") == ["Sonia"]


def test_hostile_input_is_bounded() -> None:
    texts = [
        ("ABSENCE - YEAR 4 FAITH AND HOPE AND " * 400 + "\n") * 400,
        ("A 1B " * 50_000),
        ("AND " * 100_000),
        "X" * 500_000,
    ]
    for text in texts:
        start = time.perf_counter()
        spans = caps.caps_line_names(text, could_be_name, is_known_first_name, _is_common_word, [(0, 4)])
        for a, b, _ in spans[:50]:
            caps.doubtful_caps_word(text, a, b, is_known_name, is_known_first_name, _is_common_word, [])
        assert time.perf_counter() - start < 2.0


@pytest.mark.spacy
@pytest.mark.parametrize(
    ("subject", "verdict"),
    [("MEDICINE FORM - ROWAN 2B", "WARN"), ("PARENTS EVENING - YEAR 4", "ALLOW")],
)
def test_the_subject_rule_reads_capital_subjects(tmp_path, capsys, subject: str, verdict: str) -> None:
    example = Path(__file__).parents[2] / "examples" / "07-internal-referral.json"
    request = json.loads(example.read_text(encoding="utf-8"))
    request["message"].update(
        subject=subject, body={"content": "Hi, please see the attached. Thanks", "type": "text"}, attachments=[]
    )
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(request), encoding="utf-8")
    cli.main(["scan", str(draft)])
    out = capsys.readouterr().out
    assert f"{draft}: {verdict}" in out
    assert ("subject-personal-data" in out) == (verdict == "WARN")


def test_a_subject_label_does_not_make_a_capitals_name_an_acronym(detector) -> None:
    """'Subject:' has lower case of its own; the line after it is all capitals."""
    text = "Subject: MEDICINE FORM - ROWAN 2B\nhi, please can Rowan have his inhaler at lunch"
    names = [e.text for e in detector.analyze(text) if e.type.value == "PERSON"]
    assert "ROWAN" in names
