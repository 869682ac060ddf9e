"""Scan drafts full of names, identifiers and subjects, report what was done with them, and import
them as sent mail into the recipient history; then neither the store (the SQLite file, a PostgreSQL
dump) nor the server's logs may contain any of them."""

import json
import os
import sqlite3
import re
import subprocess
import sys
from email.message import EmailMessage
from email.headerregistry import Address
from pathlib import Path

import httpx
import pytest

from bench.corpus import load_drafts, load_entity_texts
from service.context.greeting import names_a_team
from service.schemas.scan import ScanRequest
from service.settings import REPO_ROOT
from tests.api.conftest import Server

# Who signs in: their address must not be stored either.
SIGNED_IN = "m.okonkwo-baptiste@oakfield.sch.uk"
HISTORY_TABLES = ("history_sender_days", "history_recipients", "history_pending")

# Short needles (initials, "SEN") would match unrelated bytes; these lengths are distinctive.
MIN_NEEDLE = 5
ENTITY_TEXTS = 80


def _request_needles(request: ScanRequest) -> set[str]:
    message = request.message
    needles = {message.subject}
    for person in [message.sender, *message.to, *message.cc, *message.bcc]:
        if person is not None:
            needles.add(person.address)
            # A role mailbox's display name ("Admin", "Office") is nobody's personal data, and
            # five letters of it turn up by chance in the store's hashes.
            if not names_a_team(person.name):
                needles.add(person.name or "")
    needles.update(a.name for a in message.attachments)
    return needles


def _requests_and_needles() -> tuple[list[ScanRequest], set[str]]:
    requests: list[ScanRequest] = []
    needles: set[str] = set()
    for path in sorted((REPO_ROOT / "examples").glob("*.json")):
        request = ScanRequest.model_validate_json(path.read_text())
        requests.append(request)
        needles |= _request_needles(request)
    for draft in load_drafts():
        requests.append(draft.request)
        needles |= _request_needles(draft.request)
    for item in load_entity_texts()[:ENTITY_TEXTS]:
        subject, _, body = item.text.partition("\n")
        requests.append(ScanRequest.model_validate({
            "message": {
                "subject": subject.removeprefix("Subject: "),
                "body": {"content": body, "type": "text"},
                "from": {"address": "office@oakfield.sch.uk"},
                "to": [{"address": "someone@example.com"}],
            }
        }))
        needles.update(span.text for span in item.spans)
    return requests, {n.strip() for n in needles if len(n.strip()) >= MIN_NEEDLE}


def _found(needles: set[str], haystack: str) -> list[str]:
    folded = haystack.casefold()
    return sorted(n for n in needles if n.casefold() in folded)


def _store_text(data_dir: Path) -> str:
    # The database and its write-ahead log, read as raw bytes.
    raw = b"".join(p.read_bytes() for p in sorted(data_dir.glob("sendguard.db*")))
    return raw.decode("utf-8", errors="replace")


def _intercept_tables(data_dir: Path) -> str:
    """Every value of every row of the scans, outcomes and recipient history tables, as text."""
    with sqlite3.connect(data_dir / "sendguard.db") as conn:
        rows = [*conn.execute("SELECT * FROM scans"), *conn.execute("SELECT * FROM outcomes")]
        history = [row for table in HISTORY_TABLES for row in conn.execute(f"SELECT * FROM {table}")]
    assert rows and history
    return "\n".join(" ".join(str(v) for v in row) for row in rows + history)


