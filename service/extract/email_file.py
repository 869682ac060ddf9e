"""Saved drafts and messages (.eml, Outlook .msg) read into a ScanRequest.

`sendguard scan` takes these files; they must give the same request the add-in
would send for the same draft. Anything unreadable raises InputError with one
plain line, never a traceback.
"""

from __future__ import annotations

import base64
import codecs
import html
import io
import logging
import mimetypes
import re
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message as MimePart
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from typing import TYPE_CHECKING, Iterator, cast

from pydantic import ValidationError

from service.schemas.scan import (
    MAX_ATTACHMENTS,
    MAX_RECIPIENTS,
    Attachment,
    Body,
    Message,
    Recipient,
    ScanRequest,
)

if TYPE_CHECKING:
    from extract_msg.attachments import AttachmentBase, SignedAttachment
    from extract_msg.msg_classes import MessageBase

logger = logging.getLogger(__name__)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_TEXT = 512  # Recipient.address / Recipient.name limits of the contract shapes
_MAX_SUBJECT = 10_000
_MAX_NAME = 1024

# Headers of which at least one is in any real message, saved draft or not.
_MESSAGE_HEADERS = (
    "from", "to", "cc", "subject", "date", "message-id", "mime-version", "received",
    "content-type", "x-unsent",
)
_MSIP_LABEL = re.compile(r"MSIP_Label_([0-9a-fA-F-]+)_(Enabled|Name)=([^;]*)")


class InputError(ValueError):
    """A file that cannot be read as an email; the message is one plain line."""


def load_email(data: bytes) -> ScanRequest:
    """A .msg or .eml, told apart by content rather than by file name."""
    if data.startswith(OLE_SIGNATURE):
        return load_msg(data)
    return load_eml(data)


# --- .eml -------------------------------------------------------------------


def load_eml(data: bytes) -> ScanRequest:
    if not data.strip():
        raise InputError("the file is empty")
    if data.startswith(OLE_SIGNATURE):
        raise InputError("this is an Outlook .msg file, not a .eml file")
    try:
        mail = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as error:  # NOTE: the parser is lenient; deep nesting can still overflow it.
        logger.warning("unreadable .eml: %s", type(error).__name__)
        raise InputError("the email file is damaged and could not be read") from error
    if not isinstance(mail, EmailMessage) or not any(mail.get(h) is not None for h in _safe_keys(mail)):
        raise InputError("not an email file")
    try:
        return _request_from_mime(mail)
    except InputError:
        raise
    except Exception as error:
        logger.warning("unreadable .eml: %s", type(error).__name__)
        raise InputError("the email file is damaged and could not be read") from error


def _safe_keys(mail: EmailMessage) -> list[str]:
    present = {key.lower() for key in mail.keys()}
    return [h for h in _MESSAGE_HEADERS if h in present]


def _request_from_mime(mail: EmailMessage) -> ScanRequest:
    senders = _addresses(mail, "from")
    body_part = _body_part(mail)
    fragments, attachments = _split_parts(mail, body_part)
    body = _body(body_part, fragments)
    label, flagged = _eml_sensitivity(mail)
    return _build(
        subject=_header_text(mail, "subject"),
        body=body,
        sender=senders[0] if senders else None,
        to=_addresses(mail, "to"),
        cc=_addresses(mail, "cc"),
        bcc=_addresses(mail, "bcc"),
        attachments=attachments,
        sensitivity_label=label,
        flagged_confidential=flagged,
    )


