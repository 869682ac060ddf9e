"""Sheets measured, and when need be read, by their real cells, never as one dense grid.

calamine (through python-calamine, which offers no lazier reader) builds each sheet
as one grid from its first to its last cell: a 1.5 KB xlsx holding only A1 and
XFD1048576 asked for 512 GB, and A1 with CV100000 took 300 MB. So before a workbook
reaches calamine, each sheet's grid is measured from its cell references (a byte
scan for xlsx, a defused parse for ods); when any grid is larger than
`max_sheet_cells`, the workbook is read here instead, cell by cell, so a cell that
does not exist costs nothing.
"""

import posixpath
import re
import zipfile
from collections.abc import Iterator
from operator import itemgetter
from dataclasses import dataclass

from service.extract.attachments.context import ReadContext
from service.extract.attachments.tables import TableReader
from service.extract.attachments.xmltext import events, local
from service.extract.attachments.zipsafety import read_entry

# Columns kept in their places in a row; cells further right follow on after the
# widest near part seen so far (so they do not land under the header's columns),
# without the gap: one far-off cell cannot make every row 16,384 cells wide.
ROW_WIDTH = 1024

# Any `r` attribute (cells carry "B7", rows "7"): one pass in C. Other elements with
# an `r` attribute can only make the measured grid larger, never smaller.
_ANY_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Z]{0,3})([0-9]{1,7})[\"']")
_REF = re.compile(rb"\sr\s*=\s*[\"']\$?([A-Za-z]{0,3})\$?([0-9]{1,7})[\"']")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(slots=True)
class _Extent:
    """The grid a sheet's cells span, as calamine would allocate it."""

    first_row: int | None = None
    last_row: int = 0
    first_col: int | None = None
    last_col: int = 0

    def add(self, row: int, col: int) -> None:
        self.first_row = row if self.first_row is None else min(self.first_row, row)
        self.first_col = col if self.first_col is None else min(self.first_col, col)
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)

    @property
    def cells(self) -> int:
        if self.first_row is None or self.first_col is None:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)


def column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


class RowLayout:
    """Rows of one workbook as lists: columns left of ROW_WIDTH in place, the rest after them."""

    def __init__(self) -> None:
        self._sheet: str | None = None
        self._widest = 0

    def values(self, sheet: str, cells: dict[int, str]) -> list[str]:
        if sheet != self._sheet:
            self._sheet, self._widest = sheet, 0
        columns = sorted(cells)
        near = [c for c in columns if c < ROW_WIDTH]
        row = [""] * (near[-1] + 1 if near else 0)
        for c in near:
            row[c] = cells[c]
        self._widest = max(self._widest, len(row))
        far = [cells[c] for c in columns if c >= ROW_WIDTH]
        if far:
            row.extend([""] * (self._widest - len(row)))
            row.extend(far)
        return row


# --- xlsx ----------------------------------------------------------------------


def xlsx_sheet_parts(archive: zipfile.ZipFile, ctx: ReadContext) -> list[tuple[str, list[str]]]:
    """(sheet name, parts it may be read from) for each sheet, in workbook order.

    NOTE: every part a relationship's target could name is given (absolute, relative to
    xl/, as written): whichever one calamine resolves it to is then measured too.
    """
    try:
        workbook = read_entry(archive, archive.getinfo("xl/workbook.xml"), ctx, counted=True)
        rels = read_entry(archive, archive.getinfo("xl/_rels/workbook.xml.rels"), ctx, counted=True)
    except KeyError:
        return []
    targets: dict[str | None, list[str]] = {}
    for _, element in events(rels, ctx, kinds=("end",)):
        if local(element.tag) == "Relationship":
            target = element.get("Target", "").replace("\\", "/")
            candidates = [target.lstrip("/"), posixpath.normpath(f"xl/{target}"), f"xl/{target}", target]
            found = [c for c in dict.fromkeys(candidates) if c in archive.NameToInfo]
            targets[element.get("Id")] = found
    sheets = []
    for _, element in events(workbook, ctx, kinds=("end",)):
        if local(element.tag) == "sheet":
            paths = targets.get(element.get(f"{{{_REL_NS}}}id"), [])
            if paths:
                sheets.append((element.get("name", ""), paths))
    return sheets


def xlsx_grid_cells(xml: bytes) -> int:
    """The grid one worksheet part spans, from its cell and row references (no parse).

    Cells or rows without a reference follow the previous one, so each adds one to
    the width or height: an estimate that can only be too large, never too small.
    NOTE: counted with bytes.count and one findall rather than per-match Python, which
    cost a 10,000-row sheet half a second.
    """
    refs = _ANY_REF.findall(xml)
    rows = list(map(int, map(itemgetter(1), refs)))
    letters = list(map(itemgetter(0), refs))
    columns = [column_index(c.decode("ascii")) for c in set(letters) if c] or [0]
    row_refs = letters.count(b"")
    cell_refs = len(refs) - row_refs
    # Tags are counted without the namespace prefix unless the part uses one.
    leads = (b"<", b":") if b":sheetData" in xml else (b"<",)
    tags = sum(xml.count(lead + b"c" + end) for lead in leads for end in (b" ", b">", b"/"))
    row_tags = sum(xml.count(lead + b"row" + end) for lead in leads for end in (b" ", b">", b"/"))
    height = (max(rows) - min(rows) + 1 if rows else 0) + max(row_tags - row_refs, 0)
    width = max(columns) - min(columns) + 1 + max(tags - cell_refs, 0)
    return height * width