def _sent_mail(requests: list[ScanRequest], folder: Path) -> Path:
    """The drafts as sent .eml files (From, To, Cc with display names, the subject), as a mail client saves them."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, request in enumerate(requests):
        message, mail = request.message, EmailMessage()
        for header, people in (("From", [message.sender] if message.sender else []), ("To", message.to),
                               ("Cc", message.cc)):
            addresses = []
            for person in people:
                user, _, domain = person.address.partition("@")
                try:
                    addresses.append(Address(display_name=person.name or "", username=user, domain=domain))
                except (ValueError, IndexError):
                    continue
            if addresses:
                mail[header] = addresses
        mail["Subject"] = " ".join(message.subject.split())
        mail.set_content("Sent.")
        (folder / f"sent {number}.eml").write_bytes(mail.as_bytes())
    return folder


def _import(data_dir: Path, folder: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    env.update({"SENDGUARD_DATA_DIR": str(data_dir), "SENDGUARD_HASH_KEY": "test-key-for-the-api-tests-0123456789",
                **settings})
    return subprocess.run([sys.executable, "-m", "service.cli", "history", "import", str(folder)],
                          capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=300)


def test_store_and_logs_hold_no_names_identifiers_or_subjects(
    server: Server, client: httpx.Client, tmp_path: Path
) -> None:
    requests, needles = _requests_and_needles()
    needles.add(SIGNED_IN)
    assert len(requests) > 150 and len(needles) > 300
    headers = server.user_headers(preferred_username=SIGNED_IN, oid="0d4c7a52-7b4e-4c55-9f0e-2b1f3b9b8e11")
    scan_ids = []
    for number, request in enumerate(requests):
        response = client.post("/v1/scan", content=request.model_dump_json(by_alias=True),
                               headers={**headers, "content-type": "application/json"})
        assert response.status_code == 200, response.text[:200]
        result = response.json()
        scan_ids.append(result["scan_id"])
        # Also an outcome, so those rows are searched too; sent anyway puts the recipients in the history.
        outcome = {"outcome": "sent_anyway", "reason": "recipient_entitled"} if number % 2 else {"outcome": "changed"}
        client.post(f"/v1/scans/{result['scan_id']}/outcome", json=outcome, headers=headers)
    # The same drafts imported as sent mail into the same store, while the server runs.
    imported = _import(server.data_dir, _sent_mail(requests, tmp_path / "sent"))
    assert imported.returncode == 0, imported.stderr
    assert "recorded 0," not in imported.stdout
    server.wait_for_store()

    store = _store_text(server.data_dir)
    assert all(scan_id in store for scan_id in scan_ids[-5:]), "the scans must be in the store searched"
    # NOTE: the store also holds the administrators' rule files (seeded from rules/),
    # whose examples use made-up people. Their words are set aside in the raw file
    # only; the intercept tables are searched below with every needle.
    rule_texts = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "rules").glob("*.yaml"))
    in_rules = set(_found(needles, rule_texts))
    # (A share, not a count: rules with examples keep being added, and their made-up people with them.)
    assert len(in_rules) < 0.1 * len(needles), "too many needles set aside for the test to mean much"
    assert _found(needles - in_rules, store) == []
    assert _found(needles, _intercept_tables(server.data_dir)) == []

    logs = server.log_text()
    assert sum(1 for line in logs.splitlines() if '"event": "scan"' in line) >= len(requests)
    for line in logs.splitlines():
        json.loads(line)  # every line is structured JSON
    assert _found(needles, logs) == []
    # No e-mail address of any kind, not only the corpus's.
    assert re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", logs) is None


def test_a_postgresql_dump_holds_no_recipient_or_subject(tmp_path: Path) -> None:
    """The recipient history in PostgreSQL, fed as the service and the import feed it, dumped whole."""
    from datetime import UTC, datetime

    from ulid import ULID

    from service.history import SentTo
    from service.history.command import import_sent_mail
    from service.history.store import SqlHistory
    from service.store.events import Outcome, OutcomeEvent, SendAnywayReason
    from service.store.migrate import upgrade
    from service.store.repository import Repository
    from tests.store.conftest import POSTGRES_URL, empty_database

    requests, needles = _requests_and_needles()
    with empty_database("postgresql", tmp_path, "sg_privacy") as (engine, schema):
        upgrade(engine, schema)
        history = SqlHistory(engine, b"test-key-for-the-privacy-dump-0123456789")
        repository = Repository(engine)
        events = []
        for number, request in enumerate(requests):
            message = request.message
            recipients = [SentTo(r.address, r.name) for r in (*message.to, *message.cc, *message.bcc)]
            scan_id = str(ULID())
            held = history.keys.event(scan_id, message.sender.address if message.sender else SIGNED_IN, recipients,
                                      sent=number % 3 == 0)
            if held is not None:
                events.append(held)
            if number % 3 == 1:
                events.append(OutcomeEvent(outcome_id=str(ULID()), scan_id=scan_id, outcome=Outcome.SENT_ANYWAY,
                                           reason=SendAnywayReason.OTHER, created_at=datetime.now(UTC)))
        repository.write(events)
        assert import_sent_mail(history, [_sent_mail(requests, tmp_path / "sent")], 365) == 0
        url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
        dumped = subprocess.run(["pg_dump", "--no-owner", f"--schema={schema}", url], capture_output=True,
                                timeout=120)
        if dumped.returncode != 0:
            pytest.fail(f"pg_dump failed: {dumped.stderr.decode(errors='replace')[:300]}")
        dump = dumped.stdout.decode("utf-8", errors="replace")
    assert "history_recipients" in dump and dump.count("\n") > 200, "the dump must hold the rows searched"
    assert _found(needles | {SIGNED_IN}, dump) == []
