"""Hostile drafts, made at run time by the tools that write such files (openpyxl, odfpy,
zipfile, py7zr, pypdf, extract-msg's OLE writer): one place for the tests and for
`python -m bench.hostile`."""

import base64
import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from service.schemas.scan import ScanRequest

Files = list[tuple[str, bytes]]


@dataclass(frozen=True)
class HostileCase:
    id: str
    what: str
    make: Callable[[], Files]


def draft(files: Files) -> ScanRequest:
    """A short draft to an outside recipient carrying `files` as attachments."""
    return ScanRequest.model_validate(
        {
            "message": {
                "subject": "Files for you",
                "body": {"content": "Hello,\n\nPlease find the files attached.\n\nTom Jones", "type": "text"},
                "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
                "to": [{"address": "bookings@adventure-trips.co.uk"}],
                "attachments": [
                    {"name": name, "size": len(data), "content_base64": base64.b64encode(data).decode()}
                    for name, data in files
                ],
            }
        }
    )


# --- spreadsheets whose cells are far apart -------------------------------------------


def sparse_xlsx(far_cell: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Name"
    workbook.active["A2"] = "Amelia Hart"
    workbook.active[far_cell] = "end"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sparse_ods(rows: int, columns: int, repeat: int = 1) -> bytes:
    """Empty rows and cells written as repeats, as LibreOffice writes them."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Pupils")
    for text in ("Name", "Amelia Hart"):
        row = TableRow()
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=text))
        row.addElement(cell)
        table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated=rows - 3))
    last = TableRow(numberrowsrepeated=repeat)
    last.addElement(TableCell(numbercolumnsrepeated=columns - 1))
    cell = TableCell(valuetype="string")
    cell.addElement(P(text="end"))
    last.addElement(cell)
    table.addElement(last)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- archives ---------------------------------------------------------------------


def _note(i: int) -> bytes:
    return f"Note {i}: Amelia Hart, Oliver Quinn and Isla Patel were at the reading club.\n".encode() * 3


def zip_of(files: Files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def many_entries_zip(entries: int) -> bytes:
    return zip_of([(f"note{i}.txt", _note(i)) for i in range(entries)])


def fan_out_zip(width: int) -> bytes:
    """Zips of zips of text files, `width` at each of three levels (width**3 files)."""
    leaf = zip_of([(f"note{i}.txt", _note(i)) for i in range(width)])
    middle = zip_of([(f"class{i}.zip", leaf) for i in range(width)])
    return zip_of([(f"year{i}.zip", middle) for i in range(width)])


def deep_zip(levels: int) -> bytes:
    data, name = _note(0), "note.txt"
    for level in range(levels):
        data, name = zip_of([(name, data)]), f"level{level}.zip"
    return data


def seven_zip_of_many(entries: int, name_chars: int = 0) -> bytes:
    """A 7z whose header lists many files: py7zr reads the whole header before anything else."""
    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        for i in range(entries):
            archive.writestr(b"", f"f{i}".ljust(name_chars, "x") + ".txt")
    return buffer.getvalue()


def dense_text(chars: int) -> bytes:
    """Text as dense in identifiers as it gets: detection's slowest input."""
    line = "Amelia Hart (UPN A123456789012, NHS 943 476 5919, 01622 123456) lives at 4 High Street, ME14 1XX. "
    return (line * (chars // len(line) + 1))[:chars].encode()


# --- PDF --------------------------------------------------------------------------


def pdf_of_text_objects(count: int) -> bytes:
    """One page drawing `count` separate text objects, under the inflate-ratio floor."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
         NameObject("/BaseFont"): NameObject("/Helvetica")}
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"".join(b"BT /F1 8 Tf %d %d Td (Amelia Hart %d) Tj ET\n" % (i % 500, i % 700, i) for i in range(count)))
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_of_pages(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 4, f"Page {number}: Amelia Hart, Oliver Quinn and Isla Patel. " * 40)
    return bytes(pdf.output())


# --- Outlook .msg -----------------------------------------------------------------


def _prop(tag_id: int, tag_type: int, value: int) -> bytes:
    return struct.pack("<IIQ", (tag_id << 16) | tag_type, 6, value)


def msg_with_attachments(count: int) -> bytes:
    """An Outlook message carrying `count` small CSV files (MS-OXMSG streams, OleWriter)."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    header = struct.pack("<8xIIII8x", 0, count, 0, count)
    writer.addEntry("__properties_version1.0", header + _prop(0x0036, 0x0003, 0))
    writer.addEntry("__substg1.0_001A001F", "IPM.Note".encode("utf-16-le"))
    writer.addEntry("__substg1.0_0037001F", "FW: lists".encode("utf-16-le"))
    writer.addEntry("__substg1.0_1000001F", "See the lists.".encode("utf-16-le"))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry("__nameid_version1.0/" + stream, b"")
    for i in range(count):
        folder = f"__attach_version1.0_#{i:08X}"
        writer.addEntry(folder, storage=True)
        writer.addEntry(folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 0x0003, 1))
        writer.addEntry(folder + "/__substg1.0_3707001F", f"list{i}.csv".encode("utf-16-le"))
        writer.addEntry(folder + "/__substg1.0_37010102", b"Name,Class\nAmelia Hart,5B\nOliver Quinn,5C\n")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = [
    HostileCase("sparse-xlsx-XFD1048576", "xlsx, cells A1 and XFD1048576", lambda: [("sparse.xlsx", sparse_xlsx("XFD1048576"))]),
    HostileCase("sparse-xlsx-CV100000", "xlsx, cells A1 and CV100000", lambda: [("sparse.xlsx", sparse_xlsx("CV100000"))]),
    HostileCase("sparse-ods-XFD1048576", "ods, cells A1 and XFD1048576", lambda: [("sparse.ods", sparse_ods(1_048_576, 16_384))]),
    HostileCase("ods-row-repeated", "ods, one row repeated 1,000,000 times", lambda: [("rows.ods", sparse_ods(10, 16_384, 1_000_000))]),
    HostileCase("zip-100-entries", "zip of 100 small text files", lambda: [("notes.zip", many_entries_zip(100))]),
    HostileCase("zip-1000-entries", "zip of 1,000 small text files", lambda: [("notes.zip", many_entries_zip(1000))]),
    HostileCase("zip-fan-out", "zip of 12 zips of 12 zips of 12 files", lambda: [("years.zip", fan_out_zip(12))]),
    HostileCase("zip-deep", "zip nested 20 deep", lambda: [("deep.zip", deep_zip(20))]),
    HostileCase("250-attachments", "250 text attachments", lambda: [(f"note{i}.txt", _note(i)) for i in range(250)]),
    HostileCase("dense-text-5x60k", "5 attachments of 60,000 dense characters", lambda: [(f"list{i}.txt", dense_text(60_000)) for i in range(5)]),
    HostileCase("7z-header-5000", "7z listing 5,000 files", lambda: [("many.7z", seven_zip_of_many(5000))]),
    HostileCase("7z-header-2MB", "7z whose header decodes to 2 MB", lambda: [("names.7z", seven_zip_of_many(4000, 250))]),
    HostileCase("pdf-text-objects", "PDF page of 150,000 text objects", lambda: [("letter.pdf", pdf_of_text_objects(150_000))]),
    HostileCase("pdf-500-pages", "PDF of 500 full pages", lambda: [("report.pdf", pdf_of_pages(500))]),
    HostileCase("msg-1000-attachments", "Outlook .msg with 1,000 attachments", lambda: [("fw.msg", msg_with_attachments(1000))]),
    HostileCase("msg-5000-attachments", "Outlook .msg with 5,000 attachments", lambda: [("fw.msg", msg_with_attachments(5000))]),
]
