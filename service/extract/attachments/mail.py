"""Attached mails (.eml and Outlook .msg), with their own attachments read recursively."""

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage, Message

from service.extract.attachments import reasons
from service.extract.attachments.context import ReadContext, TextBuilder, Unreadable
from service.extract.text import html_to_text
from service.extract.types import ExtractedAttachment

_ENCRYPTED_MAIL = {"multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"}


def _nested_reader(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    from service.extract.attachments.reader import read_nested

    return read_nested(name, data, ctx)


def _mail_result(name: str, builder: TextBuilder, nested: list[ExtractedAttachment]) -> ExtractedAttachment:
    return ExtractedAttachment(
        name=name,
        text=builder.text(),
        is_ctf=any(item.is_ctf for item in nested),
        nested=tuple(nested),
    )


def _header_lines(builder: TextBuilder, headers: dict[str, str | None]) -> None:
    for label, value in headers.items():
        if value:
            builder.add(f"{label}: {' '.join(str(value).split())}")


def _leaves(part: Message) -> Iterator[Message]:
    """Every non-multipart part; an attached mail is one leaf, read on its own."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    payload = part.get_payload()
    if isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message):
                yield from _leaves(sub)


def _is_attachment(part: Message) -> bool:
    if (
        part.get_content_maintype() == "image"
        and part.get("Content-ID")
        and part.get_content_disposition() != "attachment"
    ):
        # Pictures shown inside the mail's own HTML (logos, signatures), not files sent.
        return False
    return (
        part.get_content_disposition() == "attachment"
        or part.get_filename() is not None
        or part.get_content_maintype() not in ("text", "multipart")
    )


def read_eml(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    inner_ctx = ctx.deeper()
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):  # policy.default always gives one; for the type checker
        raise Unreadable(reasons.DAMAGED)
    if message.get_content_type() in _ENCRYPTED_MAIL and message.get_param("smime-type") != "signed-data":
        return ExtractedAttachment(name=name, protected=True)
    builder = TextBuilder(ctx.text_chars)
    _header_lines(
        builder,
        {"Subject": message["subject"], "From": message["from"], "To": message["to"], "Cc": message["cc"]},
    )
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        builder.add(html_to_text(content) if body.get_content_subtype() == "html" else content)
    nested: list[ExtractedAttachment] = []
    for index, part in enumerate(_leaves(message), start=1):
        ctx.check_time()
        if part is body or not _is_attachment(part):
            continue
        filename = part.get_filename() or (
            f"attached-mail-{index}.eml" if part.get_content_type() == "message/rfc822" else f"part-{index}"
        )
        inner_name = f"{name}/{filename}"
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            content_bytes = inner.as_bytes() if isinstance(inner, Message) else b""
        else:
            raw = part.get_payload(decode=True)
            content_bytes = raw if isinstance(raw, bytes) else b""
        if len(content_bytes) > ctx.limits.max_bytes:
            nested.append(ExtractedAttachment(name=inner_name, readable=False, reason=reasons.TOO_LARGE))
            continue
        nested.append(_nested_reader(inner_name, content_bytes, inner_ctx))
    return _mail_result(name, builder, nested)


def read_msg(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    import extract_msg
    from extract_msg.enums import AttachmentType

    inner_ctx = ctx.deeper()
    message = extract_msg.openMsg(data, strict=False)
    try:
        builder = TextBuilder(ctx.text_chars)
        _header_lines(
            builder,
            {
                "Subject": getattr(message, "subject", None),
                "From": getattr(message, "sender", None),
                "To": getattr(message, "to", None),
                "Cc": getattr(message, "cc", None),
            },
        )
        body = getattr(message, "body", None)
        if body:
            builder.add(str(body))
        else:
            html = getattr(message, "htmlBody", None)
            if html:
                builder.add(
                    html_to_text(html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html)
                )
        nested: list[ExtractedAttachment] = []
        for index, attachment in enumerate(getattr(message, "attachments", []), start=1):
            ctx.check_time()
            filename = (
                getattr(attachment, "longFilename", None)
                or getattr(attachment, "shortFilename", None)
                or getattr(attachment, "displayName", None)
                or f"part-{index}"
            )
            inner_name = f"{name}/{filename}"
            kind = getattr(attachment, "type", None)
            mimetype = str(getattr(attachment, "mimetype", "") or "")
            if getattr(attachment, "hidden", False) and mimetype.startswith("image/"):
                continue  # a picture shown inside the mail's own HTML, not a file sent
            if kind == AttachmentType.MSG:
                embedded = attachment.data
                content = embedded.exportBytes() if embedded is not None else b""
                if not inner_name.lower().endswith(".msg"):
                    inner_name += ".msg"
            elif kind == AttachmentType.DATA:
                content = attachment.data or b""
            else:
                nested.append(
                    ExtractedAttachment(name=inner_name, readable=False, reason=reasons.UNKNOWN_FORMAT)
                )
                continue
            if len(content) > ctx.limits.max_bytes:
                nested.append(ExtractedAttachment(name=inner_name, readable=False, reason=reasons.TOO_LARGE))
                continue
            nested.append(_nested_reader(inner_name, content, inner_ctx))
        return _mail_result(name, builder, nested)
    finally:
        message.close()
