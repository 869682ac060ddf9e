"""POST /v1/protect through a real `sendguard serve` with real tokens (CONTRACT sections 3 and 9)."""

import base64
import copy
import io
import json
from typing import Any

import docx
import httpx
import pytest

from service.settings import REPO_ROOT
from tests.api.conftest import Server
from tests.protect.files import (
    MARK,
    decrypt_ooxml,
    docx_text,
    encrypted_ooxml,
    encrypted_pdf,
    make_docx,
    make_pdf,
    make_xlsx,
    open_pdf,
    pdf_text,
    unzip,
    xlsx_text,
)
from tests.protect.test_password import SHAPE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(name: str, data: bytes, content_type: str | None = None) -> dict[str, Any]:
    return {"attachment": {"name": name, "content_type": content_type,
                           "content_base64": base64.b64encode(data).decode("ascii")}}


def protect(server: Server, client: httpx.Client, payload: dict[str, Any], **claims: Any) -> httpx.Response:
    return client.post("/v1/protect", json=payload, headers=server.user_headers(**claims))


def test_an_office_file_comes_back_encrypted_with_its_password(server: Server, client: httpx.Client) -> None:
    response = protect(server, client, body("register.xlsx", make_xlsx(), XLSX_TYPE))
    assert response.status_code == 200, response.text
    answer = response.json()
    assert set(answer) == {"name", "content_type", "content_base64", "password"}
    assert (answer["name"], answer["content_type"]) == ("register-protected.xlsx", XLSX_TYPE)
    assert SHAPE.fullmatch(answer["password"])
    data = base64.b64decode(answer["content_base64"])
    assert MARK in xlsx_text(decrypt_ooxml(data, answer["password"]))


def test_a_pdf_and_any_other_file(server: Server, client: httpx.Client) -> None:
    answer = protect(server, client, body("plan.pdf", make_pdf(), "application/pdf")).json()
    assert answer["name"] == "plan-protected.pdf"
    assert MARK in pdf_text(open_pdf(base64.b64decode(answer["content_base64"]), answer["password"]))
    answer = protect(server, client, body("notes.txt", MARK.encode(), "text/plain")).json()
    assert (answer["name"], answer["content_type"]) == ("notes-protected.zip", "application/zip")
    assert unzip(base64.b64decode(answer["content_base64"]), answer["password"]) == {"notes.txt": MARK.encode()}
    with pytest.raises(RuntimeError):
        unzip(base64.b64decode(answer["content_base64"]), "not-the-password")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("review.docx", encrypted_ooxml(make_docx()), "This file is already protected with a password"),
        ("plan.pdf", encrypted_pdf(user_password="open-sesame-1"), "This file is already protected with a password"),
        ("review.docx", make_docx()[:2500], "This file cannot be protected because"),
    ],
    ids=["protected-docx", "protected-pdf", "damaged-docx"],
)
def test_a_refused_file_is_422_with_one_plain_sentence(server: Server, client: httpx.Client,
                                                       name: str, data: bytes, reason: str) -> None:
    response = protect(server, client, body(name, data))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(reason) and detail.endswith(".") and "\n" not in detail


def test_garbled_base64_and_a_wrong_shape_are_422(server: Server, client: httpx.Client) -> None:
    garbled = {"attachment": {"name": "a.docx", "content_type": None, "content_base64": "abc*"}}
    assert protect(server, client, garbled).json()["detail"] == (
        "The file's content was garbled in sending and could not be read."
    )
    extra = body("a.txt", b"hello")
    extra["attachment"]["size"] = 5
    assert protect(server, client, extra).status_code == 422
    assert protect(server, client, {"attachment": {"name": "a.txt"}}).status_code == 422


def test_it_needs_an_addin_users_token(server: Server, client: httpx.Client) -> None:
    payload = body("notes.txt", b"hello")
    assert client.post("/v1/protect", json=payload).status_code == 401
    assert protect(server, client, payload, scp="User.Read").status_code == 403


def _draft_with(name: str, data: bytes) -> dict[str, Any]:
    draft = json.loads((REPO_ROOT / "examples" / "08-trip-list-csv-to-company.json").read_text())
    draft["message"]["attachments"] = [{"name": name, "content_base64": base64.b64encode(data).decode("ascii")}]
    return draft


def _trip_list_docx() -> bytes:
    """The example's trip list (names, dates of birth, medical needs) as a Word table."""
    document = docx.Document()
    document.add_paragraph("Trip list")
    table = document.add_table(rows=0, cols=3)
    for row in (("Name", "DOB", "Medical"), ("Olivia Smith", "12/03/2015", "Asthma"),
                ("Jakub Nowak", "04/07/2015", "None"), ("Aisha Begum", "21/11/2014", "Nut allergy")):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rules(server: Server, client: httpx.Client, draft: dict[str, Any]) -> set[str]:
    response = client.post("/v1/scan", json=draft, headers=server.user_headers())
    assert response.status_code == 200, response.text
    return {finding["rule"] for finding in response.json()["findings"]}


def _example_csv() -> tuple[str, bytes]:
    draft = json.loads((REPO_ROOT / "examples" / "08-trip-list-csv-to-company.json").read_text())
    attachment = draft["message"]["attachments"][0]
    return attachment["name"], base64.b64decode(attachment["content_base64"])


@pytest.mark.parametrize("make", [_example_csv, lambda: ("trip-list.docx", _trip_list_docx())], ids=["csv", "docx"])
def test_block_then_protect_then_the_second_send_passes_that_rule(server: Server, client: httpx.Client, make) -> None:
    name, data = make()
    assert "unprotected-attachment-external" in _rules(server, client, _draft_with(name, data))
    answer = protect(server, client, body(name, data)).json()
    swapped = _draft_with(answer["name"], base64.b64decode(answer["content_base64"]))
    assert "unprotected-attachment-external" not in _rules(server, client, copy.deepcopy(swapped))
