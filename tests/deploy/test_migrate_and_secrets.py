"""`sendguard migrate` as its own step, /readyz when the schema is behind, and secrets from files."""

import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from service.settings import REPO_ROOT, Settings
from service.store.migrate import head_revision, schema_status
from service.store.repository import make_engine
from tests.serving import clean_environment, launch, stop
from tests.store.conftest import POSTGRES_URL, drop_schema, postgres_reachable


def sendguard(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=REPO_ROOT,
                          env=clean_environment(**env), capture_output=True, text=True, timeout=120)


# --- secrets from files --------------------------------------------------------------


def test_secrets_are_read_from_the_files_named_by_the_file_variables(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    key, secret, url = tmp_path / "key", tmp_path / "graph", tmp_path / "url"
    key.write_text("a-long-enough-hash-key-0123456789\n")
    secret.write_text("graph secret value\n")
    url.write_text("postgresql+psycopg://sendguard:pw@db:5432/sendguard\n")
    monkeypatch.setenv("SENDGUARD_HASH_KEY_FILE", str(key))
    monkeypatch.setenv("SENDGUARD_GRAPH_CLIENT_SECRET_FILE", str(secret))
    monkeypatch.setenv("SENDGUARD_DATABASE_URL_FILE", str(url))
    settings = Settings()
    assert settings.hash_key == SecretStr("a-long-enough-hash-key-0123456789")
    assert settings.graph_client_secret == SecretStr("graph secret value")
    assert settings.database_url == "postgresql+psycopg://sendguard:pw@db:5432/sendguard"
    assert not settings.migrates_on_start  # a shared store is migrated by `sendguard migrate`


def test_a_secret_given_twice_or_unreadable_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "key"
    key.write_text("a-long-enough-hash-key-0123456789")
    monkeypatch.setenv("SENDGUARD_HASH_KEY_FILE", str(key))
    monkeypatch.setenv("SENDGUARD_HASH_KEY", "another-long-enough-key-000000")
    with pytest.raises(ValueError, match="SENDGUARD_HASH_KEY or SENDGUARD_HASH_KEY_FILE, not both"):
        Settings()
    monkeypatch.delenv("SENDGUARD_HASH_KEY")
    monkeypatch.setenv("SENDGUARD_HASH_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="cannot be read"):
        Settings()
    (tmp_path / "empty").write_text("\n")
    monkeypatch.setenv("SENDGUARD_HASH_KEY_FILE", str(tmp_path / "empty"))
    with pytest.raises(ValueError, match="is empty"):
        Settings()


def test_serve_refuses_an_unreadable_secret_file_in_one_line(tmp_path: Path) -> None:
    result = sendguard("serve", "--port", "1", SENDGUARD_HASH_KEY_FILE=str(tmp_path / "missing"),
                       SENDGUARD_DATA_DIR=str(tmp_path))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "SENDGUARD_HASH_KEY_FILE" in result.stderr


def test_only_a_sqlite_store_is_migrated_by_default_at_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDGUARD_DATA_DIR", str(tmp_path))
    assert Settings().migrates_on_start
    monkeypatch.setenv("SENDGUARD_DATABASE_URL", POSTGRES_URL)
    assert not Settings().migrates_on_start
    monkeypatch.setenv("SENDGUARD_MIGRATE_ON_START", "true")
    assert Settings().migrates_on_start


# --- sendguard migrate ------------------------------------------------------------------


def test_migrate_creates_then_reports_an_up_to_date_sqlite_store(tmp_path: Path) -> None:
    first = sendguard("migrate", SENDGUARD_DATA_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert f"from revision none to {head_revision()}" in first.stdout
    again = sendguard("migrate", SENDGUARD_DATA_DIR=str(tmp_path))
    assert again.returncode == 0 and "up to date" in again.stdout


def test_migrate_says_plainly_when_the_store_cannot_be_reached(tmp_path: Path) -> None:
    result = sendguard("migrate", SENDGUARD_DATABASE_URL="postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "could not be migrated" in result.stderr and "secret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_on_a_shared_store_waits_for_migrate_and_readyz_says_so(tmp_path: Path) -> None:
    reason = postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"sg_deploy_{uuid.uuid4().hex[:10]}"
    env = {"SENDGUARD_DATABASE_URL": POSTGRES_URL, "SENDGUARD_DATABASE_SCHEMA": schema,
           "SENDGUARD_DATA_DIR": str(tmp_path), "SENDGUARD_RULES_POLL_SECONDS": "0.5"}
    base, process = launch(clean_environment(**env), tmp_path / "server.log")
    try:
        behind = httpx.get(f"{base}/readyz", timeout=10)
        assert behind.status_code == 503
        assert behind.json()["store_reachable"] and not behind.json()["store_schema_current"]
        assert "sendguard migrate" in (tmp_path / "server.log").read_text()

        migrated = sendguard("migrate", **env)
        assert migrated.returncode == 0, migrated.stderr
        engine = make_engine(POSTGRES_URL, schema)
        assert schema_status(engine).up_to_date
        engine.dispose()
        ready = httpx.get(f"{base}/readyz", timeout=10)
        assert ready.status_code == 200 and ready.json()["store_schema_current"]
    finally:
        stop(process)
        drop_schema(schema)


def test_a_server_serves_on_tables_a_newer_version_migrated_but_not_on_older_ones(tmp_path: Path) -> None:
    # Rolling an upgrade: `sendguard migrate` of the new version runs first, and the servers not
    # yet upgraded must stay ready meanwhile; a store left behind is not ready.
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from service.store.migrate import alembic_config, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    assert schema_status(engine).usable and not schema_status(engine).newer

    def stamp(revision: str) -> None:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})

    stamp("ffffffffffff")  # a revision only a newer SendGuard knows
    newer = schema_status(engine)
    assert newer.newer and newer.usable and not newer.up_to_date
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision()).down_revision
    assert isinstance(previous, str)
    stamp(previous)
    behind = schema_status(engine)
    assert not behind.usable and not behind.newer
    engine.dispose()


def test_history_import_waits_for_migrate_on_a_shared_store(tmp_path: Path) -> None:
    """Like `serve`, `history import` leaves a shared store's tables to `sendguard migrate`."""
    reason = postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"sg_deploy_{uuid.uuid4().hex[:10]}"
    sent = tmp_path / "sent.eml"
    sent.write_bytes(b"From: a@oakfield.sch.uk\r\nTo: b@example.com\r\nSubject: x\r\n"
                     b"Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n\r\nHello\r\n")
    env = {"SENDGUARD_DATABASE_URL": POSTGRES_URL, "SENDGUARD_DATABASE_SCHEMA": schema,
           "SENDGUARD_DATA_DIR": str(tmp_path), "SENDGUARD_HASH_KEY": "k" * 40}
    try:
        refused = sendguard("history", "import", str(sent), **env)
        assert refused.returncode == 3
        assert refused.stderr.strip() == \
            "sendguard: the store's tables are not up to date: run `sendguard migrate` first"
        assert sendguard("migrate", **env).returncode == 0
        imported = sendguard("history", "import", str(sent), **env)
        assert imported.returncode == 0, imported.stderr
        assert schema_status(make_engine(POSTGRES_URL, schema)).up_to_date
    finally:
        drop_schema(schema)
