"""The full round trip: the Send check script, as `sendguard serve` serves it, run under Node with
office-addin-mock against the real service on loopback (development mode, no sign-in)."""

import json
import subprocess
from typing import Any

import httpx

from tests.addin.conftest import ADDIN_DIR, DevServer, node_or_skip

OUTLOOK_LIMIT_MS = 5000


def _send(server: DevServer, draft: dict[str, Any]) -> dict[str, Any]:
    node = node_or_skip()
    result = subprocess.run(
        [node, str(ADDIN_DIR / "test" / "support" / "roundtrip.js"), server.base_url],
        input=json.dumps(draft), cwd=ADDIN_DIR, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


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
