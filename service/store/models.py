"""Tables of the intercept store.

What a row may hold is fixed here: rule ids, actions, entity type counts, counts of
recipients by class, numbers, a platform name from a closed list, and a keyed hash
of the sender. No subject, body, file name, address or matched value has a column.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String
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


class OutcomeRow(Base):
    __tablename__ = "outcomes"

    outcome_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    # Not a foreign key: an outcome may be written before its scan when the scan's
    # row is still waiting in another worker's buffer.
    scan_id: Mapped[str] = mapped_column(String(26), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
