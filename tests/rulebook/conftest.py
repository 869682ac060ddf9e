"""A migrated, empty store on SQLite and on PostgreSQL (own schema per test, dropped after)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.rulebook.store import RuleStore
from service.store.migrate import upgrade
from tests.store.conftest import empty_database


@pytest.fixture(params=["sqlite", "postgresql"])
def rule_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RuleStore]:
    with empty_database(request.param, tmp_path, "sg_rules") as (engine, schema):
        upgrade(engine, schema)
        yield RuleStore(engine)
