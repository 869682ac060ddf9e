"""The recipient history's tables (CONTRACT section 8): writes, the one-query lookup, retention,
and what the DPO's subject access and erasure need. Keyed hashes in, keyed hashes out.

Hashing lives with the caller (service/history/store.py); this module never sees an address.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, delete, func, literal, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite

from service.store.events import HashedRecipient, HistoryEvent, Outcome
from service.store.models import HistoryPendingRow, HistoryRecipientRow, HistorySenderDayRow, OutcomeRow

# A warned draft's recipients wait this long for the outcome report (the add-in sends it at once).
PENDING_HOURS = 24


def as_utc(value: datetime) -> datetime:
    """Aware and in UTC (a naive time is taken as UTC already, as SQLite gives them back)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class HashedMessage:
    """One sent message, hashed: the sender's hash, when, and its distinct recipients."""

    sender_hash: str
    when: datetime
    recipients: tuple[HashedRecipient, ...]


@dataclass
class Lookup:
    """What the history holds about a draft's recipients, by hash."""

    sent_messages: int = 0
    known_addresses: set[str] = field(default_factory=set)
    # name hash -> (address hash, domain hash) it was sent to
    names: dict[str, set[tuple[str, str]]] = field(default_factory=dict)


def _insert(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def record(conn: Connection, messages: Iterable[HashedMessage]) -> int:
    """Add sent messages to the history in two statements (however many messages); returns how many."""
    days: Counter[tuple[str, date]] = Counter()
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    count = 0
    for message in messages:
        count += 1
        when = as_utc(message.when)
        days[(message.sender_hash, when.date())] += 1
        for r in dict.fromkeys(message.recipients):  # each distinct recipient once a message
            key = (message.sender_hash, r.address_hash, r.name_hash)
            row = rows.get(key)
            if row is None:
                rows[key] = {"sender_hash": key[0], "address_hash": key[1], "name_hash": key[2],
                             "domain_hash": r.domain_hash, "messages": 1, "first_sent_at": when, "last_sent_at": when}
            else:
                row["messages"] += 1
                row["first_sent_at"] = min(row["first_sent_at"], when)
                row["last_sent_at"] = max(row["last_sent_at"], when)
    if days:
        insert = _insert(conn, HistorySenderDayRow.__table__)
        insert = insert.on_conflict_do_update(
            index_elements=["sender_hash", "day"],
            set_={"messages": HistorySenderDayRow.__table__.c.messages + insert.excluded.messages},
        )
        conn.execute(insert, [{"sender_hash": s, "day": d, "messages": n} for (s, d), n in days.items()])
    if rows:
        table = HistoryRecipientRow.__table__
        insert = _insert(conn, table)
        excluded = insert.excluded
        insert = insert.on_conflict_do_update(
            index_elements=["sender_hash", "address_hash", "name_hash"],
            set_={
                "messages": table.c.messages + excluded.messages,
                "domain_hash": excluded.domain_hash,
                "first_sent_at": case((excluded.first_sent_at < table.c.first_sent_at, excluded.first_sent_at),
                                      else_=table.c.first_sent_at),
                "last_sent_at": case((excluded.last_sent_at > table.c.last_sent_at, excluded.last_sent_at),
                                     else_=table.c.last_sent_at),
            },
        )
        conn.execute(insert, list(rows.values()))
    return count


def lookup(
    conn: Connection,
    sender_hash: str,
    address_hashes: Sequence[str],
    name_hashes: Sequence[str],
    since: datetime | None = None,
) -> Lookup:
    """One query (a UNION ALL of index seeks): the sender's count, which addresses are known,
    and where each display name was sent to. `since`: ignore what is older (retention)."""
    days, recipients = HistorySenderDayRow, HistoryRecipientRow
    count = select(literal("s"), literal(""), literal(""), literal(""),
                   func.coalesce(func.sum(days.messages), 0)).where(days.sender_hash == sender_hash)
    recent = []
    if since is not None:
        count = count.where(days.day >= as_utc(since).date())
        recent = [recipients.last_sent_at >= as_utc(since)]
    parts = [count]
    if address_hashes:
        parts.append(
            select(literal("a"), recipients.address_hash, literal(""), literal(""), literal(0))
            .where(recipients.sender_hash == sender_hash, recipients.address_hash.in_(sorted(set(address_hashes))),
                   *recent)
        )
    names = sorted({n for n in name_hashes if n})
    if names:
        parts.append(
            select(literal("n"), recipients.name_hash, recipients.address_hash, recipients.domain_hash, literal(0))
            .where(recipients.sender_hash == sender_hash, recipients.name_hash.in_(names), *recent)
        )
    found = Lookup()
    for kind, first, second, third, number in conn.execute(union_all(*parts)):
        if kind == "s":
            found.sent_messages = int(number or 0)
        elif kind == "a":
            found.known_addresses.add(first)
        else:
            found.names.setdefault(first, set()).add((second, third))
    return found


def hold(conn: Connection, events: Sequence[HistoryEvent]) -> None:
    """Keep a warned draft's recipients until its outcome arrives (a repeat is ignored)."""
    rows = [
        {"scan_id": e.scan_id, "sender_hash": e.sender_hash, "address_hash": r.address_hash, "name_hash": r.name_hash,
         "domain_hash": r.domain_hash, "created_at": as_utc(e.created_at)}
        for e in events for r in dict.fromkeys(e.recipients)
    ]
    if rows:
        conn.execute(_insert(conn, HistoryPendingRow.__table__).on_conflict_do_nothing(), rows)


def settle(conn: Connection, scan_ids: Iterable[str] | None = None) -> int:
    """Held recipients whose outcome is in: "sent anyway" moves them into the history, any other
    outcome just drops them. `scan_ids`: only these scans (None: all). Returns messages added."""
    pending = HistoryPendingRow
    answered = select(OutcomeRow.scan_id, OutcomeRow.outcome).join(pending, pending.scan_id == OutcomeRow.scan_id)
    if scan_ids is not None:
        ids = sorted(set(scan_ids))
        if not ids:
            return 0
        answered = answered.where(OutcomeRow.scan_id.in_(ids))
    outcomes = {str(scan_id): str(outcome) for scan_id, outcome in conn.execute(answered.distinct())}
    if not outcomes:
        return 0
    sent = [scan_id for scan_id, outcome in outcomes.items() if outcome == Outcome.SENT_ANYWAY.value]
    messages: dict[str, HashedMessage] = {}
    if sent:
        held = conn.execute(
            select(pending.scan_id, pending.sender_hash, pending.created_at, pending.address_hash, pending.name_hash,
                   pending.domain_hash).where(pending.scan_id.in_(sent))
        ).all()
        for scan_id, sender, created, address, name, domain in held:
            recipient = HashedRecipient(address_hash=address, name_hash=name, domain_hash=domain)
            message = messages.get(scan_id)
            messages[scan_id] = HashedMessage(
                sender, created, (*(message.recipients if message else ()), recipient)
            )
        record(conn, messages.values())
    conn.execute(delete(pending).where(pending.scan_id.in_(sorted(outcomes))))
    return len(messages)


def purge_before(conn: Connection, cutoff: datetime, now: datetime | None = None) -> int:
    """Retention: drop days and recipients last written to before `cutoff` (a recipient still in use
    keeps its row, its first date moved up to the cutoff), settle held recipients, and drop those
    whose outcome never came. Returns the rows removed."""
    cutoff = as_utc(cutoff)
    now = as_utc(now or datetime.now(UTC))
    settle(conn)
    gone = conn.execute(delete(HistorySenderDayRow).where(HistorySenderDayRow.day < cutoff.date())).rowcount
    gone += conn.execute(delete(HistoryRecipientRow).where(HistoryRecipientRow.last_sent_at < cutoff)).rowcount
    conn.execute(update(HistoryRecipientRow).where(HistoryRecipientRow.first_sent_at < cutoff)
                 .values(first_sent_at=cutoff))
    expired = now - timedelta(hours=PENDING_HOURS)
    gone += conn.execute(delete(HistoryPendingRow).where(HistoryPendingRow.created_at < expired)).rowcount
    return int(gone)


# --- subject access and erasure ----------------------------------------------------


def subject_rows(conn: Connection, subject_hash: str) -> dict[str, list[dict[str, Any]]]:
    """Every history row about one person: as a sender (their days and recipients, held or
    recorded) and as a recipient of others (without saying who the senders are)."""
    days, recipients, pending = HistorySenderDayRow, HistoryRecipientRow, HistoryPendingRow

    def rows(query: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in conn.execute(query).mappings().all()]

    return {
        "sent_days": rows(select(days.day, days.messages).where(days.sender_hash == subject_hash)
                          .order_by(days.day)),
        "sent_to": rows(select(recipients.address_hash, recipients.name_hash, recipients.domain_hash,
                               recipients.messages, recipients.first_sent_at, recipients.last_sent_at)
                        .where(recipients.sender_hash == subject_hash)
                        .order_by(recipients.first_sent_at, recipients.address_hash, recipients.name_hash)),
        "held": rows(select(pending.scan_id, pending.address_hash, pending.name_hash, pending.domain_hash,
                            pending.created_at).where(pending.sender_hash == subject_hash)
                     .order_by(pending.created_at, pending.scan_id)),
        "received_from_others": rows(
            select(recipients.name_hash, recipients.messages, recipients.first_sent_at, recipients.last_sent_at)
            .where(recipients.address_hash == subject_hash, recipients.sender_hash != subject_hash)
            .order_by(recipients.first_sent_at)
        ),
    }


def erase_subject(conn: Connection, subject_hash: str) -> int:
    """Delete every history row about one person, as sender or as recipient; returns the rows deleted."""
    days, recipients, pending = HistorySenderDayRow, HistoryRecipientRow, HistoryPendingRow
    gone = conn.execute(delete(days).where(days.sender_hash == subject_hash)).rowcount
    gone += conn.execute(delete(recipients).where(
        (recipients.sender_hash == subject_hash) | (recipients.address_hash == subject_hash))).rowcount
    gone += conn.execute(delete(pending).where(
        (pending.sender_hash == subject_hash) | (pending.address_hash == subject_hash))).rowcount
    return int(gone)


__all__ = ["HashedMessage", "Lookup", "PENDING_HOURS", "as_utc", "erase_subject", "hold", "lookup", "purge_before",
           "record", "settle", "subject_rows"]
