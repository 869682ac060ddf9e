"""The admin rule API through a real server with two workers, on SQLite and on PostgreSQL."""

import base64
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from service.settings import REPO_ROOT
from tests.api.conftest import Server, stop_server
from tests.serving import STARTUP_SECONDS, free_port
from tests.auth.identity_provider import API_CLIENT_ID, TENANT, IdentityProvider
from tests.rulebook.rule_texts import WRONG_EXAMPLE_RULE, zebra
from tests.store.conftest import POSTGRES_URL, drop_schema, postgres_reachable
from tests.test_simulate import as_eml

RELOAD_LIMIT_SECONDS = 5.0
ADMIN_OID = "5f0c7d2e-1111-4a4a-9b9b-000000000001"


def start_two_workers(tmp: Path, provider: IdentityProvider, extra_env: dict[str, str]) -> Server:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")},
        "SENDGUARD_TENANT_ID": TENANT,
        "SENDGUARD_API_CLIENT_ID": API_CLIENT_ID,
        "SENDGUARD_OPENID_CONFIG_URL": provider.openid_config_url,
        "SENDGUARD_DATA_DIR": str(tmp),
        "SENDGUARD_HASH_KEY": "test-key-for-the-rule-tests-0123456789",
        "SENDGUARD_STORE_RETRY_SECONDS": "0.2",
        "SENDGUARD_SCAN_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
        **extra_env,
    }
    log_path = tmp / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2"],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", log_path, tmp, provider, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start-up:\n{server.log_text()[-3000:]}")
        try:
            # Both workers must be up: ask until two different ones have answered.
            if len(_workers_seen(server, 8)) == 2:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"the server did not start in time:\n{server.log_text()[-3000:]}")


def admin_headers(server: Server) -> dict[str, str]:
    return server.user_headers(roles=["SendGuard.Admin"], oid=ADMIN_OID)


def _dry_run(server: Server, draft: dict[str, Any]) -> dict[str, Any]:
    # A new connection each time, so the kernel hands requests to either worker.
    response = httpx.post(f"{server.base_url}/v1/admin/dry-run", json={"draft": draft},
                          headers=admin_headers(server), timeout=30)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def _workers_seen(server: Server, calls: int) -> set[str]:
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: _dry_run(server, draft("Hello")), range(calls)))
    return {a["worker"] for a in answers}


def draft(body: str, to: str = "someone@gmail.com") -> dict[str, Any]:
    return {"message": {"subject": "Notes", "body": {"content": body, "type": "text"},
                        "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
                        "to": [{"address": to}]}}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def rules_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 identity_provider: IdentityProvider) -> Iterator[tuple[Server, str | None]]:
    extra: dict[str, str] = {}
    schema = None
    if request.param == "postgresql":
        reason = postgres_reachable()
        if reason:
            pytest.skip(reason)
        schema = f"sg_rules_api_{uuid.uuid4().hex[:10]}"
        extra = {"SENDGUARD_DATABASE_URL": POSTGRES_URL, "SENDGUARD_DATABASE_SCHEMA": schema,
                 "SENDGUARD_MIGRATE_ON_START": "true"}
    server = start_two_workers(tmp_path_factory.mktemp(f"rules-{request.param}"), identity_provider, extra)
    yield server, schema
    stop_server(server)
    if schema:
        drop_schema(schema)


