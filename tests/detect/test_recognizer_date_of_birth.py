import datetime
from collections.abc import Callable

import pytest

from service.detect.recognizers.date_of_birth import DATE_REGEX, parse_date

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12/03/2015", datetime.date(2015, 3, 12)),
        ("12.03.15", datetime.date(2015, 3, 12)),
        ("3rd March 2015", datetime.date(2015, 3, 3)),
        ("March 3 2015", datetime.date(2015, 3, 3)),
        ("Sept 30th, 2014", datetime.date(2014, 9, 30)),
        ("2015-03-12", datetime.date(2015, 3, 12)),
    ],
)
def test_date_shapes(text: str, day: datetime.date) -> None:
    match = DATE_REGEX.search(text)
    assert match is not None and match.group() == text
    assert parse_date(match) == day


def test_impossible_dates_do_not_parse() -> None:
    match = DATE_REGEX.search("31/02/2015")
    assert match is not None and parse_date(match) is None


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Olivia Smith, DOB: 12/03/2015", ["12/03/2015"]),
        ("D.O.B 12.03.15", ["12.03.15"]),
        ("Olivia Smith (D.O.B. 12/03/2015)", ["12/03/2015"]),
        ("Her date of birth is 3rd March 2015.", ["3rd March 2015"]),
        ("Jack was born on March 3 2015 in Leeds.", ["March 3 2015"]),
        ("born 2015-03-12", ["2015-03-12"]),
        ("It's his birthday: 12/03/2015", ["12/03/2015"]),
        ("Olivia 12/03/2015 (DOB)", ["12/03/2015"]),
        ("Date of birth:\n12/03/2015", ["12/03/2015"]),
        ("DOB 12/03/2015, admitted 01/09/2019", ["12/03/2015"]),
        ("Name,DOB,Class\nOlivia Smith,12/03/2015,5B\nJack Brown,01/04/2015,5B", ["12/03/2015", "01/04/2015"]),
        ("Name\tStart date\tDate of Birth\nOlivia\t01/09/2019\t12/03/2015", ["12/03/2015"]),
    ],
)
def test_birth_dates_found(found: Found, text: str, dates: list[str]) -> None:
    assert found(text, "DATE_OF_BIRTH") == dates


@pytest.mark.parametrize(
    "text",
    [
        "Olivia (12/03/2015)",
        "The meeting on 12/03/2025 is cancelled.",
        "Invoice dated 12/03/2024",
        "Term starts 2025-09-03.",
        "She has a birthday party next week; the trip is on 12/03/2025.",
        "Name,Start date,Class\nOlivia Smith,01/09/2019,5B",
        "DOB 31/02/2015",  # not a date
        "DOB 12/03/2099",  # in the future
        "Version 1.2.3 released",
    ],
)
def test_not_a_birth_date(found: Found, text: str) -> None:
    assert found(text, "DATE_OF_BIRTH") == []


# --- the pattern's opening (bench.attachments speed work) ----------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_DATE_PIECES = [
    "12/03/2015", "12.03.15", "2015-03-12", "3rd March 2015", "3 of may 2014", "March 3 2015", "SEPT 3rd, 2015",
    "\u017fept 3 2015", "jun 1 2020", "\u0663/03/2015", "x", "/", ".", "-", "_", " ", "\n", "born ", "DOB: ", "é",
    "Dec", "1", "a",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12))
def test_the_date_opening_finds_what_the_lookbehind_found(pieces: list[str]) -> None:
    import regex

    from service.detect.recognizers.date_of_birth import DATE_OPENING, DATE_REGEX

    old = regex.compile(r"(?<![\w/.\-])" + DATE_REGEX.pattern[len(DATE_OPENING) :], DATE_REGEX.flags)
    text = "".join(pieces)
    assert [m.span() for m in DATE_REGEX.finditer(text)] == [m.span() for m in old.finditer(text)]
