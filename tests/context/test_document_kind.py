"""Teaching and planning material is not a record about people (issue 12)."""

import base64
import io

import docx
import pytest

from service.context.document_kind import NAMED_SCORE, DocumentKind, classify_document, in_context
from service.detect.recognizers.special_category import SpecialCategoryRecognizer
from service.detect.types import DetectedEntity
from service.scanner import Scanner
from service.schemas import EntityType
from service.schemas.scan import ScanRequest

LESSON = (
    "Year 9 English - Of Mice and Men\n"
    "Learning objective: explore how Steinbeck presents Lennie and George.\n"
    "Starter: recap chapter 2.\n"
    "Main activity: Lennie has a learning disability; how does George protect him?\n"
    "Plenary: exit ticket."
)
READING_LIST = (
    "Year 8 summer reading\n"
    "Wonder by R.J. Palacio - Auggie has a facial difference.\n"
    "The Curious Incident of the Dog in the Night-Time by Mark Haddon - Christopher is autistic.\n"
    "The Diary of a Young Girl by Anne Frank - Anne was Jewish and hid from the Nazis.\n"
)
RISK = (
    "Trip risk assessment: Year 5 to the Wildlife Park\n"
    "Hazard: pupils with asthma or allergies\n"
    "Control measures: inhalers and EpiPens carried by the group leader\n"
    "Likelihood: low. Severity: high."
)


@pytest.mark.parametrize(
    ("name", "text", "is_a_file", "kind"),
    [
        ("Y9 lesson plan - Of Mice and Men.docx", LESSON, True, DocumentKind.LESSON_PLAN),
        ("Notes.docx", LESSON, True, DocumentKind.LESSON_PLAN),  # by its headings alone
        ("Year 8 reading list", READING_LIST, False, DocumentKind.READING_LIST),
        ("SoW_PSHE_autumn.pdf", "Week 1: friendships\nWeek 2: mental health", True, DocumentKind.SCHEME_OF_WORK),
        ("Trip RA.docx", RISK, True, DocumentKind.RISK_ASSESSMENT),
        ("Spring newsletter", "Dates for your diary\nHeadteacher's message\nEid Mubarak!", False, DocumentKind.NEWSLETTER),
        ("Behaviour policy.pdf", "1. Purpose\n2. Scope\n3. Roles and responsibilities", True, DocumentKind.POLICY),
        ("Reminder", "Child protection training for all staff on Wednesday.\nVenue: the hall", False,
         DocumentKind.TRAINING_NOTICE),
        # A curriculum letter to families: historical figures are a topic.
        ("Year 2 Summer topic - Significant People",
         "Dear Year 2 families,\nThis term our history topic is Significant People. We will be learning about "
         "Grace Darling, Florence Nightingale and Mary Seacole.", False, DocumentKind.SCHEME_OF_WORK),
        ("Jack's progress",
         "Dear Mrs Smith,\nI am writing about your son Jack. This term we will learn about fractions, "
         "and Jack will have extra support for his dyslexia.", False, DocumentKind.ABOUT_PEOPLE),
        # Records about people win, whatever the name says.
        ("Class register 5B.xlsx", "Name\tDOB\tClass\nJack Smith\t01/02/2015\t5B", True, DocumentKind.ABOUT_PEOPLE),
        ("Care plan - Mia.docx", "Pupil name: Mia\nMedical condition: epilepsy", True, DocumentKind.ABOUT_PEOPLE),
        ("lesson plan.docx", "Pupil name: Jack Smith\nDate of birth: 01/02/2015\nDiagnosis: ADHD", True,
         DocumentKind.ABOUT_PEOPLE),
        # A subject alone says too little: ordinary mail stays ordinary.
        ("Re: training day cover", "Jack's mum is starting chemo on Monday so he may be upset.", False,
         DocumentKind.CORRESPONDENCE),
        ("Jack", "Hi, Jack has been off with flu. Thanks", False, DocumentKind.CORRESPONDENCE),
    ],
)
def test_classify_document(name: str, text: str, is_a_file: bool, kind: DocumentKind) -> None:
    assert classify_document(name, text, name_is_a_file=is_a_file) is kind


