"""The trust's own role mailboxes, office lines and mail footers are not third parties' data."""

import pytest

from service.context.organisation import is_office_number, is_role_mailbox
from service.context.participants import conversation_spans, participants_of
from service.detect.types import DetectedEntity
from service.rules.loader import load_organisation
from service.scanner import EXAMPLES_ORGANISATION, Scanner
from service.schemas import EntityType
from service.schemas.scan import ScanRequest

ORG = load_organisation(EXAMPLES_ORGANISATION)


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("office@oakfield.sch.uk", True),
        ("finance@oakfieldtrust.org.uk", True),
        ("year6-team@oakfield.sch.uk", True),
        ("admissions.enquiries@primary.oakfield.sch.uk", True),
        ("senco@kent.gov.uk", True),  # a secure partner's role mailbox
        ("j.smith@oakfield.sch.uk", False),  # a person at the trust
        ("accounts@kentcoachhire.co.uk", True),  # a company's role mailbox
        ("office@gmail.com", False),  # a personal mail service: anyone's
        ("finance@hotmail.co.uk", False),
        ("dan.hughes@kentcoachhire.co.uk", False),
    ],
)
def test_role_mailboxes(address: str, role: bool) -> None:
    assert is_role_mailbox(address, ORG) is role


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("Please ring the school office on 01622 000111.", True),
        ("Reception: 01622 000111", True),
        ("Questions to our main switchboard, 01622 000111", True),
        ("Her mum's mobile is 07700 900123.", False),
        ("Mum's office number is 07700 900123.", False),
        ("Call Dad on 07700 900123 after the office closes.", False),
    ],
)
def test_office_numbers(text: str, office: bool) -> None:
    number = next(iter(__import__("re").finditer(r"0[\d ]{10,12}\d", text)))
    entity = DetectedEntity(EntityType.PHONE_NUMBER, number.start(), number.end(), 0.9, number.group())
    assert is_office_number(text, entity) is office


SIGNED = "Dear Mr Hughes,\n\nPayment will be made this week.\n\nKind regards\nSarah Collins\nSchool Business Manager\n\n"
FOOTER = (
    "This email and any attachments are confidential and intended solely for the addressee. "
    "Oakfield Learning Trust, registered office: 14 Mill Lane, Maidstone ME14 2QT. Company number 07712345.\n\n"
    "Designated Safeguarding Lead: Mrs J Patel, 01622 000111."
)


def _covered(text: str, value: str) -> bool:
    start = text.index(value)
    return any(a <= start and start + len(value) <= b for a, b in conversation_spans(text))


def test_footer_paragraphs_under_a_signature_are_the_senders() -> None:
    text = SIGNED + FOOTER
    for value in ("14 Mill Lane", "ME14 2QT", "J Patel", "01622 000111"):
        assert _covered(text, value), value


def test_a_postscript_ends_the_footer() -> None:
    text = SIGNED + "P.S. Jayden Smith's EHCP review is on Friday, his mum's number is 07700 900123.\n\n" + FOOTER
    assert not _covered(text, "Jayden Smith")
    assert not _covered(text, "07700 900123")


def test_a_disclaimer_without_a_signature_above_is_not_skipped() -> None:
    text = "Ref Jayden Smith, 14 Mill Lane, ME14 2QT: this message is confidential and intended solely for you."
    assert not _covered(text, "14 Mill Lane")


def test_a_typical_signed_email_with_footer_to_a_supplier_is_allowed(scanner: Scanner) -> None:
    body = (
        SIGNED.replace("Payment will be made this week.", "Payment will be made this week. Any queries to finance@oakfield.sch.uk.")
        + FOOTER
    )
    request = ScanRequest.model_validate(
        {
            "message": {
                "subject": "Invoice 4471",
                "body": {"content": body, "type": "text"},
                "from": {"address": "s.collins@oakfield.sch.uk", "name": "Sarah Collins"},
                "to": [{"address": "accounts@brightsupplies.co.uk", "name": "Dan Hughes"}],
            }
        }
    )
    assert scanner.scan(request).action == "allow"
    personal = request.model_copy(deep=True)
    personal.message.body.content = body.replace("Payment will", "Jayden Smith (DOB 12/03/2015) will pay; payment will")
    assert scanner.scan(personal).action != "allow"


def test_a_participants_signature_run_into_a_quoted_line_is_theirs() -> None:
    from service.schemas import Message

    participants = participants_of(
        Message.model_validate(
            {"from": {"address": "s.collins@oakfield.sch.uk"}, "to": [{"address": "dan@coaches.co.uk", "name": "Dan Hughes"}]}
        )
    )
    line = "> Hi Sarah, can you confirm numbers? Regards, Dan Hughes, Bookings Manager, Coaches Ltd, 01622 555123"
    spans = conversation_spans(line, participants)
    start = line.index("01622")
    assert any(a <= start < b for a, b in spans)
    other = "> Regards, Jayden's mum Leanne Smith, 07700 900123"
    assert not any(a <= other.index("07700") < b for a, b in conversation_spans(other, participants))


def _entity(text: str, value: str, kind: EntityType) -> DetectedEntity:
    start = text.index(value)
    return DetectedEntity(kind, start, start + len(value), 0.9, value)


