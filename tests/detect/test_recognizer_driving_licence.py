"""UK_DRIVING_LICENCE: the DVLA layout."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Driving licence: MORGA753116SM9IJ", "MORGA753116SM9IJ"),
        ("Licence SMITH 651026 JA9AB on file", "SMITH 651026 JA9AB"),
    ],
)
def test_driving_licence_found(found: Found, text: str, number: str) -> None:
    assert found(text, "UK_DRIVING_LICENCE") == [number]


@pytest.mark.parametrize(
    "text",
    ["Code 99999753116SM9IJ", "MORGA713116SM9IJ", "Product ABCDE123456ABCDE"],  # no surname; month 13
)
def test_not_a_driving_licence(found: Found, text: str) -> None:
    assert found(text, "UK_DRIVING_LICENCE") == []
