"""What an IT team would run, on loopback: nginx with a self-signed certificate in front of
two `sendguard serve` servers sharing the PostgreSQL on this machine (a schema of its own).

The add-in's Send check goes through HTTPS; 20 clients for 60 s lose no draft and no
intercept row while one server is killed and started again; a rule changed through one
server is in force on the other within 5 s.
"""

import asyncio
import json
import os
import ssl
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.load import load_drafts, run_clients, unique
from bench.topology import Topology, local_sign_in, missing_tools, stored_scan_ids
from tests.addin.conftest import ADDIN_DIR, node_or_skip
from tests.auth.identity_provider import IdentityProvider
from tests.store.conftest import POSTGRES_URL, drop_schema, postgres_reachable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RULE_REACH_SECONDS = 5.0
TEACHER = str(uuid.uuid4())  # one signed-in member of staff (the token's oid)


@dataclass
class Running:
    topology: Topology
    provider: IdentityProvider

    @property
    def verify(self) -> ssl.SSLContext:
        return self.topology.client_tls()

    def headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.provider.token(**{'oid': TEACHER, **claims})}"}


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    reason = missing_tools() or postgres_reachable()
    if reason:
        pytest.skip(reason)
    provider, sign_in = local_sign_in()
    schema = f"sg_topology_{uuid.uuid4().hex[:10]}"
    topology = Topology(tmp_path_factory.mktemp("topology"), POSTGRES_URL, schema, sign_in)
    try:
        topology.start()
        yield Running(topology, provider)
    finally:
        topology.stop()
        provider.stop()
        drop_schema(schema)


def example(name: str) -> dict[str, Any]:
    draft: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return draft


def test_probes_and_the_addin_allow_list_pass_through_tls(running: Running) -> None:
    base = running.topology.base_url
    assert httpx.get(f"{base}/healthz", verify=running.verify, timeout=10).json() == {"status": "ok"}
    ready = httpx.get(f"{base}/readyz", verify=running.verify, timeout=10)
    assert ready.status_code == 200 and ready.json()["store_schema_current"]
    allowed = httpx.get(f"{base}/.well-known/microsoft-officeaddins-allowed.json", verify=running.verify, timeout=10)
    assert allowed.status_code == 200
    assert any(url.startswith(f"{base}/addin/") for url in json.dumps(allowed.json()).split('"'))
    # Plain HTTP is not served: the certificate is checked by the client.
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base}/healthz", timeout=10)


def test_a_forged_forwarded_header_does_not_make_a_proxied_call_local(running: Running) -> None:
    # nginx replaces X-Forwarded-For; the service still sees a proxied request, so the
    # scan needs its token whatever the client claims.
    response = httpx.post(f"{running.topology.base_url}/v1/scan", json=example("01-clean-trip-letter.json"),
                          headers={"X-Forwarded-For": "127.0.0.1"}, verify=running.verify, timeout=30)
    assert response.status_code == 401


def test_the_addins_send_check_round_trip_through_https(running: Running) -> None:
    node = node_or_skip()
    base = running.topology.base_url
    draft = {
        "subject": "Year 5 reading - H801200001001",
        "html": "<p>Dear Mrs Brown, please see the notes below.</p>",
        "to": [{"emailAddress": "sam.brown@gmail.com", "displayName": "Sam Brown", "recipientType": "externalUser"}],
    }
    result = subprocess.run(
        [node, str(Path(__file__).parent / "support" / "roundtrip-signed-in.js"), base, running.provider.token(oid=TEACHER)],
        input=json.dumps(draft), capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(running.topology.cert), "ADDIN_DIR": str(ADDIN_DIR)},
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["answers"] == [{"url": f"{base}/v1/scan", "status": 200}]
    assert outcome["options"]["allowEvent"] is False
    assert "Information Security Policy, section 4" in outcome["options"]["errorMessage"]
    saved = outcome["saved"]
    assert saved["action"] == "block" and "H801200001001" not in json.dumps(saved)
    # The sender's choice, reported through the proxy, finds its scan whichever server takes it.
    answer = httpx.post(f"{base}/v1/scans/{saved['scan_id']}/outcome", json={"outcome": "changed"},
                        headers=running.headers(), verify=running.verify, timeout=10)
    assert answer.status_code == 202, answer.text


def test_a_rule_changed_through_one_server_is_in_force_on_the_other_within_5_s(running: Running) -> None:
    first, second = running.topology.servers
    admin = running.headers(roles=["SendGuard.Admin"])
    user = running.headers()
    draft = example("06-lookalike-domain.json")

    def fires_on_second(number: int) -> bool:
        answer = httpx.post(f"{second.url}/v1/scan", json=unique(draft, number), headers=user, timeout=30)
        assert answer.status_code == 200, answer.text
        return "lookalike-recipient-domain" in [f["rule"] for f in answer.json()["findings"]]

    assert fires_on_second(1)
    changed = httpx.post(f"{first.url}/v1/admin/rules/lookalike-recipient-domain/disable",
                         json={"reason": "topology test"}, headers=admin, timeout=60)
    assert changed.status_code == 200, changed.text
    changed_at = time.monotonic()
    try:
        number = 2
        while fires_on_second(number):
            number += 1
            assert time.monotonic() - changed_at < RULE_REACH_SECONDS, "the other server still has the old rule"
            time.sleep(0.1)
    finally:
        restored = httpx.post(f"{first.url}/v1/admin/rules/lookalike-recipient-domain/enable",
                              json={"reason": "topology test done"}, headers=admin, timeout=60)
        assert restored.status_code == 200, restored.text


def test_20_clients_for_60_s_lose_nothing_while_a_server_is_killed_and_restarted(running: Running) -> None:
    topology = running.topology
    victim = topology.servers[0]
    events: dict[str, float] = {}

    async def kill_and_restart() -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(15)
        events["killed"] = time.monotonic()
        await loop.run_in_executor(None, victim.kill)
        await loop.run_in_executor(None, victim.start)
        events["back"] = time.monotonic()

    run = asyncio.run(run_clients(topology.base_url, load_drafts(with_attachments=False), 20, 60, False,
                                  running.headers(), verify=running.verify, during=kill_and_restart))
    assert "back" in events, "the killed server did not come back during the run"
    assert run.errors == 0, f"clients saw failures: {dict(run.outcomes)}"
    assert run.ok > 100
    # Every verdict a client got has its intercept row, the killed server's included.
    missing = set(run.scan_ids) - stored_scan_ids(topology.database_url, topology.database_schema)
    assert not missing, f"{len(missing)} scans answered but not in the store"
    # And the restarted server takes drafts again.
    answer = httpx.post(f"{victim.url}/v1/scan", json=unique(example("01-clean-trip-letter.json"), 0),
                        headers=running.headers(), timeout=30)
    assert answer.status_code == 200
