"""Hostile and broken files end unreadable with a plain reason: no crash, no hang."""

import base64
import io
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.extract.attachments import extract_attachment, reasons
from service.extract.types import ExtractedAttachment
from service.schemas import Attachment
from tests.hostile_files import sparse_ods, sparse_xlsx

Extract = Callable[..., ExtractedAttachment]

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)


def docx_bytes(text: str = "Amelia Hart") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name"])
    workbook.active.append(["Amelia Hart"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Page {number} Amelia Hart")
    return bytes(pdf.output())


def replace_part(package: bytes, part: str, transform: Callable[[bytes], bytes]) -> bytes:
    """The same Office package with one part rewritten, re-zipped by zipfile."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, transform(data) if info.filename == part else data)
    return out.getvalue()


@pytest.fixture(scope="module")
def gigabyte_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A zip holding 1 GB of zeros, written by streaming into zipfile."""
    path = tmp_path_factory.mktemp("bomb") / "zeros.zip"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("zeros.bin", "w", force_zip64=True) as entry:
            for _ in range(1024):
                entry.write(chunk)
    return path.read_bytes()


def test_zip_bomb_is_refused_from_its_directory_quickly(extract: Extract, gigabyte_zip: bytes) -> None:
    started = time.perf_counter()
    result = extract("results.zip", gigabyte_zip)
    assert not result.readable
    assert result.reason in (reasons.BOMB_RATIO, reasons.BOMB_TOTAL)
    assert time.perf_counter() - started < 1.0


def test_zip_bomb_inside_a_zip_ends_the_whole_attachment(extract: Extract, gigabyte_zip: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("inner.zip", gigabyte_zip)
        archive.writestr("note.txt", "hello")
    result = extract("outer.zip", buffer.getvalue())
    assert not result.readable and "zip bomb" in result.reason


def test_zip_that_understates_its_size_is_stopped_while_streaming(extract: Extract) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("list.txt", b"Amelia Hart\n" * 1_000_000)
    data = bytearray(buffer.getvalue())
    # Rewrite the declared size (local header and central directory) to 1 KB.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        struct.pack_into("<I", data, at + offset, 1024)
    result = extract("list.zip", bytes(data))
    assert not result.readable or all(not item.readable for item in result.nested)
    assert all("Amelia Hart\n" * 200 not in item.text for item in result.nested)


def test_nested_zips_past_the_depth_cap(extract: Extract) -> None:
    data = b"Amelia Hart"
    name = "list.txt"
    for level in range(6):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        data, name = buffer.getvalue(), f"level{level}.zip"
    result = extract("deep.zip", data)
    assert not result.readable and result.reason == reasons.TOO_DEEP
    shallow = extract("deep.zip", data, max_depth=10)
    assert shallow.readable


def test_too_many_entries(extract: Extract) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(11):
            archive.writestr(f"f{i}.txt", "x")
    result = extract("many.zip", buffer.getvalue(), max_archive_entries=10)
    assert not result.readable and result.reason == reasons.TOO_MANY_ENTRIES


def test_billion_laughs_in_plain_xml(extract: Extract) -> None:
    result = extract("export.xml", BILLION_LAUGHS)
    assert not result.readable and result.reason == reasons.XML_ENTITIES


@pytest.mark.parametrize(
    ("name", "package", "part"),
    [("letter.docx", docx_bytes, "word/document.xml"), ("list.xlsx", xlsx_bytes, "xl/worksheets/sheet1.xml")],
)
def test_entity_expansion_inside_office_files(
    extract: Extract, name: str, package: Callable[[], bytes], part: str
) -> None:
    def inject(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[-1]
        return BILLION_LAUGHS.split(b"<lolz>")[0] + body

    result = extract(name, replace_part(package(), part, inject))
    assert not result.readable and result.reason == reasons.XML_ENTITIES


def test_huge_file_refused_before_decoding(extract: Extract) -> None:
    result = extract("big.txt", b"a" * 2_000_000, max_bytes=1_000_000)
    assert not result.readable and result.reason == reasons.TOO_LARGE


def test_pdf_with_too_many_pages(extract: Extract) -> None:
    result = extract("long.pdf", pdf_bytes(pages=6), max_pages=5)
    assert not result.readable and result.reason == reasons.TOO_MANY_PAGES
    assert extract("long.pdf", pdf_bytes(pages=6), max_pages=6).readable


@pytest.mark.parametrize(
    ("name", "make"),
    [("a.docx", docx_bytes), ("a.xlsx", xlsx_bytes), ("a.pdf", pdf_bytes)],
)
def test_truncated_files_are_damaged(extract: Extract, name: str, make: Callable[[], bytes]) -> None:
    whole = make()
    result = extract(name, whole[: len(whole) // 2])
    assert not result.readable
    assert result.reason == reasons.DAMAGED


def test_truncated_7z(extract: Extract) -> None:
    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        archive.writestr(docx_bytes(), "a.docx")
    whole = buffer.getvalue()
    result = extract("a.7z", whole[: len(whole) // 2])
    assert not result.readable and result.reason == reasons.DAMAGED


def test_wall_clock_budget_is_kept(extract: Extract) -> None:
    rows = b"Name,Notes\n" + b"Amelia Hart,asthma\n" * 400_000
    started = time.perf_counter()
    result = extract("huge.csv", rows, budget_seconds=0.05, max_rows=1_000_000)
    elapsed = time.perf_counter() - started
    assert not result.readable and result.reason == reasons.TOO_SLOW
    assert elapsed < 1.0


def test_missing_and_garbled_content() -> None:
    missing = extract_attachment(Attachment(name="register.xlsx", size=10_000_000))
    assert not missing.readable and missing.reason == reasons.NO_CONTENT
    garbled = extract_attachment(Attachment(name="register.xlsx", content_base64="abc"))
    assert not garbled.readable and garbled.reason == reasons.BAD_BASE64


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.sampled_from(["docx", "xlsx", "pdf", "zip"]),
    flips=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20
    ),
    name=st.sampled_from(["a.docx", "a.xlsx", "a.pdf", "a.zip", "a.csv", "a"]),
)
def test_damaged_files_never_raise(seed: str, flips: list[tuple[float, int]], name: str) -> None:
    makers: dict[str, Callable[[], bytes]] = {
        "docx": docx_bytes,
        "xlsx": xlsx_bytes,
        "pdf": pdf_bytes,
        "zip": lambda: _zip_of(docx_bytes()),
    }
    data = bytearray(_cached(seed, makers[seed]))
    for where, value in flips:
        data[int(where * len(data))] = value
    attachment = Attachment(name=name, content_base64=base64.b64encode(bytes(data)).decode())
    result = extract_attachment(attachment)
    assert isinstance(result, ExtractedAttachment)
    assert result.readable or result.reason


_CACHE: dict[str, bytes] = {}


def _cached(key: str, make: Callable[[], bytes]) -> bytes:
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def _zip_of(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.docx", data)
    return buffer.getvalue()


def test_readable_random_bytes_named_as_anything(extract: Extract, tmp_path: Path) -> None:
    noise = bytes((i * 7919) % 251 for i in range(50_000))
    for name in ("x.docx", "x.pdf", "x.msg", "x.7z", "x.heic"):
        result = extract(name, noise)
        assert not result.readable and result.reason


def test_pdf_whose_page_expands_to_far_more_than_its_size(extract: Extract) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    content = DecodedStreamObject()
    content.set_data(b" " * (60 * 1024 * 1024))
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    started = time.perf_counter()
    result = extract("letter.pdf", buffer.getvalue())
    assert not result.readable and result.reason == reasons.BOMB_RATIO
    assert time.perf_counter() - started < 1.0


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("sparse.xlsx", lambda: sparse_xlsx("XFD1048576")),
        ("sparse.xlsx", lambda: sparse_xlsx("CV100000")),
        ("sparse.ods", lambda: sparse_ods(1_048_576, 16_384)),
        ("sparse.ods", lambda: sparse_ods(100_000, 100)),
    ],
    ids=["xlsx-XFD1048576", "xlsx-CV100000", "ods-XFD1048576", "ods-CV100000"],
)
def test_sparse_sheet_is_read_by_its_real_cells(extract: Extract, name: str, make: Callable[[], bytes]) -> None:
    data = make()
    before = _peak_rss_mb()
    result = extract(name, data)
    assert _peak_rss_mb() - before < 100
    assert result.readable
    assert "Amelia Hart" in result.text and "end" in result.text


def test_sparse_sheet_beside_real_rows_keeps_them(extract: Extract) -> None:
    workbook = openpyxl.Workbook()
    for i in range(50):
        workbook.active.append(["Name", "Amelia Hart" if i == 0 else f"Pupil {i}"])
    workbook.active["XFD1048576"] = "end"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = extract("sparse.xlsx", buffer.getvalue())
    assert "Amelia Hart" in result.text and "Pupil 49" in result.text


def test_ods_row_repeated_a_million_times_stops_at_the_row_cap(extract: Extract) -> None:
    before = _peak_rss_mb()
    result = extract("rows.ods", sparse_ods(10, 16_384, repeat=1_000_000), max_rows=1000)
    assert _peak_rss_mb() - before < 100
    assert result.readable and "the rest were not read" in result.text


@pytest.mark.parametrize(
    "spelling",
    [b"r = 'XFD1048576'", b"\n r=\"XFD1048576\"", b"s=\"0\" r=\"XFD1048576\""],
    ids=["spaced-single-quotes", "newline", "second-attribute"],
)
def test_far_cell_spelt_unusually_is_still_measured(extract: Extract, spelling: bytes) -> None:
    def respell(xml: bytes) -> bytes:
        return xml.replace(b'r="XFD1048576"', spelling)

    data = replace_part(sparse_xlsx("XFD1048576"), "xl/worksheets/sheet1.xml", respell)
    before = _peak_rss_mb()
    result = extract("sparse.xlsx", data)
    assert _peak_rss_mb() - before < 100
    assert result.readable and "Amelia Hart" in result.text


def test_far_row_with_cells_that_carry_no_reference(extract: Extract) -> None:
    """Cells without `r` follow the previous one; the row still places them far down."""

    def strip_refs(xml: bytes) -> bytes:
        return xml.replace(b' r="XFD1048576"', b"").replace(b'<row r="1048576"', b'<row r="1048576"')

    data = replace_part(sparse_xlsx("XFD1048576"), "xl/worksheets/sheet1.xml", strip_refs)
    before = _peak_rss_mb()
    result = extract("sparse.xlsx", data)
    assert _peak_rss_mb() - before < 100
    assert result.readable and "Amelia Hart" in result.text


@pytest.mark.parametrize("target", ["data/grid.xml", "/xl/data/grid.xml"])
def test_far_cell_in_a_sheet_part_stored_elsewhere(extract: Extract, target: str) -> None:
    """The sheet part is found through the workbook's relationships, wherever it is stored."""
    source = sparse_xlsx("XFD1048576")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as moved:
        for info in package.infolist():
            data = package.read(info)
            name = info.filename
            if name == "xl/worksheets/sheet1.xml":
                name = "xl/data/grid.xml"
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"/xl/worksheets/sheet1.xml", target.encode())
            elif name == "[Content_Types].xml":
                data = data.replace(b"/xl/worksheets/sheet1.xml", b"/xl/data/grid.xml")
            moved.writestr(name, data)
    before = _peak_rss_mb()
    result = extract("sparse.xlsx", out.getvalue())
    assert _peak_rss_mb() - before < 100
    assert result.readable and "Amelia Hart" in result.text


def test_outlook_message_with_too_many_attachments_is_refused_before_it_is_opened(extract: Extract) -> None:
    from tests.hostile_files import msg_with_attachments

    result = extract("fw.msg", msg_with_attachments(11), max_archive_entries=10)
    assert not result.readable and result.reason == reasons.TOO_MANY_ATTACHMENTS
    assert extract("fw.msg", msg_with_attachments(10), max_archive_entries=10).readable


@pytest.mark.parametrize(
    "marker", [b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le")]
)
def test_each_dtd_marker_in_an_office_part_is_refused(extract: Extract, marker: bytes) -> None:
    """The four markers are searched in one pass: each on its own still stops the file."""
    result = extract("letter.docx", replace_part(docx_bytes(), "word/document.xml", lambda xml: xml + marker))
    assert not result.readable and result.reason == reasons.XML_ENTITIES
    assert extract("letter.docx", docx_bytes()).readable


def test_pdf_stream_starts_are_those_of_the_lookbehind_pattern() -> None:
    """The stream pattern checks "endstream" after the word; it finds what the lookbehind did."""
    import re

    from service.extract.attachments.pdf import _STREAM_START

    old = re.compile(rb"(?<!end)stream\r?\n")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(0, 5, "endstream stream\n" * 40)
    samples = [
        bytes(pdf.output()),
        b"stream\nendstream\r\nxstream\r\nendstreamstream\nendstream\n stream\r\r\nstream\r\n",
        b"end stream\nEndstream\nendstreams\n",
    ]
    for data in samples:
        spans = [m.span() for m in _STREAM_START.finditer(data)]
        assert spans and spans == [m.span() for m in old.finditer(data)]


@pytest.mark.parametrize("compressed", [True, False])
def test_pdf_text_objects_are_counted_in_flate_and_stored_streams(extract: Extract, compressed: bool) -> None:
    """Each stream is tried as Flate (through a view of the file, not a copy): a stored
    stream's text objects are counted as they stand, a Flate one's once inflated."""
    pdf = FPDF()
    pdf.set_compression(compressed)
    pdf.set_font("Helvetica", size=8)
    for _ in range(3):
        pdf.add_page()
        for line in range(60):
            pdf.text(10, 10 + line * 4, f"Line {line} of the minutes")
    data = bytes(pdf.output())
    assert (b"/FlateDecode" in data) is compressed
    assert "Line 59 of the minutes" in extract("minutes.pdf", data).text
    refused = extract("minutes.pdf", data, max_pdf_stream_text_objects=50)
    assert not refused.readable and refused.reason == reasons.TOO_COMPLEX
