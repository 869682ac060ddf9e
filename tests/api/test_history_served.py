"""The served recipient history: every allowed draft counts at once, a warned one only when its
outcome says it was sent anyway; the store holds hashes of them only."""

import json
import sqlite3
import uuid

import httpx
import pytest

from service.history import SentTo
from service.history.store import SqlHistory
from service.settings import REPO_ROOT
from service.store.repository import make_engine
from tests.api.conftest import Server

SERVER_KEY = b"test-key-for-the-api-tests-0123456789"
PARENT = "parent.one@gmail.com"


def _draft(name: str) -> str:
    return (REPO_ROOT / "examples" / name).read_text()


def _with_recipient(draft: str, address: str, name: str) -> str:
    request = json.loads(draft)
    request["message"]["to"] = [{"address": address, "name": name}]
    request["message"]["cc"], request["message"]["bcc"] = [], []
    return json.dumps(request)


def test_history_grows_from_sent_drafts_only(server: Server, client: httpx.Client) -> None:
    teacher = f"teacher-{uuid.uuid4().hex[:8]}@oakfield.sch.uk"
    oid = str(uuid.uuid4())
    # Unique, so that finding it in the store can only mean this draft put it there (the bundled
    # rules' own examples, which the store keeps, name colleagues such as sarah.jones).
    colleague = f"colleague-{uuid.uuid4().hex[:8]}@oakfield.sch.uk"
    headers = {**server.user_headers(preferred_username=teacher, oid=oid), "content-type": "application/json"}

    def scan(body: str) -> dict[str, str]:
        response = client.post("/v1/scan", content=body, headers=headers)
        assert response.status_code == 200, response.text[:200]
        return response.json()  # type: ignore[no-any-return]

    allowed = _with_recipient(_draft("01-clean-trip-letter.json"), colleague, "Sarah Jones")
    for _ in range(3):
        assert scan(allowed)["action"] == "allow"
    # Warned for its visible list of parents: the recipients wait for the outcome.
    visible = scan(_draft("04-parents-in-cc.json"))
    assert visible["action"] == "warn"
    changed = scan(_with_recipient(_draft("04-parents-in-cc.json"), "someone.else@gmail.com", "Someone Else")
                   .replace('"cc": []', f'"cc": [{{"address": "{PARENT}"}}]'))
    assert changed["action"] == "warn"
    for result, outcome in ((visible, {"outcome": "sent_anyway", "reason": "recipient_entitled"}),
                            (changed, {"outcome": "changed"})):
        reply = client.post(f"/v1/scans/{result['scan_id']}/outcome", json=outcome, headers=headers)
        assert reply.status_code == 202, reply.text
    server.wait_for_store()

    history = SqlHistory(make_engine(f"sqlite:///{server.db_path}"), SERVER_KEY)
    visible_message = json.loads(_draft("04-parents-in-cc.json"))["message"]
    recipients = [SentTo(r["address"], r.get("name")) for r in visible_message["to"] + visible_message["cc"]]
    seen = history.for_draft(teacher, [SentTo(colleague, "Sarah Jones"), *recipients,
                                       SentTo("someone.else@gmail.com")])
    # Three allowed drafts and the one sent anyway; the changed one never went.
    assert seen.sent_messages == 4
    assert [r.address_known for r in seen.recipients] == [True] * (1 + len(recipients)) + [False]

    store = server.db_path.read_bytes() + b"".join(p.read_bytes() for p in server.data_dir.glob("sendguard.db-*"))
    assert teacher.encode() not in store and colleague.encode() not in store
    # (The rules' own examples, kept in the store too, may name a made-up Sarah Jones: search the history itself.)
    with sqlite3.connect(server.db_path) as conn:
        held = " ".join(str(v) for table in ("history_sender_days", "history_recipients", "history_pending")
                        for row in conn.execute(f"SELECT * FROM {table}") for v in row)
    assert held and "sarah" not in held.casefold() and "parent" not in held.casefold()


NEW_EXTERNAL_RULE = REPO_ROOT / "rules" / "new-external-recipient.yaml"


@pytest.mark.skipif(not NEW_EXTERNAL_RULE.exists(),
                    reason="rules/new-external-recipient.yaml is not in this tree yet (issue 14's rules half)")
def test_the_served_verdict_reads_the_signed_in_senders_history(server: Server, client: httpx.Client) -> None:
    teacher = f"teacher-{uuid.uuid4().hex[:8]}@oakfield.sch.uk"
    headers = {**server.user_headers(preferred_username=teacher, oid=str(uuid.uuid4())),
               "content-type": "application/json"}
    allowed = _with_recipient(_draft("01-clean-trip-letter.json"), "sarah.jones@oakfield.sch.uk", "Sarah Jones")
    risky = json.dumps({"message": {
        "subject": "Referral", "body": {"type": "text", "content":
            "Please find details for the referral: Jakub Nowak, date of birth 14/02/2014, 12 Acacia Avenue, ME14 2LP."},
        "to": [{"address": "s.hughes@gmail.com", "name": "Susan Hughes"}]}})

    def rules_of(body: str) -> set[str]:
        response = client.post("/v1/scan", content=body, headers=headers)
        assert response.status_code == 200, response.text[:200]
        return {f["rule"] for f in response.json()["findings"]}

    # Too little history: silent.
    assert "new-external-recipient" not in rules_of(risky)
    for n in range(20):
        # Each draft differs, so none is answered from the verdict cache.
        rules_of(allowed.replace("Year 5 trip", f"Year 5 trip {n}"))
    server.wait_for_store()
    assert "new-external-recipient" in rules_of(risky.replace("Referral", "Referral (2)"))
