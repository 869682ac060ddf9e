"""Before detection: what Graph adds to a draft (domains, list members, attachments), time-boxed.

The verified domains of the home tenant extend the organisation's internal domains.
External members of an internal distribution list are added to the draft's Bcc so
the rules see that the message leaves the trust (Bcc: members do not see each other).
An attachment the add-in sent without content is fetched by item and attachment id.
"""

import asyncio
import base64
import logging
from collections.abc import Awaitable
from typing import TypeVar

from service.api import telemetry
from service.api.scanning import Enrichment
from service.auth.principal import Principal
from service.context.recipients import RecipientClass, classify_domain, domain_of
from service.cache import TtlCache
from service.graph.client import GraphClient
from service.graph.tokens import GraphTokens
from service.scanner import Scanner
from service.schemas.org import Organisation
from service.schemas.scan import Attachment, Recipient, ScanRequest
from service.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

NOTE_DOMAINS = "Microsoft Graph could not be asked in time, so the organisation file alone decided who is internal."
NOTE_LIST_OUTSIDE = "A distribution list among the recipients includes people outside the trust."
NOTE_LIST_UNKNOWN = "A distribution list among the recipients could not be checked for people outside the trust."
NOTE_ATTACHMENT = "An attachment could not be fetched from the mailbox, so it was judged by its name, type and size."


