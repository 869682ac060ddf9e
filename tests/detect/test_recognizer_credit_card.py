"""CREDIT_CARD: Luhn, and not after order or invoice words."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "card"),
    [("Card 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111"), ("Visa 5555555555554444", "5555555555554444")],
)
def test_card_found(found: Found, text: str, card: str) -> None:
    assert found(text, "CREDIT_CARD") == [card]


@pytest.mark.parametrize(
    "text",
    ["Card 4111 1111 1111 1112", "Order 4111111111111111 has shipped", "Invoice no 5555555555554444"],
)
def test_not_a_card(found: Found, text: str) -> None:
    assert found(text, "CREDIT_CARD") == []



@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Maestro card: 675995005567", "675995005567"),
        ("Paid by Visa card 4637510613267718631", "4637510613267718631"),
        ("Mastercard 2717 4310 8359 2458, expires 09/27", "2717 4310 8359 2458"),
    ],
)
def test_card_numbers_of_other_lengths_with_a_card_word(found: Found, text: str, number: str) -> None:
    assert found(text, "CREDIT_CARD") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Ref 675995005567",  # Luhn-valid, but no card word
        "Order 4637510613267718631 has shipped",
        "2717431083592458 is the parcel number",
    ],
)
def test_long_luhn_numbers_without_a_card_word_are_not_cards(found: Found, text: str) -> None:
    assert found(text, "CREDIT_CARD") == []
