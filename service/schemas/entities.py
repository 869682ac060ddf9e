"""Entity type names of CONTRACT section 6."""

from enum import StrEnum


class EntityType(StrEnum):
    PERSON = "PERSON"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    UK_POSTCODE = "UK_POSTCODE"
    STREET_ADDRESS = "STREET_ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    UK_UPN = "UK_UPN"
    UK_ULN = "UK_ULN"
    UK_NHS = "UK_NHS"
    UK_NINO = "UK_NINO"
    UK_PASSPORT = "UK_PASSPORT"
    UK_DRIVING_LICENCE = "UK_DRIVING_LICENCE"
    UK_BANK_ACCOUNT = "UK_BANK_ACCOUNT"
    IBAN_CODE = "IBAN_CODE"
    CREDIT_CARD = "CREDIT_CARD"
    SPECIAL_CATEGORY = "SPECIAL_CATEGORY"
    PASSWORD = "PASSWORD"


# Identifiers and contact details: "guarded" whenever they belong to a third party
# (CONTRACT section 7, every type except PERSON, SPECIAL_CATEGORY and PASSWORD).
GUARDED_IDENTIFIER_TYPES: frozenset[EntityType] = frozenset(EntityType) - {
    EntityType.PERSON,
    EntityType.SPECIAL_CATEGORY,
    EntityType.PASSWORD,
}

# The identifiers that turn a subject-line warning into a block (CONTRACT section 7).
IDENTIFIER_TYPES: frozenset[EntityType] = frozenset(
    {
        EntityType.UK_UPN,
        EntityType.UK_ULN,
        EntityType.UK_NHS,
        EntityType.UK_NINO,
        EntityType.DATE_OF_BIRTH,
    }
)
