"""PERSON through PresidioDetector on the shipped pipeline, and the title and common-word rules alone."""

import pytest

from service.detect.analyzer import PresidioDetector
from service.detect.nlp import load_pipeline
from service.detect.recognizers.person import (
    PersonRecognizer,
    capitals_say_nothing,
    common_words,
    is_common_words_span,
    known_names,
    titled_names,
)
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


# -- common words the NER takes for a name (pure: no spaCy) -------------------------

def span_of(text: str, part: str) -> tuple[str, int, int]:
    start = text.index(part)
    return text, start, start + len(part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Files for you", "Files"),
        ("Proof of address", "Proof"),
        ("RE: Reason for absence", "Reason"),
        ("Fwd: EXAM ENTRIES - LATE FEES", "EXAM ENTRIES"),
        ("keys for the minibus", "keys"),
        ("Subject: Staff meeting\nHi all, see you there.", "Staff"),
        ("Thanks.\nAgenda: 1. Apologies", "Agenda"),
        ("The room is booked. Tea and biscuits provided!", "Tea"),
    ],
)
def test_common_words_where_capitals_say_nothing_are_dropped(text: str, part: str) -> None:
    assert is_common_words_span(*span_of(text, part))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Re: jayden late again", "jayden"),
        ("MEETING RE ANAHERA NGATA", "ANAHERA NGATA"),
        ("Tinashe's reading book", "Tinashe"),
        # Known names are kept even when they are also words.
        ("Faith's reading book", "Faith"),
        ("Hope - collection today", "Hope"),
        # A common word with a name beside it is a name.
        ("Miles Pettigrew reference", "Miles Pettigrew"),
        # In the middle of a body sentence a capital is the writer's choice: left to the NER.
        ("Hi all,\nthe notes are with Reason in the office.", "Reason"),
    ],
)
def test_names_and_informative_capitals_are_kept(text: str, part: str) -> None:
    assert not is_common_words_span(*span_of(text, part))


def test_where_capitals_say_nothing() -> None:
    assert capitals_say_nothing("Files for you", 0)
    assert capitals_say_nothing("Year 6 residential - Kingswood", 23)  # a one-line text: a subject
    assert capitals_say_nothing("x\n> Subject: RE: FW: Files\n", 21)
    body = "Dear all,\nplease ask Reason. Staff can help."
    assert not capitals_say_nothing(body, body.index("Reason"))
    assert capitals_say_nothing(body, body.index("Staff"))


def test_word_lists_are_real_and_names_are_not_common_words() -> None:
    words, names = common_words(), known_names()
    assert len(words) > 30_000 and len(names) > 2_000
    assert {"files", "proof", "reason", "staff", "invoice", "the"} <= words
    # People capitalise names, so almost no name is "common" by the list's own test.
    assert not {"jayden", "liam", "amara", "zainab", "oliwia", "tinashe", "hiroshi"} & words
    assert len(names & words) / len(names) < 0.05


@pytest.mark.spacy
@pytest.mark.parametrize(
    "subject",
    ["Files for you", "Proof of address", "Reason for absence", "Staff meeting moved to Thursday",
     "RE: Invoice 2231", "EXAM ENTRIES - LATE FEES", "keys for the minibus", "Fwd: Merits - Year 3"],
)
def test_subjects_without_names_give_no_person(person_detector: PresidioDetector, subject: str) -> None:
    assert names(person_detector, subject) == []


@pytest.mark.spacy
@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Amara Okafor - medical", ["Amara Okafor"]),
        ("jayden smith behaviour", ["jayden smith"]),
        ("MEETING RE LIAM O'CONNOR", ["LIAM O'CONNOR"]),
        ("Update on Oliwia", ["Oliwia"]),
        ("Re: Tinashe Chiwenga - medical form", ["Tinashe Chiwenga"]),
        ("Faith's reading book", ["Faith"]),
    ],
)
def test_subjects_with_names_keep_them(
    person_detector: PresidioDetector, subject: str, expected: list[str]
) -> None:
    assert names(person_detector, subject) == expected


@pytest.mark.parametrize(
    ("text", "not_names"),
    [
        # Lower-case words never make a name with a common capitalised word.
        ("Thursday Sausage and mash Jelly and fruit", ["mash", "Jelly"]),
        # Table cells start with a capital whatever they hold.
        ("Hazard\tWho is at risk\tControl measures\tResponsible\nTool use\tPupils\tgloves, tools counted in and out", ["Control measures", "gloves", "tools"]),
        ("Thu 3 April: Easter bonnet parade. Fri 4 April: last day of term.", ["Thu", "Fri"]),
    ],
)
def test_document_furniture_is_not_a_name(detector: PresidioDetector, text: str, not_names: list[str]) -> None:
    names = [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]
    for word in not_names:
        assert not any(word in n for n in names), (word, names)


