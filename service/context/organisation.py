"""The trust's own contact points, and organisations' details, are not anyone's personal data.

"Send it to finance@oakfield.sch.uk" or "ring the school office on 01622 000111"
gives a role mailbox or a switchboard of the trust itself: telling an outsider how
to reach the school is what school email is for. A named person's address on the
same domain (j.smith@oakfield.sch.uk) is still personal data. Likewise a letterhead,
a supplier's address and bank details on an invoice, and a member of staff named
with their role ("Mrs Claire Donovan, Headteacher") are not a third party's data.
"""

from __future__ import annotations

import regex

from service.context.participants import ROLE_WORDS
from service.context.recipients import RecipientClass, classify_domain, domain_of
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType
from service.schemas.org import Organisation

# Role mailboxes beyond the shared-mailbox words: local parts are compared after
# dropping digits and separators ("year6-team", "office2", "admissions.enquiries").
_MORE_ROLE_WORDS = frozenset(
    "admissions accounts payroll exams examinations data reprographics estates premises "
    "catering kitchen transport trips library careers pastoral wellbeing inclusion sen send "
    "year team teams class ict technician facilities bookings lettings absence absences "
    "headofyear headofschool principal ceo cfo coo clerk governance trust central sales orders "
    "invoices billing bookings customerservice customerservices service services accounts".split()
)
_LOCAL_PART_WORD = regex.compile(r"[a-z]+")

# "the school office on 01622 000111", "Reception: 01622 ...", "main switchboard".
_OFFICE_BEFORE = regex.compile(
    r"\b(?:(?:school|main|front|the|our)\s+office|reception|switchboard|school(?:'s)?\s+(?:number|phone|line)|"
    r"(?:main|school)\s+(?:number|line)|absence\s+line|attendance\s+line)\b[^\n.]{0,25}$",
    regex.IGNORECASE,
)


def is_role_mailbox(address: str, organisation: Organisation) -> bool:
    """An organisation's address whose local part names a role or a team, not a person:
    the trust's own (office@oakfield.sch.uk) or a company's (accounts@kentcoachhire.co.uk).
    On a personal mail service (gmail.com, hotmail.co.uk) it may be anyone's."""
    local, _, _ = address.strip().lower().partition("@")
    domain = domain_of(address)
    if classify_domain(domain, organisation) is RecipientClass.EXTERNAL and _PERSONAL_MAIL.search(domain):
        return False
    words = _LOCAL_PART_WORD.findall(local)
    return bool(words) and all(w in ROLE_WORDS or w in _MORE_ROLE_WORDS for w in words)


_PERSONAL_MAIL = regex.compile(
    r"(?:^|\.)(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|mac|aol|btinternet|"
    r"btopenworld|sky|talktalk|virginmedia|ntlworld|blueyonder|tiscali|protonmail|proton|gmx|mail|zoho)\.",
)


def is_office_number(text: str, entity: DetectedEntity) -> bool:
    """A phone number given as the school's office, reception or switchboard line."""
    return bool(_OFFICE_BEFORE.search(text, max(0, entity.start - 60), entity.start))


# "Oakfield Primary School | Tonbridge Road, Maidstone ME16 8AB | 01622 000100" (a
# letterhead), "Kent Coach Hire Ltd, Lloyds Bank, sort code ...": an organisation's name
# with its address, numbers and bank details after it on the same line.
_ORG_TYPE = (
    r"(?:School|Academy|Trust|College|Council|Ltd|Limited|PLC|plc|LLP|Nursery|Federation|Surgery|"
    r"Hospital|University|Services|Partnership|Industrial\s+Estate|Business\s+Park)"
)
_ORG_NAME = regex.compile(rf"\b\p{{Lu}}[\p{{L}}&'’\-]*(?:\s+(?:\p{{Lu}}[\p{{L}}&'’\-]*|of|and|&))*\s+{_ORG_TYPE}\b")
_ORG_DETAILS = frozenset(
    {EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE, EntityType.PHONE_NUMBER, EntityType.UK_BANK_ACCOUNT,
     EntityType.IBAN_CODE}
)
_ORG_REACH = 200
_SENTENCE_END = regex.compile(r"[.!?]\s+\p{Lu}[\p{Ll}]|\t")

# "Headteacher: Mrs Claire Donovan", "Claire Donovan, Headteacher": staff in their role.
_ROLE = (
    r"(?:(?:executive|deputy|assistant)\s+)?head\s*teacher|head\s+of\s+(?:school|year|department)|"
    r"(?:vice\s+)?principal|sen\s*co|send\s*co|class\s+teacher|teacher|teaching\s+assistant|"
    r"(?:school\s+)?business\s+manager|office\s+manager|administrator|bursar|chair\s+of\s+governors|"
    r"clerk\s+to\s+(?:the\s+)?governors|governor|trustee|ceo|chief\s+executive|dsl|"
    r"designated\s+safeguarding\s+lead|attendance\s+officer|family\s+liaison\s+officer|data\s+manager|"
    r"site\s+manager|premises\s+manager"
)
_ROLE_BEFORE = regex.compile(rf"(?i:\b(?:{_ROLE}))\s*:\s*(?:(?i:mrs|mr|ms|miss|mx|dr)\.?\s+)?$")
_ROLE_AFTER = regex.compile(rf"\s*(?:,|\||\n)\s*(?i:(?:{_ROLE}))\b")


