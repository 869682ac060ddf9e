"""Migration 0005 (recipient history): upgrade over a store already in use, then downgrade, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from service.store.models import Base
from tests.store.conftest import empty_database
from tests.store.test_migration_0003 import _migrate, _old_row, _version

BEFORE = "0004_scan_owner"
THIS = "0005_recipient_history"
TABLES = {"history_sender_days", "history_recipients", "history_pending"}


@pytest.fixture(params=["sqlite", "postgresql"])
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str | None]]:
    with empty_database(request.param, tmp_path, "sg_mig5") as database:
        yield database


def test_upgrade_adds_the_history_tables_as_the_models_describe_them(bare: tuple[Engine, str | None]) -> None:
    engine, schema = bare
    _migrate(engine, schema, "upgrade", BEFORE)
    kept = _old_row(engine)
    _migrate(engine, schema, "upgrade", THIS)
    assert _version(engine) == THIS
    found = inspect(engine)
    assert TABLES <= set(found.get_table_names(schema=schema))
    for name in TABLES:
        model = Base.metadata.tables[name]
        assert {c["name"] for c in found.get_columns(name, schema=schema)} == {c.name for c in model.columns}
        assert set(found.get_pk_constraint(name, schema=schema)["constrained_columns"]) == {
            c.name for c in model.primary_key.columns}
        assert {i["name"] for i in found.get_indexes(name, schema=schema)} == {str(i.name) for i in model.indexes}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT scan_id FROM scans")).scalar_one() == kept

    _migrate(engine, schema, "downgrade", BEFORE)
    assert not TABLES & set(inspect(engine).get_table_names(schema=schema))
