"""Tables of the intercept store.

What a row may hold is fixed here: rule ids, actions, entity type counts, counts of
recipients by class, numbers, a platform name from a closed list, the name of the
sender's school or department from the organisation file, a keyed hash of the
sender and a keyed hash of the signed-in user who asked for the scan. No subject, body, file name, address or matched value has a column.
The recipient history (CONTRACT section 8) likewise holds keyed hashes, counts and dates only.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ScanRow(Base):
    __tablename__ = "scans"

    scan_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(8))
    rules_fired: Mapped[list[str]] = mapped_column(JSON)
    shadow_rules: Mapped[list[str]] = mapped_column(JSON)
    entity_counts: Mapped[dict[str, int]] = mapped_column(JSON)
    internal_recipients: Mapped[int] = mapped_column(Integer)
    external_recipients: Mapped[int] = mapped_column(Integer)
    secure_recipients: Mapped[int] = mapped_column(Integer)
    attachment_count: Mapped[int] = mapped_column(Integer)
    client_platform: Mapped[str | None] = mapped_column(String(16))
    latency_ms: Mapped[int] = mapped_column(Integer)
    sender_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    from_cache: Mapped[bool] = mapped_column(Boolean, default=False)
    # A unit name from the organisation file, or "unmapped"; empty for rows from before 0003.
    unit: Mapped[str | None] = mapped_column(String(80), index=True)
    # A keyed hash of the signed-in user (tenant and object id) who asked for the scan: only
    # they may report its outcome. Empty for rows from before 0004.
    principal_hash: Mapped[str | None] = mapped_column(String(64))


class OutcomeRow(Base):
    __tablename__ = "outcomes"
    # One outcome per scan: a second report for the same draft is refused.
    __table_args__ = (UniqueConstraint("scan_id", name="uq_outcomes_scan_id"),)

    outcome_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    # Not a foreign key: an outcome may be written before its scan when the scan's
    # row is still waiting in another worker's buffer.
    scan_id: Mapped[str] = mapped_column(String(26), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))


class RuleVersionRow(Base):
    """One version of a rule or of the organisation file: the audit trail and the source of truth.

    The newest version of each (kind, name) is the one in force; a deletion is a version
    without YAML. Rows are only ever added. `actor` is an identifier (an Entra object id
    or `cli:uid<N>`), never a person's name.
    """

    __tablename__ = "rule_versions"
    __table_args__ = (UniqueConstraint("kind", "name", "version", name="uq_rule_versions_kind_name_version"),)

    version_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # "rule" or "organisation"
    kind: Mapped[str] = mapped_column(String(16))
    # The rule id, or "organisation".
    name: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(Integer)
    # seed, create, update, enable, disable, shadow, delete
    change: Mapped[str] = mapped_column(String(16))
    yaml_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    diff: Mapped[str] = mapped_column(Text)


class RulebookStateRow(Base):
    """A single row: `generation` goes up with every change, so workers poll one integer."""

    __tablename__ = "rulebook_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)


class HistorySenderDayRow(Base):
    """How many messages one sender sent on one day (UTC): the sender's count is the sum.

    Kept by day so that the retention purge can drop old messages from the count exactly.
    """

    __tablename__ = "history_sender_days"

    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    messages: Mapped[int] = mapped_column(Integer)


class HistoryRecipientRow(Base):
    """One (sender, recipient address, recipient display name) the sender has written to.

    The primary key serves the lookup by address; `ix_history_recipients_name` the lookup
    by display name (the same name at another address).
    """

    __tablename__ = "history_recipients"
    __table_args__ = (Index("ix_history_recipients_name", "sender_hash", "name_hash"),)

    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The keyed hash of the normalised display name; '' when the recipient had none.
    name_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    domain_hash: Mapped[str] = mapped_column(String(64))
    messages: Mapped[int] = mapped_column(Integer)
    first_sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class HistoryPendingRow(Base):
    """A recipient of a warned draft, held until its outcome says whether it was sent.

    Written with the scan; moved into the history when the outcome is "sent anyway",
    deleted when it is "changed" or "cancelled", or when no outcome came within a day.
    """

    __tablename__ = "history_pending"

    scan_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), index=True)
    domain_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
