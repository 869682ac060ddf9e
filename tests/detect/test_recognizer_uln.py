import random
from collections.abc import Callable

import pytest
from stdnum.gb import nhs

from service.detect.recognizers.uln import is_valid_uln, uln_check_digit

Found = Callable[[str, str], list[str]]


def make_uln(rng: random.Random) -> str:
    while True:
        first = str(rng.randrange(1, 10)) + "".join(rng.choice("0123456789") for _ in range(8))
        check = uln_check_digit(first)
        if check is not None:
            return first + str(check)


def test_known_valid_uln() -> None:
    # HESA's worked example of the LRS check digit.
    assert is_valid_uln("9276308686")
    assert not is_valid_uln("9276308687")


def test_check_digit_rule() -> None:
    assert uln_check_digit("100000000") == 0  # 10 % 11 = 10 -> 10 - 10
    assert uln_check_digit("110000000") == 2  # 19 % 11 = 8 -> 10 - 8
    assert uln_check_digit("200000001") is None  # 22 % 11 = 0: no valid ULN
    assert not is_valid_uln("0276308686")  # first digit must not be 0


def test_no_number_is_both_a_uln_and_an_nhs_number() -> None:
    rng = random.Random(9)
    for _ in range(300):
        assert not nhs.is_valid(make_uln(rng))


def test_uln_found_with_context(found: Found) -> None:
    rng = random.Random(1)
    a, b = make_uln(rng), make_uln(rng)
    assert found(f"ULN: {a}", "UK_ULN") == [a]
    assert found(f"Her unique learner number is {b}.", "UK_ULN") == [b]


def test_uln_column_in_a_table(found: Found) -> None:
    rng = random.Random(2)
    a, b = make_uln(rng), make_uln(rng)
    table = f"Name\tULN\tGroup\nOlivia Smith\t{a}\t10X\nJack Brown\t{b}\t10Y"
    assert found(table, "UK_ULN") == [a, b]


def test_bare_ten_digits_are_not_reported(found: Found) -> None:
    assert found("Please quote 9276308686 when you call.", "UK_ULN") == []


@pytest.mark.parametrize(
    "text",
    [
        "ULN 9276308687",  # wrong check digit
        "Call the learner on 07700 900123",
        "ULN enquiries: 01622 000000",
        "PO 4500012345 for the learner resources",
    ],
)
def test_not_a_uln(found: Found, text: str) -> None:
    assert found(text, "UK_ULN") == []


def test_a_list_of_valid_ulns_needs_no_label_beside_each(found: Found) -> None:
    text = "New starters for Year 12:\nAmelia Hart 3555125752\nDawid Nowak 7363433320\nChloe Adeyemi 6843616827\n"
    assert found(text, "UK_ULN") == ["3555125752", "7363433320", "6843616827"]


def test_a_list_where_most_numbers_fail_the_check_is_not_ulns(found: Found) -> None:
    # One ten-digit number in eleven passes by chance: a few passes among many numbers say nothing.
    numbers = ["3555125752", "7363433320", "6843616827", "3555125753", "7363433321", "6843616828",
               "7484542075", "1234567890", "2345678901", "3456789012"]
    assert found("Order numbers: " + ", ".join(numbers), "UK_ULN") == []


def test_two_valid_numbers_are_not_yet_a_list(found: Found) -> None:
    assert found("Amelia Hart\t3555125752\nDawid Nowak\t7363433320", "UK_ULN") == []


@pytest.mark.parametrize(
    ("template", "grouping"),
    [
        ("ULN: {}", (4, 3, 3)),
        ("Learner number {} for the exam entry", (5, 5)),
        ("His unique learner no. is {} - please update the board's record.", (3, 3, 4)),
        ("Student: Hana Begum (ULN {})", (4, 3, 3)),
    ],
)
def test_a_uln_written_in_groups_is_found_whole(found: Found, template: str, grouping: tuple[int, ...]) -> None:
    rng = random.Random(sum(grouping) * len(template))
    digits = make_uln(rng)
    parts, at = [], 0
    for size in grouping:
        parts.append(digits[at : at + size])
        at += size
    sep = "-" if "Begum" in template else " "
    value = sep.join(parts)
    assert found(template.format(value), "UK_ULN") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "ULN enquiries: +44 7700 900 123",  # a phone number after its country code
        "ULN 12 3456 7890 12",  # part of a longer run of digits
        "ULN 7688 356 016",  # grouped, wrong check digit
    ],
)
def test_grouped_digits_that_are_not_a_uln(found: Found, text: str) -> None:
    assert found(text, "UK_ULN") == []
