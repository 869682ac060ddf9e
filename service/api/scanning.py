"""One POST /v1/scan: cache, optional Graph lookups, detection off the event loop, the intercept event."""

import asyncio
import logging
import time
from datetime import UTC, datetime
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from ulid import ULID

from service.api import telemetry
from service.api.cache import CachedScan, ScanCache
from service.auth.principal import Principal
from service.context.recipients import RecipientClass
from service.history import SentTo
from service.history.store import HistoryKeys
from service.rules.facts import MessageFacts
from service.scanner import Scanner
from service.schemas.scan import Finding, ScanRequest, ScanResult
from service.store.events import ClientPlatform, ScanEvent
from service.store.hashing import keyed_hash
from service.store.writer import StoreWriter

log = logging.getLogger(__name__)


class Busy(Exception):
    """Too many drafts are waiting for detection."""


@dataclass
class Enrichment:
    """What Graph added to a draft before detection, and notes for the sender."""

    request: ScanRequest
    notes: list[str] = field(default_factory=list)


class Enricher(Protocol):
    async def enrich(self, request: ScanRequest, principal: Principal, item_id: str | None) -> Enrichment: ...


@dataclass
class ScanContext:
    principal: Principal
    platform: ClientPlatform | None = None
    item_id: str | None = None


class ScanService:
    def __init__(
        self,
        scanner: Scanner,
        writer: StoreWriter,
        hash_key: bytes,
        *,
        threads: int = 2,
        max_waiting: int = 64,
        cache: ScanCache | None = None,
        enricher: Enricher | None = None,
        store_wait_seconds: float = 0.0,
        history_keys: HistoryKeys | None = None,
    ) -> None:
        self.scanner = scanner
        self.writer = writer
        self.hash_key = hash_key
        self.cache = cache or ScanCache(0, 0)
        self.enricher = enricher
        self.store_wait_seconds = store_wait_seconds
        # How the recipient history hashes a sent draft; None keeps no history.
        self.history_keys = history_keys
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="scan")
        self._capacity = threads + max_waiting
        self._in_flight = 0

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def use_scanner(self, scanner: Scanner) -> None:
        """New rules or organisation: later drafts use them; verdicts cached under the old ones are dropped."""
        if scanner.history is None:
            scanner.history = self.scanner.history  # the recipient history outlives a rule change
        self.scanner = scanner
        self.cache = ScanCache(self.cache.max_entries, self.cache.ttl_seconds)
        if self.enricher is not None and hasattr(self.enricher, "scanner"):
            self.enricher.scanner = scanner

    def _record_recipients(self, keys: HistoryKeys, result: ScanResult, request: ScanRequest, sender: str) -> None:
        """Who the draft goes to, hashed, for the sender's recipient history (CONTRACT section 8).

        An allowed draft is sent at once by the add-in, so it counts now; a warned or blocked
        one counts only if its outcome report says it was sent anyway.
        """
        message = request.message
        recipients = [SentTo(r.address, r.name) for r in (*message.to, *message.cc, *message.bcc) if r.address]
        event = keys.event(result.scan_id, sender, recipients, sent=result.action == "allow")
        if event is not None:
            self.writer.submit(event)

    def _cache_key(self, request: ScanRequest, principal: Principal) -> str:
        # The tenant and user are part of the key: Graph may judge the same draft differently per
        # tenant, and fetches attachments from the user's own mailbox.
        who = principal.tenant_id.encode() + b"\0" + principal.object_id.encode() + b"\0"
        return keyed_hash(self.hash_key, who + request.model_dump_json().encode())

    async def scan(self, request: ScanRequest, context: ScanContext) -> ScanResult:
        started = time.perf_counter()
        key = self._cache_key(request, context.principal)
        cached = self.cache.get(key)
        if cached is not None:
            telemetry.CACHE_HITS.inc()
            result = cached.result.model_copy(update={"scan_id": str(ULID())})
            await self._stored(self._record(result, cached.event, request, context, started, from_cache=True))
            return result

        if self._in_flight >= self._capacity:
            telemetry.ERRORS.labels(kind="busy").inc()
            raise Busy()
        self._in_flight += 1
        try:
            notes: list[str] = []
            scanned = request
            if self.enricher is not None:
                enrichment = await self.enricher.enrich(request, context.principal, context.item_id)
                scanned, notes = enrichment.request, enrichment.notes
            loop = asyncio.get_running_loop()
            result, facts, shadow = await loop.run_in_executor(
                self.executor, self.scanner.scan_with_facts, scanned, sender_of(context.principal, request)
            )
        finally:
            self._in_flight -= 1
        if notes:
            result = result.model_copy(update={"summary": " ".join([result.summary, *notes])})
        template = event_from(result, facts, shadow, request)
        self.cache.put(key, CachedScan(result=result, event=template))
        await self._stored(self._record(result, template, request, context, started, from_cache=False))
        return result

    async def _stored(self, written: "Future[bool]") -> None:
        """Wait, within a bound, until the scan's row is in the store before the verdict goes out.

        NOTE: without this a server killed just after answering lost the rows still in its
        buffer, and an outcome posted through another server found no scan. While the store
        is known to be failing the verdict does not wait: the row stays buffered.
        """
        if self.store_wait_seconds <= 0 or self.writer.failing:
            return
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(written)), self.store_wait_seconds)
        except TimeoutError:
            telemetry.ERRORS.labels(kind="store_slow").inc()

    def _record(
        self, result: ScanResult, template: ScanEvent, request: ScanRequest, context: ScanContext, started: float,
        *, from_cache: bool,
    ) -> "Future[bool]":
        latency = time.perf_counter() - started
        sender = sender_of(context.principal, request)
        event = template.model_copy(
            update={
                "scan_id": result.scan_id,
                "sender_hash": keyed_hash(self.hash_key, sender) if sender else None,
                # The sender's school or department by the organisation file in force (a name, not personal data).
                "unit": self.scanner.organisation.unit_of(sender),
                "principal_hash": principal_hash(self.hash_key, context.principal),
                "client_platform": context.platform,
                "latency_ms": round(latency * 1000),
                "from_cache": from_cache,
                "created_at": datetime.now(UTC),
            }
        )
        written = self.writer.submit(event)
        if sender and self.history_keys is not None:
            self._record_recipients(self.history_keys, result, request, sender)
        telemetry.SCANS.labels(action=result.action).inc()
        for finding in result.findings:
            telemetry.FINDINGS.labels(rule=finding.rule, action=finding.action.value).inc()
        telemetry.SCAN_SECONDS.observe(latency)
        log.info(
            "scan",
            extra={
                "scan_id": result.scan_id,
                "action": result.action,
                "rules": [f.rule for f in result.findings],
                "latency_ms": event.latency_ms,
                "cached": from_cache,
            },
        )
        return written


