"""Plain-English pieces for rule messages."""

from collections import Counter
from collections.abc import Iterable

from service.schemas.entities import EntityType

# (one, many) in words a teacher uses.
_NAMES: dict[EntityType, tuple[str, str]] = {
    EntityType.PERSON: ("a person's name", "names of people"),
    EntityType.EMAIL_ADDRESS: ("an email address", "email addresses"),
    EntityType.PHONE_NUMBER: ("a phone number", "phone numbers"),
    EntityType.UK_POSTCODE: ("a home postcode", "home postcodes"),
    EntityType.STREET_ADDRESS: ("a home address", "home addresses"),
    EntityType.DATE_OF_BIRTH: ("a date of birth", "dates of birth"),
    EntityType.UK_UPN: ("a Unique Pupil Number (UPN)", "Unique Pupil Numbers (UPNs)"),
    EntityType.UK_ULN: ("a Unique Learner Number (ULN)", "Unique Learner Numbers (ULNs)"),
    EntityType.UK_NHS: ("an NHS number", "NHS numbers"),
    EntityType.UK_NINO: ("a National Insurance number", "National Insurance numbers"),
    EntityType.UK_PASSPORT: ("a passport number", "passport numbers"),
    EntityType.UK_DRIVING_LICENCE: ("a driving licence number", "driving licence numbers"),
    EntityType.UK_BANK_ACCOUNT: ("bank account details", "bank account details"),
    EntityType.IBAN_CODE: ("an IBAN", "IBANs"),
    EntityType.CREDIT_CARD: ("a payment card number", "payment card numbers"),
    EntityType.SPECIAL_CATEGORY: (
        "sensitive information about a person (such as health, SEN or safeguarding)",
        "sensitive information about people (such as health, SEN or safeguarding)",
    ),
    EntityType.PASSWORD: ("a password", "passwords"),
}

# Most telling first.
_ORDER = [
    EntityType.SPECIAL_CATEGORY, EntityType.UK_UPN, EntityType.UK_ULN, EntityType.UK_NHS,
    EntityType.UK_NINO, EntityType.DATE_OF_BIRTH, EntityType.UK_PASSPORT,
    EntityType.UK_DRIVING_LICENCE, EntityType.UK_BANK_ACCOUNT, EntityType.IBAN_CODE,
    EntityType.CREDIT_CARD, EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE,
    EntityType.PHONE_NUMBER, EntityType.EMAIL_ADDRESS, EntityType.PERSON, EntityType.PASSWORD,
]


def join_words(items: Iterable[str]) -> str:
    words = [w for w in items if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def describe_entities(counts: Counter[EntityType]) -> str:
    parts = []
    for entity in _ORDER:
        n = counts.get(entity, 0)
        if n <= 0:
            continue
        one, many = _NAMES[entity]
        if n == 1:
            parts.append(one)
        elif entity in (EntityType.SPECIAL_CATEGORY, EntityType.UK_BANK_ACCOUNT):
            parts.append(many)
        else:
            parts.append(f"{n} {many}")
    return join_words(parts)


def where_words(locations: Iterable[str]) -> str:
    words = []
    for loc in sorted(locations):
        if loc == "subject":
            words.insert(0, "the subject line")
        elif loc == "body":
            words.append("the body of the email")
        elif loc.startswith("attachment:"):
            words.append(loc.removeprefix("attachment:"))
    return join_words(words) or "this email"
