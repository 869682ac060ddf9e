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

