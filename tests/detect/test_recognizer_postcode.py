from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("12 Acacia Avenue, Maidstone ME14 1XX", "ME14 1XX"),
        ("Oakfield Primary, Church Lane, Bearsted, ME14 4DS", "ME14 4DS"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("postcode: me141xx", "me141xx"),
        ("Her postcode is TN9 1AB.", "TN9 1AB"),
        ("London EC1A 1BB", "EC1A 1BB"),
    ],
)
def test_postcode_found(found: Found, text: str, postcode: str) -> None:
    assert found(text, "UK_POSTCODE") == [postcode]


@pytest.mark.parametrize(
    "text",
    ["Year 6 in Room 12", "KS2 results", "Invoice INV-20394", "Part A1 2BC of the form", "ME141XX"],
)
def test_not_a_postcode(found: Found, text: str) -> None:
    assert found(text, "UK_POSTCODE") == []
