from collections.abc import Callable

import pytest

from service.detect.recognizers.email import SendGuardEmailRecognizer

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Please email t.jones@oakfield.sch.uk today", "t.jones@oakfield.sch.uk"),
        ("Mum's address is sarah.okafor82@gmail.com.", "sarah.okafor82@gmail.com"),
        ("cc: office@kent.gov.uk", "office@kent.gov.uk"),
    ],
)
def test_email_found(found: Found, text: str, address: str) -> None:
    assert found(text, "EMAIL_ADDRESS") == [address]


@pytest.mark.parametrize("text", ["Meet @ 10am", "user@localhost", "a@b.notarealtld", "The file is report.xlsx"])
def test_not_an_email(found: Found, text: str) -> None:
    assert found(text, "EMAIL_ADDRESS") == []


def test_school_domains_pass_offline() -> None:
    # "*.sch.uk" is a public suffix, which made Presidio's own check reject these.
    assert SendGuardEmailRecognizer().validate_result("head@oakfield.sch.uk")