def _clean(text: str) -> str:
    """Text without the lone surrogates the email package leaves for undecodable bytes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace").decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _header_text(mail: MimePart, name: str) -> str:
    try:
        value = mail.get(name)
        return "" if value is None else _clean(str(value))
    except Exception:
        return _clean(_decode_words(_raw_header(mail, name)))


def _raw_header(mail: MimePart, name: str) -> str:
    for key, value in mail.raw_items():  # type: ignore[attr-defined]
        if key.lower() == name:
            return str(value)
    return ""


def _decode_words(raw: str) -> str:
    """RFC 2047 words decoded; unknown or broken charsets give replacement characters."""
    try:
        return str(make_header(decode_header(raw)))
    except Exception:
        pieces = []
        for chunk, charset in decode_header(raw):
            if isinstance(chunk, bytes):
                pieces.append(chunk.decode(_codec(charset) or "utf-8", errors="replace"))
            else:
                pieces.append(chunk)
        return "".join(pieces)


def _addresses(mail: EmailMessage, name: str) -> list[Recipient]:
    found: list[tuple[str, str]] = []
    try:
        header = mail.get(name)
        if header is not None:
            for address in header.addresses:
                found.append((address.display_name, address.addr_spec))
    except Exception:
        raw = _raw_header(mail, name)
        found = [(_decode_words(n), a) for n, a in getaddresses([raw]) if a or n]
    recipients = []
    for display_name, address in found:
        address = _clean(address).strip()
        if not address:
            continue
        display_name = _clean(display_name).strip().strip('"').strip()
        recipients.append(
            Recipient(address=address[:_MAX_TEXT], name=display_name[:_MAX_TEXT] or None)
        )
    return recipients


def _body_part(mail: EmailMessage) -> EmailMessage | None:
    try:
        part = mail.get_body(preferencelist=("html", "plain"))
    except Exception:
        return None
    return part if isinstance(part, EmailMessage) else None


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _text_of(part: MimePart) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    codec = _codec(part.get_content_charset())
    if codec:
        return payload.decode(codec, errors="replace")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        # No charset (or an unknown one) and not UTF-8: Windows mail is cp1252.
        return payload.decode("cp1252", errors="replace")


def _mime_leaves(
    part: MimePart, ancestors: tuple[MimePart, ...] = ()
) -> Iterator[tuple[MimePart, tuple[MimePart, ...]]]:
    """Every part that is not a container, with its containers; an attached message is one part."""
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        for child in part.get_payload():  # type: ignore[union-attr]
            if isinstance(child, MimePart):
                yield from _mime_leaves(child, (*ancestors, part))
    else:
        yield part, ancestors


def _split_parts(
    mail: EmailMessage, body_part: MimePart | None
) -> tuple[list[MimePart], list[Attachment]]:
    """(more body text, attachments) besides the body part itself.

    Mail clients put text after an inline picture in a part of its own (text,
    image, text): that text is still body, and is scanned with it. The plain
    alternative of an HTML body says the same as the body and is left out.
    """
    body_containers: set[int] = set()
    if body_part is not None:
        for part, ancestors in _mime_leaves(mail):
            if part is body_part:
                body_containers = {id(a) for a in ancestors}
    fragments: list[MimePart] = []
    attachments: list[Attachment] = []
    for part, ancestors in _mime_leaves(mail):
        if part is body_part:
            continue
        filename = _filename(part)
        if part.get_content_type() == "message/rfc822":
            attachments.append(_attached_message(part, filename))
            continue
        disposition = part.get_content_disposition()
        if part.get_content_maintype() == "text" and not filename and disposition != "attachment":
            alternative = any(
                a.get_content_type() == "multipart/alternative" and id(a) in body_containers
                for a in ancestors
            )
            if not alternative and part.get_content_subtype() in ("plain", "html"):
                fragments.append(part)
            continue
        content = part.get_payload(decode=True)
        content = content if isinstance(content, bytes) else b""
        content_type = part.get_content_type()
        attachments.append(
            Attachment(
                name=(filename or _made_up_name(len(attachments) + 1, content_type))[:_MAX_NAME],
                content_type=content_type,
                size=len(content),
                content_base64=base64.b64encode(content).decode("ascii"),
                is_inline=disposition == "inline" or (disposition is None and "content-id" in part),
            )
        )
    return fragments, attachments


def _body(body_part: MimePart | None, fragments: list[MimePart]) -> Body:
    if body_part is None and not fragments:
        return Body()
    parts = ([body_part] if body_part is not None else []) + fragments
    as_html = any(p.get_content_subtype() == "html" for p in parts)
    pieces = []
    for part in parts:
        text = _text_of(part)
        if as_html and part.get_content_subtype() != "html":
            text = f"<pre>{html.escape(text)}</pre>"
        pieces.append(text)
    return Body(content="\n".join(pieces), type="html" if as_html else "text")


def _filename(part: MimePart) -> str:
    try:
        return _clean(part.get_filename() or "").strip()
    except Exception:
        return ""


def _made_up_name(number: int, content_type: str) -> str:
    return f"attachment-{number}{mimetypes.guess_extension(content_type) or ''}"


def _attached_message(part: MimePart, filename: str) -> Attachment:
    inner = part.get_payload()
    inner_message = inner[0] if isinstance(inner, list) and inner else None
    content = b""
    subject = ""
    if isinstance(inner_message, MimePart):
        subject = _header_text(inner_message, "subject")
        for attempt in (policy.default, policy.compat32):
            try:
                content = inner_message.as_bytes(policy=attempt)
                break
            except Exception:
                continue
    name = filename or f"{_safe_file_name(subject) or 'attached message'}.eml"
    return Attachment(
        name=name[:_MAX_NAME],
        content_type="message/rfc822",
        size=len(content),
        content_base64=base64.b64encode(content).decode("ascii"),
        is_inline=False,
    )


def _safe_file_name(subject: str) -> str:
    return " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", subject).split())[:200]


def _eml_sensitivity(mail: EmailMessage) -> tuple[str | None, bool]:
    """(sensitivity label, flagged confidential) from the headers Outlook writes.

    `Sensitivity: Company-Confidential` is Outlook's "Confidential" flag. Purview
    labels travel in `msip_labels`. X-Priority says how urgent, not how private,
    so it is not taken as a confidentiality flag.
    """
    sensitivity = _header_text(mail, "sensitivity").strip().lower()
    label = _msip_label(_header_text(mail, "msip_labels"))
    return label, sensitivity == "company-confidential"


def _msip_label(header: str) -> str | None:
    names: dict[str, str] = {}
    enabled: set[str] = set()
    for guid, key, value in _MSIP_LABEL.findall(header):
        if key == "Name":
            names[guid] = value.strip()
        elif value.strip().lower() == "true":
            enabled.add(guid)
    for guid, name in names.items():
        if guid in enabled and name:
            return name
    return None


# --- .msg -------------------------------------------------------------------


def load_msg(data: bytes) -> ScanRequest:
    if not data.startswith(OLE_SIGNATURE) or len(data) < 1536:
        raise InputError("not an Outlook .msg file")
    import extract_msg  # NOTE: 0.2 s to import; only .msg input needs it.
    from extract_msg.exceptions import InvalidFileFormatError, UnrecognizedMSGTypeError
    from extract_msg.msg_classes import Contact, Journal, MessageBase, StickyNote, Task

    try:
        msg = extract_msg.openMsg(io.BytesIO(data), delayAttachments=False)
    except (InvalidFileFormatError, UnrecognizedMSGTypeError) as error:
        raise InputError("not an Outlook email (.msg) file") from error
    except Exception as error:
        logger.warning("unreadable .msg: %s", type(error).__name__)
        raise InputError("the .msg file is damaged and could not be read") from error
    try:
        if not isinstance(msg, MessageBase) or isinstance(msg, (Contact, Journal, StickyNote, Task)):
            raise InputError("the .msg file is not an email (it is a contact, note or task)")
        return _request_from_msg(msg)
    except InputError:
        raise
    except Exception as error:
        logger.warning("unreadable .msg: %s", type(error).__name__)
        raise InputError("the .msg file is damaged and could not be read") from error
    finally:
        msg.close()


def _request_from_msg(msg: MessageBase) -> ScanRequest:
    from extract_msg.enums import RecipientType, Sensitivity

    html_body = _msg_html(msg)
    body = Body(content=html_body, type="html") if html_body else Body(content=msg.body or "")
    fields: dict[RecipientType, list[Recipient]] = {
        RecipientType.TO: [],
        RecipientType.CC: [],
        RecipientType.BCC: [],
    }
    for recipient in msg.recipients:
        address = (recipient.smtpAddress or recipient.email or "").strip()
        if address:
            name = (recipient.name or "").strip()[:_MAX_TEXT] or None
            fields.get(recipient.type, fields[RecipientType.TO]).append(
                Recipient(address=address[:_MAX_TEXT], name=name)
            )
    # extract-msg types this as a union of two list types; each element is one of the two.
    attachments = cast("list[AttachmentBase | SignedAttachment]", msg.attachments)
    sender_name, sender_address = parseaddr(msg.sender or "")
    sender = None
    if sender_address:
        sender = Recipient(address=sender_address[:_MAX_TEXT], name=sender_name[:_MAX_TEXT] or None)
    return _build(
        subject=msg.subject or "",
        body=body,
        sender=sender,
        to=fields[RecipientType.TO],
        cc=fields[RecipientType.CC],
        bcc=fields[RecipientType.BCC],
        attachments=[_msg_attachment(a, html_body, n) for n, a in enumerate(attachments, 1)],
        sensitivity_label=_msg_label(msg),
        flagged_confidential=msg.sensitivity == Sensitivity.CONFIDENTIAL,
    )


def _msg_attachment(
    attachment: AttachmentBase | SignedAttachment, html_body: str, number: int
) -> Attachment:
    from extract_msg.attachments import SignedAttachment
    from extract_msg.enums import AttachmentType
    from extract_msg.msg_classes import MSGFile

    data = attachment.data
    if isinstance(attachment, SignedAttachment):  # parts of an S/MIME signed message
        if isinstance(data, bytes):
            return _attachment(attachment.name or f"attachment-{number}", attachment.mimetype, data, False)
        if isinstance(data, MSGFile):
            return _attachment(f"attachment-{number}.msg", "application/vnd.ms-outlook", data.exportBytes(), False)
        return Attachment(name=attachment.name or f"attachment-{number}", content_base64=None)
    if attachment.type is AttachmentType.MSG and isinstance(data, MSGFile):
        subject = str(getattr(data, "subject", "") or "")
        name = f"{_safe_file_name(subject) or 'attached message'}.msg"
        return _attachment(name, "application/vnd.ms-outlook", data.exportBytes(), False)
    name = ""
    try:
        name = attachment.longFilename or attachment.shortFilename or attachment.name or ""
    except Exception:
        pass  # cloud links and unsupported kinds have no file name of their own
    if attachment.type is AttachmentType.DATA and isinstance(data, bytes):
        content_id = attachment.contentId
        inline = bool(attachment.hidden) or bool(content_id and f"cid:{content_id}" in html_body)
        content_type = attachment.mimetype or mimetypes.guess_type(name)[0]
        return _attachment(name or _made_up_name(number, content_type or ""), content_type, data, inline)
    # A cloud link or a kind extract-msg cannot read: judged by name alone.
    return Attachment(name=(name or f"attachment-{number}")[:_MAX_NAME], content_base64=None)


def _attachment(name: str, content_type: str | None, content: bytes, inline: bool) -> Attachment:
    return Attachment(
        name=name[:_MAX_NAME],
        content_type=content_type,
        size=len(content),
        content_base64=base64.b64encode(content).decode("ascii"),
        is_inline=inline,
    )


def _msg_html(msg: MessageBase) -> str:
    """The HTML body when the message has one of its own (not one made from plain text)."""
    raw = msg.getStream("__substg1.0_10130102")
    if raw is None:
        text = msg.getStringStream("__substg1.0_1013")
        if text:
            return text
        if msg.body:
            return ""
        raw = msg.htmlBody  # made from the RTF body, when that is all there is
    if not raw:
        return ""
    code_page = msg.getPropertyVal("3FDE0003")
    codec = _codec(f"cp{code_page}") if isinstance(code_page, int) else None
    for candidate in (codec, "utf-8"):
        if candidate:
            try:
                return bytes(raw).decode(candidate)
            except UnicodeDecodeError:
                continue
    return bytes(raw).decode("cp1252", errors="replace")


def _msg_label(msg: MessageBase) -> str | None:
    try:
        header = msg.header
        return _msip_label(str(header.get("msip_labels") or "")) if header is not None else None
    except Exception:
        return None


# --- both -------------------------------------------------------------------


def _build(
    *,
    subject: str,
    body: Body,
    sender: Recipient | None,
    to: list[Recipient],
    cc: list[Recipient],
    bcc: list[Recipient],
    attachments: list[Attachment],
    sensitivity_label: str | None,
    flagged_confidential: bool,
) -> ScanRequest:
    if max(len(to), len(cc), len(bcc)) > MAX_RECIPIENTS:
        raise InputError(f"the email has more than {MAX_RECIPIENTS} recipients in one field")
    if len(attachments) > MAX_ATTACHMENTS:
        raise InputError(f"the email has more than {MAX_ATTACHMENTS} attachments")
    try:
        message = Message.model_validate(
            {
                "subject": subject[:_MAX_SUBJECT],
                "body": body,
                "from": sender,
                "to": to,
                "cc": cc,
                "bcc": bcc,
                "attachments": attachments,
                "sensitivity_label": sensitivity_label,
                "flagged_confidential": flagged_confidential,
            }
        )
    except ValidationError as error:
        raise InputError("the email could not be read into a scan request") from error
    return ScanRequest(message=message)
