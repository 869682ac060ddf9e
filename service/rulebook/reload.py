"""Each worker's watch on the rulebook: poll one integer, rebuild the scanner when it moves.

A change stored by any worker (or by `sendguard rules`) reaches every worker within
`rules_poll_seconds` plus the time to check the changed rule's examples.
"""

import asyncio
import logging
import os
import threading
from collections.abc import Callable

from fastapi.concurrency import run_in_threadpool

from service.rulebook.admin import RuleAdmin
from service.rulebook.build import ExampleChecker, scanner_from_snapshot
from service.rulebook.store import RuleStore
from service.scanner import Scanner
from service.settings import Settings

log = logging.getLogger(__name__)


class RuleWatcher:
    def __init__(
        self, settings: Settings, store: RuleStore, scanner: Scanner, use_scanner: Callable[[Scanner], None]
    ) -> None:
        self.settings = settings
        self.store = store
        self.scanner = scanner
        self.checker = ExampleChecker(scanner.detector, settings)
        self.admin = RuleAdmin(store, self.checker)
        self._use_scanner = use_scanner
        # None until the database has been read: the worker runs on rules/ as loaded at start.
        self.generation: int | None = None
        self.worker = str(os.getpid())
        self._task: asyncio.Task[None] | None = None
        self._lock = threading.Lock()

    def refresh(self) -> bool:
        """Seed if the store is new; rebuild the scanner if the generation moved. True if rebuilt."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> bool:
        if self.generation is None:
            self.store.seed_if_empty(self.settings.rules_dir, self.settings.organisation_file)
        generation = self.store.generation()
        if generation == self.generation:
            return False
        snapshot = self.store.snapshot()
        scanner = scanner_from_snapshot(snapshot, self.checker, self.scanner)
        self.scanner = scanner
        self._use_scanner(scanner)
        self.generation = snapshot.generation
        log.info("rules loaded", extra={"rules_version": snapshot.generation, "rules": len(scanner.rules),
                                        "rule_errors": len(scanner.rule_errors)})
        return True

    async def start(self) -> None:
        try:
            await run_in_threadpool(self.refresh)
        except Exception as exc:  # noqa: BLE001 - no store yet: keep rules/ and keep trying
            log.error("rule store not reachable; using the rules folder", extra={"error": exc.__class__.__name__})
        self._task = asyncio.create_task(self._poll(), name="rules-watcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def _poll(self) -> None:
        failing = False
        while True:
            await asyncio.sleep(self.settings.rules_poll_seconds)
            try:
                await run_in_threadpool(self.refresh)
                failing = False
            except Exception as exc:  # noqa: BLE001 - a store outage must not stop the watch
                if not failing:
                    log.error("rule store not reachable; keeping the rules in force",
                              extra={"error": exc.__class__.__name__})
                failing = True