def query(server: Server, schema: str | None, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    if schema is None:
        with sqlite3.connect(server.db_path) as conn:
            return conn.execute(sql, params).fetchall()
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    engine.dispose()
    return rows


def test_rule_routes_need_the_admin_role(rules_server: tuple[Server, str | None]) -> None:
    server, _ = rules_server
    url = server.base_url
    assert httpx.get(f"{url}/v1/admin/rules").status_code == 401
    for roles in ([], ["SendGuard.DPO"]):
        headers = server.user_headers(roles=roles)
        assert httpx.get(f"{url}/v1/admin/rules", headers=headers).status_code == 403
        assert httpx.post(f"{url}/v1/admin/rules", json={"yaml": zebra("no-role"), "reason": "try"},
                          headers=headers).status_code == 403
        assert httpx.post(f"{url}/v1/admin/dry-run", json={"draft": draft("x")}, headers=headers).status_code == 403
        assert httpx.put(f"{url}/v1/admin/organisation", json={"yaml": "name: x", "reason": "try"},
                         headers=headers).status_code == 403
    listed = httpx.get(f"{url}/v1/admin/rules", headers=admin_headers(server)).json()
    assert {r["id"] for r in listed["rules"]} >= {"ctf-attachment", "subject-personal-data"}
    assert all(r["in_force"] for r in listed["rules"])


def test_a_rule_failing_its_example_is_refused_naming_it(rules_server: tuple[Server, str | None]) -> None:
    server, schema = rules_server
    response = httpx.post(f"{server.base_url}/v1/admin/rules", headers=admin_headers(server), timeout=30,
                          json={"yaml": WRONG_EXAMPLE_RULE.format(rule_id="bad-zebra"), "reason": "new rule"})
    assert response.status_code == 422
    assert "bad-zebra.yaml: example 'the code name in the body' should give 'block'" in response.json()["detail"]
    bad_line = zebra("bad-line").replace("action: block", "action: stop")
    response = httpx.put(f"{server.base_url}/v1/admin/rules/bad-line", headers=admin_headers(server),
                         json={"yaml": bad_line, "reason": "new rule"})
    assert response.status_code == 422 and "bad-line.yaml: line 4: action" in response.json()["detail"]
    assert query(server, schema, "SELECT count(*) FROM rule_versions WHERE name IN ('bad-zebra', 'bad-line')") == [(0,)]


def test_a_new_rule_blocks_on_every_worker_within_five_seconds(rules_server: tuple[Server, str | None]) -> None:
    server, schema = rules_server
    rule_id = f"zebra-{uuid.uuid4().hex[:6]}"
    matching = draft("Minutes of the PROJECT-ZEBRA meeting.")
    assert httpx.post(f"{server.base_url}/v1/scan", json=matching, headers=server.user_headers()).json()[
        "action"] == "allow"

    response = httpx.post(f"{server.base_url}/v1/admin/rules", headers=admin_headers(server), timeout=30,
                          json={"yaml": zebra(rule_id), "reason": "code name must not leave"})
    assert response.status_code == 201, response.text
    stored = time.monotonic()
    generation = None
    blocked_on: set[str] = set()
    while time.monotonic() - stored < RELOAD_LIMIT_SECONDS and len(blocked_on) < 2:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: _dry_run(server, matching), range(4)))
        for answer in answers:
            if any(f["rule"] == rule_id and f["shown"] for f in answer["findings"]):
                assert answer["action"] == "block"
                blocked_on.add(answer["worker"])
                generation = answer["rules_version"]
    elapsed = time.monotonic() - stored
    assert len(blocked_on) == 2, f"only workers {blocked_on} had the rule after {elapsed:.1f} s"
    # Every worker now blocks the real scan route too (and no cached 'allow' is served).
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: httpx.post(f"{server.base_url}/v1/scan", json=matching,
                                                     headers=server.user_headers(), timeout=30).json(), range(8)))
    assert all(r["action"] == "block" and rule_id in [f["rule"] for f in r["findings"]] for r in results)
    print(f"reload on both workers after {elapsed:.2f} s (rules version {generation})")

    history = httpx.get(f"{server.base_url}/v1/admin/rules/{rule_id}/history", headers=admin_headers(server)).json()
    assert [(v["version"], v["change"], v["changed_by"], v["reason"]) for v in history] == [
        (1, "create", ADMIN_OID, "code name must not leave")]
    assert f"+id: {rule_id}" in history[0]["diff"]
    rows = query(server, schema, "SELECT actor, reason, diff FROM rule_versions WHERE name = :name", name=rule_id)
    assert rows[0][0] == ADMIN_OID and rows[0][1] == "code name must not leave" and "+action: block" in rows[0][2]


def test_a_shadow_rule_is_recorded_but_not_shown(rules_server: tuple[Server, str | None]) -> None:
    server, schema = rules_server
    rule_id = f"zebra-{uuid.uuid4().hex[:6]}"
    headers = admin_headers(server)
    assert httpx.put(f"{server.base_url}/v1/admin/rules/{rule_id}", headers=headers, timeout=30,
                     json={"yaml": zebra(rule_id), "reason": "try it"}).status_code == 200
    response = httpx.post(f"{server.base_url}/v1/admin/rules/{rule_id}/shadow", headers=headers,
                          json={"reason": "measure before enforcing"}, timeout=30)
    assert response.status_code == 200 and "+status: shadow" in response.json()["version"]["diff"]
    assert httpx.post(f"{server.base_url}/v1/admin/rules/{rule_id}/shadow", headers=headers,
                      json={"reason": ""}).status_code == 422

    body = f"Agenda: PROJECT-ZEBRA {rule_id}"
    # Every worker must have the shadow status before the real scans below, or one that
    # has not reloaded yet would record them without it.
    deadline = time.monotonic() + RELOAD_LIMIT_SECONDS
    shadowed_on: set[str] = set()
    while time.monotonic() < deadline and len(shadowed_on) < 2:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: _dry_run(server, draft(body)), range(4)))
        shadowed_on |= {a["worker"] for a in answers
                        if any(f["rule"] == rule_id and not f["shown"] for f in a["findings"])}
    assert len(shadowed_on) == 2, f"only workers {shadowed_on} had the shadow status in time"
    scan_ids = []
    for _ in range(4):
        result = httpx.post(f"{server.base_url}/v1/scan", json=draft(body), headers=server.user_headers()).json()
        # (An earlier test's enforced zebra rule may block it; this shadow rule must not show.)
        assert rule_id not in [f["rule"] for f in result["findings"]]
        scan_ids.append(result["scan_id"])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        rows = query(server, schema, "SELECT scan_id, shadow_rules, rules_fired FROM scans")
        mine = [r for r in rows if r[0] in scan_ids]
        if len(mine) == len(scan_ids):
            break
        time.sleep(0.2)
    assert len(mine) == 4
    assert all(rule_id in str(r[1]) and rule_id not in str(r[2]) for r in mine)


