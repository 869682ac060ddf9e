"""Safeguarding and care in process words about a child; the same words used generically.

The generic test is service/detect/recognizers/_special_category_safeguarding.py; the
probe behind these is bench/sc_safeguarding_probe.tsv (python -m bench.special_category
--probe safeguarding-dev). People and places are invented.
"""

import re
import time
from collections.abc import Callable

import pytest

from service.context.group_disclosure import discloses_about_recipients
from service.detect.recognizers._special_category_safeguarding import generic_use, is_safeguarding_term
from service.detect.recognizers.special_category import special_category_terms

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("TAF meeting on Tuesday for the Novak family, 2pm in the small meeting room.", "TAF"),
        ("We have referred the allegation against Mr Hughes to the LADO.", "LADO"),
        ("The local authority has started PLO with Jayden's mum.", "PLO"),
        ("Emily's dad has supervised contact only, as set by the family court.", "supervised contact"),
        ("A Prevent concern has been raised about Yusuf after his comments in citizenship.", "Prevent concern"),
        ("Summer's case conference is being reconvened.", "case conference"),
        ("Staff found extremist material on his phone in period 3.", "extremist material"),
        ("Keep Leo away from the gate at home time: his uncle is a risk to children.", "a risk to children"),
        ("Milo's mum says the children's services assessment will finish next month.", "children's services"),
        ("Tom's attendance is under 50% and he is now on the CME list.", "CME"),
        ("Mum rang to say there was a domestic incident last night and Isla was upset.", "domestic incident"),
        ("Bruising noticed on Lucas's upper arm at breakfast club; logged on CPOMS.", "Bruising"),
        ("Darcy is in a private fostering arrangement while her mum is abroad.", "private fostering"),
        ("Police did a welfare check at Amelia's home last night.", "welfare check"),
    ],
)
def test_process_words_about_a_child_are_special(found: Found, text: str, phrase: str) -> None:
    assert phrase in found(text, "SPECIAL_CATEGORY")


@pytest.mark.parametrize(
    "text",
    [
        # Admission criteria and groups.
        "Looked after children have priority in our admission criteria, followed by siblings.",
        "Oversubscription criterion 1: looked after children and previously looked after children.",
        "Mr Davies is our designated teacher for looked after children.",
        "Pupils who are looked after get a personal education plan.",
        # Training, policy, events, roles.
        "Child protection training on Monday for all new staff, 9am in the library.",
        "Please re-read our safeguarding policy before the start of term.",
        "Emma led the TAF training for the new pastoral staff.",
        "Tom is our Prevent lead and can answer questions about the new duty.",
        "Our new DSL, Ms Hart, starts on Monday and will lead child protection for the school.",
        "Neil Fox, Head of Children's Services, will open the conference.",
        "Sarah from the MASH will come to the staff meeting to talk about good referrals.",
        "Year 10 are studying domestic violence in their PSHE unit on healthy relationships.",
        "Staff should never promise a child that they will keep a disclosure secret.",
        "The MASH referral form has changed; Jo has put the new one on the shared drive.",
        # The school's standing.
        "Dear parents, we are an Operation Encompass school, so the police will let us know before 9am.",
        # Documents and counts.
        "Section 17 of the Children Act 1989 is about children in need.",
        "Governors noted 14 CP plans and 22 CIN cases across the trust this term.",
        "Looked after children: 4\nCIN: 7\nCP plans: 2",
    ],
)
def test_generic_uses_are_not_special(found: Found, text: str) -> None:
    assert found(text, "SPECIAL_CATEGORY") == []


def test_a_named_child_on_a_plan_is_special_though_the_word_is_plural(found: Found) -> None:
    # "plans" after CP is not a group of people: the girls are on them.
    assert "CP" in found("Both girls are on CP plans, so Mia and Ella's attendance goes to their social worker.",
                         "SPECIAL_CATEGORY")
    # A list of looked-after children, with their names, is about them.
    listed = "Subject: Looked-after children list for the Virtual School\nJamal Osei - LAC since 2023"
    assert found(listed, "SPECIAL_CATEGORY")[:1] == ["Looked-after"]


