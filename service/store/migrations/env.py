"""Alembic environment: runs on a connection handed over by service.store.migrate.upgrade,
or, from the alembic command line, on SENDGUARD_DATABASE_URL."""

from alembic import context
from sqlalchemy import Connection

from service.settings import Settings
from service.store.models import Base
from service.store.repository import make_engine

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    settings = Settings()
    engine = make_engine(settings.resolved_database_url, settings.database_schema)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=Settings().resolved_database_url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
