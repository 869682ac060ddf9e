"""The store against a SQLite file and against the PostgreSQL on this machine (own schema per run)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


def drop_schema(schema: str) -> None:
    """Drop a test's own PostgreSQL schema and all in it."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    reason = postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"sg_test_{uuid.uuid4().hex[:12]}"
    yield schema
    drop_schema(schema)


@contextmanager
def empty_database(kind: str, folder: Path, prefix: str = "sg_test") -> Iterator[tuple[Engine, str | None]]:
    """(engine, schema) of a new, unmigrated database: a SQLite file in `folder`, or a
    PostgreSQL schema of its own (dropped afterwards). Skips when PostgreSQL is down."""
    schema = None
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{folder / 'store.db'}")
    else:
        reason = postgres_reachable()
        if reason:
            pytest.skip(reason)
        schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
        engine = make_engine(POSTGRES_URL, schema)
    try:
        yield engine, schema
    finally:
        engine.dispose()
        if schema:
            drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str | None]]:
    """A migrated, empty store: (engine, schema)."""
    with empty_database(request.param, tmp_path) as (engine, schema):
        upgrade(engine, schema)
        yield engine, schema


@pytest.fixture
def repository(store: tuple[Engine, str | None]) -> Repository:
    return Repository(store[0])
