"""Starting and stopping a real `sendguard serve` process for tests (one place for all suites)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from service.settings import REPO_ROOT

STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any SENDGUARD_ setting, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    return {**env, "HF_HUB_OFFLINE": "1", "TLDEXTRACT_CACHE_TIMEOUT": "0", **settings}


SENDGUARD_SERVE = ("-m", "service.cli", "serve")
# The app as a deployment might run it without `sendguard serve`.
UVICORN = ("-m", "uvicorn", "service.app:app_from_environment", "--factory")


def launch(env: dict[str, str], log_path: Path, *args: str,
           program: tuple[str, ...] = SENDGUARD_SERVE) -> tuple[str, "subprocess.Popen[bytes]"]:
    """Start `sendguard serve` (or `program`) on a free loopback port; return its base URL once /healthz answers."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, *program, "--host", "127.0.0.1", "--port", str(port), *args],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start-up:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return base_url, process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(process)
    raise RuntimeError("the server did not start in time")


def stop(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