def test_a_family_named_is_not_a_group(found: Found) -> None:
    assert "interim care order" in found("The court has made an interim care order for the Walsh children.",
                                         "SPECIAL_CATEGORY")


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("text", "phrase", "generic"),
    [
        ("Looked after children have priority.", "Looked after", True),
        ("Poppy is looked after by the local authority.", "looked after", False),
        ("Children in care get a PEP.", "in care", True),
        ("The Khan children in care since May", "in care", False),
        ("A Prevent concern was raised for Yusuf.", "Prevent concern", False),
        ("Section 47 of the lettings agreement", "Section 47", True),
        ("Section 47 enquiries have started for Leo.", "Section 47", False),
        ("two section 47 enquiries this half term", "section 47", True),
        ("Tom Hill from the MASH will visit.", "MASH", True),
        ("We had a call from the MASH about Leo.", "MASH", False),
        ("Private fostering: if a child lives with a friend for 28 days, tell the council.", "Private fostering", True),
        ("Sam is CIN.", "CIN", False),
        ("Alfie will need his nurture group worker with him.", "nurture group", False),
        ("The nurture group workers meet on Fridays.", "nurture group", True),
        ("Please send me the EHCP timescales.", "EHCP", True),
        ("CIN: 7\n", "CIN", True),
        ("Referral from the MASH about Leo.", "MASH", False),
        ("Name\tYear\tStatus\nLeo Brown\t6\tCP\n", "CP", False),
        ("Leo Brown, Year 6 CIN", "CIN", False),
        ("Confirming the Section 47 strategy meeting for Esme on Thursday.", "strategy meeting", False),
        ("Dad must never collect Finley: there is a non-molestation order.", "non-molestation order", False),
        ("Staff should never promise to keep a disclosure secret.", "disclosure", True),
    ],
)
def test_generic_use_reads_the_structure(text: str, phrase: str, generic: bool) -> None:
    start, end = _span(text, phrase)
    assert generic_use(text, start, end, 0, len(text)) is generic


def test_only_safeguarding_care_and_sen_terms_are_judged() -> None:
    # Health words are left to the recognizer's own tests (helper scillness's module).
    text = "Looked after children, autistic children and asthmatic children have priority."
    assert is_safeguarding_term(text, *_span(text, "Looked after"))
    assert is_safeguarding_term(text, *_span(text, "autistic"))
    assert not is_safeguarding_term(text, *_span(text, "asthmatic"))
    assert not generic_use(text, *_span(text, "asthmatic"), 0, len(text))


def test_group_disclosure_still_sees_a_generic_care_term() -> None:
    # The recognizer drops "looked after children" as about no one; the group rule
    # still reads it as what the recipients have in common.
    text = "Dear parents and carers of looked after children, you are invited to our coffee morning."
    assert special_category_terms(text)
    assert discloses_about_recipients(text)


def test_generic_use_is_fast_on_hostile_text() -> None:
    text = ("children who are " * 2000) + "looked after " + ("Head of " * 2000) + "CIN" + (" :" * 2000)
    hits = [_span(text, "looked after"), _span(text, "CIN")]
    started = time.perf_counter()
    for start, end in hits:
        generic_use(text, start, end, 0, len(text))
    assert time.perf_counter() - started < 0.5
    # One "sentence" of 100 KB with 10,000 hits (a table without full stops): each
    # hit reads a bounded window of it, not the whole.
    table = "Pupil CIN CP LAC EHCP\t" * 2500
    hits = [m.span() for m in re.finditer(r"CIN|CP|LAC|EHCP", table)]
    started = time.perf_counter()
    for start, end in hits:
        generic_use(table, start, end, 0, len(table))
    assert time.perf_counter() - started < 1.5
