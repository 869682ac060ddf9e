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
        # Tables: the header names the columns, the rows hold bare numbers.
        (
            "Name\tSort code\tAccount number\nJo Bell\t20-45-77\t41234567\nAmir Khan\t40-11-62\t70123456",
            ["20-45-77", "41234567", "40-11-62", "70123456"],
        ),
        ("Payee | Sort Code | Account No\nK. Mensah | 309634 | 12345678", ["309634", "12345678"]),
        ("Staff no\tBank\tAcc no\n1183\tBarclays\t41234567", ["41234567"]),
        ("Santander\t09-01-28\t71234599", ["09-01-28", "71234599"]),
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
        # An "Account" column without a sort code or a banking word: budget codes.
        "Budget line\tAccount\tAmount\nTextbooks\t40117233\t1200",
        # Rows that hold no numbers of the right shape.
        "Pupil\tSort code\tAccount number\nAmy Lee\tsee letter\t2024-25",
    ],
)
def test_not_a_bank_account(found: Found, text: str) -> None:
    assert found(text, "UK_BANK_ACCOUNT") == []
