"""Graph calls through msgraph-sdk, with a request adapter pointed at a configurable base URL.

The access token comes from msal (service.graph.tokens); which user a call is made for
is carried in a context variable, so one client serves every request of a worker.
"""

import asyncio
import contextvars
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.groups.groups_request_builder import GroupsRequestBuilder
from msgraph.generated.groups.item.transitive_members.transitive_members_request_builder import (
    TransitiveMembersRequestBuilder,
)
from msgraph.generated.models.file_attachment import FileAttachment
from msgraph.generated.models.message import Message
from msgraph.generated.users.item.mail_folders.item.messages.messages_request_builder import MessagesRequestBuilder
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_request_adapter import options as GRAPH_MIDDLEWARE_OPTIONS
from msgraph_core import GraphClientFactory

from service.graph.tokens import GraphTokens, GraphUnavailable

# The signed-in user's Entra token for on-behalf-of calls; None for app-only.
_user_token: contextvars.ContextVar[str | None] = contextvars.ContextVar("graph_user_token", default=None)

MAX_MEMBERS = 999
# Sent Items are read this many headers a page; only these fields are asked for (Mail.ReadBasic.All
# gives no bodies or attachments anyway).
SENT_PAGE = 100
SENT_FIELDS = ["from", "toRecipients", "ccRecipients", "bccRecipients", "sentDateTime", "isDraft"]


@dataclass(frozen=True)
class AttachmentInfo:
    attachment_id: str
    name: str
    size: int | None


class _MsalTokenProvider(AccessTokenProvider):
    def __init__(self, tokens: GraphTokens, mode: str, host: str) -> None:
        self.tokens = tokens
        self.mode = mode
        self._hosts = AllowedHostsValidator([host])

    async def get_authorization_token(self, uri: str, additional_authentication_context: dict[str, Any] = {}) -> str:  # noqa: B006 - the interface's signature
        if self.mode == "app":
            return await asyncio.to_thread(self.tokens.for_app)
        user_token = _user_token.get()
        if not user_token:
            raise GraphUnavailable("no signed-in user to act for")
        return await asyncio.to_thread(self.tokens.on_behalf_of, user_token)

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return self._hosts


class GraphClient:
    def __init__(
        self,
        tokens: GraphTokens,
        *,
        mode: str = "obo",
        base_url: str = "https://graph.microsoft.com/v1.0",
        ca_bundle: Path | None = None,
        timeout_seconds: float = 5.0,
    ) -> None:
        self.mode = mode
        self.base_url = base_url.rstrip("/")
        host = urlparse(self.base_url).netloc.split(":")[0] if "@" not in self.base_url else ""
        auth = BaseBearerTokenAuthenticationProvider(_MsalTokenProvider(tokens, mode, host))
        http = httpx.AsyncClient(
            base_url=self.base_url,
            verify=ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle else True,
            timeout=timeout_seconds,
        )
        adapter = GraphRequestAdapter(auth, GraphClientFactory.create_with_default_middleware(client=http, options=GRAPH_MIDDLEWARE_OPTIONS))
        adapter.base_url = self.base_url
        self.sdk = GraphServiceClient(request_adapter=adapter)
        self._http = http

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def acting_for(user_token: str | None) -> contextvars.Token[str | None]:
        return _user_token.set(user_token)

    @staticmethod
    def stop_acting(token: contextvars.Token[str | None]) -> None:
        _user_token.reset(token)

    async def verified_domains(self) -> list[str]:
        response = await self.sdk.organization.get()
        domains: list[str] = []
        for organisation in (response.value if response and response.value else []):
            for domain in organisation.verified_domains or []:
                if domain.name:
                    domains.append(domain.name.lower())
        return domains

    async def group_member_addresses(self, group_address: str) -> list[str] | None:
        """Mail addresses a mail-enabled group reaches (nested groups included); None when no such group."""
        escaped = group_address.replace("'", "''")
        query = GroupsRequestBuilder.GroupsRequestBuilderGetQueryParameters(
            filter=f"mail eq '{escaped}'", select=["id"], top=1
        )
        groups = await self.sdk.groups.get(RequestConfiguration(query_parameters=query))
        if not groups or not groups.value or not groups.value[0].id:
            return None
        members_query = TransitiveMembersRequestBuilder.TransitiveMembersRequestBuilderGetQueryParameters(
            top=MAX_MEMBERS
        )
        members = await self.sdk.groups.by_group_id(groups.value[0].id).transitive_members.get(
            RequestConfiguration(query_parameters=members_query)
        )
        addresses = []
        for member in (members.value if members and members.value else []):
            mail = getattr(member, "mail", None)
            if isinstance(mail, str) and mail:
                addresses.append(mail.lower())
        return addresses

    def _messages(self, mailbox: str | None) -> Any:
        if self.mode == "app":
            if not mailbox:
                raise GraphUnavailable("app-only access needs the sender's mailbox")
            return self.sdk.users.by_user_id(mailbox).messages
        return self.sdk.me.messages

    async def list_attachments(self, item_id: str, mailbox: str | None = None) -> list[AttachmentInfo]:
        response = await self._messages(mailbox).by_message_id(item_id).attachments.get()
        return [
            AttachmentInfo(attachment_id=a.id, name=a.name or "", size=a.size)
            for a in (response.value if response and response.value else [])
            if a.id
        ]

    async def attachment_bytes(self, item_id: str, attachment_id: str, mailbox: str | None = None) -> bytes | None:
        """The content of a file attachment (by item and attachment id); None for item or link attachments."""
        attachment = (
            await self._messages(mailbox).by_message_id(item_id).attachments.by_attachment_id(attachment_id).get()
        )
        if isinstance(attachment, FileAttachment) and attachment.content_bytes is not None:
            return bytes(attachment.content_bytes)
        return None

    async def sent_items(self, mailbox: str, since: datetime, limit: int) -> AsyncIterator[Message]:
        """The headers of messages in a mailbox's Sent Items sent since `since`, newest first, at most `limit`.

        App-only (the administrator grants Mail.ReadBasic.All): whose mailbox is the caller's choice.
        """
        builder = self.sdk.users.by_user_id(mailbox).mail_folders.by_mail_folder_id("sentitems").messages
        query = MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(
            select=SENT_FIELDS, top=SENT_PAGE, orderby=["sentDateTime desc"],
            filter=f"sentDateTime ge {since.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        )
        page = await builder.get(RequestConfiguration(query_parameters=query))
        given = 0
        while page is not None:
            for message in page.value or []:
                if given >= limit:
                    return
                given += 1
                yield message
            if not page.odata_next_link:
                return
            page = await builder.with_url(page.odata_next_link).get()
