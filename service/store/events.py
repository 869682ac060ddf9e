"""What the service hands the store: the storage shapes, separate from the API's."""

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ClientPlatform(StrEnum):
    """Office.js `Office.context.diagnostics.platform`, or other."""

    PC = "PC"
    MAC = "Mac"
    OFFICE_ONLINE = "OfficeOnline"
    IOS = "iOS"
    ANDROID = "Android"
    UNIVERSAL = "Universal"
    OTHER = "other"

    @classmethod
    def from_header(cls, value: str | None) -> "ClientPlatform | None":
        if not value:
            return None
        for member in cls:
            if member.value.casefold() == value.strip().casefold():
                return member
        return cls.OTHER


class Outcome(StrEnum):
    SENT_ANYWAY = "sent_anyway"
    CHANGED = "changed"
    CANCELLED = "cancelled"


class SendAnywayReason(StrEnum):
    """Why a sender went ahead: a closed list, so no free text (and no personal data) is kept."""

    RECIPIENT_ENTITLED = "recipient_entitled"
    SECURE_CHANNEL = "secure_channel"
    CONSENT_GIVEN = "consent_given"
    URGENT_SAFEGUARDING = "urgent_safeguarding"
    NOT_PERSONAL_DATA = "not_personal_data"
    OTHER = "other"


def _now() -> datetime:
    return datetime.now(UTC)


class ScanEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    scan_id: str
    created_at: datetime = Field(default_factory=_now)
    action: str
    rules_fired: list[str]
    shadow_rules: list[str] = Field(default_factory=list)
    entity_counts: dict[str, int] = Field(default_factory=dict)
    internal_recipients: int = 0
    external_recipients: int = 0
    secure_recipients: int = 0
    attachment_count: int = 0
    client_platform: ClientPlatform | None = None
    latency_ms: int = 0
    sender_hash: str | None = None
    from_cache: bool = False
    # The sender's school or department (a unit name of the organisation file) or "unmapped".
    unit: str | None = Field(default=None, max_length=80)
    # A keyed hash of the signed-in user who asked for the scan (tenant and object id): only
    # they may report its outcome.
    principal_hash: str | None = None


class OutcomeEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome_id: str
    scan_id: str
    created_at: datetime = Field(default_factory=_now)
    outcome: Outcome
    reason: SendAnywayReason | None = None


class HashedRecipient(BaseModel):
    """One recipient as the history keeps it: keyed hashes of its address, display name ('' for none) and domain."""

    model_config = ConfigDict(frozen=True)

    address_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    name_hash: str = Field(pattern=r"^([0-9a-f]{64})?$")
    domain_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class HistoryEvent(BaseModel):
    """Who a scanned draft went to, for the recipient history (CONTRACT section 8).

    `sent`: the draft was allowed and so sent at once; otherwise its recipients are held
    until the scan's outcome says whether it was sent anyway.
    """

    model_config = ConfigDict(frozen=True)

    scan_id: str
    created_at: datetime = Field(default_factory=_now)
    sender_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    recipients: list[HashedRecipient]
    sent: bool


StoreEvent = ScanEvent | OutcomeEvent | HistoryEvent
