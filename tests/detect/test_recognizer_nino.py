from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "nino"),
    [
        ("NI number: AB 12 34 56 C", "AB 12 34 56 C"),
        ("Her National Insurance number is JG103759A.", "JG103759A"),
        ("nino jg103759a", "jg103759a"),
    ],
)
def test_nino_found(found: Found, text: str, nino: str) -> None:
    assert found(text, "UK_NINO") == [nino]


@pytest.mark.parametrize(
    "text",
    [
        "QQ 12 34 56 C",  # HMRC's specimen prefix is never issued
        "GB123456A",
        "Order AB123456E",  # suffix E is not used
        "the cat sat on ab123456c",  # lower case without a context word
    ],
)
def test_not_a_nino(found: Found, text: str) -> None:
    assert found(text, "UK_NINO") == []
