"""The full round trip: the Send check script, as `sendguard serve` serves it, run under Node with
office-addin-mock against the real service on loopback (development mode, no sign-in)."""

import base64
import io
import json
import subprocess
from typing import Any

import docx
import httpx

from tests.addin.conftest import ADDIN_DIR, DevServer, node_or_skip
from tests.protect.files import decrypt_ooxml, docx_text

OUTLOOK_LIMIT_MS = 5000


def _node(script: str, server: DevServer, draft: dict[str, Any]) -> dict[str, Any]:
    node = node_or_skip()
    result = subprocess.run(
        [node, str(ADDIN_DIR / "test" / "support" / script), server.base_url],
        input=json.dumps(draft), cwd=ADDIN_DIR, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def _send(server: DevServer, draft: dict[str, Any]) -> dict[str, Any]:
    return _node("roundtrip.js", server, draft)


def _recipient(address: str, name: str, kind: str) -> dict[str, str]:
    return {"emailAddress": address, "displayName": name, "recipientType": kind}


def test_a_pupils_upn_in_the_subject_to_an_outsider_is_stopped_with_the_policy_named(dev_server: DevServer) -> None:
    outcome = _send(dev_server, {
        "subject": "Year 5 reading - H801200001001",
        "html": "<p>Dear Mrs Brown, please see the notes below.</p>",
        "to": [_recipient("sam.brown@gmail.com", "Sam Brown", "externalUser")],
    })
    assert outcome["responses"] == [200]
    assert outcome["requests"][0]["url"] == f"{dev_server.base_url}/v1/scan"
    options = outcome["options"]
    assert options["allowEvent"] is False
    assert "sendModeOverride" not in options  # a block: no "Send anyway"
    assert "Information Security Policy, section 4" in options["errorMessage"]
    assert len(options["errorMessage"]) <= 500
    assert options["commandId"] == "msgComposeOpenPaneButton"
    assert outcome["elapsedMs"] < OUTLOOK_LIMIT_MS
    saved = outcome["saved"]
    assert saved["action"] == "block"
    assert "subject-personal-data" in [f["rule"] for f in saved["findings"]]
    # What the task pane shows is masked: the UPN itself never reaches the saved result.
    assert "H801200001001" not in json.dumps(saved)

    # The task pane's report of the sender's choice is accepted by the service.
    node = node_or_skip()
    body = subprocess.run(
        [node, "-e", "process.stdout.write(JSON.stringify(require('./src/fixes').outcomeRequest('changed')))"],
        cwd=ADDIN_DIR, capture_output=True, text=True, timeout=30, check=True,
    ).stdout
    answer = httpx.post(f"{dev_server.base_url}/v1/scans/{saved['scan_id']}/outcome", content=body,
                        headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 202, answer.text


def test_a_clean_draft_goes_with_no_dialog(dev_server: DevServer) -> None:
    outcome = _send(dev_server, {
        "subject": "Staff meeting moved",
        "html": "<p>Hello all, the staff meeting is now at 4pm in the library.</p>",
        "to": [_recipient("office@oakfield.sch.uk", "School Office", "user")],
    })
    assert outcome["responses"] == [200]
    assert outcome["options"] == {"allowEvent": True}
    assert outcome["saved"] is None
    assert outcome["elapsedMs"] < OUTLOOK_LIMIT_MS


def _json_lines(log: str) -> list[dict[str, Any]]:
    entries = []
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PUPILS = ("Olivia Smith", "Jakub Nowak", "Aisha Begum")


def _support_notes_docx() -> bytes:
    """Guarded personal data: pupils' names, a UPN and medical notes, as Word writes them."""
    document = docx.Document()
    document.add_paragraph("Year 5 reading group: support notes")
    document.add_paragraph("Olivia Smith (UPN H801200001001): asthma, her inhaler is kept in the school office.")
    document.add_paragraph("Jakub Nowak: dyslexia assessment booked for next term.")
    document.add_paragraph("Aisha Begum: nut allergy, EpiPen in the classroom first-aid box.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_unprotected_file_is_blocked_then_protected_in_the_task_pane_and_the_second_send_passes(
        dev_server: DevServer) -> None:
    original = _support_notes_docx()
    outcome = _node("protect-roundtrip.js", dev_server, {
        "subject": "Reading group notes",
        "html": "<p>Dear Mrs Brown, the notes for next week are attached.</p>",
        "to": [_recipient("sam.brown@gmail.com", "Sam Brown", "externalUser")],
        "attachments": [{"id": "att-1", "name": "support-notes.docx", "size": len(original), "contentType": DOCX_TYPE,
                         "content": base64.b64encode(original).decode("ascii")}],
    })

    # First Send: blocked for the unprotected file, and the result saved for the task pane.
    first = outcome["first"]
    [scan] = first["responses"]
    assert (scan["url"], scan["status"]) == (f"{dev_server.base_url}/v1/scan", 200)
    assert first["options"]["allowEvent"] is False
    assert first["saved"]["scan_id"] == scan["body"]["scan_id"]
    assert first["saved"]["action"] == "block"
    blocking = [f for f in first["saved"]["findings"] if f["rule"] == "unprotected-attachment-external"]
    assert blocking and blocking[0]["action"] == "block"
    assert "attachment:support-notes.docx" in blocking[0]["locations"]

    # Protect this file: the real /v1/protect made the copy, and the pane swapped it in through Outlook's calls.
    pane = outcome["pane"]
    protect, report = pane["requests"]
    assert (protect["url"], protect["status"]) == (f"{dev_server.base_url}/v1/protect", 200)
    password = protect["body"]["password"]
    copy_name = protect["body"]["name"]
    assert copy_name == "support-notes-protected.docx"
    assert outcome["added"] == [copy_name]
    assert outcome["removed"] == ["att-1"]
    [attachment] = outcome["attachments"]
    assert attachment["name"] == copy_name and attachment["format"] == "base64"
    protected = base64.b64decode(attachment["content"])
    assert protected != original
    opened = docx_text(decrypt_ooxml(protected, password))
    assert all(name in opened for name in PUPILS) and "H801200001001" in opened
    # The sender sees the password and how to pass it on.
    assert pane["password"] == password
    assert password in pane["text"]
    assert "by phone or in a separate email" in pane["text"]
    assert "confirms they have received" in pane["text"]
    assert "could not" not in pane["text"]
    # The swap is reported as this scan's outcome, and the service accepted it.
    assert (report["url"], report["status"]) == (
        f"{dev_server.base_url}/v1/scans/{first['saved']['scan_id']}/outcome", 202)

    # Second Send of the swapped draft: that rule no longer fires, and nothing else holds the email.
    second = outcome["second"]
    [scan] = second["responses"]
    assert (scan["url"], scan["status"]) == (f"{dev_server.base_url}/v1/scan", 200)
    verdict = scan["body"]
    assert verdict["scan_id"] != first["saved"]["scan_id"]
    rules = {f["rule"] for f in verdict["findings"]}
    assert "unprotected-attachment-external" not in rules, rules
    # Nor anything else: the protected copy's contents are out of reach, and the body carries no personal data.
    assert (verdict["action"], rules) == ("allow", set())
    assert second["options"] == {"allowEvent": True}

    # The password was returned once and kept nowhere: not in the server's log.
    log = dev_server.log_path.read_text(encoding="utf-8", errors="replace")
    # The log is written as requests are answered, so the protection is in it by now.
    assert any(entry.get("route") == "/v1/protect" for entry in _json_lines(log))
    assert password not in log
