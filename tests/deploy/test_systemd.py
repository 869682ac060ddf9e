"""The systemd units in deploy/systemd: systemd accepts them as written, and they are hardened."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.settings import REPO_ROOT

UNITS = REPO_ROOT / "deploy" / "systemd"
INSTALLED_VENV = "/opt/sendguard/.venv"
# systemd-analyze's exposure score: 0 (locked down) to 10 (unprotected); "OK" is below 5.
MOST_EXPOSURE = 2.0
HARDENING = {
    "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
    "PrivateDevices": "yes", "DynamicUser": "yes", "CapabilityBoundingSet": "", "UMask": "0077",
}


def directives(unit: Path) -> dict[str, list[str]]:
    """Every Key=value of a unit file (keys may repeat), comments dropped."""
    found: dict[str, list[str]] = {}
    for line in unit.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        found.setdefault(key.strip(), []).append(value.strip())
    return found


def installed_here(unit: Path, folder: Path, name: str) -> Path:
    """The unit as installed from this checkout: its commands point at this machine's .venv."""
    venv = Path(sys.prefix)
    target = folder / name
    target.write_text(unit.read_text(encoding="utf-8").replace(INSTALLED_VENV, str(venv)), encoding="utf-8")
    return target


@pytest.mark.parametrize("name", ["sendguard@.service", "sendguard-migrate.service"])
def test_each_unit_is_hardened(name: str) -> None:
    found = directives(UNITS / name)
    for key, value in HARDENING.items():
        assert found.get(key) == [value], f"{name}: {key}={value} expected, found {found.get(key)}"
    assert any(v.startswith("sendguard/") for v in found["StateDirectory"])
    assert found["ExecStart"][0].startswith(f"{INSTALLED_VENV}/bin/sendguard ")


def test_the_server_unit_takes_its_key_as_a_credential_not_an_environment_variable() -> None:
    found = directives(UNITS / "sendguard@.service")
    assert found["LoadCredential"] == ["hash-key:/etc/sendguard/hash.key"]
    assert "SENDGUARD_HASH_KEY_FILE=%d/hash-key" in found["Environment"]
    assert "--host 127.0.0.1 --port %i" in found["ExecStart"][0]


def test_systemd_accepts_the_units_and_rates_the_server_well_hardened(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package)")
    server = installed_here(UNITS / "sendguard@.service", tmp_path, "sendguard@8001.service")
    migrate = installed_here(UNITS / "sendguard-migrate.service", tmp_path, "sendguard-migrate.service")
    verified = subprocess.run([analyze, "verify", str(server), str(migrate)], capture_output=True, text=True,
                              timeout=60)
    # verify exits 0 on unknown or misspelt settings too, but says so: nothing may be said.
    assert verified.returncode == 0 and not (verified.stdout + verified.stderr).strip(), verified.stderr

    security = subprocess.run([analyze, "security", "--offline=true", "--no-pager", str(server)],
                              capture_output=True, text=True, timeout=60)
    score = re.search(r"Overall exposure level for \S+: ([0-9.]+)", security.stdout)
    assert score is not None, security.stdout[-2000:] + security.stderr
    assert float(score.group(1)) <= MOST_EXPOSURE, security.stdout