def _line_before(text: str, position: int) -> tuple[int, str]:
    """The text before `position` on its line and up to two lines above (a letterhead's
    name stands over its address), stopping at a blank line."""
    start = position
    for _ in range(3):
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
        if start == 0 or text[max(0, start - 2) : start] == "\n\n":
            break
    start = max(start, position - _ORG_REACH)
    return start, text[start:position]


def is_organisation_detail(text: str, entity: DetectedEntity, people: tuple[tuple[int, int], ...] = ()) -> bool:
    """An address, number or bank detail given after an organisation's name on its line,
    or the bank details an organisation's own invoice asks to be paid into."""
    if entity.type not in _ORG_DETAILS and entity.type is not EntityType.PERSON:
        return False
    if entity.type in _BANK and _payable_to_letterhead(text, entity):
        return True
    start, before = _line_before(text, entity.start)
    names = list(_ORG_NAME.finditer(before))
    if not names or _SENTENCE_END.search(before, names[-1].end()):
        return False
    # "Oakfield Primary School / Trip refunds / Pay to: Mrs Joy Okafor, sort code ...": a
    # person named after the organisation owns what follows.
    org_end = start + names[-1].end()
    # (Two words or more and no comma: the NER's guesses in letterheads are mostly places,
    # "Kent", "Chatham, Kent".)
    if any(org_end <= a and b <= entity.start and _FULL_NAME.fullmatch(text[a:b].strip()) for a, b in people):
        return False
    if entity.type is EntityType.PERSON:
        # A place the NER took for a name, inside the address: a postcode follows it.
        return bool(_POSTCODE_SOON.match(text, entity.end))
    return True


_FULL_NAME = regex.compile(r"\p{L}[\p{L}'’.-]*(?: \p{L}[\p{L}'’.-]*)+")
_BANK = frozenset({EntityType.UK_BANK_ACCOUNT, EntityType.IBAN_CODE})
# "Pay to sort code ...", "Payment details: account ...", "BACS to: ...": the payee's account.
_PAY_CUE = regex.compile(
    r"(?i)\b(?:pay(?:ment)?s?(?:\s+(?:details|by\s+bacs|by\s+bank\s+transfer))?\s*(?:to|into|:)|payable\s+to|remit(?:tance)?\s+to"
    r"|bacs(?:\s+details)?\s*:|bank\s+details\s*:)"
    # Then labels and numbers only: a name in between ("Pay to: Mrs Joy Okafor, ...") is the payee.
    r"(?:[ \t:,;.-]|sort[ \t-]*code|account|acc|a/c|number|no|bank|iban|\d)*$"
)
_HEAD_LINES = 3


def _payable_to_letterhead(text: str, entity: DetectedEntity) -> bool:
    """Bank details after a pay cue, in a text headed by an organisation's name (an invoice:
    "ChefsPlate Catering Ltd" on its first lines, "Pay to sort code ..." below)."""
    if not _PAY_CUE.search(text, max(0, entity.start - 80), entity.start):
        return False
    head_end = 0
    for _ in range(_HEAD_LINES):
        next_break = text.find("\n", head_end)
        head_end = len(text) if next_break < 0 else next_break + 1
    return _ORG_NAME.search(text, 0, min(head_end, 300)) is not None


_POSTCODE_SOON = regex.compile(r"[^\n|]{0,60}?\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def is_role_holder(text: str, entity: DetectedEntity) -> bool:
    """A member of staff named with their role, as letters and newsletters sign off."""
    if entity.type is not EntityType.PERSON:
        return False
    return bool(
        _ROLE_BEFORE.search(text, max(0, entity.start - 60), entity.start)
        or _ROLE_AFTER.match(text, entity.end, entity.end + 60)
    )


def without_organisation_contacts(
    text: str, entities: list[DetectedEntity], organisation: Organisation
) -> list[DetectedEntity]:
    kept = []
    people = tuple((e.start, e.end) for e in entities if e.type is EntityType.PERSON)
    for entity in entities:
        if entity.type is EntityType.EMAIL_ADDRESS and is_role_mailbox(entity.text, organisation):
            continue
        if entity.type is EntityType.PHONE_NUMBER and is_office_number(text, entity):
            continue
        if is_organisation_detail(text, entity, people) or is_role_holder(text, entity):
            continue
        kept.append(entity)
    return kept
