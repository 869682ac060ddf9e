"""Spreadsheets and CSV are read as tables: header kept, people counted, text sampled."""

import io
from collections.abc import Callable

import openpyxl
import pytest

from service.extract.attachments.tables import is_person_header, looks_like_name
from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "header", ["Name", "Surname", "Legal forename", "First name", "Pupil", "Student", "Child", "UPN", "ULN"]
)
def test_person_headers(header: str) -> None:
    assert is_person_header(header)


@pytest.mark.parametrize(
    "header", ["School name", "Class name", "DOB", "Pupil premium", "Medical", "Subject"]
)
def test_not_person_headers(header: str) -> None:
    assert not is_person_header(header)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Amelia Hart", True), ("HART, Amelia", True), ("A123456789012", True), ("Total", False), ("12", False)],
)
def test_name_like_first_column(cell: str, expected: bool) -> None:
    assert looks_like_name(cell) is expected


def test_header_below_a_title_and_people_counted_over_sheets(extract: Extract) -> None:
    data = xlsx(
        {
            "5H": [
                ["Year 5 Hawthorn allergy list"],
                [],
                ["Forename", "Surname", "Allergy"],
                ["Amelia", "Hart", "nuts"],
                ["Oliver", "Quinn", ""],
            ],
            "6R": [["Pupil", "Allergy"], ["Isla Patel", "egg"], ["", "sesame"]],
        }
    )
    result = extract("allergies.xlsx", data)
    assert result.people_count == 3
    assert "Year 5 Hawthorn allergy list" in result.text
    assert "Columns: Forename, Surname, Allergy" in result.text
    assert "Sheet: 6R" in result.text


def test_no_header_counts_rows_that_start_with_a_name(extract: Extract) -> None:
    result = extract("list.csv", b"Class list\nAmelia Hart,5H\nOliver Quinn,5H\nTotal,2\n")
    assert result.people_count == 2


def test_table_without_people(extract: Extract) -> None:
    result = extract("budget.csv", b"Item,Cost\nPaper,12.50\nToner,80\n")
    assert result.people_count == 0


def test_long_table_is_sampled_but_every_row_counted(extract: Extract) -> None:
    rows = [f"Pupil {i:05d} Surname{i:05d},{i}" for i in range(3000)]
    data = ("Name,Number\n" + "\n".join(rows)).encode()
    result = extract("big.csv", data, max_sample_rows=100)
    assert result.people_count == 3000
    assert "Pupil 00099" in result.text and "Pupil 00100" not in result.text
    assert "2900 more rows not shown, 3000 rows in all" in result.text


def test_row_cap_stops_reading_but_says_so(extract: Extract) -> None:
    data = ("Name\n" + "\n".join(f"Amelia Hart{i}" for i in range(50))).encode()
    result = extract("big.csv", data, max_rows=10)
    assert result.readable
    assert "more than 10 rows" in result.text
