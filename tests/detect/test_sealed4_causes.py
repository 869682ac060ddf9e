"""Kinds of error the fourth sealed set showed once it was spent (session 10), as general rules.

Real detector, invented text written for these tests (not the sealed set's): conditions,
procedures and treatments named beyond the first lexicon; a hedge later in a sentence does
not take back a fact stated before it; a faith's meal made for someone; pronouns and a
transition that are a person's own; names listed with commas; a sign-off name with its
office; weekdays and acronyms are not names.
"""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]
SC = "SPECIAL_CATEGORY"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Mrs Odhiambo has asked for a ground-floor room because of her osteoarthritis.", "osteoarthritis"),
        ("Reuben is back on Monday after having his grommets put in.", "grommets"),
        ("Mr Falk starts radiotherapy next week, so cover is needed on Tuesdays.", "radiotherapy"),
        ("Nadia's hypo kit is in the red bag in the staffroom.", "hypo kit"),
        ("Kofi has been off since the 4th with kidney stones.", "kidney stones"),
        # Wrapped across a line, as mail is.
        ("Please see Ines Carvalho about a desk that suits her rheumatoid\narthritis.", "rheumatoid\narthritis"),
        # "whether" after the fact asks about something else.
        ("As she has been off with work-related stress since March, we have asked OH whether she can attend.",
         "work-related stress"),
        ("The kitchen will make Idris a halal packed lunch for the museum trip.", "halal packed lunch"),
        ("Robin now uses they/them pronouns in school and at home.", "they/them"),
        ("Tell me if anyone in 8R says anything unkind to Jordan about his transition.", "his transition"),
    ],
)
def test_a_named_condition_or_practice_of_someone_is_special(found: Found, text: str, phrase: str) -> None:
    assert any(phrase in value for value in found(text, SC))


@pytest.mark.parametrize(
    "text",
    [
        "Subject: NHS numbers for the flu clinic\nThe immunisation team have asked for the Year 3 list.",
        "The teacher of the deaf (Ruth Abara) is coming in on Wednesday to show staff the radio aid.",
        "Ethnicity breakdown for the whole school is attached for governors.",
        "Halal meals are available every day; tick the box on the order form.",
        "Her transition to Year 7 went well and she has settled in.",
        "Please use he/him or they/them in the worksheet examples.",
        "Our Year 9 lesson looks at rheumatoid arthritis and the immune system.",
        "Mr Khan will take the Year 9 group to the arthritis research lab at the university.",
        "Mrs Shah is running a sponsored walk for the diabetes foundation in May.",
        # A hedge before the fact still speaks to whoever it may concern.
        "If your child has a heart murmur, please tell the school nurse before the trip.",
    ],
)
def test_the_same_words_about_no_one_are_not(found: Found, text: str) -> None:
    assert found(text, SC) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Observers: Ruth Okonjo, Lucy Ashdown, Tobias Weber. Lesson visits from 9.",
         ["Ruth Okonjo", "Lucy Ashdown", "Tobias Weber"]),
        ("The second instalment is due on 15 January.\nLorraine, Trips Office", ["Lorraine"]),
        ("It has been reported to Action Fraud.\nNaveen, Finance", ["Naveen"]),
    ],
)
def test_names_in_a_comma_list_and_a_signed_office(found: Found, text: str, names: list[str]) -> None:
    assert found(text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        "See you there.\nSummer Fair, Saturday",
        "It follows your return to work meeting.\nLorraine Pike, HR Officer",
    ],
)
def test_an_event_line_and_an_office_are_not_names(found: Found, text: str) -> None:
    people = found(text, "PERSON")
    assert not any(w in " ".join(people) for w in ("Fair", "Saturday", "HR", "Officer"))


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Aleksander Nowak (cand. 4311) - 25% extra time, evidence from the Year 9 assessment.", ["25% extra time"]),
        ("Scribe: Harriet Osei\nRest breaks: Dylan Pryce", ["Scribe", "Rest breaks"]),
        ("Candidates still to confirm: Leah Morgan - reader, and a coloured overlay for Sami Aziz.",
         ["reader", "coloured overlay"]),
    ],
)
def test_a_named_candidate_s_exam_access_arrangements_are_special(
    found: Found, text: str, phrases: list[str]
) -> None:
    assert found(text, SC) == phrases