def sender_of(principal: Principal, request: ScanRequest) -> str | None:
    """Who sent the draft: the sign-in name in the user's token, lower-cased.

    NOTE: the draft's `from` is whatever the client says, so it is used only in development
    mode, where there is no token and only this machine may call (get_principal refuses others).
    """
    if principal.dev:
        sender = request.message.sender
        return sender.address.strip().lower() if sender and sender.address else None
    return principal.username or principal.object_id.lower() or None


def principal_hash(hash_key: bytes, principal: Principal) -> str:
    """A keyed hash of the signed-in user (tenant and object id): whose scan a row is, without saying who."""
    return keyed_hash(hash_key, f"{principal.tenant_id.lower()}\0{principal.object_id.lower()}")


def event_from(result: ScanResult, facts: MessageFacts, shadow: list[Finding], request: ScanRequest) -> ScanEvent:
    """The store's row for a scan: counts and rule ids, nothing else. Who sent it is added per caller."""
    entities: Counter[str] = Counter()
    for part in facts.parts:
        for entity_type, count in part.entities.items():
            entities[str(entity_type)] += count
    classes = Counter(r.klass for r in facts.recipients)
    return ScanEvent(
        scan_id=result.scan_id,
        action=result.action,
        rules_fired=[f.rule for f in result.findings],
        shadow_rules=[f.rule for f in shadow],
        entity_counts=dict(entities),
        internal_recipients=classes[RecipientClass.INTERNAL],
        external_recipients=classes[RecipientClass.EXTERNAL],
        secure_recipients=classes[RecipientClass.SECURE],
        attachment_count=len(request.message.attachments),
    )
