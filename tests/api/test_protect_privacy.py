"""After Protect this file, neither the server's logs nor its store hold the password or the
file's name, and nothing at all is stored about the call (CONTRACT section 9)."""

import base64
import os
import sqlite3
from collections.abc import Iterator

import httpx
import pytest

from tests.api.conftest import Server, start_server, stop_server
from tests.api.test_no_personal_data import _store_text
from tests.auth.identity_provider import IdentityProvider
from tests.protect.files import encrypted_ooxml, make_docx, make_pdf, make_xlsx

# Any body but a draft's (and, with this change, a file to protect) is refused above this.
OTHER_LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory, identity_provider: IdentityProvider) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("protect"), identity_provider,
                          {"SENDGUARD_MAX_OTHER_REQUEST_BYTES": str(OTHER_LIMIT)})
    yield server
    stop_server(server)


def _protect(server: Server, client: httpx.Client, name: str, data: bytes) -> httpx.Response:
    payload = {"attachment": {"name": name, "content_type": None,
                              "content_base64": base64.b64encode(data).decode("ascii")}}
    return client.post("/v1/protect", json=payload, headers=server.user_headers())


def test_logs_and_store_hold_no_password_and_no_file_name(small_server: Server) -> None:
    files = {
        "Kowalczyk-Jasmine EHCP review.docx": make_docx(),
        "Pemberton-Oduya medical plan.pdf": make_pdf(),
        "Thistlewood attendance register.xlsx": make_xlsx(),
        # Larger than any body but a draft's may be: the draft limit applies to /v1/protect.
        "Featherstonehaugh scan.bin": os.urandom(3 * OTHER_LIMIT),
    }
    refused_name = "Abernathy-Quist safeguarding notes.docx"
    passwords, copy_names = [], []
    with httpx.Client(base_url=small_server.base_url, timeout=60) as client:
        for name, data in files.items():
            response = _protect(small_server, client, name, data)
            assert response.status_code == 200, response.text
            passwords.append(response.json()["password"])
            copy_names.append(response.json()["name"])
        assert _protect(small_server, client, refused_name, encrypted_ooxml(make_docx())).status_code == 422
        # The small limit is in force for other routes.
        too_big = client.post("/v1/scans/01J0000000000000000000000/outcome", content=b"x" * (2 * OTHER_LIMIT),
                              headers={**small_server.user_headers(), "content-type": "application/json"})
        assert too_big.status_code == 413
    small_server.wait_for_store()

    stems = [name.rsplit(".", 1)[0] for name in [*files, refused_name]]
    needles = [*passwords, *files, refused_name, *copy_names, *stems]
    logs = small_server.log_text()
    assert logs.count('"route": "/v1/protect"') == len(files) + 1, "the protect calls must be in the log searched"
    store = _store_text(small_server.data_dir)
    assert store, "the store file must exist to be searched"
    for needle in needles:
        assert needle.casefold() not in logs.casefold(), needle
        assert needle.casefold() not in store.casefold(), needle
    with sqlite3.connect(small_server.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM scans").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM outcomes").fetchone() == (0,)