@pytest.mark.parametrize(
    "text",
    [
        "We went to extra time in the cup final and lost on penalties.",
        "Please can you give the class extra time to finish the coursework.",
        "The access arrangements policy is on the website.",
        "Ollie is a keen reader and has finished the whole series.",
    ],
)
def test_extra_time_and_readers_elsewhere_are_not(found: Found, text: str) -> None:
    assert found(text, SC) == []


def test_a_name_broken_by_a_wrapped_line_is_one_name(found: Found) -> None:
    text = (
        "Hello, our headline is that 68% of grades were at 4 or above. Two students are happy to be named: Marcus\n"
        "Adeyemi (off to study engineering) and Lena Kowalski (an apprenticeship with a law firm)."
    )
    assert found(text, "PERSON") == ["Marcus\nAdeyemi", "Lena Kowalski"]


def test_a_list_joined_across_a_wrapped_line(found: Found) -> None:
    text = (
        "Hi Kofi, thank you for joining the panel on Wednesday. Shortlisted: Faith Okonjo, Lucy Ashdown and\n"
        "Tobias Weber. Lesson observations 9-10.30."
    )
    assert "Tobias Weber" in found(text, "PERSON")


def test_a_document_number_given_with_its_expiry_is_a_passport(found: Found) -> None:
    text = "The last two for the ferry list:\nLeila Haddad\t127760493\texp 08/2030\nFinn Walsh\t549318026\texp 02/2029"
    assert found(text, "UK_PASSPORT") == ["127760493", "549318026"]
    assert found("Order 127760493 exp 08/2030, delivery on Monday.", "UK_PASSPORT") == []


def test_a_lower_case_name_before_in_and_a_class_code(found: Found) -> None:
    text = "fyi marcus in 5T was sent home at 1 with conjunctivitis"
    assert found(text, "PERSON") == ["marcus"]
    assert found("The spare books in 6S need returning to the library.", "PERSON") == []


def test_a_csv_register_under_its_subject_line(found: Found) -> None:
    text = (
        "Subject: breakfast club register w/c 12 Jan\n"
        "name,class,mon,tue,wed,thu,fri,notes\n"
        "Blessing Adeyemi,3B,Y,Y,N,Y,Y,\n"
        "Kacper Wiśniewski,3B,Y,Y,Y,Y,Y,free place\n"
        "Mei Tan,4H,N,Y,Y,N,Y,no dairy - lactose intolerant\n"
    )
    people = found(text, "PERSON")
    assert {"Blessing Adeyemi", "Kacper Wiśniewski"} <= set(people)
    assert any(p.startswith("Mei") for p in people)  # the NER's "Mei" covers the cell


def test_a_list_of_first_names_after_a_long_label(found: Found) -> None:
    text = "Team for Saturday (home, warm-up starts at 9.15): Amara, Freya, Ivy, Hodan, Lily-Mae, Zofia. Kit in the PE office."
    people = found(text, "PERSON")
    assert {"Amara", "Hodan", "Lily-Mae"} <= set(people) and "Hodan, Lily-Mae" not in people


def test_a_cast_list_names_the_pupils_not_the_characters(found: Found) -> None:
    text = (
        "Subject: Nativity cast\n"
        "Mary - Zainab; Joseph - Kacper; Innkeeper - Tomos W; Angel Gabriel - Oyin. Costumes by Friday please."
    )
    assert found(text, "PERSON") == ["Zainab", "Kacper", "Tomos W", "Oyin"]


def test_pairs_with_a_dash_and_no_cast_are_left_to_the_other_rules(found: Found) -> None:
    text = "Duty rota: Monday - Sarah Cole; Tuesday - Jo Price; Wednesday - Amir Shah."
    assert {"Sarah Cole", "Jo Price", "Amir Shah"} <= set(found(text, "PERSON"))


