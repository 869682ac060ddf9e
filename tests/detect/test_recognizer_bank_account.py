"""UK_BANK_ACCOUNT: one entity per account (see bank_account.py)."""

from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Please pay the refund to sort code 12-34-56, account 12345678.", ["12-34-56", "12345678"]),
        ("Account number: 87654321\nSort code: 20-00-00", ["87654321", "20-00-00"]),
        ("Bank details: account number 12345678", ["12345678"]),
        ("Barclays a/c 12345678", ["12345678"]),
        ("sort code 123456 acc no 12345678 (Lloyds)", ["123456", "12345678"]),
        ("my bank is Santander 09-01-28 71234599.", ["09-01-28", "71234599"]),
        (
            "Bank details for repayment: Oakfield Learning Trust, 40-12-76, 90215567, ref OVP-1183.",
            ["40-12-76", "90215567"],
        ),
    ],
)
def test_bank_account_found(found: Found, text: str, parts: list[str]) -> None:
    assert found(text, "UK_BANK_ACCOUNT") == parts


@pytest.mark.parametrize(
    "text",
    [
        "Our sort code is 12-34-56.",  # a branch, not an account
        "Your account number 12345678 for the parent portal",  # no banking word
        "Invoice 123456 for order 12345678",
        "Meeting 12-03-25 in room 12345678",
        "Order 12-34-56 12345678 shipped",  # no banking word
    ],
)
def test_not_a_bank_account(found: Found, text: str) -> None:
    assert found(text, "UK_BANK_ACCOUNT") == []
