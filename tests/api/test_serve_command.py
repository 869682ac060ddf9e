"""`sendguard serve` runs on the bundled defaults, never without sign-in off loopback,
and refuses every call but /healthz until Entra ID sign-in is set up."""

import os
import subprocess
import sys
from pathlib import Path

import httpx

import pytest

from service.settings import REPO_ROOT
from tests.serving import clean_environment, launch, stop


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
    log_path = tmp_path / "server.log"
    base, process = launch(clean_environment(SENDGUARD_DATA_DIR=str(tmp_path)), log_path)
    try:
        scan = httpx.post(f"{base}/v1/scan", json={"message": {"subject": "x"}}, timeout=30)
        assert scan.status_code == 401
        forged = httpx.post(
            f"{base}/v1/scan", json={"message": {"subject": "x"}}, timeout=30,
            headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."},
        )
        assert forged.status_code == 401
        assert "not set up for sign-in" in forged.text
    finally:
        stop(process)
    assert "SENDGUARD_TENANT_ID" in log_path.read_text()


def test_graph_without_credentials_is_refused() -> None:
    result = serve("--port", "1", SENDGUARD_AUTH_MODE="dev", SENDGUARD_GRAPH_ENABLED="true")
    assert result.returncode == 3
    assert "SENDGUARD_GRAPH_CLIENT_ID" in result.stderr
