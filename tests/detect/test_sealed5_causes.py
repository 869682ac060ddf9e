"""Kinds of error the fifth sealed set showed once it was spent (session 11), as general rules.

Real detector, invented text written for these tests (not the sealed set's): columns of
needs whose cells add up, benefits that give free meals, bites and named operations,
a message that opens with the reader's given name, a town that is also a given name,
an address's town before its postcode, a password that "one" stands for after a reset,
and a name inside a password.
"""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]
SC = "SPECIAL_CATEGORY"


# --- special category: columns, benefits, injuries, operations --------------------------


def test_cells_of_a_column_of_needs_are_special_when_the_column_says_so(found: Found) -> None:
    text = (
        "as agreed, the five for Thursday's clinic:\n"
        "Zuzanna Wójcik\tY5\tdyslexia\n"
        "Callum Reid\tY5\tpoor sleep\n"
        "Ifeoma Obi\tY4\tADHD\n"
        "Marek Novak\tY3\tfrequent nosebleeds\n"
        "Thanks, Jess"
    )
    values = found(text, SC)
    assert "poor sleep" in values and "frequent nosebleeds" in values


def test_a_soft_heading_beside_a_special_column_is_special(found: Found) -> None:
    text = (
        "Hi Ravi, the plan for summer:\n"
        "Pupil\tNeed\tIntervention\n"
        "Olly Jarvis\tautism\tZones of Regulation\n"
        "Bethan Rowe\tdyslexia\tNessy twice a week\n"
        "Thanks, Ana"
    )
    values = found(text, SC)
    assert "Zones of Regulation" in values and "Nessy twice a week" in values


def test_a_column_with_one_special_cell_or_a_club_table_is_not_a_column_of_needs(found: Found) -> None:
    clubs = "Name\tClub\tSupport\nEvie Marsh\tChess\tMr Lee\nRyan Cole\tChoir\tMrs Ball\n"
    assert found(clubs, SC) == []
    one = "Rota for the week:\nTom Hale\tgate duty\nAsha Patel\tlunch hall\nLi Wei\tasthma\n"
    assert "gate duty" not in found(one, SC) and "lunch hall" not in found(one, SC)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The voucher was sent because his mum is on Universal Credit now.", "Universal Credit"),
        ("Aleksy Nowak - eligible, mum gets income-based JSA, please tick FSM.", "JSA"),
        ("Sorry to say Tamsin was bitten on the hand by a classmate at lunch.", "bitten on the hand"),
        ("Has the insurer been told about Owain's knee op in June?", "knee op"),
        ("Farah is off games until her shoulder reconstruction has healed.", "shoulder reconstruction"),
        # A note headed by the pupil's name, the procedure opening its line.
        ("Jacob Marsh - games notes\nKnee reconstruction in May; no rugby this term.",
         "Knee reconstruction"),
    ],
)
def test_benefits_bites_and_named_operations_of_someone_are_special(found: Found, text: str, phrase: str) -> None:
    assert any(phrase in value for value in found(text, SC))


@pytest.mark.parametrize(
    "text",
    [
        "If you receive Universal Credit you may be eligible for free school meals.",
        "Universal Credit rates change in April, the DWP says.",
        "She was bitten by the travel bug after her gap year.",
        "The knee op scene in the film made the class squirm.",
        "The roof repair on the science block starts on Monday.",
        # A lesson's task, and a share of a group said with a few words between.
        "In Year 10, students research epilepsy and first aid before the first aid course.",
        "Please be sensitive: some students in the year live with diabetes and may want to talk.",
    ],
)
def test_the_same_words_about_no_one_are_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []


# --- names ------------------------------------------------------------------------------


def test_a_message_that_opens_with_a_given_name_and_a_comma_greets_it(found: Found) -> None:
    text = "Subject: outcome of the meeting\nMoira, the panel rang back this morning about the transport.\nDev"
    assert "Moira" in found(text, "PERSON")


def test_a_town_that_is_also_a_given_name_signs_off_as_a_name(found: Found) -> None:
    assert "Moira" in found("Subject: rota\nThanks for covering Tuesday.\nMoira (DSL)", "PERSON")


@pytest.mark.parametrize("text", ["Apologies, I can't make Thursday.\nTom", "Also, the coach is at 9.\nTom"])
def test_an_opening_word_and_comma_that_is_no_given_name_is_not_a_name(found: Found, text: str) -> None:
    assert found(text, "PERSON") == ["Tom"]


def test_the_word_before_a_postcode_is_the_address_town(found: Found) -> None:
    text = "We have your new address as 12 Mill Lane, Faversham ME13 8AB, and Priya's too."
    assert "Faversham" not in found(text, "PERSON")
    # A person's name straight before a postcode is still a name.
    assert "Amelia Jones" in found("Post it to Amelia Jones ME13 8AB please", "PERSON")


# --- passwords ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("done, I've unlocked your account. temp one is Heron4life - you'll be asked to change it.", "Heron4life"),
        ("Reset your SIMS login: the new one is Pebble!72", "Pebble!72"),
    ],
)
def test_the_one_after_a_reset_is_the_password(found: Found, text: str, secret: str) -> None:
    assert found(text, "PASSWORD") == [secret]


