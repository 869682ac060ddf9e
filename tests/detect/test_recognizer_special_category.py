from collections.abc import Callable

import pytest

from service.detect.recognizers._special_category_terms import TOPICS

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Olivia has an EHCP and is on the SEN register.", ["EHCP", "SEN register"]),
        ("She is on a child protection plan.", ["child protection plan"]),
        (
            "Maisie has had a diagnosis of type 1 diabetes and uses an insulin pump.",
            ["type 1 diabetes", "insulin pump"],
        ),
        # Round 3: the classifier also reads the hospital admission as health about Harvey.
        ("Harvey Mills was taken to hospital last night. Possible concussion.",
         ["taken to hospital", "concussion"]),  # since scillness, the everyday-health phrase
        ("He's been referred to CAMHS.", ["CAMHS"]),
        ("Since I told him about my Crohn's disease he has ignored my requests.", ["Crohn's disease"]),
        ("Kofi Mensah and his sister arrived last week. Refugee status was granted in May.", ["Refugee status"]),
        # Since scillness: not eating is an everyday-health hit of its own.
        ("He is not eating and has anxiety.", ["is not eating", "anxiety"]),
        ("Jack is eligible for free school meals.", ["eligible for free school meals"]),
        ("He has ADHD and dyslexia.", ["ADHD", "dyslexia"]),
        ("Your child has been suspended for two days.", ["suspended"]),
        ("He was permanently excluded after he was arrested.", ["permanently excluded", "arrested"]),
        ("Amelia is LAC and lives in foster care; her PEP is next week.", ["LAC", "foster care", "PEP"]),
        ("The pupil made a disclosure to her teacher.", ["disclosure"]),
        ("Mia's mum told us Mia is Muslim.", ["Muslim"]),
        ("Noah has a severe nut allergy and carries an EpiPen.", ["nut allergy", "EpiPen"]),
        ("Sam came out as gay to his tutor.", ["came out", "gay"]),
        ("We made a MASH referral for him yesterday.", ["MASH referral"]),
        ("Her son receives SEN support and sees CAMHS.", ["SEN support", "CAMHS"]),
        ("Olivia Smith - SEN, EHCP, LAC", ["SEN", "EHCP", "LAC"]),
        # DfE census ethnicity codes beside a pupil; REFU (refused) says nothing.
        ("Adaeze Obi\tBAFR\nMarek Dvořák\tWOTH\nChloe Barnes\tREFU\n", ["BAFR", "WOTH"]),
        ("Alex Turner (legal name Alexandra) has socially transitioned.", ["socially transitioned"]),
    ],
)
def test_special_category_found(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, "SPECIAL_CATEGORY") == phrases


@pytest.mark.parametrize(
    "text",
    [
        # The reader in the greeting and the writer in the sign-off are the email's own
        # parties: a group figure or a training topic is not about them.
        "Hi Sue,\nFor your review: 12 looked after or previously looked after, £201,300 allocation.\nThanks",
        "Hi Mark,\nTopics as agreed: Prevent, FGM mandatory reporting and county lines.\nThanks, Kate",
    ],
)
def test_the_reader_and_writer_are_not_who_a_topic_is_about(found: Found, text: str) -> None:
    assert found(text, "SPECIAL_CATEGORY") == []


def test_a_name_after_a_greeting_word_can_still_be_who_it_is_about(found: Found) -> None:
    text = "Good morning, Zofia is sick, vomiting in the night. She will stay home today."
    assert found(text, "SPECIAL_CATEGORY")


@pytest.mark.parametrize(
    "text",
    [
        "Our SEN policy is attached.",
        "Reminder: safeguarding training on Monday.",
        "Please read the pupil premium strategy statement.",
        "Allergy Awareness Week starts on Monday.",
        "If your child has an EHCP, please let us know.",
        "The child protection plan template is attached.",
        "We discussed SEN support for the new term.",
        "The governors will review the LAC policy.",
        "Any pupil with a medical condition needs a care plan on file.",
        "LGBT History Month assembly on Friday.",
        "St Joseph's Catholic Primary School won the cup.",
        "Romeo and Juliet is the Year 9 set text.",
        "Free school meals applications close on Friday.",
        "PLEASE SEND HIM HOME WITH A COAT",
        "He doesn't need an EHCP at this point.",
        "Her social worker will attend the meeting.",  # a role, not a status (corpus/README.md)
        "Access to the SEN shared mailbox has been granted.",
        "Number of suspensions this term: 14.",
        "She is no longer on a CP plan.",
        # The NER once read "ethnic origin" as a person; a lower-case phrase in a cased
        # text is no one's name.
        "Special category data includes racial or ethnic origin, religious beliefs, health "
        "(physical and mental), sexual orientation, biometrics and genetic data.",
    ],
)
def test_policy_talk_is_not_special_category(found: Found, text: str) -> None:
    assert found(text, "SPECIAL_CATEGORY") == []


def test_lexicon_terms_are_lower_case_or_acronyms() -> None:
    for topic in TOPICS.values():
        assert all(p == p.lower() for p in topic.phrases)
        assert all(a.upper() == a or any(c.isupper() for c in a) for a in topic.acronyms)


