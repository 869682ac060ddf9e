"""Kinds of error the third sealed set showed once it was spent (session 9), as general rules.

Real detector, invented text written for these tests (not the sealed set's): figures about
a group, capitalised terms, languages and seasons are no one; form labels with a note
("Religion (optional):"); exclusion as a verb; motion sickness; a possessive that makes a
questioned fact someone's; a place word as a surname after a given name; acronyms in the
plural are not names.
"""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]
SC = "SPECIAL_CATEGORY"


@pytest.mark.parametrize(
    "text",
    [
        # Counts and averages for a whole school, with a season heading the line.
        "Spring census: 512 on roll, 88 eligible for FSM, 47 on SEN support, 9 with an EHCP.",
        # A capitalised term heading a line is not a name that the term could be about.
        "Subject: Asthma awareness\nPupils may keep their own inhalers in class if a parent agrees.",
        # "their" after pupils in general.
        "Children may bring their own hay fever tablets if the medicine form is signed.",
        # A language the NER reads as such, and a grade letter, are no one.
        "71% reached the expected standard in English; pupils with SEN support averaged 98.",
        "The local authority is reviewing top-up bands for pupils with EHCPs. The mean band is D.",
        # Some of a group, with a name only in the greeting.
        "Dear Mr Patel,\nWe ask for no nuts in lunch boxes because several children in school have severe allergies.",
    ],
)
def test_figures_and_notices_about_everyone_are_no_one_s_fact(found: Found, text: str) -> None:
    assert found(text, SC) == []


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Name: Kofi Mensah\nReligion (optional): Methodist\nEthnicity (if known): Black African",
         ["Methodist", "Black African"]),
        ("Pupil: Lena Novak\nMedical conditions (please list): coeliac disease", ["coeliac disease"]),
    ],
)
def test_a_note_after_a_form_label_keeps_the_value_as_the_span(found: Found, text: str, phrases: list[str]) -> None:
    assert found(text, SC) == phrases


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The governors will review the decision to permanently exclude Tomasz Nowak on Friday.",
         "permanently exclude"),
        ("Mr Hale decided to exclude Riya Patel after the second incident.", "exclude"),
        ("Please seat Amara Nwosu near the front of the coach; she gets car sick.", "car sick"),
        ("Thanks for the reference for Helga Berg. Could you tell us whether the absence was her knee surgery?",
         "knee surgery"),
        ("Child: Mateo Ruiz\nConcerns: limited receptive language, uses gesture to ask for help.", "receptive language"),
        ("The assessment for Ellie Shaw showed poor working memory and slow processing.", "poor working memory"),
        ("Ravi Menon wears ear defenders in the hall.", "ear defenders"),
        ("Subject: Encompass notification\nA police notification came in overnight for Olek Nowak.", "Encompass notification"),
        ("Mrs Ellis rang: a parent made an allegation at the gate against Mr Dodd.", "allegation"),
        ("Ola Nowak is in 4P. She disclosed at lunch that her uncle hits her.", "disclosed"),
        ("Ben Ode came to the office and he disclosed to me that his dad hits him.", "disclosed"),
        ("Kai Brown's mum called in and the case was referred to the Front Door.", "referred to the Front Door"),
    ],
)
def test_facts_said_as_verbs_or_questions_about_a_named_person(found: Found, text: str, phrase: str) -> None:
    assert phrase in found(text, SC)


@pytest.mark.parametrize(
    "text",
    [
        "Sadly the decision to exclude mobile phones from lessons was popular with staff.",
        "Could you confirm whether the trip includes travel insurance for the coach?",
        "Please check whether your child has an EHCP before completing the form.",
        "Working memory games are part of Year 3's brain week; the ear defenders in the hall are for the fire drill.",
        "Our allegations against staff procedure is on the website.",
        "The audit disclosed that two laptops were not encrypted.",
    ],
)
def test_the_same_words_about_no_one_stay_quiet(found: Found, text: str) -> None:
    assert found(text, SC) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The appeal panel is Priya Shah, Tom Reed and Deborah Lane.", "Deborah Lane"),
        ("Minutes taken by Emma Hall; apologies from the chair.", "Emma Hall"),
    ],
)
def test_a_given_name_before_a_place_word_is_a_person(found: Found, text: str, name: str) -> None:
    assert name in found(text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "The Year 4 walk ends at Victoria Park at 3pm.",
        "Our choir sings at Kingsley Hall on Saturday.",
        "Coaches leave for Dover Castle at nine.",
    ],
)
def test_places_with_a_name_in_them_stay_places(found: Found, text: str) -> None:
    assert found(text, "PERSON") == []


def test_acronyms_in_the_plural_are_not_names(found: Found) -> None:
    text = "Annual reviews for EHCPs are due in March; SENCOs and TAs should book a slot."
    assert found(text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Ana lost her phone, so I've issued backup code 482 913 705 until the new phone comes.", "482 913 705"),
        ("The staff door code 5831 works from Monday.", "5831"),
    ],
)
def test_a_code_given_with_no_is_after_its_kind_is_a_password_not_a_phone(found: Found, text: str, secret: str) -> None:
    assert found(text, "PASSWORD") == [secret]
    assert found(text, "PHONE_NUMBER") == []


def test_an_area_code_before_a_number_still_leaves_a_phone(found: Found) -> None:
    text = "Our partner school in Lyon: call the office on 04 72 10 30 30 (area code 04)."
    assert found(text, "PHONE_NUMBER") == ["04 72 10 30 30"]


def test_a_heading_word_after_a_term_does_not_hide_the_name_ending_the_subject(found: Found) -> None:
    assert "IHCP" in found("Subject: IHCP update - Tobias\nDear Mr Lund, the nurse will ring you.", SC)
    assert found("Subject: SEN update - September\nThe register review is due.", SC) == []
