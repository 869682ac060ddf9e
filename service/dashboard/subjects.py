"""Subject access and erasure by pseudonymous sender: every row the store holds for one sender's keyed hash.

The recipient history is included: the person's own history as a sender (which days they sent
how many messages, and the hashes of whom they wrote to) and the rows where they are a recipient
of someone else (the recipient address hash is the same keyed hash as a sender's). Their export
leaves out who those other senders are.

NOTE: a scan row also holds `principal_hash`, a keyed hash of the account that asked for the
check. The sender is taken from that same account's token, so both hashes on a row name the
same person: the export shows it and the erasure, which deletes whole rows, removes it.
"""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel
from sqlalchemy import Engine, delete, select

from service.store import history
from service.store.hashing import keyed_hash
from service.store.models import OutcomeRow, ScanRow

_HASH = re.compile(r"[0-9a-f]{64}")


class NotASubject(ValueError):
    """Neither an email address nor a sender hash."""


def sender_hash_for(subject: str, key: bytes) -> str:
    """The keyed hash for an email address (normalised as at scan time), or a hash given as such."""
    value = subject.strip()
    if "@" in value:
        return keyed_hash(key, value.lower())
    if _HASH.fullmatch(value.lower()):
        return value.lower()
    raise NotASubject("give an email address or a 64-character sender hash")


def _as_utc(value: datetime) -> datetime:
    # SQLite gives back naive times; every time in the store is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcTime = Annotated[datetime, AfterValidator(_as_utc)]


class SubjectScan(BaseModel):
    scan_id: str
    created_at: UtcTime
    action: str
    rules_fired: list[str]
    shadow_rules: list[str]
    entity_counts: dict[str, int]
    internal_recipients: int
    external_recipients: int
    secure_recipients: int
    attachment_count: int
    client_platform: str | None
    latency_ms: int
    from_cache: bool
    unit: str | None
    principal_hash: str | None = None


class SubjectOutcome(BaseModel):
    outcome_id: str
    scan_id: str
    created_at: UtcTime
    outcome: str
    reason: str | None


class SentDay(BaseModel):
    day: date
    messages: int


class WroteTo(BaseModel):
    """Someone this person wrote to: keyed hashes of the address, display name ('' for none) and domain."""

    address_hash: str
    name_hash: str
    domain_hash: str
    messages: int
    first_sent_at: UtcTime
    last_sent_at: UtcTime


class HeldRecipient(BaseModel):
    """A recipient of a warned draft, held until the outcome says whether it was sent."""

    scan_id: str
    address_hash: str
    name_hash: str
    domain_hash: str
    created_at: UtcTime


class ReceivedFrom(BaseModel):
    """This person as another sender's recipient: under which display name (hashed), how often, when."""

    name_hash: str
    messages: int
    first_sent_at: UtcTime
    last_sent_at: UtcTime


class SubjectHistory(BaseModel):
    """The recipient history (CONTRACT section 8) held about one person."""

    sent_days: list[SentDay] = []
    sent_to: list[WroteTo] = []
    held: list[HeldRecipient] = []
    received_from_others: list[ReceivedFrom] = []


class SubjectExport(BaseModel):
    """Everything held about one sender. No subject, body, address or found value exists to export."""

    sender_hash: str
    scans: list[SubjectScan]
    outcomes: list[SubjectOutcome]
    history: SubjectHistory = SubjectHistory()


class SubjectErased(BaseModel):
    sender_hash: str
    scans_deleted: int
    outcomes_deleted: int
    history_rows_deleted: int = 0


def _scan_ids(sender_hash: str) -> Any:
    return select(ScanRow.scan_id).where(ScanRow.sender_hash == sender_hash)


def export_subject(engine: Engine, sender_hash: str) -> SubjectExport:
    with engine.connect() as conn:
        scans = conn.execute(
            select(*[c for c in ScanRow.__table__.columns if c.name != "sender_hash"])
            .where(ScanRow.sender_hash == sender_hash)
            .order_by(ScanRow.created_at, ScanRow.scan_id)
        ).mappings().all()
        outcomes = conn.execute(
            select(*OutcomeRow.__table__.columns)
            .where(OutcomeRow.scan_id.in_(_scan_ids(sender_hash)))
            .order_by(OutcomeRow.created_at, OutcomeRow.outcome_id)
        ).mappings().all()
        held = history.subject_rows(conn, sender_hash)
    return SubjectExport(
        sender_hash=sender_hash,
        scans=[SubjectScan.model_validate(dict(row)) for row in scans],
        outcomes=[SubjectOutcome.model_validate(dict(row)) for row in outcomes],
        history=SubjectHistory.model_validate(held),
    )


def erase_subject(engine: Engine, sender_hash: str) -> SubjectErased:
    """Delete the sender's scans, the outcomes recorded against them and their recipient history
    (as sender and as recipient), in one transaction."""
    with engine.begin() as conn:
        outcomes = conn.execute(delete(OutcomeRow).where(OutcomeRow.scan_id.in_(_scan_ids(sender_hash)))).rowcount
        scans = conn.execute(delete(ScanRow).where(ScanRow.sender_hash == sender_hash)).rowcount
        held = history.erase_subject(conn, sender_hash)
    return SubjectErased(sender_hash=sender_hash, scans_deleted=int(scans), outcomes_deleted=int(outcomes),
                         history_rows_deleted=held)
