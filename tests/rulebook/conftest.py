"""A migrated, empty store on SQLite and on PostgreSQL (own schema per test, dropped after)."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from service.rulebook.store import RuleStore
from service.store.migrate import upgrade
from service.store.repository import make_engine
from tests.store.conftest import POSTGRES_URL, postgres_reachable


@pytest.fixture(params=["sqlite", "postgresql"])
def rule_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RuleStore]:
    schema = None
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'rules.db'}")
    else:
        reason = postgres_reachable()
        if reason:
            pytest.skip(reason)
        schema = f"sg_rules_{uuid.uuid4().hex[:12]}"
        engine = make_engine(POSTGRES_URL, schema)
    upgrade(engine, schema)
    yield RuleStore(engine)
    if schema:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