LETTERHEAD = (
    "Oakfield Primary School\nTonbridge Road, Maidstone, Kent ME16 8AB | 01622 000100 | office@oakfield.sch.uk\n"
    "Headteacher: Mrs Claire Donovan\nDear Mr and Mrs Osei,\nKofi has been given this week's award.\n"
    "With best wishes,\nMrs Claire Donovan\nHeadteacher"
)


def test_a_letterhead_is_the_organisations() -> None:
    from service.context.organisation import is_organisation_detail, is_role_holder

    for value, kind in [("Tonbridge Road", EntityType.STREET_ADDRESS), ("ME16 8AB", EntityType.UK_POSTCODE),
                        ("01622 000100", EntityType.PHONE_NUMBER), ("Maidstone, Kent", EntityType.PERSON)]:
        assert is_organisation_detail(LETTERHEAD, _entity(LETTERHEAD, value, kind)), value
    assert is_role_holder(LETTERHEAD, _entity(LETTERHEAD, "Claire Donovan", EntityType.PERSON))
    last = LETTERHEAD.rindex("Claire Donovan")
    assert is_role_holder(LETTERHEAD, DetectedEntity(EntityType.PERSON, last, last + 14, 0.9, "Claire Donovan"))
    for value in ("Osei", "Kofi"):
        entity = _entity(LETTERHEAD, value, EntityType.PERSON)
        assert not is_role_holder(LETTERHEAD, entity) and not is_organisation_detail(LETTERHEAD, entity)


def test_a_pupils_address_next_to_the_school_name_is_still_personal() -> None:
    from service.context.organisation import is_organisation_detail

    text = "Jayden Smith, 14 Mill Lane, Maidstone ME14 2QT (Oakfield Primary School)"
    assert not is_organisation_detail(text, _entity(text, "14 Mill Lane", EntityType.STREET_ADDRESS))
    prose = "Oakfield Primary School. Her new address is 14 Mill Lane, Maidstone ME14 2QT."
    assert not is_organisation_detail(prose, _entity(prose, "14 Mill Lane", EntityType.STREET_ADDRESS))


def test_a_suppliers_bank_details_on_an_invoice_are_the_companys() -> None:
    from service.context.organisation import is_organisation_detail

    text = "Please pay by BACS to Kent Coach Hire Ltd, Lloyds Bank, sort code 30-94-57, account number 01234567."
    assert is_organisation_detail(text, _entity(text, "30-94-57, account number 01234567", EntityType.UK_BANK_ACCOUNT))
    personal = "Please refund Mrs Okafor: sort code 30-94-57, account number 01234567."
    assert not is_organisation_detail(personal, _entity(personal, "30-94-57, account number 01234567", EntityType.UK_BANK_ACCOUNT))


def test_a_letter_addressed_to_the_recipient_carries_their_own_address() -> None:
    from service.context.participants import addressee_blocks
    from service.schemas import Message

    participants = participants_of(
        Message.model_validate({"from": {"address": "d.price@oakfield.sch.uk"},
                                "to": [{"address": "hanna.a@outlook.com", "name": "Hanna Achterberg"}]})
    )
    letter = "Mrs H. Achterberg\n27 Bower Lane\nMaidstone\nME16 8BJ\n3 March 2025\nDear Mrs Achterberg,\nRe: Lily Achterberg"
    blocks = addressee_blocks(letter, participants)
    assert [letter[a:b] for a, b in blocks] == ["Mrs H. Achterberg\n27 Bower Lane\nMaidstone\nME16 8BJ"]
    child = "Lily Achterberg\n27 Bower Lane\nME16 8BJ"
    assert addressee_blocks(child, participants) == []


def test_the_name_under_the_senders_sign_off_is_the_sender() -> None:
    from service.context.participants import signed_by

    body = "Dear parents,\n\nThe fair is on Friday.\n\nKind regards,\nFemi Adeyemi\nHeadteacher\n\nOn Mon, 3 Mar, Ann Lee <ann@gmail.com> wrote:\n> Thanks, Ann"
    assert signed_by(body) == "Femi Adeyemi"
    assert signed_by("Thanks, Tom\n\n> Regards\n> Ann Lee") == "Tom"
    assert signed_by("No sign-off here.\n\n> Regards,\n> Ann Lee") is None


def test_a_forwarded_outsiders_signature_is_their_data_not_the_conversations() -> None:
    from service.schemas import Message

    participants = participants_of(
        Message.model_validate({"from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
                                "to": [{"address": "coach@maidstonefc.co.uk"}]})
    )
    text = (
        "FYI - see below.\nTom\n\n-----Original Message-----\nFrom: Leanne Smith <leanne.smith1985@gmail.com>\n"
        "Sent: 3 March 2025 08:12\nTo: Tom Jones <t.jones@oakfield.sch.uk>\nSubject: Football\n\n"
        "Harper can't make Saturday.\n\nThanks\nLeanne Smith\n07700 900488\n41 Bower Mount Road, ME16 8AX"
    )
    assert not _covered_by(text, participants, "07700 900488")
    replied = text.replace("leanne.smith1985@gmail.com", "coach@maidstonefc.co.uk")
    assert _covered_by(replied, participants, "07700 900488")


def _covered_by(text: str, participants, value: str) -> bool:  # type: ignore[no-untyped-def]
    start = text.index(value)
    return any(a <= start and start + len(value) <= b for a, b in conversation_spans(text, participants))
