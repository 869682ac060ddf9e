"""Plain text, CSV/TSV, HTML, RTF and XML."""

import csv
import io
from xml.etree.ElementTree import ParseError

from striprtf.striprtf import rtf_to_text

from service.extract.attachments.context import ReadContext, TextBuilder
from service.extract.attachments.ctf import content_is_ctf
from service.extract.attachments.tables import TableReader
from service.extract.attachments.xmltext import leaf_lines
from service.extract.text import html_to_text
from service.extract.types import ExtractedAttachment

_CSV_DELIMITERS = ",;\t|"


def decode_text(data: bytes) -> str:
    """UTF-8 or UTF-16 by BOM, else UTF-8, else Windows-1252 (what Excel writes in the UK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _capped(text: str, ctx: ReadContext) -> str:
    builder = TextBuilder(ctx.text_chars)
    builder.add(text)
    return builder.text()


def read_text(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, text=_capped(decode_text(data), ctx))


def read_delimited(
    name: str, data: bytes, ctx: ReadContext, delimiter: str | None = None
) -> ExtractedAttachment:
    text = decode_text(data)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=_CSV_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","
    table = TableReader(ctx)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        if not table.add_row("", row):
            break
    builder = TextBuilder(ctx.text_chars)
    table.render(builder)
    return ExtractedAttachment(name=name, text=builder.text(), people_count=table.people_count)


def read_csv(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    return read_delimited(name, data, ctx)


def read_tsv(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    return read_delimited(name, data, ctx, delimiter="\t")


def read_html(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, text=_capped(html_to_text(decode_text(data)), ctx))


def read_rtf(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, text=_capped(rtf_to_text(decode_text(data), errors="ignore"), ctx))


def read_xml(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    builder = TextBuilder(ctx.text_chars)
    try:
        leaf_lines(data, ctx, builder)
    except ParseError:
        # Text that starts with "<" but is not XML (or is cut short): still text to check.
        return ExtractedAttachment(
            name=name, text=_capped(decode_text(data), ctx), is_ctf=content_is_ctf(data)
        )
    return ExtractedAttachment(name=name, text=builder.text(), is_ctf=content_is_ctf(data))
