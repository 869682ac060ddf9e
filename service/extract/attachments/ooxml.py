"""Word, Excel and PowerPoint files of 2007 and later (zip containers of XML parts)."""

import io
import re
import zipfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import replace
from xml.etree.ElementTree import Element

from service.extract.attachments import reasons
from service.extract.attachments.context import ReadContext, TextBuilder, Unreadable
from service.extract.attachments.sheetcells import read_xlsx_cells, xlsx_grid_cells, xlsx_sheet_parts
from service.extract.attachments.spreadsheets import read_workbook, table_result
from service.extract.attachments.xmltext import CHUNK, events, local, paragraphs_text
from service.extract.attachments.zipsafety import prescan_parts, read_entry, stream_entry
from service.extract.types import ExtractedAttachment

_WORD_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_SLIDE_PARTS = re.compile(r"^ppt/(slides/slide|notesSlides/notesSlide)(\d+)\.xml$")
# Excel writes xl/comments1.xml, other tools xl/comments/comment1.xml.
_SHEET_COMMENT_PARTS = re.compile(r"^xl/(?:[^/]+/)?(comments?\d*|threadedComment\d*)\.xml$")
# Files embedded in the document (a spreadsheet pasted into a letter, say).
_EMBEDDED = re.compile(r"^(word|xl|ppt)/embeddings/[^/]+$")


def _open_checked(data: bytes, ctx: ReadContext) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    prescan_parts(archive, len(data), ctx)
    return archive


def _word_piece(tag: str, element: Element, pieces: list[str], in_cell: list[int]) -> None:
    # delText: text deleted with tracked changes on is still in the file that is sent.
    if tag in ("t", "delText"):
        pieces.append(element.text or "")
    elif tag == "tab":
        pieces.append("\t")
    elif tag in ("br", "cr"):
        pieces.append("\n")
    elif tag == "p":
        pieces.append(" " if in_cell[0] else "\n")
    elif tag in ("tc", "tr"):
        # A cell's last paragraph and a row's last cell leave a separator to replace.
        if pieces and pieces[-1] in (" ", "\t"):
            pieces.pop()
        pieces.append("\t" if tag == "tc" else "\n")


def _embedded(name: str, archive: zipfile.ZipFile, ctx: ReadContext) -> list[ExtractedAttachment]:
    from service.extract.attachments.reader import read_nested

    parts = [info for info in archive.infolist() if _EMBEDDED.match(info.filename)]
    if not parts:
        return []
    inner_ctx = ctx.deeper()
    return [
        read_nested(f"{name}/{info.filename}", read_entry(archive, info, ctx, counted=True), inner_ctx)
        for info in parts
    ]


def _with_embedded(result: ExtractedAttachment, nested: list[ExtractedAttachment]) -> ExtractedAttachment:
    if not nested:
        return result
    return replace(result, is_ctf=result.is_ctf or any(item.is_ctf for item in nested), nested=tuple(nested))


def read_docx(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    builder = TextBuilder(ctx.text_chars)
    with _open_checked(data, ctx) as archive:
        parts = sorted(
            (n for n in archive.namelist() if _WORD_PARTS.match(n)),
            key=lambda n: (n != "word/document.xml", n),
        )
        for part in parts:
            # Streamed: a long part is expanded only as far as the text cap needs (a 1 MB
            # report's 15 MB document part took 25 ms to expand and join whole).
            with closing(stream_entry(archive, archive.getinfo(part), ctx, CHUNK, counted=True)) as xml:
                _walk_word(xml, ctx, builder)
        nested = _embedded(name, archive, ctx)
    return _with_embedded(ExtractedAttachment(name=name, text=builder.text()), nested)


def _walk_word(xml: Iterable[bytes], ctx: ReadContext, builder: TextBuilder) -> None:
    pieces: list[str] = []
    depth = [0]  # table cells we are inside: their paragraphs join with spaces
    for event, element in events(xml, ctx):
        tag = local(element.tag)
        if event == "start":
            if tag == "tc":
                depth[0] += 1
            continue
        if tag == "tc":
            depth[0] -= 1
        _word_piece(tag, element, pieces, depth)
        if tag in ("p", "tbl"):
            element.clear()
        if len(pieces) > 256:
            builder.add("".join(pieces))
            pieces.clear()
        if builder.full:
            return
    builder.add("".join(pieces))


def _slide_piece(tag: str, element: Element, pieces: list[str]) -> None:
    if tag == "t":
        pieces.append(element.text or "")
    elif tag == "br":
        pieces.append("\n")
    elif tag == "p":
        pieces.append("\n")
        element.clear()


def _comment_piece(tag: str, element: Element, pieces: list[str]) -> None:
    if tag == "t":
        pieces.append(element.text or "")
    elif tag in ("comment", "threadedComment"):
        pieces.append("\n")
        element.clear()


def read_pptx(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    builder = TextBuilder(ctx.text_chars)
    with _open_checked(data, ctx) as archive:
        slides = []
        for part in archive.namelist():
            match = _SLIDE_PARTS.match(part)
            if match:
                slides.append((match.group(1) != "slides/slide", int(match.group(2)), part))
        if sum(1 for notes, _, _ in slides if not notes) > ctx.limits.max_pages:
            raise Unreadable(reasons.TOO_MANY_PAGES)
        for _, _, part in sorted(slides):
            ctx.check_time()
            paragraphs_text(
                read_entry(archive, archive.getinfo(part), ctx, counted=True), ctx, builder, _slide_piece
            )
        nested = _embedded(name, archive, ctx)
    return _with_embedded(ExtractedAttachment(name=name, text=builder.text()), nested)


def read_xlsx(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    comments = TextBuilder(ctx.text_chars)
    with _open_checked(data, ctx) as archive:
        for part in sorted(n for n in archive.namelist() if _SHEET_COMMENT_PARTS.match(n)):
            paragraphs_text(
                read_entry(archive, archive.getinfo(part), ctx, counted=True), ctx, comments, _comment_piece
            )
        nested = _embedded(name, archive, ctx)
        sheets = xlsx_sheet_parts(archive, ctx)
        # The sheets the workbook names, and any worksheet part it may not name plainly.
        parts = dict.fromkeys(
            [path for _, paths in sheets for path in paths]
            + [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        )
        spread_out = any(
            xlsx_grid_cells(read_entry(archive, archive.getinfo(part), ctx, counted=True)) > ctx.limits.max_sheet_cells
            for part in parts
        )
        table = read_xlsx_cells(archive, sheets, ctx) if spread_out else None
    result = table_result(name, table, ctx) if table is not None else read_workbook(name, data, ctx)
    if comments.text().strip():
        result = replace(result, text=f"{result.text}\nComments:\n{comments.text()}")
    return _with_embedded(result, nested)
