"""ScanRequest and ScanResult of CONTRACT sections 2 and 4."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Action(StrEnum):
    ALLOW = "allow"
    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _ACTION_RANK[self]


_ACTION_RANK = {Action.ALLOW: 0, Action.INFO: 1, Action.WARN: 2, Action.BLOCK: 3}

# Field caps: large enough for any real draft, small enough that a hostile
# request cannot make the service hold unbounded data in memory.
MAX_RECIPIENTS = 5000
MAX_ATTACHMENTS = 250


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str = Field(max_length=512)
    name: str | None = Field(default=None, max_length=512)
    type: Literal["user", "externalUser", "distributionList", "other"] | None = None


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = ""
    type: Literal["text", "html"] = "text"


class Attachment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=1024)
    content_type: str | None = Field(default=None, max_length=256)
    size: int | None = Field(default=None, ge=0)
    content_base64: str | None = None
    is_inline: bool = False


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    subject: str = Field(default="", max_length=10_000)
    body: Body = Field(default_factory=Body)
    sender: Recipient | None = Field(default=None, alias="from")
    to: list[Recipient] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    cc: list[Recipient] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    bcc: list[Recipient] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    attachments: list[Attachment] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    sensitivity_label: str | None = None
    flagged_confidential: bool = False


class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: Message


class Finding(BaseModel):
    rule: str
    action: Action
    title: str
    message: str
    locations: list[str]
    entities: dict[str, int] = Field(default_factory=dict)
    policy: str = ""
    fix: str = ""


class ScanResult(BaseModel):
    scan_id: str
    action: Literal["allow", "warn", "block"]
    findings: list[Finding]
    summary: str
