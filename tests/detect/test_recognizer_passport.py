"""UK_PASSPORT: only with a passport word nearby."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Passport number: 123456789", "123456789"),
        ("Her passport no. is AB1234567.", "AB1234567"),
    ],
)
def test_passport_found(found: Found, text: str, number: str) -> None:
    assert found(text, "UK_PASSPORT") == [number]


@pytest.mark.parametrize("text", ["Order AB1234567", "Ref 123456789", "Bring your passport on the trip."])
def test_not_a_passport(found: Found, text: str) -> None:
    assert found(text, "UK_PASSPORT") == []

