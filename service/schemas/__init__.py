"""Pydantic shapes of shared/CONTRACT.md and the typed hand-offs between stages."""

from service.schemas.entities import EntityType, GUARDED_IDENTIFIER_TYPES, IDENTIFIER_TYPES
from service.schemas.scan import (
    Action,
    Attachment,
    Body,
    Finding,
    Message,
    Recipient,
    ScanRequest,
    ScanResult,
)
from service.schemas.org import Organisation

__all__ = [
    "Action",
    "Attachment",
    "Body",
    "EntityType",
    "Finding",
    "GUARDED_IDENTIFIER_TYPES",
    "IDENTIFIER_TYPES",
    "Message",
    "Organisation",
    "Recipient",
    "ScanRequest",
    "ScanResult",
]
