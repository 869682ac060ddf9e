"""The dry run with a draft uploaded as a file (multipart/form-data) through a real server:
.eml, .msg and ScanRequest .json give the same answer as the JSON variant; wrong types, damaged
files and files over the size limit get a plain 413, 415 or 422, never a 500; nothing is stored."""

import base64
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from service.api.routes.rules import MAX_UPLOAD_BYTES
from service.settings import REPO_ROOT
from tests.api.conftest import Server, start_server, stop_server
from tests.auth.identity_provider import IdentityProvider
from tests.extract.test_email_file import build_msg
from tests.rulebook.rule_texts import WRONG_EXAMPLE_RULE, zebra

EXAMPLES = REPO_ROOT / "examples"
REFERRAL_EML = (EXAMPLES / "09-referral.eml").read_bytes()
UPN_JSON = (EXAMPLES / "02-upn-in-subject-to-outsider.json").read_bytes()
NHS = "943 476 5919"


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory, identity_provider: IdentityProvider) -> Iterator[Server]:
    # The request limit above the upload limit, so that the route's own limit is what answers.
    server = start_server(tmp_path_factory.mktemp("upload"), identity_provider,
                          {"SENDGUARD_MAX_REQUEST_BYTES": str(MAX_UPLOAD_BYTES + 4 * 1024 * 1024)})
    yield server
    stop_server(server)


def _upload(server: Server, name: str | None, data: bytes, content_type: str = "application/octet-stream",
            headers: dict[str, str] | None = None, **fields: str) -> httpx.Response:
    return httpx.post(f"{server.base_url}/v1/admin/dry-run/upload", files={"file": (name, data, content_type)},
                      data=fields, headers=server.admin_headers() if headers is None else headers, timeout=60)


def _json_dry_run(server: Server, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server.base_url}/v1/admin/dry-run", json=body, headers=server.admin_headers(),
                          timeout=60)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _verdict(answer: dict[str, Any]) -> tuple[str, list[tuple[str, str, bool]]]:
    return answer["action"], sorted((f["rule"], f["action"], f["shown"]) for f in answer["findings"])


def _scans_stored(server: Server) -> int:
    with sqlite3.connect(server.db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM scans").fetchone()[0])


def test_an_eml_upload_answers_as_the_base64_variant_does(upload_server: Server) -> None:
    uploaded = _upload(upload_server, "referral.eml", REFERRAL_EML, "message/rfc822")
    assert uploaded.status_code == 200, uploaded.text
    answer = uploaded.json()
    assert answer["action"] == "block"
    assert "special-category-external" in {f["rule"] for f in answer["findings"]}
    assert "07700 900461" not in uploaded.text and "Chloe Adebayo" not in uploaded.text
    same = _json_dry_run(upload_server, {"email_base64": base64.b64encode(REFERRAL_EML).decode()})
    assert _verdict(answer) == _verdict(same)


def test_a_msg_upload(upload_server: Server) -> None:
    msg = build_msg("Notes", body=f"Her NHS number is {NHS}.",
                    recipients=(("Someone", "someone@gmail.com", 1),))
    uploaded = _upload(upload_server, "Notes.MSG", msg)
    assert uploaded.status_code == 200, uploaded.text
    by_rule = {f["rule"]: f for f in uploaded.json()["findings"]}
    assert by_rule["personal-data-external"]["entities"] == {"UK_NHS": 1}
    assert NHS not in uploaded.text


def test_a_scan_request_json_upload_answers_as_the_json_variant_does(upload_server: Server) -> None:
    uploaded = _upload(upload_server, "draft.json", UPN_JSON, "application/json")
    assert uploaded.status_code == 200, uploaded.text
    same = _json_dry_run(upload_server, {"draft": json.loads(UPN_JSON)})
    assert _verdict(uploaded.json()) == _verdict(same)
    assert uploaded.json()["action"] == "block"


def test_a_file_without_an_ending_is_judged_by_its_content_type(upload_server: Server) -> None:
    assert _upload(upload_server, "referral", REFERRAL_EML, "message/rfc822").status_code == 200
    assert _upload(upload_server, "draft", UPN_JSON, "application/json; charset=utf-8").status_code == 200
    assert _upload(upload_server, "referral", REFERRAL_EML, "application/octet-stream").status_code == 415
    # A part without a file name is a form field, not a file.
    field = _upload(upload_server, None, REFERRAL_EML, "message/rfc822")
    assert field.status_code == 422
    assert field.json()["detail"] == "Send the draft as a file upload (with a file name), not as a text field."


def test_a_candidate_rule_goes_with_the_upload(upload_server: Server) -> None:
    msg = build_msg("Budget", body="Budget for PROJECT-ZEBRA.", recipients=(("Office", "office@oakfield.sch.uk", 1),))
    answer = _upload(upload_server, "budget.msg", msg, candidate_rule=zebra("candidate-upload"))
    assert answer.status_code == 200, answer.text
    (finding,) = [f for f in answer.json()["findings"] if f["rule"] == "candidate-upload"]
    assert finding["candidate"] is True and finding["action"] == "block"
    refused = _upload(upload_server, "budget.msg", msg, candidate_rule=WRONG_EXAMPLE_RULE.format(rule_id="cand"))
    assert refused.status_code == 422
    assert "the code name in the body" in refused.json()["detail"]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("report.pdf", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n", 415),
    ("notes.txt", b"Dear Lisa, thank you.", 415),
    ("draft.json.exe", UPN_JSON, 415),
])
def test_other_kinds_of_file_are_refused_plainly(upload_server: Server, name: str, data: bytes,
                                                 expected: int) -> None:
    response = _upload(upload_server, name, data)
    assert response.status_code == expected
    assert response.json()["detail"] == "Upload a .eml or .msg email, or a .json file holding a ScanRequest."


