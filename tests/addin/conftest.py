"""A real `sendguard serve` in development mode (no sign-in, loopback only) for the add-in tests,
and the Node.js side: the add-in's own packages, installed by `npm --prefix addin-manifest ci`."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.settings import REPO_ROOT
from tests.serving import clean_environment, launch, stop

ADDIN_DIR = REPO_ROOT / "addin-manifest"
CLIENT_ID = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"


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
    env = clean_environment(**{
        "SENDGUARD_AUTH_MODE": "dev",
        "SENDGUARD_API_CLIENT_ID": CLIENT_ID,
        "SENDGUARD_DATA_DIR": str(tmp),
        "SENDGUARD_HASH_KEY": "test-key-for-the-addin-tests-0123456789",
        **extra_env,
    })
    log_path = tmp / "server.log"
    base_url, process = launch(env, log_path)
    return DevServer(base_url, process, log_path)


def _stop(server: DevServer) -> None:
    stop(server.process)


@pytest.fixture(scope="session")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    server = _start(tmp_path_factory.mktemp("addin-server"), {})
    yield server
    _stop(server)
