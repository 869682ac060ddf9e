"""Both Outlook add-in manifests from one source (addin-manifest/addin.yaml).

The add-in-only XML manifest serves classic Outlook on Windows and Mac; the unified
JSON manifest serves new Outlook and Outlook on the web. Both point at one base URL
(where `sendguard serve` answers) and one Entra ID application.
"""

import ipaddress
import json
import uuid
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, Literal
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.settings import REPO_ROOT

ADDIN_DIR = REPO_ROOT / "addin-manifest"
SOURCE_FILE = ADDIN_DIR / "addin.yaml"
XML_TEMPLATE = ADDIN_DIR / "templates" / "manifest.xml.tmpl"

SendMode = Literal["softBlock", "promptUser", "block"]
UNIFIED_SCHEMA_VERSION = "1.24"
UNIFIED_SCHEMA_URL = f"https://developer.microsoft.com/json-schemas/teams/v{UNIFIED_SCHEMA_VERSION}/MicrosoftTeams.schema.json"
# The unified manifest's app package carries two icons of fixed sizes.
PACKAGE_ICONS = {"color.png": "color-192.png", "outline.png": "outline-32.png"}

# Both manifests take major.minor.patch; the XML manifest's schema allows at most 5 digits a part.
VERSION_PATTERN = r"^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$"
_VERSION_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)

_XML_SEND_MODE = {"softBlock": "SoftBlock", "promptUser": "PromptUser", "block": "Block"}
_ADDIN_ID_NAMESPACE = uuid.UUID("5b1f4f0e-8d5c-4a53-9d6e-2f1f6c0e7a11")


class Paths(BaseModel):
    model_config = ConfigDict(extra="forbid")

    taskpane: str
    commands: str
    script: str
    about: str
    icon: str


class AddinSource(BaseModel):
    """addin-manifest/addin.yaml: names, words, ids and paths shared by both manifests."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=30)
    full_name: str = Field(max_length=100)
    provider: str
    version: str = Field(pattern=VERSION_PATTERN)
    default_locale: str
    short_description: str = Field(max_length=80)
    full_description: str = Field(max_length=4000)
    accent_color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    mailbox_min_version: str
    handler: str
    group_id: str
    group_label: str
    button_id: str
    button_label: str
    button_tooltip: str
    paths: Paths
    icon_sizes: list[int]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ManifestOptions(BaseModel):
    """What an administrator chooses for one deployment."""

    model_config = ConfigDict(extra="forbid")

    base_url: str
    client_id: uuid.UUID
    send_mode: SendMode = "softBlock"
    addin_id: uuid.UUID | None = None
    # NOTE: Outlook and the admin centre take a changed manifest only with a higher version
    # (and an event-based add-in needs the administrator's consent again); None: addin.yaml's.
    version: str | None = Field(default=None, pattern=VERSION_PATTERN)

    @field_validator("base_url")
    @classmethod
    def _https_base(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.query or parts.fragment or not parts.hostname:
            raise ValueError("the base URL must be like https://sendguard.example.org (no query or fragment)")
        # Outlook loads add-ins over HTTPS only; plain HTTP is accepted for a developer's own machine.
        if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(parts.hostname)):
            raise ValueError("the base URL must start with https://")
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def resource(self) -> str:
        """The API's application ID URI in the form Office SSO asks for: api://<host>/<client id>."""
        return f"api://{self.host}/{self.client_id}"

    @property
    def resolved_addin_id(self) -> uuid.UUID:
        # Stable for one deployment, so regenerating the manifest updates the add-in instead of adding another.
        return self.addin_id or uuid.uuid5(_ADDIN_ID_NAMESPACE, self.base_url)

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"