@pytest.mark.parametrize(
    "text",
    [
        "Year 8 e-safety: the lesson covers passwords (why 'letmein99' is a bad one, and three random words).",
        "Never use passwords like Autumn2025! or qwerty789 for your school account.",
        "Weak ones such as 'Password1', 'Elmstead2024' and 'trustno1' will be blocked by the new system.",
    ],
)
def test_a_password_shown_as_an_example_of_a_bad_one_is_not_a_secret(found: Found, text: str) -> None:
    assert found(text, "PASSWORD") == []


def test_a_real_password_beside_an_example_is_still_found(found: Found) -> None:
    text = "Unlike last year's, the new Wi-Fi password is Bluebell!2026 for the hall."
    assert found(text, "PASSWORD") == ["Bluebell!2026"]


def test_one_name_is_another_is_a_part_only_in_a_cast(found: Found) -> None:
    text = "Hi, the Thursday group for Ms Bishop is Reggie Cook, Hafsa Noor, Dylan Price and Mason Young."
    assert {"Reggie Cook", "Hafsa Noor", "Dylan Price", "Mason Young"} <= set(found(text, "PERSON"))
    assert found("Nativity parts: Evie is Mary, and Josiah is Joseph.", "PERSON") == ["Evie", "Josiah"]


def test_a_fact_the_reader_told_the_writer_is_someone_s(found: Found) -> None:
    assert found("Thanks for telling me about the bedwetting. I've put her in the room next to mine.", SC) == [
        "bedwetting"
    ]
    assert found("Thanks for telling me about the new allergy policy.", SC) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("His foster carer Mrs Doyle is coming to the review with him.", "His foster carer"),
        ("Blessing Okoro (Y5) - working memory difficulties, on the list since Y2.", "working memory difficulties"),
        ("River Walsh (Y1) - sensory seeking, GP referral pending.", "sensory seeking"),
        ("Mrs Osei rang: please switch their ParentPay accounts to free meals from Monday.", "free meals"),
    ],
)
def test_care_sen_and_free_meals_said_in_other_words(found: Found, text: str, phrase: str) -> None:
    assert phrase in found(text, SC)


def test_the_same_words_for_everyone_are_not(found: Found) -> None:
    assert found("We are recruiting foster carers in Kent; information evening on Monday.", SC) == []
    assert found("The universal infant free meals scheme covers Reception to Year 2.", SC) == []


def test_a_storm_s_name_is_not_a_person(found: Found) -> None:
    assert found("Hurricane Beryl caused flooding across Jamaica and Grenada.", "PERSON") == []
    assert found("Trains were cancelled after Storm Ciarán hit the coast.", "PERSON") == []
    assert found("Mrs Storm will take the register; Beryl Adams is off today.", "PERSON") == ["Storm", "Beryl Adams"]


def test_the_service_someone_was_referred_to_is_their_fact(found: Found) -> None:
    assert found("Leo has been referred to the Early Help team following a home visit.", SC) == ["Early Help"]
    assert found("The Early Help team will run a coffee morning for parents on Friday.", SC) == []
    assert found("Please refer any concerns to the MASH team using the online form.", SC) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Can you check FSM eligibility for Lina Haddad? Mum has just lost her job.", "FSM"),
        ("Subject: SEN transport - change of pick-up for Mikael", "SEN"),
        ("Subject: Leo T - CP conference outcome\nThe conference agreed the plan stays in place.", "CP"),
        ("Subject: Rest breaks for Farah in English Lit", "Rest breaks"),
    ],
)
def test_a_generic_word_after_the_term_still_for_someone(found: Found, text: str, phrase: str) -> None:
    assert phrase in found(text, SC)


@pytest.mark.parametrize(
    "text",
    [
        "The FSM eligibility checker for Kent schools is now online.",
        "The Early Help offer for Medway families is attached.",
        "Subject: Governors - SEN policy review",
        "Subject: Rest breaks for Year 11 during mocks",
        "The tasting in week 4 depends on the class allergy list, so please ask her to check with me first.",
    ],
)
def test_a_generic_word_for_a_place_or_a_group_stays_generic(found: Found, text: str) -> None:
    assert found(text, SC) == []