def test_dry_run_of_an_eml_with_a_candidate_rule_stores_nothing(rules_server: tuple[Server, str | None]) -> None:
    server, schema = rules_server
    from service.schemas.scan import ScanRequest

    request = ScanRequest.model_validate(draft("Budget for PROJECT-ZEBRA. Her NHS number is 943 476 5919."))
    before = query(server, schema, "SELECT count(*) FROM scans")[0][0]
    answer = httpx.post(
        f"{server.base_url}/v1/admin/dry-run", headers=admin_headers(server), timeout=30,
        json={"email_base64": base64.b64encode(as_eml(request)).decode(), "candidate_rule": zebra("candidate-z")},
    ).json()
    assert answer["action"] == "block"
    by_rule = {f["rule"]: f for f in answer["findings"]}
    assert by_rule["candidate-z"]["candidate"] is True and by_rule["candidate-z"]["shown"] is True
    assert by_rule["personal-data-external"]["entities"] == {"UK_NHS": 1}
    assert "943 476 5919" not in str(answer)
    refused = httpx.post(f"{server.base_url}/v1/admin/dry-run", headers=admin_headers(server), timeout=30,
                         json={"draft": draft("x"), "candidate_rule": WRONG_EXAMPLE_RULE.format(rule_id="cand")})
    assert refused.status_code == 422 and "the code name in the body" in refused.json()["detail"]
    time.sleep(1)
    assert query(server, schema, "SELECT count(*) FROM scans")[0][0] == before
    assert query(server, schema, "SELECT count(*) FROM rule_versions WHERE name IN ('candidate-z', 'cand')") == [(0,)]


def test_delete_and_organisation_changes(rules_server: tuple[Server, str | None]) -> None:
    server, _ = rules_server
    headers = admin_headers(server)
    url = server.base_url
    gone = httpx.request("DELETE", f"{url}/v1/admin/rules/lookalike-recipient-domain", headers=headers,
                         json={"reason": "too noisy for us"}, timeout=30)
    assert gone.status_code == 200 and gone.json()["version"]["change"] == "delete"
    assert httpx.get(f"{url}/v1/admin/rules/lookalike-recipient-domain", headers=headers).status_code == 404

    organisation = httpx.get(f"{url}/v1/admin/organisation", headers=headers).json()
    assert "oakfield.sch.uk" in organisation["yaml"]
    bad = httpx.put(f"{url}/v1/admin/organisation", headers=headers,
                    json={"yaml": "name: X\ninternal_domains: [nodots]\n", "reason": "typo"})
    assert bad.status_code == 422 and "organisation.yaml: line 2" in bad.json()["detail"]
    # Make gmail.com internal: the NHS number to a gmail address no longer goes "outside".
    new = organisation["yaml"].replace("internal_domains: [", "internal_domains: [gmail.com, ")
    assert new != organisation["yaml"]
    changed = httpx.put(f"{url}/v1/admin/organisation", headers=headers, json={"yaml": new, "reason": "test"})
    assert changed.status_code == 200 and "+internal_domains" in changed.json()["version"]["diff"]
    nhs = draft("Her NHS number is 943 476 5919.")
    deadline = time.monotonic() + RELOAD_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if all(_dry_run(server, nhs)["action"] == "allow" for _ in range(4)):
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the organisation change did not reach every worker in time")
    httpx.put(f"{url}/v1/admin/organisation", headers=headers, json={"yaml": organisation["yaml"], "reason": "undo"})
