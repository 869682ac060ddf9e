"""IBAN_CODE: Presidio's recognizer with its mod 97 check."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "iban"),
    [
        ("IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
        ("Pay to GB82WEST12345698765432 please", "GB82WEST12345698765432"),
        # Typed in lower or mixed case: the checksum is the evidence, not the capitals.
        ("iban gb29 nwbk 6016 1331 9268 19 thanks", "gb29 nwbk 6016 1331 9268 19"),
        ("de89 3704 0044 0532 0130 00 is the account", "de89 3704 0044 0532 0130 00"),
        ("Gb29Nwbk60161331926819", "Gb29Nwbk60161331926819"),
    ],
)
def test_iban_found(found: Found, text: str, iban: str) -> None:
    assert found(text, "IBAN_CODE") == [iban]


def test_iban_with_wrong_check_digits(found: Found) -> None:
    assert found("IBAN GB83 WEST 1234 5698 7654 32", "IBAN_CODE") == []



def test_lower_case_with_wrong_check_digits(found: Found) -> None:
    assert found("iban gb28 nwbk 6016 1331 9268 19", "IBAN_CODE") == []
