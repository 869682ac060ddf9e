"""`SqlHistory`: the recipient history in the intercept store (SQLite or PostgreSQL), keyed hashes only.

Addresses, display names and domains are normalised as `InMemoryHistory` does and then hashed
with the store's key (HMAC-SHA256) before they reach the database. A recipient's address hash is
the same keyed hash as a sender's (service/store/hashing.py), so the DPO's subject access and
erasure by address find a person both as a sender and as a recipient. Names and domains are
hashed with a prefix of their own, so a name can never be taken for an address or a domain.

A draft's lookup is one query (service/store/history.py `lookup`): usual domains are answered
by hashing the candidate domains the scan offers and comparing hashes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from service.context.recipients import domain_of
from service.history import NO_HISTORY, RecipientSeen, SenderHistory, SentTo, normalise_address, normalise_name
from service.store import history as tables
from service.store.events import HashedRecipient, HistoryEvent
from service.store.hashing import keyed_hash

if TYPE_CHECKING:
    from service.settings import Settings

log = logging.getLogger(__name__)

# Recipients of one message taken into the history; a list beyond this is a mailing, not a slip to learn from.
MAX_RECIPIENTS_A_MESSAGE = 500


@dataclass(frozen=True)
class HistoryKeys:
    """How the history hashes what it is given (the store's key, HMAC-SHA256)."""

    key: bytes

    def person(self, address: str) -> str:
        """A sender's or recipient's address: the same hash the scans table keeps for a sender."""
        return keyed_hash(self.key, normalise_address(address))

    def name(self, name: str | None) -> str:
        normalised = normalise_name(name)
        return keyed_hash(self.key, f"name\0{normalised}") if normalised else ""

    def domain(self, domain: str) -> str:
        return keyed_hash(self.key, f"domain\0{domain.strip().lower()}")

    def recipients(self, recipients: Sequence[SentTo]) -> tuple[HashedRecipient, ...]:
        """Each distinct (address, name) once; recipients without an address are left out."""
        hashed: dict[HashedRecipient, None] = {}
        for recipient in recipients[:MAX_RECIPIENTS_A_MESSAGE]:
            address = normalise_address(recipient.address)
            if "@" not in address:
                continue
            hashed[HashedRecipient(address_hash=self.person(address), name_hash=self.name(recipient.name),
                                   domain_hash=self.domain(domain_of(address)))] = None
        return tuple(hashed)

    def event(self, scan_id: str, sender: str, recipients: Sequence[SentTo], *, sent: bool) -> HistoryEvent | None:
        """What the store is handed for one scanned draft (None when there is no one to record)."""
        hashed = self.recipients(recipients)
        if not normalise_address(sender) or not hashed:
            return None
        return HistoryEvent(scan_id=scan_id, sender_hash=self.person(sender), recipients=list(hashed), sent=sent)


@dataclass(frozen=True)
class SentMessage:
    """One message a sender sent, as read from sent mail or a draft."""

    sender: str
    recipients: tuple[SentTo, ...]
    when: datetime


class SqlHistory:
    """The recipient history in the intercept store (implements `RecipientHistory`)."""

    def __init__(self, engine: Engine, hash_key: bytes, retention_days: int | None = None) -> None:
        self.engine = engine
        self.keys = HistoryKeys(hash_key)
        self.retention_days = retention_days

    def record_sent(self, sender: str, recipients: Sequence[SentTo], when: datetime | None = None) -> None:
        self.record_many([SentMessage(sender, tuple(recipients), when or datetime.now(UTC))])

    def record_many(self, messages: Iterable[SentMessage]) -> int:
        """Record many sent messages in one transaction; returns how many were recorded."""
        hashed = []
        for message in messages:
            recipients = self.keys.recipients(message.recipients)
            if normalise_address(message.sender) and recipients:
                hashed.append(tables.HashedMessage(self.keys.person(message.sender), message.when, recipients))
        with self.engine.begin() as conn:
            return tables.record(conn, hashed)

    def for_draft(
        self, sender: str, recipients: Sequence[SentTo], candidate_domains: Iterable[str] = ()
    ) -> SenderHistory:
        who = normalise_address(sender)
        if not who:
            return NO_HISTORY
        drafted = [(normalise_address(r.address), normalise_name(r.name)) for r in recipients]
        drafted = [(a, n) for a, n in drafted if a][:MAX_RECIPIENTS_A_MESSAGE]
        address_hashes = {a: self.keys.person(a) for a, _ in drafted}
        name_hashes = {n: self.keys.name(n) for _, n in drafted if n}
        since = datetime.now(UTC) - timedelta(days=self.retention_days) if self.retention_days else None
        try:
            with self.engine.connect() as conn:
                found = tables.lookup(conn, self.keys.person(who), list(address_hashes.values()),
                                      list(name_hashes.values()), since)
        except SQLAlchemyError as exc:
            # NOTE: history is a help, not a gate: an unreachable store leaves the history rules silent.
            log.warning("recipient history could not be read", extra={"error": exc.__class__.__name__})
            return NO_HISTORY
        domains = {self.keys.domain(d): d.strip().lower() for d in candidate_domains if d and d.strip()}
        seen = []
        for address, name in drafted:
            address_hash = address_hashes[address]
            elsewhere = {(a, d) for a, d in found.names.get(name_hashes.get(name, ""), set()) if a != address_hash}
            usual = sorted({domains[d] for _, d in elsewhere if d in domains})
            seen.append(RecipientSeen(address, name, address_hash in found.known_addresses, bool(elsewhere),
                                      tuple(usual)))
        return SenderHistory(found.sent_messages, tuple(seen))




def open_store_history(settings: "Settings", *, create: bool) -> SqlHistory | None:
    """The history in the store `serve` uses (SENDGUARD_DATABASE_URL, else the bundled SQLite file).

    `create`: make the store (tables, key) when missing, as `history import` does. Without it
    (`sendguard scan`) a store or key that is not there yet means no history, and nothing is made.
    """
    from service.store.hashing import KEY_FILE, load_hash_key
    from service.store.migrate import schema_status, upgrade
    from service.store.repository import make_engine

    url = make_url(settings.resolved_database_url)
    if not create:
        if settings.hash_key is None and not (Path(settings.data_dir) / KEY_FILE).exists():
            return None
        if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
            return None
    hash_key = load_hash_key(settings)
    engine = make_engine(settings.resolved_database_url, settings.database_schema)
    if create:
        # As `serve` does: the bundled SQLite file is made and migrated here; a shared store is
        # migrated only by `sendguard migrate`, so an import never changes its tables mid-upgrade.
        if settings.migrates_on_start:
            upgrade(engine, settings.database_schema)
        elif not schema_status(engine).usable:
            raise ValueError("the store's tables are not up to date: run `sendguard migrate` first")
    return SqlHistory(engine, hash_key, settings.retention_days)


__all__ = ["HistoryKeys", "MAX_RECIPIENTS_A_MESSAGE", "SentMessage", "SqlHistory", "open_store_history"]