def test_identifiers_make_a_record_about_people() -> None:
    text = "Lesson plan\nLearning objective: fractions\nStarter: 5 minutes"
    upn = DetectedEntity(EntityType.UK_UPN, 0, 5, 0.9, "A1234")
    assert classify_document("plan.docx", text) is DocumentKind.LESSON_PLAN
    assert classify_document("plan.docx", text, [upn]) is DocumentKind.ABOUT_PEOPLE


def test_a_file_named_after_the_person_its_heading_names_is_about_them() -> None:
    text = "Practice record - Lena Okafor (6S), flute\nWeek 1: 15 minutes a day, scales\nWeek 2: 20 minutes a day"
    person = _entity(text, "Lena Okafor", EntityType.PERSON)
    assert classify_document("practice_record_Lena_Okafor.txt", text, [person]) is DocumentKind.ABOUT_PEOPLE
    # The weeks alone, or a name the file is not named after, still read as a plan.
    assert classify_document("flute_practice_plan.txt", text, [person]) is DocumentKind.SCHEME_OF_WORK


def _entity(text: str, value: str, kind: EntityType, score: float = 0.85) -> DetectedEntity:
    start = text.index(value)
    return DetectedEntity(kind, start, start + len(value), score, value)


def test_teaching_material_drops_characters_and_topics_but_keeps_a_support_note() -> None:
    text = LESSON + "\n\nDifferentiation: Jack (ADHD) to sit near the front."
    entities = [
        _entity(text, "Lennie", EntityType.PERSON),
        _entity(text, "learning disability", EntityType.SPECIAL_CATEGORY, NAMED_SCORE),
        _entity(text, "Jack", EntityType.PERSON),
        _entity(text, "ADHD", EntityType.SPECIAL_CATEGORY, NAMED_SCORE),
    ]
    kept = in_context(DocumentKind.LESSON_PLAN, text, entities)
    assert [e.text for e in kept] == ["Jack", "ADHD"]


def test_planning_material_keeps_names_and_named_facts_only() -> None:
    text = RISK + "\nJack Smith: asthma, inhaler in his bag.\nLeader: Mr Hughes"
    entities = [
        _entity(text, "asthma", EntityType.SPECIAL_CATEGORY, SpecialCategoryRecognizer.REFERRED_SCORE),
        _entity(text, "Jack Smith", EntityType.PERSON),
        _entity(text, "asthma, inhaler", EntityType.SPECIAL_CATEGORY, NAMED_SCORE),
        _entity(text, "Hughes", EntityType.PERSON),
    ]
    kept = in_context(DocumentKind.RISK_ASSESSMENT, text, entities)
    assert [e.text for e in kept] == ["Jack Smith", "asthma, inhaler", "Hughes"]


def test_records_and_correspondence_keep_everything() -> None:
    text = "Jack has asthma."
    entities = [_entity(text, "Jack", EntityType.PERSON), _entity(text, "asthma", EntityType.SPECIAL_CATEGORY)]
    for kind in (DocumentKind.ABOUT_PEOPLE, DocumentKind.CORRESPONDENCE):
        assert in_context(kind, text, entities) == entities


def test_the_named_score_is_the_recognizers() -> None:
    assert NAMED_SCORE == SpecialCategoryRecognizer.NAMED_SCORE


# --- through the scanner ---------------------------------------------------------

EXTERNAL = [{"address": "bookings@wildlifepark.co.uk", "name": "Bookings"}]


def _request(subject: str, body: str, attachments: list[dict] | None = None) -> ScanRequest:
    return ScanRequest.model_validate({"message": {
        "subject": subject, "body": {"content": body, "type": "text"},
        "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
        "to": [{"address": "a.reader@gmail.com", "name": "Ann Reader"}],
        "attachments": attachments or [],
    }})


def _docx(text: str) -> str:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return base64.b64encode(out.getvalue()).decode()


def _attachment(name: str, text: str) -> dict:
    return {
        "name": name,
        "content_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "size": 1000,
        "content_base64": _docx(text),
    }


def test_a_reading_list_to_a_parent_is_allowed(scanner: Scanner) -> None:
    result = scanner.scan(_request("Year 8 reading list", READING_LIST))
    assert result.action == "allow", result.findings


