"""POST /v1/protect's shapes (CONTRACT section 3): a file in, its protected copy and password out."""

from pydantic import BaseModel, ConfigDict, Field


class FileToProtect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=1024)
    content_type: str | None = Field(default=None, max_length=256)
    content_base64: str


class ProtectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attachment: FileToProtect


class ProtectedFile(BaseModel):
    """The protected copy, to attach in place of the original, and the password that opens it (shown once)."""

    name: str
    content_type: str
    content_base64: str
    password: str
