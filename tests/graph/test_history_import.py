"""`sendguard history graph`: staff's Sent Items headers through Microsoft Graph (the local stand-in)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from service.history import SentTo
from service.history.store import open_store_history
from service.settings import REPO_ROOT, Settings
from tests.graph.graph_standin import SENT_MAILBOX, TENANT, GraphStandIn


@pytest.fixture
def standin(tmp_path: Path) -> GraphStandIn:
    graph = GraphStandIn(tmp_path)
    yield graph  # type: ignore[misc]
    graph.stop()


def _graph_import(standin: GraphStandIn, data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    env.update({
        "SENDGUARD_DATA_DIR": str(data_dir), "SENDGUARD_TENANT_ID": TENANT,
        "SENDGUARD_GRAPH_CLIENT_ID": "graph-client", "SENDGUARD_GRAPH_CLIENT_SECRET": "graph-secret",
        "SENDGUARD_GRAPH_AUTHORITY_HOST": standin.base_url, "SENDGUARD_GRAPH_BASE_URL": f"{standin.base_url}/v1.0",
        "SENDGUARD_GRAPH_CA_BUNDLE": str(standin.cert_path), **extra,
    })
    return subprocess.run([sys.executable, "-m", "service.cli", "history", "graph", *args], capture_output=True,
                          text=True, cwd=REPO_ROOT, env=env, timeout=120)


def test_sent_items_headers_become_the_senders_history(standin: GraphStandIn, tmp_path: Path) -> None:
    data = tmp_path / "store"
    done = _graph_import(standin, data, SENT_MAILBOX, "nobody@oakfield.sch.uk")
    assert done.returncode == 3
    assert done.stdout.strip() == ("Read 26 messages: recorded 25, skipped 1 (1 drafts never sent). "
                                   "1 mailbox could not be read.")
    assert done.stderr.strip() == "sendguard: nobody@oakfield.sch.uk: its Sent Items could not be read (ResourceNotFound)"
    # App-only, with the client's own credentials; headers only, since the retention period began, two pages.
    assert any(t.get("grant_type") == "client_credentials" for t in standin.token_requests)
    sent_path = f"/v1.0/users/{SENT_MAILBOX}/mailFolders/sentitems/messages"
    paths = [unquote(p) for p in standin.graph_requests]
    first = standin.graph_queries[paths.index(sent_path)]
    assert first["$select"] == ["from,toRecipients,ccRecipients,bccRecipients,sentDateTime,isDraft"]
    assert first["$filter"][0].startswith("sentDateTime ge ")
    assert paths.count(sent_path) == 2

    history = open_store_history(Settings(data_dir=data), create=False)
    assert history is not None
    seen = history.for_draft(SENT_MAILBOX, [SentTo("sarah.jones@oakfield.sch.uk", "Sarah Jones"),
                                            SentTo("sarah.j@gmail.com", "Sarah Jones")], ["oakfield.sch.uk"])
    assert seen.established and seen.sent_messages == 25
    assert [(r.address_known, r.usual_domains) for r in seen.recipients] == [(True, ()), (False, ("oakfield.sch.uk",))]
    store = b"".join(p.read_bytes() for p in data.glob("sendguard.db*"))
    assert b"sarah" not in store.lower() and b"head@" not in store


def test_a_limit_and_missing_settings(standin: GraphStandIn, tmp_path: Path) -> None:
    limited = _graph_import(standin, tmp_path / "store", SENT_MAILBOX, "--limit", "10")
    assert limited.returncode == 0 and limited.stdout.startswith("Read 10 messages: recorded 10,")
    unset = _graph_import(standin, tmp_path / "other", SENT_MAILBOX, SENDGUARD_GRAPH_CLIENT_SECRET="")
    assert unset.returncode == 3 and "SENDGUARD_GRAPH_CLIENT_SECRET" in unset.stderr
    assert not (tmp_path / "other").exists()
