"""The must-show: PostgreSQL goes away mid-run behind the real server; every scan still
answers, and every intercept arrives once the database is back."""

import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import make_url

from service.store.repository import Repository, make_engine
from tests.api.conftest import Server, start_server, stop_server
from tests.auth.identity_provider import IdentityProvider
from tests.store.conftest import POSTGRES_URL, drop_schema
from tests.store.tcp_proxy import TcpProxy


@pytest.fixture(scope="module")
def postgres_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_schema: str
) -> Iterator[tuple[Server, TcpProxy, str]]:
    url = make_url(POSTGRES_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    schema = f"{postgres_schema}_h{uuid.uuid4().hex[:6]}"
    provider = IdentityProvider().start()
    server = start_server(tmp_path_factory.mktemp("pg-server"), provider, {
        "SENDGUARD_DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
        "SENDGUARD_DATABASE_SCHEMA": schema,
        # The store is down at start-up: the server creates the tables once it is back.
        "SENDGUARD_MIGRATE_ON_START": "true",
    })
    yield server, proxy, schema
    stop_server(server)
    provider.stop()
    proxy.stop()
    drop_schema(schema)


def scan(server: Server, number: int) -> str:
    draft = {"message": {"subject": f"Outage check {number}", "body": {"content": "Hello", "type": "text"},
                         "to": [{"address": "someone@example.com"}]}}
    response = httpx.post(f"{server.base_url}/v1/scan", json=draft, headers=server.user_headers(), timeout=30)
    assert response.status_code == 200
    return str(response.json()["scan_id"])


def test_postgres_outage_mid_run_loses_no_intercept(postgres_server: tuple[Server, TcpProxy, str]) -> None:
    server, proxy, schema = postgres_server
    ids = [scan(server, n) for n in range(5)]
    server.wait_for_store()

    proxy.stop()
    ids += [scan(server, n) for n in range(5, 15)]
    ready = httpx.get(f"{server.base_url}/readyz", headers=server.user_headers(), timeout=30)
    assert ready.status_code == 503, ready.text
    assert ready.json()["store_reachable"] is False and ready.json()["store_backlog"] > 0
    metrics = httpx.get(f"{server.base_url}/metrics", headers=server.admin_headers(), timeout=30).text
    assert "sendguard_store_backlog" in metrics

    proxy.start()
    server.wait_for_store(timeout=30)
    repository = Repository(make_engine(POSTGRES_URL, schema))
    try:
        stored = {row.scan_id for row in repository.scans()}
    finally:
        repository.engine.dispose()
    assert set(ids) <= stored
    assert len(stored) == 15
