"""Bring the store's tables up to date with Alembic, from inside the package."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, schema: str | None = None) -> None:
    """Create or upgrade the tables (idempotent); creates the PostgreSQL schema if named."""
    config = alembic_config()
    with engine.begin() as conn:
        if schema and engine.dialect.name == "postgresql":
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


@dataclass(frozen=True)
class SchemaStatus:
    """The store's migration revision beside the one this version of SendGuard needs."""

    current: str | None
    head: str
    # The current revision is one this version does not know: a newer SendGuard migrated the
    # store (an upgrade rolling through the servers).
    newer: bool = False

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def usable(self) -> bool:
        """Whether this version can serve on the store. NOTE: migrations are additive, so a server
        not yet upgraded keeps serving after `sendguard migrate` while the others are rolled."""
        return self.up_to_date or self.newer


@lru_cache(maxsize=1)
def _revisions() -> tuple[str, frozenset[str]]:
    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    assert head is not None, "the migrations folder has no head revision"
    return head, frozenset(r.revision for r in scripts.walk_revisions())


def head_revision() -> str:
    return _revisions()[0]


def schema_status(engine: Engine) -> SchemaStatus:
    """Which revision the store is at (None: no tables yet); raises when the store is unreachable."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    head, known = _revisions()
    return SchemaStatus(current=current, head=head, newer=current is not None and current not in known)


def main() -> None:
    """`python -m service.store.migrate`: upgrade the store named by SENDGUARD_DATABASE_URL (or the default file)."""
    from service.settings import Settings
    from service.store.repository import make_engine

    settings = Settings()
    engine = make_engine(settings.resolved_database_url, settings.database_schema)
    upgrade(engine, settings.database_schema)
    engine.dispose()


if __name__ == "__main__":
    main()