def derived_version(source_version: str, now: datetime | None = None) -> str:
    """A version higher than any made before it: addin.yaml's major, then days since 2024, then the minute of that day.

    Every `sendguard manifest` run and every start of the service thus yields a version
    above the last one, so Outlook takes the changed manifest as an update.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    elapsed = moment - _VERSION_EPOCH
    major = source_version.split(".", 1)[0]
    return f"{major}.{max(elapsed.days, 0)}.{max(elapsed.seconds // 60, 0)}"


@lru_cache
def load_source(path: Path = SOURCE_FILE) -> AddinSource:
    return AddinSource.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _icon_url(source: AddinSource, options: ManifestOptions, size: int) -> str:
    return options.url(source.paths.icon.format(size=size))


def render_xml(options: ManifestOptions, source: AddinSource | None = None) -> str:
    """The add-in-only XML manifest (VersionOverridesV1_1, LaunchEvent OnMessageSend)."""
    source = source or load_source()
    values: dict[str, str] = {
        "addin_id": str(options.resolved_addin_id),
        "version": options.version or source.version,
        "provider": source.provider,
        "default_locale": source.default_locale,
        "name": source.name,
        "short_description": source.short_description,
        "about_url": options.url(source.paths.about),
        "taskpane_url": options.url(source.paths.taskpane),
        "commands_url": options.url(source.paths.commands),
        "script_url": options.url(source.paths.script),
        "mailbox_min_version": source.mailbox_min_version,
        "group_id": source.group_id,
        "group_label": source.group_label,
        "button_id": source.button_id,
        "button_label": source.button_label,
        "button_tooltip": source.button_tooltip,
        "handler": source.handler,
        "send_mode": _XML_SEND_MODE[options.send_mode],
        "client_id": str(options.client_id),
        "resource": options.resource,
    }
    for size in (16, 32, 64, 80, 128):
        values[f"icon_{size}"] = _icon_url(source, options, size)
    escaped = {k: escape(v, {'"': "&quot;"}) for k, v in values.items()}
    return Template(XML_TEMPLATE.read_text(encoding="utf-8")).substitute(escaped)


def render_json(options: ManifestOptions, source: AddinSource | None = None) -> dict[str, Any]:
    """The unified manifest for Microsoft 365 (autoRunEvents messageSending)."""
    source = source or load_source()
    mailbox = {"capabilities": [{"name": "Mailbox", "minVersion": source.mailbox_min_version}]}
    icons = [{"size": size, "url": _icon_url(source, options, size)} for size in (16, 32, 80)]
    return {
        "$schema": UNIFIED_SCHEMA_URL,
        "manifestVersion": UNIFIED_SCHEMA_VERSION,
        "version": options.version or source.version,
        "id": str(options.resolved_addin_id),
        "localizationInfo": {"defaultLanguageTag": source.default_locale.lower()},
        "developer": {
            "name": source.provider,
            "websiteUrl": options.url(source.paths.about),
            "privacyUrl": options.url(source.paths.about) + "#privacy",
            "termsOfUseUrl": options.url(source.paths.about) + "#terms",
        },
        "name": {"short": source.name, "full": source.full_name},
        "description": {"short": source.short_description, "full": source.full_description},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": source.accent_color,
        "validDomains": [options.host],
        "webApplicationInfo": {"id": str(options.client_id), "resource": options.resource},
        "authorization": {
            "permissions": {"resourceSpecific": [{"name": "MailboxItem.ReadWrite.User", "type": "Delegated"}]}
        },
        "extensions": [
            {
                "requirements": {"scopes": ["mail"], **mailbox},
                "runtimes": [
                    {
                        "requirements": mailbox,
                        "id": "sendCheckRuntime",
                        "type": "general",
                        "code": {
                            "page": options.url(source.paths.commands),
                            "script": options.url(source.paths.script),
                        },
                        "lifetime": "short",
                        "actions": [{"id": source.handler, "type": "executeFunction", "displayName": source.handler}],
                    },
                    {
                        "requirements": mailbox,
                        "id": "taskPaneRuntime",
                        "type": "general",
                        "code": {"page": options.url(source.paths.taskpane)},
                        "lifetime": "short",
                        "actions": [{"id": "openSendGuardPane", "type": "openPage", "displayName": "openSendGuardPane"}],
                    },
                ],
                "ribbons": [
                    {
                        "contexts": ["mailCompose"],
                        "tabs": [
                            {
                                "builtInTabId": "TabDefault",
                                "groups": [
                                    {
                                        "id": source.group_id,
                                        "label": source.group_label,
                                        "icons": icons,
                                        "controls": [
                                            {
                                                "id": source.button_id,
                                                "type": "button",
                                                "label": source.button_label,
                                                "icons": icons,
                                                "supertip": {
                                                    "title": source.button_label,
                                                    "description": source.button_tooltip,
                                                },
                                                "actionId": "openSendGuardPane",
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "autoRunEvents": [
                    {
                        "requirements": mailbox,
                        "events": [
                            {
                                "type": "messageSending",
                                "actionId": source.handler,
                                "options": {"sendMode": options.send_mode},
                            }
                        ],
                    }
                ],
            }
        ],
    }


def render_json_text(options: ManifestOptions, source: AddinSource | None = None) -> str:
    return json.dumps(render_json(options, source), indent=2, ensure_ascii=False) + "\n"
