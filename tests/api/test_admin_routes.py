"""Readiness, metrics and the app roles."""

import httpx

from tests.api.conftest import Server


def test_readyz_reports_models_rules_and_store(server: Server, client: httpx.Client) -> None:
    response = client.get("/readyz", headers=server.user_headers())
    assert response.status_code == 200
    body = response.json()
    assert body["models_loaded"] and body["store_reachable"]
    assert body["rules_loaded"] >= 1


def test_readyz_answers_a_probe_without_a_token(client: httpx.Client) -> None:
    # A load balancer's or orchestrator's probe carries no token; the answer names no one.
    response = client.get("/readyz")
    assert response.status_code == 200
    assert set(response.json()) == {"status", "models_loaded", "rules_loaded", "rules_not_loaded",
                                    "store_reachable", "store_schema_current", "store_backlog"}
    assert client.post("/readyz").status_code in (401, 405)


def test_metrics_without_the_admin_role_is_403(server: Server, client: httpx.Client) -> None:
    assert client.get("/metrics", headers=server.user_headers(roles=["SendGuard.DPO"])).status_code == 403
    assert client.get("/metrics", headers=server.user_headers()).status_code == 403


def test_metrics_without_a_token_is_401(client: httpx.Client) -> None:
    assert client.get("/metrics").status_code == 401


def test_metrics_count_scans_verdicts_latency_and_backlog(server: Server, client: httpx.Client) -> None:
    draft = {"message": {"subject": "Metrics check", "body": {"content": "Hello", "type": "text"}}}
    client.post("/v1/scan", json=draft, headers=server.user_headers())
    text = client.get("/metrics", headers=server.admin_headers()).text
    assert 'sendguard_scans_total{action="allow"}' in text
    assert "sendguard_scan_seconds_bucket" in text
    assert "sendguard_store_backlog" in text
    assert "sendguard_errors_total" in text or "sendguard_findings_total" in text


def test_openapi_document_lists_the_routes(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/scan", "/v1/scans/{scan_id}/outcome", "/healthz", "/readyz", "/metrics"} <= set(paths)
