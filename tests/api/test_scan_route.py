"""POST /v1/scan and the outcome route through the real server process."""

import json
import sqlite3
import time
import uuid
from typing import Any

import httpx
import pytest

from service.settings import REPO_ROOT
from service.store.hashing import keyed_hash
from tests.auth.identity_provider import OTHER_TENANT, TENANT
from tests.api.conftest import MAX_REQUEST_BYTES, Server

EXAMPLES = REPO_ROOT / "examples"


def example(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((EXAMPLES / name).read_text())
    return data


def test_healthz_answers_without_a_token(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_scan_without_a_token_is_401(client: httpx.Client) -> None:
    response = client.post("/v1/scan", json=example("01-clean-trip-letter.json"))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "claims",
    [{"tid": OTHER_TENANT}, {"aud": "api://another-api"}, {"exp": int(time.time()) - 3600}],
    ids=["other-tenant", "other-audience", "expired"],
)
def test_scan_with_a_wrong_token_is_401(server: Server, client: httpx.Client, claims: dict[str, Any]) -> None:
    response = client.post("/v1/scan", json=example("01-clean-trip-letter.json"), headers=server.user_headers(**claims))
    assert response.status_code == 401


def test_scan_without_the_addin_scope_is_403(server: Server, client: httpx.Client) -> None:
    response = client.post("/v1/scan", json=example("01-clean-trip-letter.json"), headers=server.user_headers(scp="User.Read"))
    assert response.status_code == 403


def test_scan_returns_the_verdict(server: Server, client: httpx.Client) -> None:
    response = client.post("/v1/scan", json=example("02-upn-in-subject-to-outsider.json"), headers=server.user_headers())
    assert response.status_code == 200
    body = response.json()
    assert body["action"] == "block"
    assert "subject-personal-data" in {f["rule"] for f in body["findings"]}
    assert len(body["scan_id"]) == 26


def test_a_repeated_draft_is_answered_from_the_cache_with_its_own_scan_id(server: Server, client: httpx.Client) -> None:
    draft = example("04-parents-in-cc.json")
    draft["message"]["subject"] = f"Cache check {uuid.uuid4()}"  # type: ignore[index]  # not seen by other tests
    headers = {**server.user_headers(), "X-Client-Platform": "OfficeOnline"}
    first = client.post("/v1/scan", json=draft, headers=headers).json()
    second = client.post("/v1/scan", json=draft, headers=headers).json()
    assert second["scan_id"] != first["scan_id"]
    assert {k: v for k, v in second.items() if k != "scan_id"} == {k: v for k, v in first.items() if k != "scan_id"}
    server.wait_for_store()
    with sqlite3.connect(server.db_path) as db:
        rows = dict(db.execute(
            "SELECT scan_id, from_cache FROM scans WHERE scan_id IN (?, ?)", (first["scan_id"], second["scan_id"])
        ).fetchall())
        platform = db.execute("SELECT client_platform FROM scans WHERE scan_id = ?", (first["scan_id"],)).fetchone()
    assert rows == {first["scan_id"]: 0, second["scan_id"]: 1}
    assert platform == ("OfficeOnline",)


def test_each_scan_is_stored_with_counts_and_a_hashed_sender(server: Server, client: httpx.Client) -> None:
    result = client.post("/v1/scan", json=example("02-upn-in-subject-to-outsider.json"), headers=server.user_headers()).json()
    server.wait_for_store()
    with sqlite3.connect(server.db_path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM scans WHERE scan_id = ?", (result["scan_id"],)).fetchone()
    assert row is not None
    assert row["action"] == "block"
    assert "subject-personal-data" in json.loads(row["rules_fired"])
    assert json.loads(row["entity_counts"]).get("UK_UPN", 0) >= 1
    assert row["external_recipients"] >= 1
    assert len(row["sender_hash"]) == 64 and "@" not in row["sender_hash"]


def test_malformed_json_is_422_with_a_plain_message(server: Server, client: httpx.Client) -> None:
    response = client.post(
        "/v1/scan", content=b'{"message": {"subject": ', headers={**server.user_headers(), "content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "The body is not valid JSON."


def test_a_wrong_shape_names_the_field(server: Server, client: httpx.Client) -> None:
    response = client.post("/v1/scan", json={"message": {"to": "someone"}}, headers=server.user_headers())
    assert response.status_code == 422
    assert response.json()["detail"].startswith("The request is not valid: message.to")


def test_an_oversized_body_is_413(server: Server, client: httpx.Client) -> None:
    draft = example("01-clean-trip-letter.json")
    draft["message"]["body"]["content"] = "x" * (MAX_REQUEST_BYTES + 10)  # type: ignore[index]
    response = client.post("/v1/scan", json=draft, headers=server.user_headers())
    assert response.status_code == 413


def test_an_oversized_chunked_body_is_413(server: Server, client: httpx.Client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"message": {"subject": "'
        for _ in range(MAX_REQUEST_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}}'

    response = client.post(
        "/v1/scan", content=chunks(), headers={**server.user_headers(), "content-type": "application/json"}
    )
    assert response.status_code == 413


def test_outcome_of_a_scan_is_recorded(server: Server, client: httpx.Client) -> None:
    headers = server.user_headers()
    result = client.post("/v1/scan", json=example("03-sen-details-to-tutor.json"), headers=headers).json()
    response = client.post(
        f"/v1/scans/{result['scan_id']}/outcome", json={"outcome": "sent_anyway", "reason": "secure_channel"}, headers=headers
    )
    assert response.status_code == 202
    server.wait_for_store()
    with sqlite3.connect(server.db_path) as db:
        rows = db.execute("SELECT outcome, reason FROM outcomes WHERE scan_id = ?", (result["scan_id"],)).fetchall()
    assert rows == [("sent_anyway", "secure_channel")]


@pytest.mark.parametrize(
    "body",
    [{"outcome": "sent_anyway"}, {"outcome": "cancelled", "reason": "other"}, {"outcome": "sent_anyway", "reason": "because"}],
)
def test_an_outcome_needs_a_listed_reason_only_when_sent_anyway(
    server: Server, client: httpx.Client, body: dict[str, str]
) -> None:
    headers = server.user_headers()
    scan_id = client.post("/v1/scan", json=example("01-clean-trip-letter.json"), headers=headers).json()["scan_id"]
    assert client.post(f"/v1/scans/{scan_id}/outcome", json=body, headers=headers).status_code == 422


def test_outcome_of_an_unknown_scan_is_404(server: Server, client: httpx.Client) -> None:
    response = client.post(
        "/v1/scans/01ARZ3NDEKTSV4RRFFQ69G5FAV/outcome", json={"outcome": "changed"}, headers=server.user_headers()
    )
    assert response.status_code == 404


def test_outcome_needs_a_token(client: httpx.Client) -> None:
    response = client.post("/v1/scans/01ARZ3NDEKTSV4RRFFQ69G5FAV/outcome", json={"outcome": "changed"})
    assert response.status_code == 401


HASH_KEY = b"test-key-for-the-api-tests-0123456789"  # the one start_server gives the service


def _scan_row(server: Server, scan_id: str) -> tuple[str | None, str | None]:
    server.wait_for_store()
    with sqlite3.connect(server.db_path) as db:
        row = db.execute("SELECT sender_hash, principal_hash FROM scans WHERE scan_id = ?", (scan_id,)).fetchone()
    assert row is not None
    return row[0], row[1]


def test_the_sender_is_the_signed_in_user_not_the_drafts_from(server: Server, client: httpx.Client) -> None:
    oid = str(uuid.uuid4())
    headers = server.user_headers(oid=oid, preferred_username="A.Teacher@Oakfield.sch.uk")
    draft = example("03-sen-details-to-tutor.json")
    draft["message"]["from"] = {"address": "head@oakfield.sch.uk", "name": "Head"}  # type: ignore[index]
    result = client.post("/v1/scan", json=draft, headers=headers).json()
    sender_hash, owner = _scan_row(server, result["scan_id"])
    assert sender_hash == keyed_hash(HASH_KEY, "a.teacher@oakfield.sch.uk")
    assert owner == keyed_hash(HASH_KEY, f"{TENANT}\0{oid}")
    # Without a sign-in name in the token, the object id stands for the sender.
    bare = server.user_headers(oid=oid.upper())
    result = client.post("/v1/scan", json=example("01-clean-trip-letter.json"), headers=bare).json()
    assert _scan_row(server, result["scan_id"])[0] == keyed_hash(HASH_KEY, oid)


def test_only_the_user_who_scanned_may_report_the_outcome_and_only_once(server: Server, client: httpx.Client) -> None:
    owner = server.user_headers(oid=str(uuid.uuid4()))
    stranger = server.user_headers(oid=str(uuid.uuid4()))
    for settle in (False, True):  # the scan still in the write buffer, then written to the store
        scan_id = client.post("/v1/scan", json=example("03-sen-details-to-tutor.json"), headers=owner).json()["scan_id"]
        if settle:
            server.wait_for_store()
        refused = client.post(f"/v1/scans/{scan_id}/outcome", json={"outcome": "changed"}, headers=stranger)
        assert refused.status_code == 404
        assert refused.json() == client.post("/v1/scans/01ARZ3NDEKTSV4RRFFQ69G5FAV/outcome",
                                             json={"outcome": "changed"}, headers=stranger).json()
        first = client.post(f"/v1/scans/{scan_id}/outcome", json={"outcome": "changed"}, headers=owner)
        assert first.status_code == 202
        again = client.post(f"/v1/scans/{scan_id}/outcome", json={"outcome": "cancelled"}, headers=owner)
        assert again.status_code == 409
        assert again.json() == {"detail": "an outcome has already been recorded for this scan"}
        server.wait_for_store()
        again = client.post(f"/v1/scans/{scan_id}/outcome", json={"outcome": "cancelled"}, headers=owner)
        assert again.status_code == 409
        with sqlite3.connect(server.db_path) as db:
            rows = db.execute("SELECT outcome FROM outcomes WHERE scan_id = ?", (scan_id,)).fetchall()
        assert rows == [("changed",)]
