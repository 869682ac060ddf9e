"""Workbooks (xlsx, xlsm, xls, ods) through calamine, a Rust reader: a 10,000-row
sheet takes tens of milliseconds where openpyxl takes seconds.

NOTE: calamine allocates each sheet as a dense grid from its first to its last cell;
callers measure the grids first (sheetcells.py) and only hand over workbooks whose
grids fit `max_sheet_cells`."""

import io

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from service.extract.attachments.context import ReadContext, TextBuilder
from service.extract.attachments.tables import TableReader
from service.extract.types import ExtractedAttachment


def read_workbook(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    """Callers have already checked the package (sizes, DTDs) and its encryption."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        return ExtractedAttachment(name=name, protected=True)
    table = TableReader(ctx)
    try:
        for meta in workbook.sheets_metadata:
            ctx.check_time()
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            for row in sheet.iter_rows():
                if not table.add_row(meta.name, row):
                    break
            if table.row_cap_reached:
                break
    finally:
        workbook.close()
    return table_result(name, table, ctx)


def table_result(name: str, table: TableReader, ctx: ReadContext) -> ExtractedAttachment:
    builder = TextBuilder(ctx.text_chars)
    table.render(builder)
    return ExtractedAttachment(name=name, text=builder.text(), people_count=table.people_count)
