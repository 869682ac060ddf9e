"""The container image: built from Debian's packages with podman, it runs `sendguard serve`
as a non-root user with the spaCy pipeline inside and answers its probes.

Skips, with the exact reason, only where this machine cannot build or run containers at all.
"""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest

from service.settings import REPO_ROOT
from tests.serving import free_port

BASE = "localhost/sendguard-debian:bookworm"
IMAGE = "localhost/sendguard:deploy-test"
# Where the default runtime (crun) cannot start a container, runc may: this machine's
# cgroups are in "hybrid" mode, which crun refuses, and raising a limit needs a capability
# the machine's root lacks, so the limits are lowered instead.
RUNC = ("--runtime", "runc", "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096")


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


@pytest.fixture(scope="module")
def runtime_options() -> tuple[str, ...]:
    """podman options that run a container here, or a skip naming why none does."""
    if shutil.which("podman") is None:
        pytest.skip("podman is not installed (scripts/test installs it from Debian when run as root)")
    if os.geteuid() != 0:
        pytest.skip("building the Debian base image (debootstrap) needs root")
    if run("podman", "image", "exists", BASE).returncode != 0:
        made = run(str(REPO_ROOT / "deploy/container/build-base-image"), timeout=900)
        if made.returncode != 0:
            pytest.skip(f"the Debian base image could not be built: {last_line(made)}")
    errors = []
    for options in ((), RUNC):
        tried = run("podman", "run", "--rm", *options, BASE, "python3", "-c", "print('ok')", timeout=120)
        if tried.returncode == 0 and tried.stdout.strip() == "ok":
            return options
        errors.append(f"podman run {' '.join(options) or '(defaults)'}: {last_line(tried)}")
    pytest.skip("this machine cannot run containers: " + "; ".join(errors))


@pytest.fixture(scope="module")
def image(runtime_options: tuple[str, ...]) -> str:
    env = {**os.environ, "BUILD_OPTS": " ".join(runtime_options), "BASE": BASE}
    built = subprocess.run([str(REPO_ROOT / "deploy/container/build-image"), IMAGE], cwd=REPO_ROOT, env=env,
                           capture_output=True, text=True, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    return IMAGE


@pytest.fixture
def container(image: str, runtime_options: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    port = free_port()
    started = run("podman", "run", "--detach", *runtime_options, "--publish", f"127.0.0.1:{port}:8000",
                  "--read-only", "--tmpfs", "/tmp", "--volume", "/var/lib/sendguard", image, timeout=120)
    assert started.returncode == 0, started.stderr
    name = started.stdout.strip()
    try:
        yield name, f"http://127.0.0.1:{port}"
    finally:
        run("podman", "rm", "--force", name, timeout=120)


def test_the_image_serves_its_probes_as_a_non_root_user(container: tuple[str, str]) -> None:
    name, base_url = container
    deadline = time.monotonic() + 120
    healthy = None
    while time.monotonic() < deadline:
        try:
            healthy = httpx.get(f"{base_url}/healthz", timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.5)
    assert healthy is not None and healthy.status_code == 200, run("podman", "logs", name).stderr[-3000:]
    ready = httpx.get(f"{base_url}/readyz", timeout=10).json()
    assert ready["models_loaded"] and ready["rules_loaded"] >= 1 and ready["store_schema_current"]
    # Sign-in is not set up here: everything but the probes is refused.
    assert httpx.post(f"{base_url}/v1/scan", json={"message": {"subject": "x"}}, timeout=10).status_code == 401

    user = run("podman", "exec", name, "id", "-u")
    assert user.stdout.strip() == "10001"
    # The pipeline is inside the image, not fetched: the image has no network at run time here.
    pipeline = run("podman", "exec", name, "python3", "-c",
                   "from service.settings import Settings; import os; print(os.path.isdir(Settings().spacy_model))")
    assert pipeline.stdout.strip() == "True"


def test_the_image_migrates_a_store_as_its_own_command(image: str, runtime_options: tuple[str, ...]) -> None:
    migrated = run("podman", "run", "--rm", *runtime_options, image, "migrate", timeout=180)
    assert migrated.returncode == 0, migrated.stderr
    assert "migrated from revision none" in migrated.stdout