def test_a_lesson_plan_attachment_is_allowed(scanner: Scanner) -> None:
    body = "Hi Ann,\n\nHere is the lesson plan for your visit on Thursday.\n\nTom"
    result = scanner.scan(_request("Visit", body, [_attachment("Y9 lesson plan - Of Mice and Men.docx", LESSON)]))
    assert "special-category-external" not in {f.rule for f in result.findings}
    assert result.action != "block"


def test_a_care_plan_called_a_plan_still_blocks(scanner: Scanner) -> None:
    care = "Pupil name: Mia Kowalski\nDate of birth: 03/04/2016\nMedical condition: epilepsy, buccal midazolam"
    body = "Hi Ann,\n\nMia's plan is attached.\n\nTom"
    result = scanner.scan(_request("Plan", body, [_attachment("Mia plan.docx", care)]))
    assert result.action == "block"


def test_a_support_note_in_a_lesson_plan_still_counts(scanner: Scanner) -> None:
    plan = LESSON + "\n\nDifferentiation: Jack Smith has ADHD and sits near the front."
    result = scanner.scan(_request("Visit", "Plan attached.", [_attachment("lesson plan.docx", plan)]))
    assert "special-category-external" in {f.rule for f in result.findings}


def test_the_detector_reads_a_texts_own_subject_line(detector) -> None:  # type: ignore[no-untyped-def]
    """`sendguard analyze` on a lesson plan: its topic words are about no one; a note about a pupil still is."""
    plan = "Subject: Y9 English lesson plan - Of Mice and Men\n" + LESSON
    assert [e for e in detector.analyze(plan) if e.type is EntityType.SPECIAL_CATEGORY] == []
    note = "Subject: Lennie\nLennie has a learning disability and needs a reader in exams."
    # Since session 7 an exam reader for a named pupil (an access arrangement) is found too.
    found = [e.text for e in detector.analyze(note) if e.type is EntityType.SPECIAL_CATEGORY]
    assert found == ["learning disability", "reader"]


# --- heading patterns tried at line starts only (bench.attachments speed work) ------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from service.context.document_kind import (  # noqa: E402
    _ABOUT_PEOPLE_LINES,
    _HEADINGS,
    _count_at_line_starts,
    _line_starts,
)

_PIECES = [
    "\n", "\n\n", " ", "\t", "- ", "1. ", "# ", "Learning objectives", "learning\nobjectives", "Hazard", "hazards:",
    "Lesson 3", "Week 2: ", "policy", "Scope", "training", "staff training\n", "Date: training day",
    "Wonder by R.J. Palacio - ", "by Louis Sachar (1998)", "Pupil name:", "DOB", "present\tabsent", "Dear Mrs ",
    "newsletter", "the plenary", "Starter", "x", "Unit 4", "risk\nassessment",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_counting_at_line_starts_is_findall(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts = _line_starts(text)
    assert starts == [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for pattern in [p for _, p in _HEADINGS] + [_ABOUT_PEOPLE_LINES]:
        for most in (1, 2, 3, 1000):
            assert _count_at_line_starts(pattern, text, starts, most) == min(len(pattern.findall(text)), most)


def test_counting_at_line_starts_skips_what_a_match_ran_over() -> None:
    # "[\s#*...]*" runs over blank lines: the match starting on the first blank line takes
    # the heading, and the heading's own line start is not counted again.
    pattern = dict(_HEADINGS)[DocumentKind.RISK_ASSESSMENT]
    text = "\n\n\nHazard\nhazard\nnone here"
    assert _count_at_line_starts(pattern, text, _line_starts(text), most=10) == 2 == len(pattern.findall(text))


def test_what_the_head_says_is_reused_but_the_name_and_entities_still_count() -> None:
    """The head's weights are worked out once a text; each call still adds its own name."""
    text = "Trip to the farm\nHazard: the pond\nNotes for staff"
    assert classify_document("Y2 farm risk assessment.docx", text) is DocumentKind.RISK_ASSESSMENT
    assert classify_document("farm.docx", text) is DocumentKind.CORRESPONDENCE  # one heading is not enough
    assert classify_document("Y2 farm risk assessment.docx", text) is DocumentKind.RISK_ASSESSMENT
    dob = DetectedEntity(EntityType.DATE_OF_BIRTH, 0, 4, 0.9, "Trip")
    assert classify_document("Y2 farm risk assessment.docx", text, [dob]) is DocumentKind.ABOUT_PEOPLE
