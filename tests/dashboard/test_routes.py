"""The DPO's API through a real server: roles, figures after a scripted run, CSV, subject access
and erasure, retention, and the pages."""

import csv
import io
from datetime import UTC, datetime

import httpx
import pytest

from service.store.hashing import keyed_hash
from service.store.models import Base
from tests.api.conftest import Server
from tests.auth.identity_provider import TENANT
from tests.dashboard.conftest import (
    HASH_KEY,
    OFFICE,
    OLD_SENDER,
    PRIMARY,
    RECENT_SENDER,
    SENDERS,
    ScriptedRun,
    dpo_headers,
)

TODAY = datetime.now(UTC).date().isoformat()


def _get(server: Server, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server.base_url}{path}", params=params, headers=dpo_headers(server), timeout=60)


@pytest.mark.parametrize("path", ["/v1/dpo/stats", "/v1/dpo/export/rule_outcomes.csv", "/v1/dpo/inventory",
                                  f"/v1/dpo/subjects/{'ab' * 32}"])
def test_dpo_routes_need_a_token_and_the_dpo_role(dashboard_server: Server, path: str) -> None:
    url = f"{dashboard_server.base_url}{path}"
    assert httpx.get(url, timeout=30).status_code == 401
    staff = httpx.get(url, headers=dashboard_server.user_headers(), timeout=30)
    assert staff.status_code == 403
    assert "SendGuard.DPO" in staff.json()["detail"]
    assert httpx.get(url, headers=dpo_headers(dashboard_server), timeout=30).status_code == 200
    admin = httpx.get(url, headers=dashboard_server.admin_headers(), timeout=30)
    assert admin.status_code == 200


def test_erasure_needs_the_dpo_role(dashboard_server: Server) -> None:
    url = f"{dashboard_server.base_url}/v1/dpo/subjects/{'ab' * 32}"
    assert httpx.delete(url, headers=dashboard_server.user_headers(), timeout=30).status_code == 403


