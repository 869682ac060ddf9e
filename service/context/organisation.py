"""The trust's own contact points are not anyone's personal data.

"Send it to finance@oakfield.sch.uk" or "ring the school office on 01622 000111"
gives a role mailbox or a switchboard of the trust itself: telling an outsider how
to reach the school is what school email is for. A named person's address on the
same domain (j.smith@oakfield.sch.uk) is still personal data.
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
    "headofyear headofschool principal ceo cfo coo clerk governance trust central".split()
)
_LOCAL_PART_WORD = regex.compile(r"[a-z]+")

# "the school office on 01622 000111", "Reception: 01622 ...", "main switchboard".
_OFFICE_BEFORE = regex.compile(
    r"\b(?:(?:school|main|front|the|our)\s+office|reception|switchboard|school(?:'s)?\s+(?:number|phone|line)|"
    r"(?:main|school)\s+(?:number|line)|absence\s+line|attendance\s+line)\b[^\n.]{0,25}$",
    regex.IGNORECASE,
)


def is_role_mailbox(address: str, organisation: Organisation) -> bool:
    """An address on the trust's own (or a secure partner's) domain whose local part
    names a role or a team, not a person."""
    local, _, _ = address.strip().lower().partition("@")
    if classify_domain(domain_of(address), organisation) is RecipientClass.EXTERNAL:
        return False
    words = _LOCAL_PART_WORD.findall(local)
    return bool(words) and all(w in ROLE_WORDS or w in _MORE_ROLE_WORDS for w in words)


def is_office_number(text: str, entity: DetectedEntity) -> bool:
    """A phone number given as the school's office, reception or switchboard line."""
    return bool(_OFFICE_BEFORE.search(text, max(0, entity.start - 60), entity.start))


def without_organisation_contacts(
    text: str, entities: list[DetectedEntity], organisation: Organisation
) -> list[DetectedEntity]:
    kept = []
    for entity in entities:
        if entity.type is EntityType.EMAIL_ADDRESS and is_role_mailbox(entity.text, organisation):
            continue
        if entity.type is EntityType.PHONE_NUMBER and is_office_number(text, entity):
            continue
        kept.append(entity)
    return kept
