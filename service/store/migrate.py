"""Bring the store's tables up to date with Alembic, from inside the package."""

from pathlib import Path

from alembic import command
from alembic.config import Config
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