def test_the_figures_match_the_scripted_run(dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    stats = _get(dashboard_server, "/v1/dpo/stats", **{"from": TODAY, "to": TODAY, "min_firings": "2"}).json()
    run = scripted_run
    totals = stats["totals"]
    assert totals["scans"] == run.scans
    assert totals["intercepts"] == run.intercepts
    assert (totals["allowed"], totals["info"], totals["warned"], totals["blocked"]) == (
        run.actions["allow"], run.actions["info"], run.actions["warn"], run.actions["block"])
    assert (totals["changed"], totals["cancelled"], totals["sent_anyway"], totals["no_outcome"]) == (
        run.outcomes["changed"], run.outcomes["cancelled"], run.outcomes["sent_anyway"], run.outcomes["none"])
    assert totals["senders"] == len(run.senders)
    assert {(r["day"], r["action"]): r["scans"] for r in stats["daily_verdicts"]} == {
        (TODAY, action): n for action, n in run.actions.items()}
    fired = [{k: v for k, v in row.items() if k != "shadow"} for row in stats["rule_outcomes"] if row["fired"]]
    assert fired == run.rule_rows(min_firings=2)
    assert {(r["rule"], r["reason"]): r["count"] for r in stats["override_reasons"]} == dict(run.reasons)
    assert {r["platform"]: r["scans"] for r in stats["platforms"]} == dict(run.platforms)
    assert stats["latency"][0]["scans"] == run.scans
    assert 0 <= stats["latency"][0]["p50_ms"] <= stats["latency"][0]["p95_ms"]
    senders = {r["sender"]: r["scans"] for r in stats["senders"]}
    key = HASH_KEY.encode()
    assert senders == {keyed_hash(key, s)[:12]: n for s, n in run.sender_intercepts.items()}
    # Every unit of the organisation file had a sender, and one sender was in none.
    assert {r["unit"] for r in stats["units"]} == {PRIMARY, OFFICE, "unmapped"}
    assert stats["units"] == run.unit_rows()


def test_the_unit_filter_narrows_every_figure(dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    for unit, counts in scripted_run.units.items():
        stats = _get(dashboard_server, "/v1/dpo/stats", **{"from": TODAY, "to": TODAY, "unit": unit}).json()
        assert stats["filter"]["unit"] == unit
        assert (stats["totals"]["scans"], stats["totals"]["warned"], stats["totals"]["blocked"]) == (
            counts["scans"], counts["warn"], counts["block"])
        assert [r["unit"] for r in stats["units"]] == [unit]
    nobody = _get(dashboard_server, "/v1/dpo/stats", **{"from": TODAY, "unit": "No such school"}).json()
    assert nobody["totals"]["scans"] == 0 and nobody["units"] == []
    assert _get(dashboard_server, "/v1/dpo/stats", unit="x" * 81).status_code == 422


def test_every_table_exports_as_csv_with_the_same_rows(dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    stats = _get(dashboard_server, "/v1/dpo/stats", **{"from": TODAY}).json()
    for table in ["totals", "daily_verdicts", "daily_rules", "rule_outcomes", "override_reasons", "entity_types",
                  "recipient_classes", "platforms", "latency", "senders", "units"]:
        response = _get(dashboard_server, f"/v1/dpo/export/{table}.csv", **{"from": TODAY})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        expected = stats[table] if isinstance(stats[table], list) else [stats[table]]
        assert len(rows) == len(expected), table
        for got, want in zip(rows, expected, strict=True):
            assert set(got) == set(want)
            for column, value in want.items():
                shown = "yes" if value is True else "no" if value is False else "" if value is None else str(value)
                assert got[column] == shown, (table, column)
    assert _get(dashboard_server, "/v1/dpo/export/nonsense.csv").status_code == 422


def test_filters_are_validated(dashboard_server: Server) -> None:
    assert _get(dashboard_server, "/v1/dpo/stats", action="maybe").status_code == 422
    assert _get(dashboard_server, "/v1/dpo/stats", platform="Amiga").status_code == 422
    assert _get(dashboard_server, "/v1/dpo/stats", **{"from": "2026-03-02", "to": "2026-03-01"}).status_code == 422
    assert _get(dashboard_server, "/v1/dpo/stats", rule="Robert'); DROP TABLE scans;--").status_code == 422


def test_retention_purged_the_expired_row_at_start(dashboard_server: Server) -> None:
    assert _get(dashboard_server, f"/v1/dpo/subjects/{OLD_SENDER}").json()["scans"] == []
    assert len(_get(dashboard_server, f"/v1/dpo/subjects/{RECENT_SENDER}").json()["scans"]) == 1


LEAVER_OID = "6f1c1b1e-3c1a-4f57-9a0e-5a8d3f0c2b11"


def test_subject_access_then_erasure_by_address_or_hash(dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    sender = "leaving.soon@oakfield.sch.uk"
    sender_hash = keyed_hash(HASH_KEY.encode(), sender)
    # The draft claims another sender (one in a unit); the token decides who sent it.
    draft = {"message": {"subject": "Trip", "body": {"content": "Jane Brown's UPN is H801200001001.", "type": "text"},
                         "from": {"address": SENDERS[0], "name": "Someone else"},
                         "to": [{"address": "someone@gmail.com"}]}}
    signed_in = dashboard_server.user_headers(oid=LEAVER_OID, preferred_username=sender.upper())
    scan_ids = set()
    for _ in range(2):
        verdict = httpx.post(f"{dashboard_server.base_url}/v1/scan", json=draft, headers=signed_in, timeout=120).json()
        scan_ids.add(verdict["scan_id"])
    outcome = httpx.post(f"{dashboard_server.base_url}/v1/scans/{verdict['scan_id']}/outcome",
                         json={"outcome": "cancelled"}, headers=signed_in, timeout=30)
    assert outcome.status_code == 202
    # A colleague writes to the leaver: that row of the colleague's recipient history is about the leaver too.
    note = {"message": {"subject": "Cover", "body": {"content": "Can you cover period 3?", "type": "text"},
                        "to": [{"address": sender, "name": "Leaving Soon"}]}}
    colleague = dashboard_server.user_headers(preferred_username="colleague@oakfield.sch.uk")
    allowed = httpx.post(f"{dashboard_server.base_url}/v1/scan", json=note, headers=colleague, timeout=120).json()
    assert allowed["action"] == "allow"
    dashboard_server.wait_for_store()

    by_address = _get(dashboard_server, f"/v1/dpo/subjects/{sender.upper()}").json()
    by_hash = _get(dashboard_server, f"/v1/dpo/subjects/{sender_hash}").json()
    assert by_address == by_hash
    assert by_address["sender_hash"] == sender_hash
    assert {s["scan_id"] for s in by_address["scans"]} == scan_ids
    assert all("sender_hash" not in scan for scan in by_address["scans"])
    # Who asked for each scan is the same person, so the export shows it and the erasure removes it.
    assert {scan["principal_hash"] for scan in by_address["scans"]} == {
        keyed_hash(HASH_KEY.encode(), f"{TENANT}\0{LEAVER_OID}")}
    assert {scan["unit"] for scan in by_address["scans"]} == {"unmapped"}
    assert [(o["scan_id"], o["outcome"]) for o in by_address["outcomes"]] == [(verdict["scan_id"], "cancelled")]
    # The recipient history: the warned draft without an outcome waits, held as hashes; the cancelled one
    # was dropped; the colleague's note is listed without saying who the colleague is.
    history = by_address["history"]
    assert [h["scan_id"] for h in history["held"]] == sorted(scan_ids - {verdict["scan_id"]})
    assert history["held"][0]["address_hash"] == keyed_hash(HASH_KEY.encode(), "someone@gmail.com")
    assert history["sent_days"] == [] and history["sent_to"] == []
    assert [r["messages"] for r in history["received_from_others"]] == [1]
    assert "colleague" not in str(by_address) and keyed_hash(HASH_KEY.encode(), "colleague@oakfield.sch.uk") not in (
        str(by_address))
    before = _get(dashboard_server, "/v1/dpo/stats").json()["totals"]["scans"]

    erased = httpx.delete(f"{dashboard_server.base_url}/v1/dpo/subjects/{sender}",
                          headers=dpo_headers(dashboard_server), timeout=60).json()
    assert erased == {"sender_hash": sender_hash, "scans_deleted": 2, "outcomes_deleted": 1, "history_rows_deleted": 2}
    assert _get(dashboard_server, f"/v1/dpo/subjects/{sender_hash}").json() == {
        "sender_hash": sender_hash, "scans": [], "outcomes": [],
        "history": {"sent_days": [], "sent_to": [], "held": [], "received_from_others": []}}
    assert _get(dashboard_server, "/v1/dpo/stats").json()["totals"]["scans"] == before - 2
    assert _get(dashboard_server, "/v1/dpo/subjects/not-a-sender").status_code == 422


def test_the_inventory_page_lists_every_column_of_every_table(dashboard_server: Server) -> None:
    response = httpx.get(f"{dashboard_server.base_url}/dashboard/privacy", timeout=30)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    assert "not described" not in page
    assert 'data-retention-days="365"' in page
    for table in Base.metadata.sorted_tables:
        assert f'data-table="{table.name}"' in page
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page


def test_the_dashboard_and_its_bundled_scripts_are_served_locally(dashboard_server: Server) -> None:
    page = httpx.get(f"{dashboard_server.base_url}/dashboard", timeout=30)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace('href="/', "").split("<body>")[0].replace("http-equiv", "")
    for name in ["vendor/chart.umd.min.js", "vendor/msal-browser.min.js", "dashboard.js", "dashboard.css",
                 "vendor/chart.js-LICENSE.md", "vendor/msal-browser-LICENSE.txt"]:
        assert httpx.get(f"{dashboard_server.base_url}/dashboard/static/{name}", timeout=30).status_code == 200
    assert httpx.get(f"{dashboard_server.base_url}/dashboard/static/../routes.py", timeout=30).status_code == 404
    config = httpx.get(f"{dashboard_server.base_url}/dashboard/config.json", timeout=30).json()
    assert config["scope"].startswith("api://") and config["authority"].endswith("11111111-2222-3333-4444-555555555555")
