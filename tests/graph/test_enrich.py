"""Graph lookups through msal and msgraph-sdk against a local HTTPS stand-in."""

import asyncio
import base64
import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.auth.principal import Principal
from service.graph.enrich import NOTE_ATTACHMENT, NOTE_DOMAINS, NOTE_LIST_OUTSIDE, GraphEnricher
from service.scanner import Scanner
from service.schemas.scan import ScanRequest
from service.settings import Settings
from tests.graph.graph_standin import (
    ATTACHMENT_BYTES,
    ATTACHMENT_NAME,
    ITEM_ID,
    OTHER_MAILBOX,
    OWN_MAILBOX,
    STAFF_LIST,
    TENANT,
    GraphStandIn,
)

USER_TOKEN = "the-users-own-entra-token"
SEN_NOTE = "As discussed, Amir Hussain has an EHCP and was diagnosed with ADHD in Year 4."


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStandIn]:
    server = GraphStandIn(tmp_path_factory.mktemp("graph"))
    yield server
    server.stop()


def graph_settings(standin: GraphStandIn, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "graph_enabled": True,
        "graph_client_id": "graph-client",
        "graph_client_secret": "graph-secret",
        "tenant_id": TENANT,
        "graph_authority_host": standin.base_url,
        "graph_base_url": f"{standin.base_url}/v1.0",
        "graph_ca_bundle": standin.cert_path,
        "graph_timeout_seconds": 3.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def user() -> Principal:
    return Principal(tenant_id=TENANT, object_id=OWN_MAILBOX, scopes=frozenset({"access_as_user"}),
                     username="a.teacher@oakfield.sch.uk", token=USER_TOKEN)


def draft(**message: object) -> ScanRequest:
    base: dict[str, object] = {
        "subject": "Staff briefing",
        "body": {"content": "Hello all", "type": "text"},
        "from": {"address": "head@oakfield.sch.uk"},
        "to": [{"address": "colleague@oakfield.sch.uk"}],
    }
    base.update(message)
    return ScanRequest.model_validate({"message": base})


@pytest.fixture
def local_scanner(scanner: Scanner) -> Scanner:
    # A copy: Graph extends its organisation, which must not leak into other tests.
    return dataclasses.replace(scanner)


def make_enricher(standin: GraphStandIn, scanner: Scanner, **overrides: object) -> GraphEnricher:
    enricher = GraphEnricher.from_settings(graph_settings(standin, **overrides))
    enricher.scanner = scanner
    return enricher


def fetched_without_a_note(enricher: GraphEnricher, request: ScanRequest) -> ScanRequest:
    """The draft as Graph enriched it, every attachment fetched (no note for the sender)."""

    async def run() -> ScanRequest:
        result = await enricher.enrich(request, user(), ITEM_ID)
        assert NOTE_ATTACHMENT not in result.notes
        await enricher.client.aclose()
        return result.request

    return asyncio.run(run())


def test_verified_domains_make_recipients_internal(standin: GraphStandIn, local_scanner: Scanner) -> None:
    enricher = make_enricher(standin, local_scanner)
    request = draft(to=[{"address": "bursar@oakfield-academy.org.uk"}],
                    body={"content": SEN_NOTE, "type": "text"})
    before = local_scanner.scan(request)
    assert before.action == "block"  # an unknown domain is external

    async def run() -> None:
        for _ in range(2):
            result = await enricher.enrich(request, user(), None)
            assert result.notes == []
        await enricher.client.aclose()

    asyncio.run(run())
    assert "oakfield-academy.org.uk" in local_scanner.organisation.internal_domains
    assert local_scanner.scan(request).action == "allow"
    # The second draft was answered from the cache: Graph was asked once.
    assert standin.graph_requests.count("/v1.0/organization") == 1
    # On behalf of the user: msal exchanged the user's own token.
    obo = [t for t in standin.token_requests if t.get("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer"]
    assert obo and obo[0]["assertion"] == USER_TOKEN and obo[0]["requested_token_use"] == "on_behalf_of"


def test_a_distribution_list_reaching_outsiders_is_seen(standin: GraphStandIn, local_scanner: Scanner) -> None:
    enricher = make_enricher(standin, local_scanner)
    request = draft(to=[{"address": STAFF_LIST, "type": "distributionList"}],
                    body={"content": SEN_NOTE, "type": "text"})
    assert local_scanner.scan(request).action == "allow"  # internal list, as far as the add-in knows

    async def run() -> ScanRequest:
        result = await enricher.enrich(request, user(), None)
        assert result.notes == [NOTE_LIST_OUTSIDE]
        await enricher.client.aclose()
        return result.request

    enriched = asyncio.run(run())
    assert [r.address for r in enriched.message.bcc] == ["chair.governor@gmail.com"]
    verdict = local_scanner.scan(enriched)
    assert verdict.action == "block"
    assert "special-category-external" in {f.rule for f in verdict.findings}


def test_an_attachment_without_content_is_fetched_by_item_and_attachment_id(
    standin: GraphStandIn, local_scanner: Scanner
) -> None:
    enricher = make_enricher(standin, local_scanner)
    request = draft(attachments=[{"name": ATTACHMENT_NAME, "content_type": "text/csv", "size": len(ATTACHMENT_BYTES)}])

    enriched = fetched_without_a_note(enricher, request)
    (attachment,) = enriched.message.attachments
    assert attachment.content_base64 is not None
    assert base64.b64decode(attachment.content_base64) == ATTACHMENT_BYTES


def test_app_only_mode_uses_the_services_own_token(standin: GraphStandIn, local_scanner: Scanner) -> None:
    enricher = make_enricher(standin, local_scanner, graph_mode="app")
    standin.token_requests.clear()

    async def run() -> None:
        await enricher.enrich(draft(), user(), None)
        await enricher.client.aclose()

    asyncio.run(run())
    assert [t["grant_type"] for t in standin.token_requests] == ["client_credentials"]


def test_app_only_mode_reads_the_signed_in_users_mailbox_whatever_the_draft_claims(
    standin: GraphStandIn, local_scanner: Scanner
) -> None:
    enricher = make_enricher(standin, local_scanner, graph_mode="app")
    standin.graph_requests.clear()
    # The draft claims to be from another member of staff whose message ids the user has learnt.
    request = draft(**{"from": {"address": OTHER_MAILBOX}},
                    attachments=[{"name": ATTACHMENT_NAME, "content_type": "text/csv", "size": len(ATTACHMENT_BYTES)}])

    enriched = fetched_without_a_note(enricher, request)
    (attachment,) = enriched.message.attachments
    assert base64.b64decode(attachment.content_base64 or "") == ATTACHMENT_BYTES
    mailboxes = {p.split("/")[3] for p in standin.graph_requests if p.startswith("/v1.0/users/")}
    assert mailboxes == {OWN_MAILBOX}


def test_graph_unreachable_degrades_to_the_organisation_file(local_scanner: Scanner, tmp_path: Path) -> None:
    settings = Settings(
        graph_enabled=True, graph_client_id="c", graph_client_secret="s", tenant_id=TENANT,  # type: ignore[arg-type]
        graph_authority_host="https://127.0.0.1:9", graph_base_url="https://127.0.0.1:9/v1.0",
        graph_timeout_seconds=2.0,
    )
    enricher = GraphEnricher.from_settings(settings)
    enricher.scanner = local_scanner
    request = draft(to=[{"address": STAFF_LIST, "type": "distributionList"}])

    async def run() -> list[str]:
        result = await enricher.enrich(request, user(), None)
        assert result.request == request
        return result.notes

    notes = asyncio.run(run())
    assert NOTE_DOMAINS in notes and len(notes) == 2


def test_a_slow_graph_is_cut_off_at_the_time_box(standin: GraphStandIn, local_scanner: Scanner) -> None:
    enricher = make_enricher(standin, local_scanner, graph_timeout_seconds=0.5)
    standin.delay = 3.0
    try:
        async def run() -> list[str]:
            result = await enricher.enrich(draft(), user(), None)
            return result.notes

        started = time.monotonic()
        notes = asyncio.run(run())
        elapsed = time.monotonic() - started
    finally:
        standin.delay = 0.0
    assert notes == [NOTE_DOMAINS]
    assert elapsed < 2.5
