"""IBAN_CODE: Presidio's recognizer with its mod 97 check."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "iban"),
    [
        ("IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
        ("Pay to GB82WEST12345698765432 please", "GB82WEST12345698765432"),
    ],
)
def test_iban_found(found: Found, text: str, iban: str) -> None:
    assert found(text, "IBAN_CODE") == [iban]


def test_iban_with_wrong_check_digits(found: Found) -> None:
    assert found("IBAN GB83 WEST 1234 5698 7654 32", "IBAN_CODE") == []

