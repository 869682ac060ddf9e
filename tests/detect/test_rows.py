"""Names in rows and short lists (service/detect/recognizers/_name_rows.py): lists of
name-count pairs, rows of a pupil's identifiers, and a subject line headed by a first
name; and the same shapes naming no one."""

import time

import pytest

from service.detect.recognizers import _name_rows as rows
from service.detect.recognizers.person import _is_common_word, could_be_name, is_known_first_name, is_known_name



def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


# -- the rules alone (no spaCy) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merit leaders: Oscar 14, Layla 11, Kai 9", [["Oscar", "Layla", "Kai"]]),
        ("Raffle\nZachary 7\nAmina - 5\nJoel (3 tickets)", [["Zachary", "Amina", "Joel"]]),
        # A sentence with numbers in it is not a list of pairs.
        ("We sold 14 tickets on Monday, 11 on Tuesday", []),
        ("Year 7: 12, Year 8: 9", []),
    ],
)
def test_count_lists(text: str, expected: list[list[str]]) -> None:
    assert [_texts(text, items) for items in rows.count_lists(text)] == expected


def _count_names(text: str, found: list[str] = ()) -> tuple[list[str], list[str]]:
    spans = [(text.index(f), text.index(f) + len(f)) for f in found]
    add, drop = rows.count_list_names(text, spans, could_be_name, is_known_first_name, _is_common_word)
    return _texts(text, add), _texts(text, drop)


def test_a_list_of_names_and_counts_names_its_items() -> None:
    # Harvey is a known first name and the NER found Ottilie: Jasper is a name too.
    add, drop = _count_names("Stickers: Harvey 6, Ottilie 5, Jasper 5", found=["Ottilie"])
    assert add == ["Harvey", "Ottilie", "Jasper"] and drop == []


def test_pupils_surnames_that_some_figure_shares_stay_names(found) -> None:
    # Anderson and Miller are figures' surnames too; Okafor is not: not a list of houses.
    assert found("Spelling: Anderson 12, Miller 9, Okafor 7", "PERSON") == ["Anderson", "Miller", "Okafor"]


def test_a_town_in_a_list_of_names_is_a_name(found) -> None:
    assert found("Stars: Brooke 8, Harvey 6, Zainab 5, Layla 4", "PERSON") == ["Brooke", "Harvey", "Zainab", "Layla"]


def test_a_list_of_things_and_counts_drops_the_ners_guesses() -> None:
    add, drop = _count_names("Gold 4, Silver 6, Bronze 9", found=["Gold", "Silver", "Bronze"])
    assert add == [] and drop == ["Gold", "Silver", "Bronze"]


def test_the_ner_alone_does_not_vouch_for_a_list() -> None:
    # House names: no known first name in the list, so nothing is added from it.
    add, _ = _count_names("Phoenix 40, Griffin 38, Pegasus 31", found=["Phoenix", "Griffin"])
    assert add == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ewan Gallacher\t4186023718\t9T", ["Ewan Gallacher"]),  # a valid ULN
        ("Maryam Siddiqui  T482915301174  5B", []),  # a UPN that fails its check letter
        ("Dalia Marlowe - dalia.marlowe@hollins.sch.uk - 10F", ["Dalia Marlowe"]),
        ("Dalia Marlowe - office@hollins.sch.uk - 10F", []),  # the address is not hers
        ("Dalia Haddad ULN 4186023718", ["Dalia Haddad"]),
        ("Florin Popa, 30291, 8M", ["Florin Popa"]),  # admission number and class code
        # A number alone may be a postcode or a price; a mailbox is nobody's.
        ("North Camberley 2661", []),
        ("North Tyneside 1234567 4H", []),
        ("Sales team - orders@supplier.co.uk - 01632 960112", []),
        ("Booking ref 20417  Hall  7W", []),
    ],
)
def test_row_names(text: str, expected: list[str]) -> None:
    assert _texts(text, rows.row_names(text, could_be_name, is_known_name, is_known_first_name)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hope - packed lunch", ["Hope"]),
        ("Subject: Faith - reading book\n\nHi, just to say...", ["Faith"]),
        ("GRACE AND ORSON - PARENTS EVENING", ["GRACE", "ORSON"]),
        # A season, a month or an event heading the subject names a time or a thing.
        ("Summer - trip money", []),
        ("SPRING AND SUMMER - TERM DATES", []),
        ("Harvest - donations list", []),
        # A first name that is no common word is left to the NER: it may be a place.
        ("Florence - Renaissance art trip", []),
        # Only a subject line: a dash in a body line is left to the NER.
        ("Dear all,\nHope - that is what we need", []),
    ],
)
def test_subject_head_names(text: str, expected: list[str]) -> None:
    assert _texts(text, rows.subject_head_names(text, could_be_name, is_known_first_name, _is_common_word)) == expected


def test_hostile_input_is_bounded() -> None:
    texts = [
        "Aaaa 1, " * 5000,
        ("Bbbbbbbb " * 30 + "12\n") * 3000,
        "Ccc" * 100_000 + " 1",
        ("Dddd Eeee  " + "1" * 5 + "  " * 50 + "\n") * 3000,
    ]
    for text in texts:
        start = time.perf_counter()
        rows.count_list_names(text, [], could_be_name, is_known_first_name, _is_common_word)
        rows.row_names(text, could_be_name, is_known_name, is_known_first_name)
        rows.subject_head_names(text, could_be_name, is_known_first_name, _is_common_word)
        assert time.perf_counter() - start < 2.0


# -- through the detector ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("House points: Oscar 14, Harvey 11, Kai 9", ["Oscar", "Harvey", "Kai"]),
        ("Hope - packed lunch", ["Hope"]),
        ("Ewan Gallacher 4186023718", ["Ewan Gallacher"]),
        ("ty ciaran, will pass it on", ["ciaran"]),
    ],
)
def test_detector_finds_names_in_rows(found, text: str, names: list[str]) -> None:
    assert found(text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        "Gold 4, Silver 6, Bronze 9",
        "Room 12, Hall 9, Library 7",
        "Shin pads 2, Socks 3, Gum shield 1",
        "Summer - trip money",
        "Reception - office@ridgeway.sch.uk - 01632 960112",
        "thanks again, ok for fri",
        # Houses named after people schools teach, every item one of them.
        "House points this week: Turing 412, Seacole 398, Tull 377, Franklin 401.",
    ],
)
def test_detector_keeps_rows_of_things_free_of_names(found, text: str) -> None:
    assert found(text, "PERSON") == []
