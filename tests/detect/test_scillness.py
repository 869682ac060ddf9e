"""Health said in everyday words about a person (service/detect/recognizers/_health_evidence.py).

Real detector, real sentences (invented people): the phrase reported for each kind, the
same words about no one, in general or hedged talk, and bounded time on hostile input.
"""

import time
from collections.abc import Callable

import pytest

from service.detect.recognizers._health_evidence import everyday_health_spans, in_general_talk

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # Symptoms, joined where two say one thing.
        ("Beatriz went home at noon with a high temperature and being sick.", ["a high temperature and being sick"]),
        ("Morning, Tadhg was up all night being sick so he is staying home.", ["being sick"]),
        ("Precious complained of a bad earache during phonics.", ["a bad earache"]),
        # An illness named in plain words, as the reason for being off.
        ("Wojciech is off with scarlet fever until Monday.", ["scarlet fever"]),
        ("Yasmin has a chest infection and won't be in.", ["a chest infection"]),
        ("mr fenwick off today - flu. cover needed for 9R2 period 3", ["flu"]),
        ("Morning, Xavier is off with D&V and will be home till Thursday.", ["D&V"]),
        # Injuries.
        ("Idris banged his head on the goalpost at break.", ["banged his head"]),
        ("Maryam has a sprained wrist so she can't write today.", ["sprained wrist"]),
        ("Kenji is on crutches for a fortnight.", ["on crutches"]),
        # Operations, scans, hospital and GP.
        ("Dad's knee replacement is next week, so Ola will walk home with her aunt.", ["knee replacement"]),
        ("Ms Ferreira is having her gallbladder out on the 9th.", ["gallbladder out"]),
        ("Anwar has an MRI scan at 9 and will be in for period 3.", ["MRI scan"]),
        ("Callum was rushed to A&E after the match.", ["rushed to A&E"]),
        ("Ioana has been discharged and is resting at home.", ["discharged"]),
        ("Benedikt has his hospital check-up on Monday, back in after lunch.", ["hospital check-up"]),
        # Medicines in plain words, and aids that reveal a condition.
        ("Mrs Achebe says Kojo may be sleepy, they've upped his dose.", ["upped his dose"]),
        ("Femi has finished his antibiotics and is back tomorrow.", ["antibiotics"]),
        ("Saoirse wears hearing aids, so please face her when you speak.", ["hearing aids"]),
        ("Lukas had a nasty fall in the playground.", ["nasty fall"]),
        # Mental health in plain words, with a person as the subject.
        ("Eshan has been really low since Christmas.", ["has been really low"]),
        ("She says she feels really down most mornings.", ["feels really down"]),
        # Continence, and a member of staff's health process.
        ("Mum says Lorcan still wets the bed, so a bottom bunk please.", ["wets the bed"]),
        ("Mr Achterberg has an OH referral next week.", ["OH referral"]),
        ("Mrs Lindqvist has been signed off with stress until half term.", ["signed off with stress"]),
        ("Miss Obi starts a phased return after surgery on Monday.", ["phased return after surgery"]),
        # The person named in the sentence before, same paragraph.
        ("I spoke to Mrs Adeyemi today. Her husband is in intensive care.", ["in intensive care"]),
    ],
)
def test_everyday_health_about_a_person_is_found(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, "SPECIAL_CATEGORY") == phrases


@pytest.mark.parametrize(
    "text",
    [
        # The same words about no one.
        "A tummy bug is going round Year 4, please wash hands before lunch.",
        "Children who have had sickness or diarrhoea must stay at home for 48 hours.",
        "The temperature in the Year 3 classroom reached 30 degrees today.",
        "Hospital trip for the Year 10 health and social care group leaves at 9.",
        "The sickness absence policy is on the HR drive.",
        # Named people, health words used for something else.
        "Mr Dimitrov has signed off the budget for the new library.",
        "Ayesha broke the county record for the 800m.",
        "Oren is sick of the new seating plan and wants to move.",
        "Can Zeynep take the temperature readings for the weather station?",
        "Mrs Kaur is a nurse at the children's ward and offered to help at the careers fair.",
        "Ms Ortega has the day off for her son's graduation.",
        "Tomos is taking his medicine ball class outside.",
        "Ella cut the ribbon at the opening of the sensory garden.",
        "Harriet was a bit low on points this week, so she is catching up.",
        "Mr Baptiste reported a fall in pupil numbers at the governors' meeting.",
        # A job at a hospital or clinic says nothing of the worker's health.
        "Jodie's mum is a nurse on the children's ward and will talk to Year 6 about careers.",
        "Mr Adeyemi works at the eye clinic and has offered to help with the first aid badge.",
        # General or hedged.
        "Any child who bumps their head will go home with a bump letter.",
        "If he feels sick on the coach, there are bags under the front seat.",
        "A pupil with a temperature should not come to school.",
    ],
)
def test_the_same_words_about_no_one_are_not_special(found: Found, text: str) -> None:
    assert found(text, "SPECIAL_CATEGORY") == []


def test_a_state_word_needs_a_person_as_its_subject() -> None:
    text = "Attendance has been really low this term."
    assert everyday_health_spans(text) == []
    person = "Leila has been really low this term."
    assert [person[a:b] for a, b in everyday_health_spans(person)] == ["has been really low"]


def test_general_talk_is_told_apart_from_a_person() -> None:
    assert in_general_talk("Every pupil who feels unwell should go to the office.", 25)
    assert in_general_talk("Please keep them off if they have a temperature.", 34)
    assert not in_general_talk("Kasia feels unwell and has gone home.", 6)


@pytest.mark.parametrize(
    "hostile",
    [
        "has " * 20_000,
        "has a " + "really " * 20_000 + "temperature",
        "signed off " * 10_000,
        ("He " + "has been " * 5_000 + "low. ") * 4,
        "bumped his " * 10_000 + "head",
        "on the ward " * 10_000,
    ],
)
def test_hostile_input_takes_bounded_time(hostile: str) -> None:
    started = time.perf_counter()
    everyday_health_spans(hostile)
    assert time.perf_counter() - started < 2.0


def test_running_each_kind_near_its_words_finds_what_the_whole_text_gives() -> None:
    # The speed-up in everyday_health_spans must not change what is found.
    from bench.special_category import probe

    texts = [text for half in ("everyday-dev", "everyday-heldout") for text, _ in probe(half)]
    email = "\n\n".join(texts)
    assert everyday_health_spans(email) == everyday_health_spans(email, near_words_only=False)
    assert all(everyday_health_spans(t) == everyday_health_spans(t, near_words_only=False) for t in texts)
