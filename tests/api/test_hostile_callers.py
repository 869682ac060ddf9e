"""A hostile signed-in colleague (or anyone) against a real `sendguard serve` (issue 10, items 3, 4, 7, 10, 11):
sign-in before any body is read, small bodies off the draft routes, key fetches that cannot stall
sign-in, no admin rights from partner tenants, no development mode through a proxy, and no Host
header baked into the add-in's scripts."""

import json
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.api.conftest import Server, start_server, stop_server
from tests.auth.identity_provider import OTHER_TENANT, IdentityProvider, SigningKey
from tests.serving import UVICORN, clean_environment, launch, stop

PUBLIC_URL = "https://sendguard.example.org"
OTHER_LIMIT = 64 * 1024
DRAFT = {"message": {"subject": "Hello", "body": {"content": "See you on Tuesday."}}}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Its own identity provider (its key endpoint is made to hang), a partner tenant, a public address."""
    provider = IdentityProvider().start()
    srv = start_server(tmp_path_factory.mktemp("hostile"), provider, {
        "SENDGUARD_ALLOWED_TENANTS": json.dumps([OTHER_TENANT]),
        "SENDGUARD_MAX_OTHER_REQUEST_BYTES": str(OTHER_LIMIT),
        "SENDGUARD_PUBLIC_BASE_URL": PUBLIC_URL,
    })
    yield srv
    stop_server(srv)
    provider.stop()


def _first_answer_line(base_url: str, head: str, body_part: bytes) -> str:
    """Send a request's head and only part of its declared body; the status line of the answer."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as conn:
        conn.sendall(head.encode("latin-1") + body_part)
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


# --- item 3: sign-in before the body -------------------------------------------------------

@pytest.mark.parametrize("authorization", ["", "Authorization: Bearer not-a-token\r\n",
                                           "Authorization: Basic dXNlcjpwYXNz\r\n"])
