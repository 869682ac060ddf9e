"""Hostile drafts sent to a real `sendguard serve` with a signed-in user's token: each is
answered (never a 5xx), the server stays up, and its memory does not balloon.

The sparse spreadsheet killed the process before (calamine asked for 512 GB); the zip
of 1,000 small files held it for minutes.
"""

import httpx
import psutil
import pytest

from tests.api.conftest import Server
from tests.hostile_files import draft, many_entries_zip, sparse_xlsx

MB = 1024 * 1024

CASES = {
    "sparse-xlsx-XFD1048576": lambda: [("sparse.xlsx", sparse_xlsx("XFD1048576"))],
    "sparse-xlsx-CV100000": lambda: [("sparse.xlsx", sparse_xlsx("CV100000"))],
    "zip-1000-entries": lambda: [("notes.zip", many_entries_zip(1000))],
}


def _rss(pid: int) -> int:
    process = psutil.Process(pid)
    return process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_draft_is_answered_and_the_server_stays_up(server: Server, case: str) -> None:
    before = _rss(server.process.pid)
    request = draft(CASES[case]())
    response = httpx.post(
        f"{server.base_url}/v1/scan",
        content=request.model_dump_json(by_alias=True),
        headers={**server.user_headers(), "Content-Type": "application/json"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    assert response.json()["action"] in ("allow", "warn", "block")
    assert httpx.get(f"{server.base_url}/healthz", timeout=10).status_code == 200
    assert server.process.poll() is None
    assert _rss(server.process.pid) - before < 100 * MB


def test_sparse_spreadsheet_through_the_dry_run_upload(server: Server) -> None:
    request = draft(CASES["sparse-xlsx-XFD1048576"]())
    response = httpx.post(
        f"{server.base_url}/v1/admin/dry-run/upload",
        files={"file": ("draft.json", request.model_dump_json(by_alias=True).encode(), "application/json")},
        headers=server.admin_headers(),
        timeout=120,
    )
    assert response.status_code == 200, response.text
    assert httpx.get(f"{server.base_url}/healthz", timeout=10).status_code == 200
