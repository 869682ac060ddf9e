"""A verdict's intercept row is in the store before the verdict goes out (within a bound):
submit() gives a future that comes true once the row is written, false if it is dropped."""

import asyncio
import threading
import time
from pathlib import Path

from ulid import ULID

from service.api.scanning import ScanContext, ScanService
from service.auth.principal import Principal
from service.scanner import Scanner
from service.schemas.scan import Body, Message, ScanRequest
from service.store.events import ScanEvent
from service.store.migrate import upgrade
from service.store.repository import Repository, make_engine
from service.store.writer import StoreWriter


def event() -> ScanEvent:
    return ScanEvent(scan_id=str(ULID()), action="allow", rules_fired=[])


def sqlite_repository(tmp_path: Path) -> Repository:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    return Repository(engine)


class HeldRepository(Repository):
    """Writes only once `release` is set, as a slow database would."""

    def __init__(self, inner: Repository) -> None:
        super().__init__(inner.engine)
        self.release = threading.Event()

    def write(self, events):  # type: ignore[no-untyped-def]
        self.release.wait(10)
        super().write(events)


def test_the_future_comes_true_once_the_row_is_in_the_store(tmp_path: Path) -> None:
    repository = sqlite_repository(tmp_path)
    writer = StoreWriter(repository)
    writer.start()
    try:
        e = event()
        assert writer.submit(e).result(timeout=10) is True
        assert repository.scan_exists(e.scan_id)
    finally:
        writer.stop()


def test_a_dropped_row_makes_its_future_false(tmp_path: Path) -> None:
    repository = HeldRepository(sqlite_repository(tmp_path))
    writer = StoreWriter(repository, limit=100, batch_size=1)
    writer.start()
    try:
        first = [writer.submit(event()) for _ in range(101)]  # one more than the buffer holds
        dropped = [f for f in first if f.done()]
        assert len(dropped) == 1 and dropped[0].result() is False
        repository.release.set()
        assert all(f.result(timeout=20) for f in first if f is not dropped[0])
    finally:
        repository.release.set()
        writer.stop()


def _service(scanner: Scanner, writer: StoreWriter, wait: float) -> ScanService:
    return ScanService(scanner, writer, b"k" * 32, store_wait_seconds=wait)


def _scan(service: ScanService) -> float:
    request = ScanRequest(message=Message(subject="Trip", body=Body(content=f"Hello {ULID()}")))
    context = ScanContext(principal=Principal(tenant_id="t", object_id="o", scopes=frozenset(), roles=frozenset()))
    started = time.monotonic()
    asyncio.run(service.scan(request, context))
    return time.monotonic() - started


def test_the_verdict_waits_for_its_row_but_never_past_the_bound(tmp_path: Path, scanner: Scanner) -> None:
    repository = HeldRepository(sqlite_repository(tmp_path))
    writer = StoreWriter(repository)
    writer.start()
    service = _service(scanner, writer, wait=0.5)
    try:
        held = _scan(service)  # the database holds the write: the verdict goes at the bound
        assert 0.5 <= held < 3
        repository.release.set()
        assert writer.flush(10)
        assert repository.count_scans() == 1
        quick = _scan(service)
        assert quick < held and repository.count_scans() == 2  # written before the verdict
    finally:
        repository.release.set()
        writer.stop()
        service.close()


def test_while_the_store_is_failing_verdicts_do_not_wait(tmp_path: Path, scanner: Scanner) -> None:
    repository = HeldRepository(sqlite_repository(tmp_path))
    writer = StoreWriter(repository)
    writer.start()
    writer.failing = True  # as after a failed write
    service = _service(scanner, writer, wait=2.0)
    try:
        assert _scan(service) < 1.5
    finally:
        repository.release.set()
        writer.stop()
        service.close()
