"""Graph wired into the real server: a draft to an internal list that reaches an outsider."""

from collections.abc import Iterator

import httpx
import pytest

from service.graph.enrich import NOTE_LIST_OUTSIDE
from tests.api.conftest import Server, start_server, stop_server
from tests.auth.identity_provider import IdentityProvider
from tests.graph.graph_standin import STAFF_LIST, GraphStandIn


@pytest.fixture(scope="module")
def graph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, GraphStandIn]]:
    provider = IdentityProvider().start()
    standin = GraphStandIn(tmp_path_factory.mktemp("graph-certs"))
    server = start_server(tmp_path_factory.mktemp("graph-server"), provider, {
        "SENDGUARD_GRAPH_ENABLED": "true",
        "SENDGUARD_GRAPH_CLIENT_ID": "graph-client",
        "SENDGUARD_GRAPH_CLIENT_SECRET": "graph-secret",
        "SENDGUARD_GRAPH_AUTHORITY_HOST": standin.base_url,
        "SENDGUARD_GRAPH_BASE_URL": f"{standin.base_url}/v1.0",
        "SENDGUARD_GRAPH_CA_BUNDLE": str(standin.cert_path),
    })
    yield server, standin
    stop_server(server)
    standin.stop()
    provider.stop()


def test_a_list_reaching_an_outsider_turns_the_verdict(graph_server: tuple[Server, GraphStandIn]) -> None:
    server, standin = graph_server
    token = server.provider.token()
    draft = {"message": {
        "subject": "Pupil update",
        "body": {"content": "As discussed, Amir Hussain has an EHCP and was diagnosed with ADHD in Year 4.",
                 "type": "text"},
        "from": {"address": "head@oakfield.sch.uk"},
        "to": [{"address": STAFF_LIST, "type": "distributionList"}],
    }}
    response = httpx.post(f"{server.base_url}/v1/scan", json=draft, headers={"Authorization": f"Bearer {token}"},
                          timeout=30)
    assert response.status_code == 200
    result = response.json()
    assert result["action"] == "block"
    assert result["summary"].endswith(NOTE_LIST_OUTSIDE)
    # On behalf of the signed-in user: the add-in's own token was exchanged.
    assert any(t.get("assertion") == token for t in standin.token_requests)
    assert "chair.governor@gmail.com" not in server.log_text()
