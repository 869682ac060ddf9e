"""The write buffer: a database outage delays intercepts but loses none."""

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from ulid import ULID

from service.store.events import Outcome, OutcomeEvent, ScanEvent
from service.store.migrate import upgrade
from service.store.repository import Repository, ScanClaim, make_engine
from service.store.writer import BufferedScan, StoreWriter
from tests.store.conftest import POSTGRES_URL, drop_schema
from tests.store.tcp_proxy import TcpProxy


def event() -> ScanEvent:
    return ScanEvent(scan_id=str(ULID()), action="allow", rules_fired=[])


def wait_until(condition, timeout: float = 20) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def proxied_postgres(postgres_schema: str) -> Iterator[tuple[TcpProxy, str, str]]:
    """PostgreSQL reached through a relay the test can cut: (proxy, url, schema)."""
    url = make_url(POSTGRES_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    schema = f"{postgres_schema}_w{uuid.uuid4().hex[:6]}"
    yield proxy, proxied, schema
    proxy.stop()
    drop_schema(schema)


def test_postgres_outage_mid_run_loses_no_intercept(proxied_postgres: tuple[TcpProxy, str, str]) -> None:
    proxy, url, schema = proxied_postgres
    engine = make_engine(url, schema)
    upgrade(engine, schema)
    repository = Repository(engine)
    writer = StoreWriter(repository, retry_seconds=0.1, batch_size=10)
    writer.start()
    try:
        before = [event() for _ in range(20)]
        for e in before:
            writer.submit(e)
        assert writer.flush(10)

        proxy.stop()  # the database goes away
        during = [event() for _ in range(30)]
        for e in during:
            writer.submit(e)
        assert wait_until(lambda: writer.failing)
        assert writer.backlog > 0

        proxy.start()  # and comes back
        assert writer.flush(30), f"{writer.backlog} intercepts still waiting"
        assert not writer.failing
        stored = {row.scan_id for row in repository.scans()}
        assert {e.scan_id for e in before + during} <= stored
        assert repository.count_scans() == 50
    finally:
        writer.stop(2)
        engine.dispose()


def test_tables_are_made_when_the_database_comes_up_after_start(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "late" / "store.db"  # type: ignore[operator]
    engine = make_engine(f"sqlite:///{path}")
    repository = Repository(engine)
    writer = StoreWriter(repository, retry_seconds=0.1, prepare=lambda: upgrade(engine))
    writer.start()
    try:
        writer.submit(event())
        assert writer.flush(10)
        assert repository.count_scans() == 1
    finally:
        writer.stop(2)


def test_a_full_buffer_drops_the_oldest_and_counts_them() -> None:
    # Nothing listens on port 9: every write fails, so events only queue.
    repository = Repository(make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none"))
    dropped: list[int] = []
    writer = StoreWriter(repository, limit=100, retry_seconds=5, on_dropped=dropped.append)
    events = [event() for _ in range(105)]
    for e in events:
        writer.submit(e)
    assert writer.backlog == 100
    assert writer.dropped == 5 and sum(dropped) == 5
    assert not writer.pending(events[0].scan_id)
    assert writer.pending(events[-1].scan_id)


def test_intercepts_unwritten_at_shutdown_are_kept_and_sent_at_the_next_start(tmp_path: Path) -> None:
    spill = tmp_path / "unwritten.jsonl"
    down = Repository(make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none"))
    writer = StoreWriter(down, retry_seconds=0.1, spill_path=spill)
    writer.start()
    events = [event() for _ in range(5)]
    for e in events:
        writer.submit(e)
    writer.stop(timeout=0.5)
    assert len(spill.read_text().splitlines()) == 5

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    up = Repository(engine)
    restarted = StoreWriter(up, spill_path=spill)
    restarted.start()
    try:
        assert restarted.flush(10)
        assert {row.scan_id for row in up.scans()} == {e.scan_id for e in events}
        assert not list(tmp_path.glob("unwritten.jsonl*"))
    finally:
        restarted.stop(2)


def test_a_buffered_scan_knows_its_owner_and_takes_one_outcome() -> None:
    repository = Repository(make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none"))
    writer = StoreWriter(repository, retry_seconds=5)  # not started: everything stays buffered
    scan = ScanEvent(scan_id=str(ULID()), action="warn", rules_fired=["personal-data-external"],
                     principal_hash="ab" * 32)
    writer.submit(scan)
    assert writer.buffered_scan(str(ULID())) is None
    assert writer.buffered_scan(scan.scan_id) == BufferedScan(principal_hash="ab" * 32, answered=False)
    first = OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id, outcome=Outcome.CHANGED)
    second = OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id, outcome=Outcome.CANCELLED)
    assert writer.submit_outcome(first)
    assert writer.buffered_scan(scan.scan_id) == BufferedScan(principal_hash="ab" * 32, answered=True)
    assert not writer.submit_outcome(second)
    assert writer.backlog == 2


def test_once_written_the_outcome_is_no_longer_buffered(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    repository = Repository(engine)
    writer = StoreWriter(repository, retry_seconds=0.1)
    writer.start()
    try:
        scan = ScanEvent(scan_id=str(ULID()), action="warn", rules_fired=[], principal_hash="cd" * 32)
        writer.submit(scan)
        assert writer.submit_outcome(OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id,
                                                  outcome=Outcome.CHANGED))
        assert writer.flush()
        assert writer.buffered_scan(scan.scan_id) is None
        assert repository.scan_claim(scan.scan_id) == ScanClaim(principal_hash="cd" * 32, answered=True)
        # A second report that read the store just before the first was committed is still refused.
        assert not writer.submit_outcome(OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id,
                                                      outcome=Outcome.CANCELLED))
    finally:
        writer.stop(2)


def test_recipient_history_unwritten_at_shutdown_is_kept_and_sent_at_the_next_start(tmp_path: Path) -> None:
    from service.history import SentTo
    from service.history.store import HistoryKeys, SqlHistory

    key = b"test-key-for-the-writer-0123456789"
    spill = tmp_path / "unwritten.jsonl"
    writer = StoreWriter(Repository(make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none")),
                         retry_seconds=0.1, spill_path=spill)
    writer.start()
    sent = HistoryKeys(key).event(str(ULID()), "t.jones@oakfield.sch.uk", [SentTo("a.parent@gmail.com", "A Parent")],
                                  sent=True)
    assert sent is not None
    writer.submit(sent)
    writer.stop(timeout=0.5)
    kept = spill.read_text()
    assert '"kind": "history"' in kept and "a.parent" not in kept and "t.jones" not in kept

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    restarted = StoreWriter(Repository(engine), spill_path=spill)
    restarted.start()
    try:
        assert restarted.flush(10)
        seen = SqlHistory(engine, key).for_draft("t.jones@oakfield.sch.uk", [SentTo("a.parent@gmail.com")])
        assert seen.sent_messages == 1 and seen.recipients[0].address_known
    finally:
        restarted.stop(2)
