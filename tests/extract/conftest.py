"""Shared helpers for the attachment tests: files are made by real tools at test time."""

import base64
from collections.abc import Callable

import pytest

from service.extract.attachments import AttachmentLimits, extract_attachment
from service.extract.types import ExtractedAttachment
from service.schemas import Attachment

Extract = Callable[..., ExtractedAttachment]


@pytest.fixture
def extract() -> Extract:
    """extract(name, data, **limits): the attachment as the add-in would send it, extracted."""

    def run(name: str, data: bytes, **limits: float) -> ExtractedAttachment:
        attachment = Attachment(name=name, content_base64=base64.b64encode(data).decode("ascii"))
        return extract_attachment(attachment, AttachmentLimits.model_validate(limits) if limits else None)

    return run
