"""A bounded in-memory buffer in front of the store, written by a background thread.

A scan's event is queued and the writer thread writes queued events in batches.
submit() returns a future that comes true once the event is in the store, so a
caller may wait for it (a bounded wait: a server killed just after answering then
loses no row, and another server behind the same load balancer finds the scan).
When a write fails the events stay queued and the thread tries again after a pause,
so an outage of the database delays rows but loses none (until the buffer limit,
when the oldest are dropped and counted, their futures coming false).
"""

import itertools
import json
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict, deque
from concurrent.futures import Future, InvalidStateError
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from service.store.events import HistoryEvent, OutcomeEvent, ScanEvent, StoreEvent
from service.store.repository import Repository

# How many written outcomes' scan ids a writer remembers (a few hundred kB at most).
_REMEMBERED_OUTCOMES = 4096

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 6 * 3600

# How each kind of event is named in the file of intercepts kept at shutdown.
_KINDS: dict[str, type[StoreEvent]] = {"scan": ScanEvent, "outcome": OutcomeEvent, "history": HistoryEvent}


@dataclass(frozen=True)
class BufferedScan:
    """A scan still waiting to be written: whose it is and whether an outcome waits with it."""

    principal_hash: str | None
    answered: bool


class StoreWriter:
    def __init__(
        self,
        repository: Repository,
        *,
        limit: int = 100_000,
        batch_size: int = 200,
        retry_seconds: float = 2.0,
        retention_days: int | None = None,
        on_dropped: Callable[[int], None] | None = None,
        on_backlog: Callable[[int], None] | None = None,
        prepare: Callable[[], None] | None = None,
        spill_path: Path | None = None,
    ) -> None:
        self.repository = repository
        self.limit = limit
        self.batch_size = batch_size
        self.retry_seconds = retry_seconds
        self.retention_days = retention_days
        self._on_dropped = on_dropped
        self._on_backlog = on_backlog
        # Run before the first write until it succeeds (creating the tables when the
        # database was down at start-up).
        self._prepare = prepare
        # Where intercepts still unwritten at shutdown are kept, to be sent at the next start.
        self.spill_path = spill_path
        # Scans waiting to be written, with their owner; scans with an outcome waiting.
        self._pending_scans: dict[str, str | None] = {}
        self._pending_outcomes: set[str] = set()
        # Scans whose outcome this writer wrote lately. NOTE: the outcome route reads the store
        # before it asks here, so an outcome committed between the two would otherwise be
        # accepted twice (the store keeps the first either way; the sender should get 409).
        self._written_outcomes: OrderedDict[str, None] = OrderedDict()
        self._queue: deque[StoreEvent] = deque()
        # Keyed by id(): an event is alive while it is queued, and only queued events are here.
        self._stored: dict[int, Future[bool]] = {}
        self._cond = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.dropped = 0
        self.written = 0
        self.failing = False
        self._last_purge = 0.0

    @property
    def backlog(self) -> int:
        return len(self._queue)

    def start(self) -> None:
        self._reload_spilled()
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    def submit(self, event: StoreEvent) -> "Future[bool]":
        """Queue the event; the future comes true when it is written, false if it is dropped."""
        stored: Future[bool] = Future()
        with self._cond:
            if len(self._queue) >= self.limit:
                self._forget(self._queue.popleft())
                self.dropped += 1
                if self._on_dropped:
                    self._on_dropped(1)
                log.error("store buffer full: oldest intercept dropped", extra={"dropped": self.dropped})
            self._queue.append(event)
            self._stored[id(event)] = stored
            if isinstance(event, ScanEvent):
                self._pending_scans[event.scan_id] = event.principal_hash
            elif isinstance(event, OutcomeEvent):
                self._pending_outcomes.add(event.scan_id)
            self._cond.notify()
        self._report_backlog()
        return stored

    def submit_outcome(self, event: OutcomeEvent) -> bool:
        """Queue the outcome unless one for the same scan is already waiting; False when one is."""
        with self._cond:
            if event.scan_id in self._pending_outcomes or event.scan_id in self._written_outcomes:
                return False
            self.submit(event)  # NOTE: the condition's lock is re-entrant
        return True

    def _forget(self, event: StoreEvent, written: bool = False) -> None:
        stored = self._stored.pop(id(event), None)
        if stored is not None and not stored.done():
            try:
                stored.set_result(written)
            except InvalidStateError:  # cancelled by a waiter that gave up meanwhile
                pass
        if isinstance(event, ScanEvent):
            self._pending_scans.pop(event.scan_id, None)
        elif isinstance(event, OutcomeEvent):
            self._pending_outcomes.discard(event.scan_id)
            if written:
                self._written_outcomes[event.scan_id] = None
                if len(self._written_outcomes) > _REMEMBERED_OUTCOMES:
                    self._written_outcomes.popitem(last=False)

    def _report_backlog(self) -> None:
        if self._on_backlog:
            self._on_backlog(len(self._queue))

    def pending(self, scan_id: str) -> bool:
        """Whether a scan with this id is still waiting to be written."""
        with self._cond:
            return scan_id in self._pending_scans

    def buffered_scan(self, scan_id: str) -> BufferedScan | None:
        """The scan with this id if it is still waiting to be written, else None."""
        with self._cond:
            if scan_id not in self._pending_scans:
                return None
            return BufferedScan(self._pending_scans[scan_id], scan_id in self._pending_outcomes)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the buffer is empty (or the timeout passes); True when it emptied."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._cond.notify()
        while time.monotonic() < deadline:
            if not self._queue:
                return True
            time.sleep(0.02)
        return not self._queue

    def stop(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=2)
        if self._queue:
            self._spill()

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._queue and not self._stopping:
                    self._cond.wait(timeout=60)
                if self._stopping and not self._queue:
                    return
                batch = list(itertools.islice(self._queue, self.batch_size))
            if batch:
                self._write(batch)
            self._maybe_purge()

    def _write(self, batch: list[StoreEvent]) -> None:
        try:
            if self._prepare is not None:
                self._prepare()
                self._prepare = None
            self.repository.write(batch)
        except Exception as exc:  # noqa: BLE001 - any database failure: keep the events and retry
            if not self.failing:
                log.warning("store write failed; intercepts kept for retry",
                            extra={"error": exc.__class__.__name__, "backlog": len(self._queue)})
            self.failing = True
            with self._cond:
                self._cond.wait(timeout=self.retry_seconds)
            return
        done = {id(e) for e in batch}
        with self._cond:
            # Drops while writing only remove from the left, so the written events
            # still lead the queue (those not dropped meanwhile).
            while self._queue and id(self._queue[0]) in done:
                self._forget(self._queue.popleft(), written=True)
        self.written += len(batch)
        self._report_backlog()
        if self.failing:
            log.info("store writes resumed", extra={"backlog": len(self._queue)})
        self.failing = False

    def _spill(self) -> None:
        with self._cond:
            events = list(self._queue)
        if self.spill_path is None:
            log.error("store writer stopped with intercepts unwritten", extra={"backlog": len(events)})
            return
        try:
            self.spill_path.parent.mkdir(parents=True, exist_ok=True)
            with self.spill_path.open("a", encoding="utf-8") as handle:
                for event in events:
                    kind = next(name for name, model in _KINDS.items() if isinstance(event, model))
                    handle.write(json.dumps({"kind": kind, "event": event.model_dump(mode="json")}) + "\n")
        except OSError as exc:
            log.error("unwritten intercepts could not be kept on disk",
                      extra={"backlog": len(events), "error": exc.__class__.__name__})
            return
        log.warning("store unreachable at shutdown: intercepts kept on disk for the next start",
                    extra={"backlog": len(events)})

    def _reload_spilled(self) -> None:
        if self.spill_path is None or not self.spill_path.exists():
            return
        # Claim the file first, so that of several workers starting together only one reloads it.
        claimed = self.spill_path.with_name(f"{self.spill_path.name}.{uuid.uuid4().hex}")
        try:
            os.rename(self.spill_path, claimed)
        except OSError:
            return
        count = 0
        for line in claimed.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
                self.submit(_KINDS[item["kind"]].model_validate(item["event"]))
                count += 1
            except (ValueError, KeyError, TypeError, ValidationError):
                log.error("a kept intercept could not be read back")
        claimed.unlink()
        log.info("intercepts kept at the last shutdown queued for writing", extra={"backlog": count})

    def _maybe_purge(self) -> None:
        if self.retention_days is None or self.failing:
            return
        now = time.monotonic()
        if self._last_purge and now - self._last_purge < PURGE_EVERY_SECONDS:
            return
        self._last_purge = now
        try:
            purged = self.repository.purge_before(datetime.now(UTC) - timedelta(days=self.retention_days))
        except Exception as exc:  # noqa: BLE001
            log.warning("retention purge failed", extra={"error": exc.__class__.__name__})
            return
        if purged:
            log.info("old intercepts purged", extra={"purged": purged})
