"""One real server process for the API tests: `sendguard serve` on a free loopback port,
signed in against a local identity provider, with its store in a temporary folder."""

import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.auth.identity_provider import API_CLIENT_ID, TENANT, IdentityProvider
from tests.serving import clean_environment, free_port, launch, stop

__all__ = ["Server", "free_port", "start_server", "stop_server"]
MAX_REQUEST_BYTES = 2 * 1024 * 1024


@dataclass
class Server:
    base_url: str
    log_path: Path
    data_dir: Path
    provider: IdentityProvider
    process: subprocess.Popen[bytes]

    @property
    def db_path(self) -> Path:
        return self.data_dir / "sendguard.db"

    def user_headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.provider.token(**claims)}"}

    def admin_headers(self) -> dict[str, str]:
        return self.user_headers(roles=["SendGuard.Admin"])

    def wait_for_store(self, timeout: float = 20) -> None:
        """Until every intercept this server has taken is written."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = httpx.get(f"{self.base_url}/readyz", headers=self.user_headers(), timeout=10).json()
            if ready["store_backlog"] == 0:
                return
            time.sleep(0.1)
        raise AssertionError("the store backlog did not empty")

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(tmp: Path, provider: IdentityProvider, extra_env: dict[str, str] | None = None) -> Server:
    env = clean_environment(**{
        "SENDGUARD_TENANT_ID": TENANT,
        "SENDGUARD_API_CLIENT_ID": API_CLIENT_ID,
        "SENDGUARD_OPENID_CONFIG_URL": provider.openid_config_url,
        "SENDGUARD_JWKS_MIN_REFRESH_SECONDS": "0",
        "SENDGUARD_DATA_DIR": str(tmp),
        "SENDGUARD_HASH_KEY": "test-key-for-the-api-tests-0123456789",
        "SENDGUARD_MAX_REQUEST_BYTES": str(MAX_REQUEST_BYTES),
        "SENDGUARD_STORE_RETRY_SECONDS": "0.2",
        **(extra_env or {}),
    })
    log_path = tmp / "server.log"
    base_url, process = launch(env, log_path)
    return Server(base_url, log_path, tmp, provider, process)


def stop_server(server: Server) -> None:
    stop(server.process)


@pytest.fixture(scope="session")
def identity_provider() -> Iterator[IdentityProvider]:
    provider = IdentityProvider().start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, identity_provider: IdentityProvider) -> Iterator[Server]:
    srv = start_server(tmp_path_factory.mktemp("server"), identity_provider)
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=30) as c:
        yield c
