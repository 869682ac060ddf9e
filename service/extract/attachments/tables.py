"""Spreadsheets and CSV as tables: header kept, a sample of rows as text, every row counted."""

import datetime as dt
import re
from collections.abc import Sequence

from service.extract.attachments.context import ReadContext, TextBuilder

_PERSON_WORDS = frozenset(
    {
        "name",
        "names",
        "surname",
        "forename",
        "forenames",
        "firstname",
        "lastname",
        "fullname",
        "pupil",
        "pupils",
        "student",
        "students",
        "child",
        "children",
        "learner",
        "upn",
        "uln",
    }
)
# Columns that carry "name" or "pupil" but do not name a person.
_NOT_PERSON_WORDS = frozenset(
    {
        "school",
        "class",
        "subject",
        "course",
        "group",
        "file",
        "company",
        "organisation",
        "organization",
        "team",
        "house",
        "site",
        "product",
        "item",
        "event",
        "trip",
        "setting",
        "user",
        "username",
        "premium",
        "form",
        "sheet",
        "account",
        "bank",
        "street",
        "road",
        "town",
        "city",
        "village",
        "county",
        "venue",
        "department",
    }
)
_NAME_LIKE = re.compile(
    r"^(?:[A-Z][A-Za-z'’\-]+,?\s+){1,3}[A-Z][A-Za-z'’\-]+$"  # Jo Smith, SMITH, Jo
)
_UPN_LIKE = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")
# Rows looked at to find the header under a title line or two.
_HEADER_SEARCH_ROWS = 10
_TIME_CHECK_EVERY = 500


def is_person_header(cell: str) -> bool:
    words = set(re.findall(r"[a-z]+", cell.lower()))
    return bool(words & _PERSON_WORDS) and not words & _NOT_PERSON_WORDS


def looks_like_name(cell: str) -> bool:
    return bool(_NAME_LIKE.match(cell) or _UPN_LIKE.match(cell))


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


class _Sheet:
    def __init__(self, title: str) -> None:
        self.title = title
        self.leading: list[list[str]] = []  # rows seen before the header is chosen
        self.header: list[str] | None = None
        self.person_columns: list[int] = []
        self.rows = 0
        self.people = 0
        self.sample: list[str] = []


class TableReader:
    """Takes rows sheet by sheet; renders the text and counts the people."""

    def __init__(self, ctx: ReadContext) -> None:
        self._ctx = ctx
        self._sheets: list[_Sheet] = []
        self._total_rows = 0
        self.row_cap_reached = False

    def add_row(self, sheet: str, values: Sequence[object]) -> bool:
        """Adds one row; False once the row cap is reached and reading should stop."""
        if not self._sheets or self._sheets[-1].title != sheet:
            self._finish_header()
            self._sheets.append(_Sheet(sheet))
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            return True
        self._total_rows += 1
        if self._total_rows % _TIME_CHECK_EVERY == 0:
            self._ctx.check_time()
        if self._total_rows > self._ctx.limits.max_rows:
            self.row_cap_reached = True
            return False
        current = self._sheets[-1]
        if current.header is None:
            current.leading.append(cells)
            if is_header_row(cells) or len(current.leading) >= _HEADER_SEARCH_ROWS:
                self._choose_header(current)
            return True
        self._add_data_row(current, cells)
        return True

    def _finish_header(self) -> None:
        if self._sheets and self._sheets[-1].header is None:
            self._choose_header(self._sheets[-1])

    def _choose_header(self, sheet: _Sheet) -> None:
        rows = sheet.leading
        sheet.leading = []
        if not rows:
            sheet.header = []
            return
        index = next((i for i, row in enumerate(rows) if is_header_row(row)), 0)
        sheet.sample.extend("\t".join(row) for row in rows[:index])
        sheet.header = rows[index]
        sheet.person_columns = [i for i, cell in enumerate(sheet.header) if is_person_header(cell)]
        for row in rows[index + 1 :]:
            self._add_data_row(sheet, row)

    def _add_data_row(self, sheet: _Sheet, cells: list[str]) -> None:
        sheet.rows += 1
        if sheet.person_columns:
            if any(i < len(cells) and cells[i] for i in sheet.person_columns):
                sheet.people += 1
        else:
            first = next((c for c in cells if c), "")
            if looks_like_name(first):
                sheet.people += 1
        if sheet.rows <= self._ctx.limits.max_sample_rows:
            sheet.sample.append("\t".join(cells))

    @property
    def people_count(self) -> int:
        self._finish_header()
        return sum(sheet.people for sheet in self._sheets)

    def render(self, builder: TextBuilder) -> None:
        self._finish_header()
        for sheet in self._sheets:
            if sheet.header is None:
                continue
            builder.add(f"Sheet: {sheet.title}" if sheet.title else "")
            if sheet.header:
                builder.add("Columns: " + ", ".join(c for c in sheet.header if c))
                builder.add("\t".join(sheet.header))
            for line in sheet.sample:
                builder.add(line)
            hidden = sheet.rows - min(sheet.rows, self._ctx.limits.max_sample_rows)
            if hidden:
                builder.add(f"({hidden} more rows not shown, {sheet.rows} rows in all)")
        if self.row_cap_reached:
            builder.add(f"(more than {self._ctx.limits.max_rows} rows: the rest were not read)")


def is_header_row(cells: Sequence[str]) -> bool:
    return any(is_person_header(c) for c in cells)
