"""Migration 0004 (who asked for each scan; one outcome per scan): upgrade over rows already
stored, with a scan that has several outcomes, then downgrade, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from ulid import ULID

from service.store.events import Outcome, OutcomeEvent, ScanEvent
from service.store.repository import Repository, ScanClaim
from tests.store.conftest import empty_database
from tests.store.test_migration_0003 import _migrate, _old_row, _version

BEFORE = "0003_scan_unit"
THIS = "0004_scan_owner"


@pytest.fixture(params=["sqlite", "postgresql"])
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str | None]]:
    with empty_database(request.param, tmp_path, "sg_mig4") as database:
        yield database


def _outcome(engine: Engine, scan_id: str, outcome: str, minute: int) -> str:
    outcome_id = str(ULID())
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO outcomes (outcome_id, scan_id, created_at, outcome, reason) "
                          "VALUES (:id, :scan, :at, :outcome, NULL)"),
                     {"id": outcome_id, "scan": scan_id, "at": f"2026-12-01 09:{minute:02d}:00", "outcome": outcome})
    return outcome_id


def _unique_constraints(engine: Engine, schema: str | None) -> set[str]:
    return {str(c["name"]) for c in inspect(engine).get_unique_constraints("outcomes", schema=schema)}


def test_upgrade_keeps_the_latest_outcome_of_each_scan_and_refuses_a_second(bare: tuple[Engine, str | None]) -> None:
    engine, schema = bare
    _migrate(engine, schema, "upgrade", BEFORE)
    twice, once = _old_row(engine), _old_row(engine)
    _outcome(engine, twice, "changed", 1)
    latest = _outcome(engine, twice, "sent_anyway", 5)
    only = _outcome(engine, once, "cancelled", 2)

    _migrate(engine, schema, "upgrade", THIS)
    assert _version(engine) == THIS
    assert "principal_hash" in {c["name"] for c in inspect(engine).get_columns("scans", schema=schema)}
    assert "uq_outcomes_scan_id" in _unique_constraints(engine, schema)
    with engine.connect() as conn:
        kept = {r[0]: r[1] for r in conn.execute(text("SELECT outcome_id, scan_id FROM outcomes"))}
    assert kept == {latest: twice, only: once}
    repository = Repository(engine)
    # A scan from before 0004 has no owner, so no one can report an outcome for it.
    assert repository.scan_claim(once) == ScanClaim(principal_hash=None, answered=True)
    with pytest.raises(IntegrityError):
        _outcome(engine, once, "changed", 9)

    # The store's own writes ignore a second outcome for a scan: the first one stands. (The
    # service writes only to an up-to-date store: later revisions' tables take part in a write.)
    _migrate(engine, schema, "upgrade", "head")
    scan = ScanEvent(scan_id=str(ULID()), action="warn", rules_fired=["personal-data-external"],
                     principal_hash="ab" * 32)
    first = OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id, outcome=Outcome.CHANGED)
    second = OutcomeEvent(outcome_id=str(ULID()), scan_id=scan.scan_id, outcome=Outcome.CANCELLED)
    assert repository.scan_claim(scan.scan_id) is None
    repository.write([scan])
    assert repository.scan_claim(scan.scan_id) == ScanClaim(principal_hash="ab" * 32, answered=False)
    repository.write([first])
    assert repository.scan_claim(scan.scan_id) == ScanClaim(principal_hash="ab" * 32, answered=True)
    repository.write([second])
    assert [r.outcome for r in repository.outcomes_for(scan.scan_id)] == ["changed"]

    _migrate(engine, schema, "downgrade", BEFORE)
    assert _version(engine) == BEFORE
    assert "principal_hash" not in {c["name"] for c in inspect(engine).get_columns("scans", schema=schema)}
    assert "uq_outcomes_scan_id" not in _unique_constraints(engine, schema)
    _outcome(engine, once, "changed", 9)  # several outcomes per scan are allowed again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM scans")).scalar_one() == 3
