"""OpenDocument text, spreadsheets and presentations (content.xml, parsed defused)."""

import io
import zipfile

from service.extract.attachments import reasons
from service.extract.attachments.context import ReadContext, TextBuilder, Unreadable
from service.extract.attachments.sheetcells import ods_grid_cells, read_ods_cells
from service.extract.attachments.spreadsheets import read_workbook, table_result
from service.extract.attachments.xmltext import events, local
from service.extract.attachments.zipsafety import prescan_parts, read_entry
from service.extract.types import ExtractedAttachment


def _encrypted(archive: zipfile.ZipFile, ctx: ReadContext) -> bool:
    try:
        manifest = read_entry(archive, archive.getinfo("META-INF/manifest.xml"), ctx, counted=True)
    except KeyError:
        return False
    return any(local(element.tag) == "encryption-data" for _, element in events(manifest, ctx))


def read_odf(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        prescan_parts(archive, len(data), ctx)
        if _encrypted(archive, ctx):
            return ExtractedAttachment(name=name, protected=True)
        mimetype = read_entry(archive, archive.getinfo("mimetype"), ctx, counted=True).decode(
            "ascii", errors="replace"
        )
        try:
            content = read_entry(archive, archive.getinfo("content.xml"), ctx, counted=True)
        except KeyError as error:
            raise Unreadable(reasons.DAMAGED) from error
    if mimetype.endswith(".spreadsheet"):
        if ods_grid_cells(content, ctx) > ctx.limits.max_sheet_cells:
            return table_result(name, read_ods_cells(content, ctx), ctx)
        return read_workbook(name, data, ctx)
    return _read_text(name, content, ctx)


def _read_text(name: str, content: bytes, ctx: ReadContext) -> ExtractedAttachment:
    builder = TextBuilder(ctx.text_chars)
    pieces: list[str] = []
    for event, element in events(content, ctx):
        tag = local(element.tag)
        if event == "start":
            continue
        if tag in ("p", "h"):
            pieces.append("".join(element.itertext()) + "\n")
            element.clear()
        elif tag == "table-cell":
            pieces.append("\t")
        if len(pieces) > 256:
            builder.add("".join(pieces))
            pieces.clear()
        if builder.full:
            break
    builder.add("".join(pieces))
    return ExtractedAttachment(name=name, text=builder.text())
