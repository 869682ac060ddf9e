"""`sendguard serve` runs on the bundled defaults, never without sign-in off loopback,
and refuses every call but /healthz until Entra ID sign-in is set up."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

import pytest

from service.settings import REPO_ROOT
from tests.api.conftest import free_port


def serve(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    return subprocess.run(
        [sys.executable, "-m", "service.cli", "serve", *args],
        cwd=REPO_ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_development_mode_is_refused_off_loopback(host: str) -> None:
    result = serve("--host", host, "--port", "1", SENDGUARD_AUTH_MODE="dev")
    assert result.returncode == 3
    assert "only allowed on a loopback address" in result.stderr


def test_without_entra_settings_it_runs_but_refuses_every_call_except_health(tmp_path: Path) -> None:
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    env = {**clean, "SENDGUARD_DATA_DIR": str(tmp_path)}
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        scan = httpx.post(f"{base}/v1/scan", json={"message": {"subject": "x"}}, timeout=30)
        assert scan.status_code == 401
        forged = httpx.post(
            f"{base}/v1/scan", json={"message": {"subject": "x"}}, timeout=30,
            headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."},
        )
        assert forged.status_code == 401
        assert "not set up for sign-in" in forged.text
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    assert "SENDGUARD_TENANT_ID" in (tmp_path / "server.log").read_text()


def test_graph_without_credentials_is_refused() -> None:
    result = serve("--port", "1", SENDGUARD_AUTH_MODE="dev", SENDGUARD_GRAPH_ENABLED="true")
    assert result.returncode == 3
    assert "SENDGUARD_GRAPH_CLIENT_ID" in result.stderr
