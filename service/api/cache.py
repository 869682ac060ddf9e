"""Verdicts of recent drafts, keyed by a keyed hash of the draft; the draft itself is not kept."""

from dataclasses import dataclass

from service.cache import TtlCache
from service.schemas.scan import ScanResult
from service.store.events import ScanEvent


@dataclass(frozen=True)
class CachedScan:
    result: ScanResult
    event: ScanEvent  # counts only, as stored


class ScanCache(TtlCache[str, CachedScan]):
    def __init__(self, max_entries: int, ttl_seconds: float) -> None:
        super().__init__(ttl_seconds, max_entries)
