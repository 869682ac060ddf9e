"""Verdicts of recent drafts, keyed by a keyed hash of the draft; the draft itself is not kept."""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from service.schemas.scan import ScanResult
from service.store.events import ScanEvent


@dataclass(frozen=True)
class CachedScan:
    result: ScanResult
    event: ScanEvent  # counts only, as stored


class ScanCache:
    def __init__(self, max_entries: int, ttl_seconds: float) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._items: OrderedDict[str, tuple[float, CachedScan]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedScan | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            stored_at, value = item
            if time.monotonic() - stored_at > self.ttl_seconds:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return value

    def put(self, key: str, value: CachedScan) -> None:
        if self.max_entries <= 0 or self.ttl_seconds <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