@pytest.mark.parametrize(("name", "data", "detail"), [
    ("empty.eml", b"", "The email file: the file is empty"),
    ("fake.eml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "The email file: not an email file"),
    ("outlook.eml", build_msg("x", body="y"), "The email file: this is an Outlook .msg file, not a .eml file"),
    ("mime.msg", REFERRAL_EML, "The email file: not an Outlook .msg file"),
    ("broken.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, None),
    ("empty.json", b"  \n", "The .json file is empty."),
    ("bad.json", b'{"message": ', "The .json file is not valid JSON."),
    ("latin1.json", '{"message": {"subject": "café"}}'.encode("latin-1"), "The .json file is not valid JSON."),
    ("extra.json", b'{"message": {"subject": "x", "body": {"content": "y", "type": "text"}}, "colour": 1}',
     "The .json file is not a valid ScanRequest: colour: unknown field."),
    ("wrapped.json", json.dumps({"draft": json.loads(UPN_JSON)}).encode(), None),
])
def test_damaged_or_mislabelled_files_get_a_plain_422(upload_server: Server, name: str, data: bytes,
                                                      detail: str | None) -> None:
    response = _upload(upload_server, name, data)
    assert response.status_code == 422, response.text
    shown = response.json()["detail"]
    assert "\n" not in shown and "Traceback" not in shown
    if detail is not None:
        assert shown == detail
    else:
        assert shown.startswith(("The email file: ", "The .json file is not a valid ScanRequest: "))


def test_a_file_over_the_limit_is_refused_with_413(upload_server: Server) -> None:
    response = _upload(upload_server, "huge.eml", b"X" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["detail"] == f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    at_limit = _upload(upload_server, "huge.json", b" " * (MAX_UPLOAD_BYTES - 2) + b"{}")
    assert at_limit.status_code == 422  # read whole, then refused for what it is, not for its size


def test_a_request_without_a_file_or_not_multipart_is_a_422(upload_server: Server) -> None:
    url = f"{upload_server.base_url}/v1/admin/dry-run/upload"
    headers = upload_server.admin_headers()
    missing = httpx.post(url, data={"candidate_rule": "x"}, headers=headers, timeout=30)
    assert missing.status_code == 422 and "file" in missing.json()["detail"]
    as_json = httpx.post(url, json={"email_base64": "AAAA"}, headers=headers, timeout=30)
    assert as_json.status_code == 422


def test_uploads_need_the_admin_role_and_store_nothing(upload_server: Server) -> None:
    before = _scans_stored(upload_server)
    assert _upload(upload_server, "referral.eml", REFERRAL_EML, headers={}).status_code == 401
    staff = _upload(upload_server, "referral.eml", REFERRAL_EML, headers=upload_server.user_headers())
    assert staff.status_code == 403
    for _ in range(2):
        assert _upload(upload_server, "referral.eml", REFERRAL_EML).status_code == 200
    upload_server.wait_for_store()
    assert _scans_stored(upload_server) == before
    log = upload_server.log_text()
    assert "referral.eml" not in log and "Chloe" not in log
