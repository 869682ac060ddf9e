"""A Message from the add-in -> normalised plain text for detection."""

from service.extract.attachments import AttachmentLimits, extract_attachment
from service.extract.budget import DraftBudget
from service.extract.text import html_to_text, normalise
from service.extract.types import ExtractedMessage
from service.schemas.scan import Attachment, Message


def extract_message(
    message: Message, limits: AttachmentLimits | None = None, draft: DraftBudget | None = None
) -> ExtractedMessage:
    """`draft`: one deadline and text allowance shared by every attachment (unlimited when None)."""
    body = message.body.content
    if message.body.type == "html":
        body = html_to_text(body)
    return ExtractedMessage(
        subject=normalise(message.subject).text,
        body=normalise(body).text,
        attachments=tuple(extract_attachment(a, limits, draft) for a in message.attachments if not _is_inline_picture(a)),
    )


def _is_inline_picture(attachment: Attachment) -> bool:
    """Logos and pictures placed in the body (signatures, letterheads): not attachments to check."""
    return attachment.is_inline and (attachment.content_type or "").lower().startswith("image/")
