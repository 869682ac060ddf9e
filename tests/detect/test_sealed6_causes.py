"""Kinds of error the sixth sealed set showed once it was spent (session 11), as general rules.

Real detector, invented text written for these tests (not the sealed set's).
"""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]
SC = "SPECIAL_CATEGORY"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Ines has been on a part-time timetable since March because of her kidney condition.", "her kidney condition"),
        ("OSCAR HAS A CUT ABOVE HIS LEFT EYE AND MAY NEED STERI STRIPS.", "CUT ABOVE HIS LEFT EYE"),
        ("At home Precious now signs 'more' and 'finished' with Makaton.", "Makaton"),
        ("Please make sure Tobi Adeyemi's radio aid is charged before PE.", "radio aid"),
        ("Mum is starting an alcohol treatment programme, so Tyler may be collected by nan.", "alcohol treatment"),
        ("Kacper has global developmental delay and is not yet toilet trained.", "not yet toilet trained"),
        ("Noa will be absent on Monday for religious observance, says her dad Mr Baker.", "religious observance"),
        # A believer's noun wrapped onto a quoted line, with the family speaking of itself.
        ("> Please don't include Themba in the Easter crafts. As Jehovah's\n> Witnesses we don't mark it.", "Witnesses"),
        ("We are Sikh, so please no beef for Harleen on the trip.", "Sikh"),
    ],
)
def test_special_facts_said_these_ways_are_found(found: Found, text: str, phrase: str) -> None:
    assert any(phrase in value for value in found(text, SC)), found(text, SC)


@pytest.mark.parametrize(
    "text",
    [
        "The teacher of the deaf is coming on Wednesday to show staff the radio aid.",
        "The weather condition on the field is poor, so PE is inside.",
        "As a Church of England school, we celebrate Harvest in October.",
        # Public figures' health is no one's data here.
        'EPQ titles include "How did Stephen Hawking change public attitudes to disability?" this year.',
        # A subject naming a school, not a person, over a consultation.
        "LADO consultation - Oakfield Academy",
        # A season before an acronym names a time: "Autumn FSM list".
        "Autumn FSM list for checking",
    ],
)
def test_the_same_words_about_no_one_are_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []


def test_eligibility_for_these_pupils_over_a_list_of_names_is_theirs(found: Found) -> None:
    text = ("Could you confirm free school meals eligibility for these two, who moved into your area?\n"
            "Niamh Doherty\tY4\nKwame Asante\tY6\n\nData Office")
    assert "free school meals" in found(text, SC)


def test_a_subject_term_over_a_body_naming_children_is_the_messages(found: Found) -> None:
    text = "Subject: RE: Operation Encompass notification 06:55\nThank you. Both are ours: Lily Shaw (Year 2) and Ben Shaw (Year 5)."
    assert "Operation Encompass" in found(text, SC)


def test_a_storm_followed_by_a_class_is_a_pupil(found: Found) -> None:
    assert "Storm Okafor" in found("SAR - Storm Okafor (Y10)", "PERSON")
    assert found("Storm Ciarán closed the school on Thursday.", "PERSON") == []


def test_a_subject_that_labels_ulns_labels_the_numbers_below(found: Found) -> None:
    text = "Subject: Three more ULNs\nHello,\n\nThe last applicants:\nAarav Thapa\t7659783903\n\nExams Office"
    assert found(text, "UK_ULN") == ["7659783903"]
    assert found("Subject: Room numbers\nHello,\n\nAarav Thapa\t7659783903\n", "UK_ULN") == []


def test_an_account_labelled_pair_of_numbers_is_bank_details(found: Found) -> None:
    assert found("Marta's new UK account: 20-45-77 61538820 from next month.", "UK_BANK_ACCOUNT") == ["20-45-77", "61538820"]


def test_words_given_as_a_key_and_spelt_out_are_a_password(found: Found) -> None:
    text = "Guest network is OAK-VISITOR and the key is copper lantern, all lower case with the space."
    assert found(text, "PASSWORD") == ["copper lantern"]
    assert found("The key is good communication, all year round.", "PASSWORD") == []


@pytest.mark.parametrize(
    "text", ["Please pay the balance on ParentPay.\nTendai, finance office", "Letters are in the post.\nTendai - office"]
)
def test_a_sign_off_with_a_lower_case_office_names_the_writer(found: Found, text: str) -> None:
    assert found(text, "PERSON") == ["Tendai"]


def test_the_one_given_a_dose_is_a_person_not_a_medicine(found: Found) -> None:
    text = "Please give Nnamdi 5ml of amoxicillin at lunch."
    assert "Nnamdi" in found(text, "PERSON")
    assert not any("Nnamdi" in value for value in found(text, SC))


def test_characters_and_authors_of_a_set_text_named_in_the_text_are_no_one(found: Found) -> None:
    lesson = ("An Inspector Calls, lesson 5. Starter: what does Eric know about Eva? Main: compare Mr Birling's "
              "and Sheila's responses. Homework: 200 words on Priestley's message.")
    assert found(lesson, "PERSON") == []
    play = "Twelfth Night: Sir Toby and Sir Andrew rehearse in pairs; group B reads Malvolio's letter."
    assert found(play, "PERSON") == []


def test_a_pupil_with_a_characters_name_is_still_a_pupil(found: Found) -> None:
    assert "Sheila Okafor" in found("Sheila Okafor (9R) left her copy of An Inspector Calls in D4.", "PERSON")
    assert set(found("Jack and Simon were late to registration today.", "PERSON")) == {"Jack", "Simon"}


@pytest.mark.parametrize(
    "text",
    [
        "Subject: RE scheme of work - Hinduism and Sikhism\nSpring: Hinduism (Diwali, Holi, visit to the mandir)",
        "Year 9 read about Stephen Hawking: motor neurone disease, his voice synthesiser, his humour.",
        "Our young carers group meets on Thursdays in the library.",
    ],
)
def test_teaching_and_groups_about_no_one_are_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []
    assert found(text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Hi both, could Amani and Kofi Mensah join the young carers group on Tuesdays?", "young carers"),
        ("Dad has MS, so Leon does a lot at home.", "MS"),
        ("She will need time off for her rheumatology appointments.", "rheumatology appointments"),
        ("The OH report mentions lupus, so Mrs Kaur will teach from the ground floor.", "lupus"),
        ("Applying for special consideration for Farid for the maths paper.", "special consideration"),
        ("He was unwell on the day and used a scribe.", "scribe"),
    ],
)
def test_these_facts_of_someone_are_special(found: Found, text: str, phrase: str) -> None:
    assert any(phrase in value for value in found(text, SC)), found(text, SC)


def test_ms_the_software_is_not_a_condition(found: Found) -> None:
    assert found("Tom, please join the MS Teams call at four.", SC) == []


@pytest.mark.parametrize(
    "text",
    [
        "Subject: Chickenpox in Year 1\nDear parents,\nPlease look out for spots this week.",
        "Subject: Deposit for one more traveller\nOne parent will pay you directly for his son's place.",
    ],
)
def test_an_outbreak_notice_and_a_traveller_on_a_trip_are_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []


def test_a_traveller_family_and_a_pupil_with_chickenpox_are(found: Found) -> None:
    assert found("Mum says they are Travellers and may move on in spring, so Ben's place may end.", SC)
    assert "chickenpox" in found("Ava in Year 2 has chickenpox, so she is off until Friday.", SC)
