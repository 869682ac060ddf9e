import random
from collections.abc import Callable

import pytest
from stdnum.gb import nhs

Found = Callable[[str, str], list[str]]


def make_nhs(rng: random.Random) -> str:
    while True:
        first = "".join(rng.choice("0123456789") for _ in range(9))
        check = 11 - sum(w * int(d) for w, d in zip(range(10, 1, -1), first)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return first + str(check)


def test_generated_numbers_agree_with_stdnum() -> None:
    rng = random.Random(4)
    assert all(nhs.is_valid(make_nhs(rng)) for _ in range(200))
    assert nhs.is_valid("9434765919")  # the NHS's own example


@pytest.mark.parametrize("text", ["NHS number: 943 476 5919", "NHS no. 943-476-5919", "nhs 9434765919"])
def test_nhs_found(found: Found, text: str) -> None:
    assert [v.replace(" ", "").replace("-", "") for v in found(text, "UK_NHS")] == ["9434765919"]


def test_grouped_nhs_number_without_context(found: Found) -> None:
    value = make_nhs(random.Random(8))
    grouped = f"{value[:3]} {value[3:6]} {value[6:]}"
    assert found(f"Olivia Smith {grouped}", "UK_NHS") == [grouped]


@pytest.mark.parametrize(
    "text",
    [
        "NHS number: 943 476 5918",  # wrong check digit
        "Invoice 943 476 5919",  # a reference, even if the check digit passes
        "Order 9434765919 has shipped",
        "The total was 9434765919 pence",  # ten digits run together need a context word
    ],
)
def test_not_an_nhs_number(found: Found, text: str) -> None:
    assert found(text, "UK_NHS") == []


def test_a_list_of_valid_nhs_numbers_needs_no_label_beside_each(found: Found) -> None:
    text = "Year 3 trip list\nMaya Patel 9434765919\nLeo Byrne 9434765870\nAva Zhou 9434765862\n"
    assert found(text, "UK_NHS") == ["9434765919", "9434765870", "9434765862"]