def test_a_body_without_a_valid_token_is_refused_before_it_is_read(hostile_server: Server, authorization: str) -> None:
    # 1.5 MB is declared (under the 2 MB limit) but only 1 KB is sent: the answer must not wait for the rest.
    head = (f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: 1500000\r\n{authorization}\r\n")
    assert _first_answer_line(hostile_server.base_url, head, b'{"message": {"subject": "' + b"x" * 1024) == (
        "HTTP/1.1 401 Unauthorized")
    assert httpx.get(f"{hostile_server.base_url}/healthz", timeout=10).status_code == 200


def test_refusals_keep_their_plain_sentence(hostile_server: Server) -> None:
    response = httpx.post(f"{hostile_server.base_url}/v1/scan", content=b"{not json", timeout=10,
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"detail": "sign in with Microsoft Entra ID: a bearer token is needed"}


def test_routes_other_than_drafts_take_small_bodies(hostile_server: Server) -> None:
    big = {"outcome": "changed", "padding": "x" * (OTHER_LIMIT + 1)}
    outcome = httpx.post(f"{hostile_server.base_url}/v1/scans/01HZY0V7Q4W8K2M3N5P6R7S8T9/outcome", json=big,
                         headers=hostile_server.user_headers(), timeout=30)
    assert outcome.status_code == 413
    assert outcome.json() == {"detail": "The request is larger than 64 KB"}
    organisation = httpx.put(f"{hostile_server.base_url}/v1/admin/organisation",
                             json={"yaml": "x" * (OTHER_LIMIT + 1), "reason": "test"},
                             headers=hostile_server.admin_headers(), timeout=30)
    assert organisation.status_code == 413
    # A draft of the same size is still taken.
    draft = {"message": {"subject": "Notes", "body": {"content": "See you on Tuesday. " * (OTHER_LIMIT // 10)}}}
    scan = httpx.post(f"{hostile_server.base_url}/v1/scan", json=draft, headers=hostile_server.user_headers(),
                      timeout=60)
    assert scan.status_code == 200


# --- item 7: no admin rights from partner tenants ---------------------------------------------

def test_a_partner_tenants_admin_and_dpo_roles_give_no_rights(hostile_server: Server) -> None:
    base = hostile_server.base_url
    partner_admin = hostile_server.user_headers(tid=OTHER_TENANT, roles=["SendGuard.Admin", "SendGuard.DPO"])
    assert httpx.get(f"{base}/v1/admin/rules", headers=partner_admin, timeout=30).status_code == 403
    assert httpx.get(f"{base}/v1/dpo/inventory", headers=partner_admin, timeout=30).status_code == 403
    assert httpx.get(f"{base}/metrics", headers=partner_admin, timeout=30).status_code == 403
    # Partner staff may still have drafts checked; the home tenant's administrator keeps the rights.
    scan = httpx.post(f"{base}/v1/scan", json=DRAFT, headers=partner_admin, timeout=60)
    assert scan.status_code == 200
    assert httpx.get(f"{base}/v1/admin/rules", headers=hostile_server.admin_headers(), timeout=30).status_code == 200


# --- item 11: no Host header in the add-in's scripts ------------------------------------------

# Without SENDGUARD_PUBLIC_BASE_URL: tests/addin/test_routes.py.
ECHOING = ["/addin/launchevent.js", "/addin/config.js", "/.well-known/microsoft-officeaddins-allowed.json"]


@pytest.mark.parametrize("path", ECHOING)
def test_the_public_address_is_used_whatever_the_host(hostile_server: Server, path: str) -> None:
    response = httpx.get(hostile_server.base_url + path, headers={"Host": "evil.example"}, timeout=10)
    assert response.status_code == 200
    assert "evil.example" not in response.text
    assert PUBLIC_URL in response.text


@pytest.mark.parametrize("page", ["/addin/taskpane.html", "/addin/commands.html", "/addin/about.html"])
def test_the_add_in_pages_carry_a_content_security_policy(hostile_server: Server, page: str) -> None:
    response = httpx.get(hostile_server.base_url + page, timeout=10)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' https://appsforoffice.microsoft.com;" in policy
    assert f"connect-src 'self' {PUBLIC_URL} " in policy
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy


@pytest.mark.parametrize("page", ["/dashboard", "/dashboard/privacy"])
def test_the_dashboard_pages_carry_a_content_security_policy(hostile_server: Server, page: str) -> None:
    response = httpx.get(hostile_server.base_url + page, timeout=10)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]


# --- item 10: development mode run through uvicorn directly -----------------------------------

@pytest.fixture(scope="module")
def uvicorn_dev(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp: Path = tmp_path_factory.mktemp("uvicorn-dev")
    env = clean_environment(SENDGUARD_AUTH_MODE="dev", SENDGUARD_DATA_DIR=str(tmp),
                            SENDGUARD_HASH_KEY="test-key-for-the-api-tests-0123456789")
    base_url, process = launch(env, tmp / "server.log", program=UVICORN)
    yield base_url
    stop(process)


def test_development_mode_answers_this_machine(uvicorn_dev: str) -> None:
    assert httpx.get(f"{uvicorn_dev}/v1/admin/rules", timeout=30).status_code == 200
    port = urlsplit(uvicorn_dev).port
    for host in (f"localhost:{port}", f"[::1]:{port}", "127.0.0.1"):
        assert httpx.get(f"{uvicorn_dev}/v1/admin/rules", headers={"Host": host}, timeout=30).status_code == 200


@pytest.mark.parametrize("proxy_header", [
    {"Forwarded": "for=203.0.113.9;proto=https"}, {"X-Real-IP": "203.0.113.9"},
    {"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-Host": "sendguard.example.org"}, {"Via": "1.1 proxy"},
    # A web page whose name was pointed at 127.0.0.1 (DNS rebinding).
    {"Host": "evil.example"},
])
def test_development_mode_refuses_requests_relayed_by_a_proxy(uvicorn_dev: str, proxy_header: dict[str, str]) -> None:
    for path in ("/v1/admin/rules", "/v1/dpo/inventory"):
        response = httpx.get(uvicorn_dev + path, headers=proxy_header, timeout=30)
        assert response.status_code == 401
        assert response.json() == {"detail": "development mode answers this machine only"}


# --- item 4: a hanging key endpoint does not stall sign-in (last: it hangs this module's provider) ---

def test_unknown_key_ids_with_a_hanging_key_endpoint_do_not_stall_valid_callers(hostile_server: Server) -> None:
    provider = hostile_server.provider
    base = hostile_server.base_url
    assert httpx.get(f"{base}/readyz", headers=hostile_server.user_headers(), timeout=30).status_code == 200
    asked = provider.jwks_requests
    provider.keys_released.clear()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            strangers = [pool.submit(httpx.post, f"{base}/v1/scan", json=DRAFT, timeout=60,
                                     headers={"Authorization": f"Bearer {provider.token(key=SigningKey())}"})
                         for _ in range(4)]
            provider.wait_for_jwks_requests(asked + 1)
            # Before the fix this waited behind each hanging 5 s fetch in turn.
            for _ in range(3):
                valid = httpx.post(f"{base}/v1/scan", json=DRAFT, headers=hostile_server.user_headers(), timeout=4)
                assert valid.status_code == 200
            provider.keys_released.set()
            assert all(s.result().status_code == 401 for s in strangers)
    finally:
        provider.keys_released.set()
