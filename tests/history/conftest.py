"""The recipient history three ways: in memory, and in the store on SQLite and on PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.history import InMemoryHistory, RecipientHistory
from service.history.store import SqlHistory
from service.store.migrate import upgrade
from tests.store.conftest import empty_database

HASH_KEY = b"test-key-for-the-history-tests-0123456789"


@pytest.fixture(params=["sqlite", "postgresql"])
def history_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty store."""
    with empty_database(request.param, tmp_path, "sg_hist") as (engine, schema):
        upgrade(engine, schema)
        yield engine


@pytest.fixture
def sql_history(history_store: Engine) -> SqlHistory:
    return SqlHistory(history_store, HASH_KEY)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecipientHistory]:
    if request.param == "memory":
        yield InMemoryHistory()
        return
    with empty_database(request.param, tmp_path, "sg_hist") as (engine, schema):
        upgrade(engine, schema)
        yield SqlHistory(engine, HASH_KEY)
