"""PDF through PDFium: protected when it needs a password to open; text page by page.

PDFium (pypdfium2) reads a 1 MB text PDF about five times faster than pypdf, and
it decides encryption the way a viewer does: a PDF that opens with the empty user
password (owner restrictions only) is not protected.
"""

import re
import threading
import time
import zlib

import pypdfium2 as pdfium

from service.extract.attachments import reasons
from service.extract.attachments.context import (
    OutOfTime,
    ReadContext,
    TextBuilder,
    Unreadable,
)
from service.extract.attachments.zipsafety import check_declared_size
from service.extract.types import ExtractedAttachment

NO_TEXT = "a scanned document or picture: its content cannot be checked"

# PDFium error codes (fpdfview.h FPDF_ERR_*).
_ERR_PASSWORD = 4
_ERR_SECURITY = 6  # a security handler PDFium lacks, e.g. Microsoft IRM: needs a key to open

# PDFium is not thread-safe: one PDF at a time per process.
_PDFIUM_LOCK = threading.Lock()

# NOTE: the lookbehind after the word, not before it: a pattern that opens with a
# lookbehind has no literal prefix to scan for and is tried at every byte (12 ms over a
# 1 MB PDF, against 0.5 ms). The same matches: "stream" not ending "endstream".
_STREAM_START = re.compile(rb"stream(?<!endstream)\r?\n")
_IMAGE_SUBTYPE = re.compile(rb"/Subtype\s*/Image")
_DICT_LOOKBACK = 2048
_INFLATE_CHUNK = 1024 * 1024


def check_streams(data: bytes, ctx: ReadContext) -> None:
    """Inflates every Flate stream once, counting bytes and text objects, before PDFium sees the file.

    PDFium inflates a page's content stream whole: a 1 MB PDF whose page expands to
    1 GB took a gigabyte of memory. It also keeps every object of a page while its
    text is read, about 2.7 KB each: one page of 150,000 text objects took 400 MB.
    Images are skipped: text extraction never decodes them.
    """
    # NOTE: the pieces handed to zlib are views, not copies: a stored (not Flate) stream
    # is tried as Flate too, and copying a megabyte for each try cost a third of a 1 MB
    # PDF's reading time.
    view = memoryview(data)
    expanded = 0
    for match in _STREAM_START.finditer(data):
        ctx.check_time()
        start = match.end()
        head = data[max(0, match.start() - _DICT_LOOKBACK) : match.start()]
        if _IMAGE_SUBTYPE.search(head[head.rfind(b"obj") + 1 :]):
            continue
        inflater = zlib.decompressobj()
        pending: bytes | memoryview = view[start : start + _INFLATE_CHUNK]
        offset = start + len(pending)
        shown = 0
        try:
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, _INFLATE_CHUNK)
                expanded += len(chunk)
                shown += _text_shows(chunk)
                pending = inflater.unconsumed_tail
                if not pending and not inflater.eof:
                    pending = view[offset : offset + _INFLATE_CHUNK]
                    offset += len(pending)
                check_declared_size(expanded, len(data), ctx)
        except zlib.error:
            # Not Flate (or encrypted): PDFium decodes those within its own limits; a
            # stream stored as it is is counted as it stands.
            end = data.find(b"endstream", start)
            shown = _text_shows(data[start : end if end >= 0 else len(data)])
        if shown > ctx.limits.max_pdf_stream_text_objects:
            raise Unreadable(reasons.TOO_COMPLEX)


def _text_shows(content: bytes) -> int:
    """Text-showing operators (Tj, TJ): each becomes an object PDFium keeps in memory."""
    return content.count(b"Tj") + content.count(b"TJ")


def read_pdf(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    if not _PDFIUM_LOCK.acquire(timeout=max(ctx.shared.deadline - time.monotonic(), 0)):
        raise OutOfTime(reasons.TOO_SLOW)
    try:
        return _read_locked(name, data, ctx)
    finally:
        _PDFIUM_LOCK.release()


def _read_locked(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    check_streams(data, ctx)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (_ERR_PASSWORD, _ERR_SECURITY):
            return ExtractedAttachment(name=name, protected=True)
        raise Unreadable(reasons.DAMAGED) from error
    try:
        pages = len(document)
        if pages > ctx.limits.max_pages:
            raise Unreadable(reasons.TOO_MANY_PAGES)
        builder = TextBuilder(ctx.text_chars)
        for index in range(pages):
            ctx.check_time()
            page = document[index]
            try:
                textpage = page.get_textpage()
                builder.add(textpage.get_text_range().replace("\r\n", "\n"))
                textpage.close()
            finally:
                page.close()
            if builder.full:
                break
    finally:
        document.close()
    text = builder.text()
    if pages and not text.strip():
        return ExtractedAttachment(name=name, readable=False, reason=NO_TEXT)
    return ExtractedAttachment(name=name, text=text)
