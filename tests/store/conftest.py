"""The store against a SQLite file and against the PostgreSQL on this machine (own schema per run)."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from service.store.migrate import upgrade
from service.store.repository import Repository, make_engine

POSTGRES_URL = os.environ.get("SENDGUARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def postgres_reachable() -> str | None:
    """None when reachable, else why not."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL at {POSTGRES_URL} is unreachable ({exc.__class__.__name__})"


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    reason = postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"sg_test_{uuid.uuid4().hex[:12]}"
    yield schema
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str | None]]:
    """A migrated, empty store: (engine, schema)."""
    if request.param == "sqlite":
        engine, schema = make_engine(f"sqlite:///{tmp_path / 'store.db'}"), None
    else:
        base = request.getfixturevalue("postgres_schema")
        schema = f"{base}_{uuid.uuid4().hex[:6]}"
        engine = make_engine(POSTGRES_URL, schema)
    upgrade(engine, schema)
    yield engine, schema
    if schema:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def repository(store: tuple[Engine, str | None]) -> Repository:
    return Repository(store[0])