def test_a_new_one_with_no_login_about_is_no_password(found: Found) -> None:
    assert found("The new one is Galaxy22 and the camera is brilliant.", "PASSWORD") == []


def test_a_name_inside_a_password_is_part_of_the_password(found: Found) -> None:
    text = "Supply login: k.osei.supply / Daisy-Lantern-31"
    assert found(text, "PASSWORD") == ["Daisy-Lantern-31"]
    assert found(text, "PERSON") == []


# --- a subject line over a body about someone's special facts ----------------------------


def test_a_subject_term_is_special_when_the_body_states_someones_facts(found: Found) -> None:
    text = ("Subject: private fostering?\nhi Dev, quick one - Keira in 8M says she has been living with "
            "her aunt's friend since half term because her mum has been in hospital.\nSue")
    assert "private fostering" in found(text, SC)


def test_a_subject_term_over_a_body_about_no_one_is_not(found: Found) -> None:
    text = "Subject: private fostering training\nHi all, the twilight session is on Thursday in the library.\nSue"
    assert found(text, SC) == []


def test_a_full_name_led_by_a_word_name_in_a_list_of_full_names_is_a_name(found: Found) -> None:
    names = found("Expedition group B: Rhys Jenkins, Farida Haidari, Kit Holloway\nKit check on Friday", "PERSON")
    assert "Kit Holloway" in names


def test_towns_and_clubs_in_a_list_are_not_names(found: Found) -> None:
    assert found("Away fixtures: Maidstone United, Dover Athletic, Ashford Town", "PERSON") == []
    assert found("The coach goes via Canterbury, Dover, Folkestone and Hythe.", "PERSON") == []


def test_names_in_a_cover_list_are_names(found: Found) -> None:
    text = "Cover for Thursday:\nP2\t8C Geo\tNwachukwu out\tcover: Lindqvist\nP5\t10Y Art\tFerreira absent\tcover: supply"
    names = found(text, "PERSON")
    assert {"Nwachukwu", "Lindqvist", "Ferreira"} <= set(names)


def test_out_and_cover_cells_with_no_name_are_not_names(found: Found) -> None:
    assert found("Today:\tYear 6 out on trip\tLights out\tcover: TBC\tcover: Supply Teacher", "PERSON") == []


def test_the_readers_own_condition_stated_to_them_is_special(found: Found) -> None:
    values = found("Of course. OH suggested it because of your IBS; I've added it to your reasonable adjustments plan.", SC)
    assert "IBS" in values and "reasonable adjustments" in values


@pytest.mark.parametrize(
    "text",
    ["Please tell us about your allergies on the form.", "Let us know of any changes to your medical conditions."],
)
def test_asking_everyone_about_their_own_health_is_not_special(found: Found, text: str) -> None:
    assert found(text, SC) == []


def test_will_where_the_modal_cannot_stand_is_a_name(found: Found) -> None:
    names = found("Subject: Will's reading book\nDear Mrs Amadi,\nWill has moved up a band and Will got 9/10.", "PERSON")
    assert names.count("Will") == 3
    assert found("Will it rain on sports day? We will see. Will you let me know?", "PERSON") == []


@pytest.mark.parametrize(
    "text",
    ["Meet you at 13:30 outside Laine Koskinen Oyj.", "Direct debit cancelled: Kovács Tóth Kft., last collection Monday."],
)
def test_a_firm_with_another_countrys_legal_form_is_not_a_person(found: Found, text: str) -> None:
    assert found(text, "PERSON") == []


def test_a_reply_that_answers_its_reader_by_name_names_them(found: Found) -> None:
    assert "Rhodri" in found("Of course Rhodri. We'll sort a lanyard this week.", "PERSON")
    assert found("Sorry Everyone, the hall is shut on Friday.", "PERSON") == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("The server room door is 4719 now.", ["4719"]),
        ("Key safe by the kitchen door: 1962", ["1962"]),
        ("Both logins are set up: Amir is Falcon2026 and Jo is Lynx2026.", ["Falcon2026", "Lynx2026"]),
        ("Try Mallard58 - that's what it was before half term.", ["Mallard58"]),
    ],
)
def test_codes_and_logins_given_in_passing_are_passwords(found: Found, text: str, secrets: list[str]) -> None:
    assert found(text, "PASSWORD") == secrets


@pytest.mark.parametrize(
    "text", ["Our alarm is a 2024 model.", "The lift is out of order until 1530.", "The gate is 2 metres high."]
)
def test_a_device_with_a_year_time_or_size_is_no_code(found: Found, text: str) -> None:
    assert found(text, "PASSWORD") == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("It's Pelican, capital P, all one word.", ["Pelican"]),
        ("For the minibus booking account use Wheels4All", ["Wheels4All"]),
    ],
)
def test_a_word_spelt_out_as_a_secret_or_used_for_an_account_is_a_password(
    found: Found, text: str, secrets: list[str]
) -> None:
    assert found(text, "PASSWORD") == secrets


@pytest.mark.parametrize(
    "text", ["The theme is Space, all lower case on the poster.", "Cherry!Bomb - the ! is an exclamation mark, no spaces."]
)
def test_a_plain_word_beside_spelling_talk_is_no_password(found: Found, text: str) -> None:
    assert "Space" not in found(text, "PASSWORD") and "mark" not in found(text, "PASSWORD")