class GraphEnricher:
    def __init__(self, client: GraphClient, settings: Settings, scanner: Scanner | None = None) -> None:
        self.client = client
        self.settings = settings
        self.scanner = scanner
        self.timeout = settings.graph_timeout_seconds
        self._domains: TtlCache[str, list[str]] = TtlCache(settings.graph_cache_seconds, 64)
        self._members: TtlCache[tuple[str, str], list[str] | None] = TtlCache(settings.graph_cache_seconds, 4096)

    @classmethod
    def from_settings(cls, settings: Settings) -> "GraphEnricher":
        if not (settings.graph_client_id and settings.graph_client_secret and settings.tenant_id):
            raise ValueError(
                "Graph needs SENDGUARD_GRAPH_CLIENT_ID, SENDGUARD_GRAPH_CLIENT_SECRET and SENDGUARD_TENANT_ID"
            )
        tokens = GraphTokens(
            client_id=settings.graph_client_id,
            client_secret=settings.graph_client_secret.get_secret_value(),
            tenant_id=settings.tenant_id,
            authority_host=settings.graph_authority_host,
            ca_bundle=settings.graph_ca_bundle,
            timeout_seconds=settings.graph_timeout_seconds,
        )
        client = GraphClient(
            tokens,
            mode=settings.graph_mode,
            base_url=settings.graph_base_url,
            ca_bundle=settings.graph_ca_bundle,
            timeout_seconds=settings.graph_timeout_seconds,
        )
        return cls(client, settings)

    async def _boxed(self, call: str, work: Awaitable[T], seconds: float | None = None) -> T | None:
        """The call's result, or None when it fails or takes too long (counted, logged by type only)."""
        try:
            return await asyncio.wait_for(work, seconds or self.timeout)
        except Exception as exc:  # noqa: BLE001 - any Graph failure degrades, never fails the scan
            telemetry.GRAPH_FAILURES.labels(call=call).inc()
            log.warning("graph call failed", extra={"graph": call, "error": exc.__class__.__name__})
            return None

    async def enrich(self, request: ScanRequest, principal: Principal, item_id: str | None) -> Enrichment:
        token = GraphClient.acting_for(None if principal.dev else principal.token)
        try:
            notes: list[str] = []
            organisation = await self._organisation(principal, notes)
            message = request.message
            extra_bcc = await self._list_members(message.to + message.cc + message.bcc, principal, organisation, notes)
            attachments = await self._attachments(message.attachments, item_id, self._mailbox(request, principal), notes)
            if extra_bcc or attachments is not message.attachments:
                message = message.model_copy(update={"bcc": message.bcc + extra_bcc, "attachments": attachments})
                request = request.model_copy(update={"message": message})
            return Enrichment(request=request, notes=notes)
        finally:
            GraphClient.stop_acting(token)

    @staticmethod
    def _mailbox(request: ScanRequest, principal: Principal) -> str | None:
        """Whose mailbox app-only calls read: the signed-in user's, by the object id in the token.

        NOTE: never the draft's `from`: any user could name another's mailbox there. Only in
        development mode (no token, this machine only) is there no one else to take it from.
        """
        if principal.dev:
            sender = request.message.sender
            return sender.address if sender else None
        return principal.object_id or None

    async def _organisation(self, principal: Principal, notes: list[str]) -> Organisation:
        base = self.scanner.organisation if self.scanner else None
        if principal.tenant_id != (self.settings.tenant_id or "").lower() or base is None:
            return base or Organisation(name="unknown", internal_domains=["invalid.invalid"])
        domains = self._domains.get(principal.tenant_id)
        if domains is None:
            domains = await self._boxed("verified_domains", self.client.verified_domains())
            if domains is None:
                notes.append(NOTE_DOMAINS)
                return base
            self._domains.put(principal.tenant_id, domains)
        missing = [d for d in domains if d not in base.internal_domains]
        if missing:
            merged = base.model_copy(update={"internal_domains": [*base.internal_domains, *missing]})
            # The scanner reads its organisation on every scan; from now on it knows these domains.
            self.scanner.organisation = merged  # type: ignore[union-attr]
            return merged
        return base

    async def _list_members(
        self, recipients: list[Recipient], principal: Principal, organisation: Organisation, notes: list[str]
    ) -> list[Recipient]:
        lists = {
            r.address.strip().lower()
            for r in recipients
            if r.type == "distributionList"
            and classify_domain(domain_of(r.address), organisation) is RecipientClass.INTERNAL
        }
        outside: list[Recipient] = []
        unknown = False
        for address in sorted(lists):
            key = (principal.tenant_id, address)
            members = self._members.get(key)
            if members is None:
                members = await self._boxed("group_members", self.client.group_member_addresses(address))
                if members is None:
                    unknown = True
                    continue
                self._members.put(key, members)
            for member in members:
                if classify_domain(domain_of(member), organisation) is not RecipientClass.INTERNAL:
                    outside.append(Recipient(address=member))
        if outside:
            notes.append(NOTE_LIST_OUTSIDE)
        if unknown:
            notes.append(NOTE_LIST_UNKNOWN)
        return outside

    async def _attachments(
        self, attachments: list[Attachment], item_id: str | None, mailbox: str | None, notes: list[str]
    ) -> list[Attachment]:
        wanted = [a for a in attachments if a.content_base64 is None and not a.is_inline]
        if not wanted or not item_id:
            return attachments
        listed = await self._boxed("list_attachments", self.client.list_attachments(item_id, mailbox))
        if listed is None:
            notes.append(NOTE_ATTACHMENT)
            return attachments
        by_name = {(a.name, a.size): a for a in listed}
        by_name_only = {a.name: a for a in listed}
        fetched: list[Attachment] = []
        failed = False
        for attachment in attachments:
            info = by_name.get((attachment.name, attachment.size)) or by_name_only.get(attachment.name)
            too_big = info is not None and (info.size or 0) > self.settings.graph_max_attachment_bytes
            if attachment not in wanted or info is None or too_big:
                failed = failed or (attachment in wanted)
                fetched.append(attachment)
                continue
            content = await self._boxed(
                "attachment", self.client.attachment_bytes(item_id, info.attachment_id, mailbox), self.timeout * 4
            )
            if content is None:
                failed = True
                fetched.append(attachment)
                continue
            fetched.append(attachment.model_copy(
                update={"content_base64": base64.b64encode(content).decode("ascii"), "size": len(content)}
            ))
        if failed:
            notes.append(NOTE_ATTACHMENT)
        return fetched
