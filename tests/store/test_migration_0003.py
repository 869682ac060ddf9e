"""Migration 0003 (the sender's school or department on each scan): upgrade over rows already
stored, downgrade and upgrade again, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from ulid import ULID

from service.store.events import ScanEvent
from service.store.migrate import alembic_config
from service.store.models import ScanRow
from service.store.repository import Repository
from tests.store.conftest import empty_database

BEFORE = "0002_rule_versions"
THIS = "0003_scan_unit"
LATER_COLUMNS = {"principal_hash"}


def _migrate(engine: Engine, schema: str | None, verb: str, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        if schema:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        config.attributes["connection"] = conn
        getattr(command, verb)(config, revision)


@pytest.fixture(params=["sqlite", "postgresql"])
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str | None]]:
    """An empty database, not migrated."""
    with empty_database(request.param, tmp_path, "sg_mig") as database:
        yield database


def _columns(engine: Engine, schema: str | None) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("scans", schema=schema)}


def _indexes(engine: Engine, schema: str | None) -> set[str]:
    return {str(i["name"]) for i in inspect(engine).get_indexes("scans", schema=schema)}


def _version(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _units(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(text("SELECT scan_id, unit FROM scans"))}


def _old_row(engine: Engine) -> str:
    """A scan as written before 0003: no unit column."""
    scan_id = str(ULID())
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO scans (scan_id, created_at, action, rules_fired, shadow_rules, entity_counts, "
            "internal_recipients, external_recipients, secure_recipients, attachment_count, client_platform, "
            "latency_ms, sender_hash, from_cache) VALUES (:id, CURRENT_TIMESTAMP, 'warn', "
            "'[\"personal-data-external\"]', '[]', '{\"PERSON\": 3}', 0, 1, 0, 0, 'PC', 12, :hash, false)"),
            {"id": scan_id, "hash": "ab" * 32})
    return scan_id


def test_upgrade_keeps_old_rows_and_downgrade_removes_only_the_column(bare: tuple[Engine, str | None]) -> None:
    engine, schema = bare
    _migrate(engine, schema, "upgrade", BEFORE)
    assert "unit" not in _columns(engine, schema)
    old = _old_row(engine)

    _migrate(engine, schema, "upgrade", THIS)
    assert _version(engine) == THIS
    assert "unit" in _columns(engine, schema)
    assert "ix_scans_unit" in _indexes(engine, schema)
    new = ScanEvent(scan_id=str(ULID()), action="block", rules_fired=["ctf-attachment"], unit="Oakfield Primary")
    # Written as at 0003: later revisions' columns do not exist yet.
    with engine.begin() as conn:
        conn.execute(ScanRow.__table__.insert(), [new.model_dump(exclude=LATER_COLUMNS)])
    assert _units(engine) == {old: None, new.scan_id: "Oakfield Primary"}

    _migrate(engine, schema, "downgrade", BEFORE)
    assert _version(engine) == BEFORE
    assert "unit" not in _columns(engine, schema)
    assert _indexes(engine, schema) >= {"ix_scans_created_at", "ix_scans_sender_hash"}
    assert "ix_scans_unit" not in _indexes(engine, schema)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT scan_id, action, rules_fired FROM scans ORDER BY scan_id")).all()
    assert sorted(r[0] for r in kept) == sorted([old, new.scan_id])
    assert {r[0]: r[1] for r in kept} == {old: "warn", new.scan_id: "block"}

    _migrate(engine, schema, "upgrade", THIS)
    assert "unit" in _columns(engine, schema)
    assert _units(engine) == {old: None, new.scan_id: None}
    _migrate(engine, schema, "upgrade", "head")
    assert {r.scan_id: r.unit for r in Repository(engine).scans()} == {old: None, new.scan_id: None}