def test_a_lessons_topic_is_not_a_fact(found: Found) -> None:
    text = "Lesson 2 looks at anxiety, what it feels like and how Zara and Tom can help a friend."
    assert found(text, "SPECIAL_CATEGORY") == []
    assert found("Mia will look at her diabetes plan with the nurse.", "SPECIAL_CATEGORY") == ["diabetes"]


def test_mailbox_names_and_roles_are_not_facts(found: Found) -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: SEN Casework <sen.casework@kent.gov.uk>\n\n"
        "Please see below.\nNgozi Adebola | SEN Case Officer | Kent County Council"
    )
    assert found(text, "SPECIAL_CATEGORY") == []
    assert found("To: Amira Khan\nAmira has SEN support.", "SPECIAL_CATEGORY") == ["SEN support"]


def test_a_percentage_before_a_term_is_a_share_of_a_group(found: Found) -> None:
    text = "Totals: 412 pupils, 22% EAL, 18% SEN support. Please check Amira and Tom are updated."
    assert found(text, "SPECIAL_CATEGORY") == []
    assert found("Amira (18) has SEN support and is on the register.", "SPECIAL_CATEGORY") == ["SEN support"]
    # A percentage in the cell before is the pupil's attendance, not a share of a group.
    assert found("Name\tUPN\tAttendance\tNotes\nArjun Thind\tR886729519312\t78.9%\tCIN", "SPECIAL_CATEGORY") == ["CIN"]


def test_figures_about_a_group_are_not_about_a_person(found: Found) -> None:
    for text in (
        "412 pupils on roll, 96 eligible for pupil premium (23%), 81 on free school meals.",
        "23% of pupils are eligible for free school meals this year.",
    ):
        assert found(text, "SPECIAL_CATEGORY") == [], text
    assert found("Census summary: WBRI 61%, MWBC 5%, others 21%.", "SPECIAL_CATEGORY") == []
    assert found("Breakdown for the whole school: WBRI 61%, AIND 7%, FSM: 23%. No pupil-level data.",
                 "SPECIAL_CATEGORY") == []
    assert found("Our pupil Amir Hussain is eligible for free school meals.", "SPECIAL_CATEGORY") != []


def test_in_a_table_the_person_must_be_in_the_same_row(found: Found) -> None:
    risk = (
        "Hazard\tWho is at risk\tControl measures\tResponsible\n"
        "Tool use\tPupils\tgloves, tools counted in and out\tForest School Leader\n"
        "Allergic reaction or asthma attack\tPupils with medical needs\tmedicines taken to every session\tClass teacher\n"
    )
    assert found(risk, "SPECIAL_CATEGORY") == []
    register = "Name\tNeed\nOlivia Smith\tasthma\nJakub Nowak\tnone\n"
    assert found(register, "SPECIAL_CATEGORY") == ["asthma"]


# --- the classifier's units, cut in one pass over the text (bench.attachments speed work) --

from hypothesis import given, settings, strategies as st  # noqa: E402


def _units_as_before(text: str, sentences: list) -> list:  # type: ignore[type-arg]
    """The reference: each sentence sliced, its lines found and their words counted."""
    import regex

    from service.detect.recognizers.special_category import _Sentence

    out = []
    for sentence in sentences:
        for m in regex.finditer(r"[^\n]+", text[sentence.start : sentence.end]):
            piece = m.group()
            if len(regex.findall(r"[A-Za-z]+", piece)) < 2:
                continue
            lead = len(piece) - len(piece.lstrip())
            start = sentence.start + m.start() + lead
            out.append(_Sentence(start, start + len(piece.strip())))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Z.\n\t1é-'", max_size=60))
def test_units_are_the_lines_of_two_words(text: str) -> None:
    from service.detect.recognizers.special_category import _sentences, _units

    sentences = _sentences(text, None)
    assert _units(text, sentences) == _units_as_before(text, sentences)


@pytest.mark.parametrize(
    "text",
    [
        "She was diagnosed with type 1 diabetes last year.",
        "DIAGNOSED WITH   a rare condition in March",
        "Diagnosis: dyspraxia and dyslexia",
        "The diagnosis of Crohn's disease came in June.",
        "He has asthma and goes to the mosque on Fridays.",
        "Nothing sensitive here at all, just the budget.",
        "Her diagnosis was late; diagnosed-with is not a phrase.",
    ],
)
def test_a_pattern_is_skipped_only_when_its_needed_word_is_absent(text: str) -> None:
    from service.detect.recognizers import special_category as sc

    needed = {p.pattern: n for p, n in sc._TERM_PATTERNS_NEEDING}
    diagnosed = next(p for p in needed if p.startswith(r"(?<=\b(?:diagnosed"))
    assert needed[diagnosed] is not None and needed[diagnosed].pattern == "diagnos"
    every_pattern = sorted(
        [m.span() for m in sc._TERMS.finditer(text)]
        + [m.span() for p in sc._TERM_PATTERNS for m in p.finditer(text)]
    )
    assert sc._lexicon_spans(text) == every_pattern