def test_lower_case_words_run_into_a_name_are_trimmed_not_the_name_dropped() -> None:
    from presidio_analyzer import RecognizerResult

    from service.detect.recognizers.person import _trim_lower_case

    text = "Right to work check Bogdan Ilie - passport seen"
    start = text.index("check")
    trimmed = _trim_lower_case(text, RecognizerResult("PERSON", start, text.index(" -"), 0.85))
    assert trimmed is not None and text[trimmed.start : trimmed.end] == "Bogdan Ilie"
    text = "Ana de Souza joined"
    kept = _trim_lower_case(text, RecognizerResult("PERSON", 0, 12, 0.85))
    assert kept is not None and text[kept.start : kept.end] == "Ana de Souza"
    text = "Sausage and mash Jelly and fruit"
    assert _trim_lower_case(text, RecognizerResult("PERSON", text.index("mash"), text.index(" and fruit"), 0.85)) is None


def test_named_places_and_bodies_are_not_people(detector: PresidioDetector) -> None:
    text = "The Year 6 trip to Dover Castle is paid to Lloyds Bank. Jakub Nowak will bring the form."
    names = [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]
    assert "Jakub Nowak" in names
    assert not any("Castle" in n or "Bank" in n for n in names)


def test_shouted_common_words_are_trimmed_from_a_name() -> None:
    from presidio_analyzer import RecognizerResult

    from service.detect.recognizers.person import _trim_lower_case

    text = "PLEASE NOTE JAYDEN CLARKE WILL BE COLLECTED"
    start = text.index("NOTE")
    trimmed = _trim_lower_case(text, RecognizerResult("PERSON", start, text.index(" WILL"), 0.85))
    assert trimmed is not None and text[trimmed.start : trimmed.end] == "JAYDEN CLARKE"
    assert _trim_lower_case("STAFF MEETING", RecognizerResult("PERSON", 0, 13, 0.85)) is None


def test_lower_case_words_that_are_also_names_are_words(detector: PresidioDetector) -> None:
    text = "They've both said sorry and will shake hands; by the grace of the dinner staff it ended well."
    names = [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]
    assert names == []


def test_a_spaced_dash_ends_a_name() -> None:
    from presidio_analyzer import RecognizerResult

    from service.detect.recognizers.person import _trim_title

    text = "Siddharth Patel - Cleaner"
    trimmed = _trim_title(text, RecognizerResult("PERSON", 0, len(text), 0.85))
    assert trimmed is not None and text[trimmed.start : trimmed.end] == "Siddharth Patel"


def test_characters_and_historical_figures_are_not_third_parties(detector: PresidioDetector) -> None:
    text = (
        "Year 9 are reading Romeo and Juliet: Mercutio and Benvolio in Act 3. Year 2 topic: Mary Seacole "
        "and Florence Nightingale. Olivia Kowalska has finished her essay."
    )
    names = [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]
    assert names == ["Olivia Kowalska"]


def test_a_pupil_who_shares_a_characters_first_name_is_still_a_name(detector: PresidioDetector) -> None:
    names = [e.text for e in detector.analyze("Juliet Adeyemi was absent today.") if e.type is EntityType.PERSON]
    assert names == ["Juliet Adeyemi"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Year 6 residential - Kingswood", None),
        ("The coach to Canterbury leaves at 8.", None),
        ("Kai Ashworth moved to Canterbury in June.", "Kai Ashworth"),
    ],
)
def test_uk_towns_after_a_place_cue_are_places(detector: PresidioDetector, text: str, name: str | None) -> None:
    names = [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]
    assert names == ([name] if name else [])


def test_mr_men_and_little_miss_are_books(detector: PresidioDetector) -> None:
    assert [e.text for e in detector.analyze("Mr Men & Little Miss Day!!") if e.type is EntityType.PERSON] == []
    assert [e.text for e in detector.analyze("Miss Day will take the register.") if e.type is EntityType.PERSON] == ["Day"]


# -- public figures and characters by the words around them (service/context/public_figures.py) --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names in no list: the context alone says they are an author, a figure and a character.
        ("Subject: Book club\nWe finish The Lantern Road by Halina Brzeska this week. Thanks, Amara", ["Amara"]),
        ("Subject: Y4 homework\nFind out three facts about Ignatius Okonjo (1729-1780) for Monday. "
         "Kacper Nowak (4B) has the sheet.", ["Kacper Nowak"]),
        ("Subject: English Y11\nRevision: how does Stevenson present Utterson? Use Lanyon's letter.", []),
        ("Well done to Priya Sandhu, whose poem in the style of Benjamin Zephaniah won the prize.", ["Priya Sandhu"]),
    ],
)
def test_figures_and_characters_by_their_context(detector: PresidioDetector, text: str, expected: list[str]) -> None:
    assert names(detector, text) == expected


def test_a_pupil_named_after_a_figure_stays_a_name(detector: PresidioDetector) -> None:
    text = "Subject: Science homework\nIsaac Newton was born in 1643. Isaac in 5B was proud to share his name."
    assert names(detector, text) == ["Isaac"]
