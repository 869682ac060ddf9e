"""Internal, external and secure recipients (CONTRACT section 5)."""

import pytest

from service.context.recipients import (
    RecipientClass,
    RecipientInfo,
    classify_domain,
    classify_recipients,
)
from service.schemas import Message, Organisation, Recipient

ORG = Organisation(
    name="Oakfield Learning Trust",
    internal_domains=["oakfield.sch.uk", "oakfieldtrust.org.uk", "bücherei.example"],
    secure_domains=["kent.gov.uk"],
)


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("oakfield.sch.uk", RecipientClass.INTERNAL),
        ("OAKFIELD.SCH.UK.", RecipientClass.INTERNAL),
        ("staff.oakfield.sch.uk", RecipientClass.INTERNAL),
        ("oakfieldtrust.org.uk", RecipientClass.INTERNAL),
        ("kent.gov.uk", RecipientClass.SECURE),
        ("socialcare.kent.gov.uk", RecipientClass.SECURE),
        ("gmail.com", RecipientClass.EXTERNAL),
        ("notoakfield.sch.uk", RecipientClass.EXTERNAL),  # a suffix match is not a parent domain
        ("oakfield.sch.uk.evil.com", RecipientClass.EXTERNAL),
        ("sch.uk", RecipientClass.EXTERNAL),
        ("xn--bcherei-n2a.example", RecipientClass.INTERNAL),  # IDN compared in ASCII form
        ("bücherei.example", RecipientClass.INTERNAL),
        ("", RecipientClass.EXTERNAL),
    ],
)
def test_classify_domain(domain: str, expected: RecipientClass) -> None:
    assert classify_domain(domain, ORG) is expected


def test_internal_wins_when_a_domain_is_both() -> None:
    org = Organisation(name="x", internal_domains=["kent.gov.uk"], secure_domains=["kent.gov.uk"])
    assert classify_domain("kent.gov.uk", org) is RecipientClass.INTERNAL


def test_classify_recipients_ignores_type_hint_and_dedupes() -> None:
    message = Message.model_validate(
        {
            "to": [
                {"address": "T.Jones@Oakfield.sch.uk", "name": "Tom Jones", "type": "externalUser"},
                {"address": "t.jones@oakfield.sch.uk", "name": "Tom"},
                {"address": "parent@gmail.com", "type": "user"},
            ],
            "cc": [
                {"address": "t.jones@oakfield.sch.uk"},
                {"address": "not an address"},
                {"address": "a@b@c.com"},
            ],
            "bcc": [{"address": "Social Care <duty@socialcare.kent.gov.uk>", "name": " "}],
        }
    )
    assert classify_recipients(message, ORG) == [
        RecipientInfo("t.jones@oakfield.sch.uk", "Tom Jones", "to", "oakfield.sch.uk", RecipientClass.INTERNAL),
        RecipientInfo("parent@gmail.com", None, "to", "gmail.com", RecipientClass.EXTERNAL),
        RecipientInfo("t.jones@oakfield.sch.uk", None, "cc", "oakfield.sch.uk", RecipientClass.INTERNAL),
        RecipientInfo("not an address", None, "cc", "", RecipientClass.EXTERNAL),
        RecipientInfo("a@b@c.com", None, "cc", "", RecipientClass.EXTERNAL),
        RecipientInfo(
            "duty@socialcare.kent.gov.uk", None, "bcc", "socialcare.kent.gov.uk", RecipientClass.SECURE
        ),
    ]


def test_recipient_info_is_frozen() -> None:
    info = classify_recipients(Message(to=[Recipient(address="a@gmail.com")]), ORG)[0]
    with pytest.raises(AttributeError):
        info.address = "b@gmail.com"  # type: ignore[misc]
