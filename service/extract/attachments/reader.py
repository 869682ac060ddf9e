"""One file's bytes to an ExtractedAttachment: pick the reader by kind, contain failures."""

import logging
from collections.abc import Callable
from dataclasses import replace

from service.extract.attachments import reasons
from service.extract.attachments.archives import read_7z, read_zip
from service.extract.attachments.context import (
    ReadContext,
    Unreadable,
    WholeAttachmentUnreadable,
)
from service.extract.attachments.ctf import content_is_ctf, name_is_ctf
from service.extract.attachments.mail import read_eml
from service.extract.attachments.odf import read_odf
from service.extract.attachments.ole import read_ole
from service.extract.attachments.ooxml import read_docx, read_pptx, read_xlsx
from service.extract.attachments.pdf import read_pdf
from service.extract.attachments.sniff import FileKind, sniff
from service.extract.attachments.textfiles import (
    read_csv,
    read_html,
    read_rtf,
    read_text,
    read_tsv,
    read_xml,
)
from service.extract.types import ExtractedAttachment

logger = logging.getLogger(__name__)

Reader = Callable[[str, bytes, ReadContext], ExtractedAttachment]

_READERS: dict[FileKind, Reader] = {
    FileKind.DOCX: read_docx,
    FileKind.XLSX: read_xlsx,
    FileKind.PPTX: read_pptx,
    FileKind.ODF: read_odf,
    FileKind.ZIP: read_zip,
    FileKind.SEVEN_ZIP: read_7z,
    FileKind.PDF: read_pdf,
    FileKind.OLE: read_ole,
    FileKind.RTF: read_rtf,
    FileKind.HTML: read_html,
    FileKind.XML: read_xml,
    FileKind.EML: read_eml,
    FileKind.CSV: read_csv,
    FileKind.TSV: read_tsv,
    FileKind.TEXT: read_text,
}
_UNREADABLE_KINDS = {
    FileKind.IMAGE: reasons.PICTURE,
    FileKind.RAR: reasons.RAR,
    FileKind.OOXML_OTHER: reasons.UNKNOWN_FORMAT,
    FileKind.UNKNOWN: reasons.UNKNOWN_FORMAT,
}
_TEXT_KINDS = {FileKind.TEXT, FileKind.XML, FileKind.HTML}


def read_file(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    """Reads one file; raises Unreadable (or any parser error) when it cannot."""
    if len(data) > ctx.limits.max_bytes:
        raise Unreadable(reasons.TOO_LARGE)
    if ctx.shared.draft.text_spent:
        raise Unreadable(reasons.TEXT_SPENT)
    kind = sniff(name, data)
    if kind in _UNREADABLE_KINDS:
        raise Unreadable(_UNREADABLE_KINDS[kind])
    result = _READERS[kind](name, data, ctx)
    if not result.is_ctf and (name_is_ctf(name) or kind in _TEXT_KINDS and content_is_ctf(data)):
        result = replace(result, is_ctf=True)
    text, cut = ctx.shared.draft.take_text(result.text)
    return replace(result, text=text, truncated=True) if cut else result


def unreadable(name: str, reason: str) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, readable=False, reason=reason, is_ctf=name_is_ctf(name))


def read_nested(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    """A file inside an archive or mail: its own failure stays its own, except a bomb or
    running out of time, which end the whole attachment (a hostile archive is not
    to be half-read)."""
    try:
        return read_file(name, data, ctx)
    except WholeAttachmentUnreadable:
        raise
    except Unreadable as error:
        return unreadable(name, error.reason)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure means a damaged file
        logger.info("nested file could not be read: %s", type(error).__name__)
        return unreadable(name, reasons.DAMAGED)


def read_top(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    """The attachment itself: nothing escapes, every failure becomes a reason."""
    try:
        return read_file(name, data, ctx)
    except Unreadable as error:
        return unreadable(name, error.reason)
    except MemoryError:
        return unreadable(name, reasons.TOO_LARGE)
    except RecursionError:
        return unreadable(name, reasons.DAMAGED)
    except Exception as error:  # noqa: BLE001
        # Damaged, truncated or mislabelled files end in many different library errors.
        logger.info("attachment could not be read: %s", type(error).__name__)
        return unreadable(name, reasons.DAMAGED)
