"""A real `sendguard serve` in development mode (no sign-in, loopback only) for the add-in tests,
and the Node.js side: the add-in's own packages, installed by `npm --prefix addin-manifest ci`."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from service.settings import REPO_ROOT
from tests.api.conftest import free_port

ADDIN_DIR = REPO_ROOT / "addin-manifest"
CLIENT_ID = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
STARTUP_SECONDS = 90


@dataclass
class DevServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path


def node_or_skip() -> str:
    """The node binary, when the add-in's packages are installed; otherwise skip with the command that installs them."""
    node = shutil.which("node")
    if node is None or not (ADDIN_DIR / "node_modules" / "office-addin-mock").is_dir():
        reason = "the add-in's Node packages are not installed: npm --prefix addin-manifest ci"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs them first (scripts/test); a skip there would hide the round trip
        pytest.skip(reason)
    return node


def _start(tmp: Path, extra_env: dict[str, str]) -> DevServer:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")},
        "SENDGUARD_AUTH_MODE": "dev",
        "SENDGUARD_API_CLIENT_ID": CLIENT_ID,
        "SENDGUARD_DATA_DIR": str(tmp),
        "SENDGUARD_HASH_KEY": "test-key-for-the-addin-tests-0123456789",
        "HF_HUB_OFFLINE": "1",
        "TLDEXTRACT_CACHE_TIMEOUT": "0",
        **extra_env,
    }
    log_path = tmp / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    server = DevServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start-up:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    _stop(server)
    raise RuntimeError("the server did not start in time")


def _stop(server: DevServer) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="session")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    server = _start(tmp_path_factory.mktemp("addin-server"), {})
    yield server
    _stop(server)