def _shared_strings(archive: zipfile.ZipFile, ctx: ReadContext) -> list[str]:
    try:
        xml = read_entry(archive, archive.getinfo("xl/sharedStrings.xml"), ctx, counted=True)
    except KeyError:
        return []
    strings: list[str] = []
    room = 4 * ctx.limits.max_text_chars  # strings past it are only counted, never copied
    pieces: list[str] = []
    for _, element in events(xml, ctx, kinds=("end",)):
        tag = local(element.tag)
        if tag == "t":
            pieces.append(element.text or "")
        elif tag == "si":
            text = "".join(pieces) if room > 0 else ""
            room -= len(text)
            strings.append(text)
            pieces.clear()
            element.clear()
    return strings


def _xlsx_rows(xml: bytes, strings: list[str], ctx: ReadContext) -> Iterator[dict[int, str]]:
    row_index = 0
    col = -1
    cells: dict[int, str] = {}
    kind = ""
    value = ""
    inline: list[str] = []
    for event, element in events(xml, ctx):
        tag = local(element.tag)
        if event == "start":
            if tag == "row":
                ref = element.get("r")
                row_index = int(ref) if ref and ref.isdigit() else row_index + 1
                col, cells = -1, {}
            elif tag == "c":
                match = _REF.fullmatch(element.get("r") or "")
                col = column_index(match.group(1)) if match else col + 1
                kind, value, inline = element.get("t", "n"), "", []
            continue
        if tag == "v":
            value = element.text or ""
        elif tag == "t":
            inline.append(element.text or "")
        elif tag == "c":
            text = _cell_value(kind, value, inline, strings)
            if text:
                cells[col] = text
        elif tag == "row":
            if cells:
                yield cells
            element.clear()


def _cell_value(kind: str, value: str, inline: list[str], strings: list[str]) -> str:
    if kind == "s":
        index = int(value) if value.strip().isdigit() else -1
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "inlineStr":
        return "".join(inline)
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    return value


def read_xlsx_cells(
    archive: zipfile.ZipFile, sheets: list[tuple[str, list[str]]], ctx: ReadContext
) -> TableReader:
    strings = _shared_strings(archive, ctx)
    table = TableReader(ctx)
    layout = RowLayout()
    for title, paths in sheets:
        xml = read_entry(archive, archive.getinfo(paths[0]), ctx, counted=True)
        for cells in _xlsx_rows(xml, strings, ctx):
            if not table.add_row(title, layout.values(title, cells)):
                return table
    return table


# --- ods -----------------------------------------------------------------------

_ODS_CELLS = ("table-cell", "covered-table-cell")
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _repeat(element: object, attribute: str) -> int:
    raw = element.get(f"{{{_TABLE_NS}}}{attribute}", "1")  # type: ignore[attr-defined]
    return max(int(raw), 1) if raw.isdigit() else 1


def ods_rows(content: bytes, ctx: ReadContext) -> Iterator[tuple[str, int, int, dict[int, str], int]]:
    """(sheet, first row, repetitions, cells by column, last column) for each row that holds something.

    A repeated row stands for that many real rows; repeated empty rows and cells only
    move the position on. The last column is where calamine would see the row end,
    repeats included, while `cells` keeps at most ROW_WIDTH copies of a repeated cell.
    """
    sheet = ""
    row = 0
    col = 0
    last_col = 0
    cells: dict[int, str] = {}
    for event, element in events(content, ctx):
        tag = local(element.tag)
        if event == "start":
            if tag == "table":
                sheet, row = element.get(f"{{{_TABLE_NS}}}name", ""), 0
            elif tag == "table-row":
                col, last_col, cells = 0, 0, {}
            continue
        if tag in _ODS_CELLS:
            repeat = _repeat(element, "number-columns-repeated")
            text = "\n".join("".join(p.itertext()) for p in element if local(p.tag) == "p").strip()
            if not text and element.get(f"{{{_OFFICE_NS}}}value-type"):
                text = element.get(f"{{{_OFFICE_NS}}}value", "")
            if text:
                for c in range(col, col + min(repeat, ROW_WIDTH)):
                    cells[c] = text
                last_col = col + repeat - 1
            col += repeat
            element.clear()
        elif tag == "table-row":
            repeat = _repeat(element, "number-rows-repeated")
            if cells:
                yield sheet, row, repeat, cells, last_col
            row += repeat
            element.clear()


def ods_grid_cells(content: bytes, ctx: ReadContext) -> int:
    """The largest grid any sheet's real cells span."""
    extents: dict[str, _Extent] = {}
    for sheet, row, repeat, cells, last_col in ods_rows(content, ctx):
        extent = extents.setdefault(sheet, _Extent())
        extent.add(row, min(cells))
        extent.add(row + repeat - 1, last_col)
    return max((extent.cells for extent in extents.values()), default=0)


def read_ods_cells(content: bytes, ctx: ReadContext) -> TableReader:
    table = TableReader(ctx)
    layout = RowLayout()
    for sheet, _, repeat, cells, _ in ods_rows(content, ctx):
        values = layout.values(sheet, cells)
        for _ in range(repeat):
            if not table.add_row(sheet, values):
                return table
    return table
