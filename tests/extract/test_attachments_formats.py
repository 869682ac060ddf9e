"""Text comes out of every common format, made here by the tools schools' software uses."""

import io
import zipfile
from collections.abc import Callable, Sequence
from email.message import EmailMessage

import docx
import openpyxl
import pptx
import py7zr
from fpdf import FPDF
from odf.opendocument import OpenDocumentPresentation, OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import P

from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]

PUPILS = [
    ("Amelia Hart", "A123456789012"),
    ("Oliver Quinn", "B123456789012"),
    ("Isla Patel", "C123456789012"),
]


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    section = document.sections[0]
    section.header.paragraphs[0].text = "Oakfield Primary - confidential"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(rows: Sequence[Sequence[object]], title: str = "Class 5") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_pdf(lines: list[str], pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_docx_paragraphs_tables_and_header(extract: Extract) -> None:
    data = make_docx(
        ["Chronology for Amelia Hart", "Seen by the DSL"], [["Name", "UPN"], ["Amelia Hart", "A1"]]
    )
    result = extract("chronology.docx", data)
    assert result.readable and not result.protected
    assert "Chronology for Amelia Hart" in result.text
    assert "Amelia Hart\tA1" in result.text
    assert "Oakfield Primary - confidential" in result.text


def test_xlsx_is_a_table_with_people_counted(extract: Extract) -> None:
    rows: list[list[str]] = [["Name", "UPN", "Medical"]] + [[n, u, "Asthma"] for n, u in PUPILS]
    result = extract("class.xlsx", make_xlsx(rows))
    assert result.people_count == 3
    assert "Columns: Name, UPN, Medical" in result.text
    assert "Name\tUPN\tMedical" in result.text
    assert "Oliver Quinn\tB123456789012\tAsthma" in result.text


def test_pptx_slide_text(extract: Extract) -> None:
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Year 6 residential"
    slide.placeholders[1].text = "Isla Patel needs her EpiPen"
    buffer = io.BytesIO()
    deck.save(buffer)
    result = extract("trip.pptx", buffer.getvalue())
    assert "Year 6 residential" in result.text
    assert "Isla Patel needs her EpiPen" in result.text


def test_pdf_text(extract: Extract) -> None:
    result = extract("letter.pdf", make_pdf(["Dear parent of Oliver Quinn", "SEN support plan"]))
    assert result.readable and not result.protected
    assert "Oliver Quinn" in result.text


def test_pdf_without_text_is_not_passed_as_clean(extract: Extract) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    result = extract("scan.pdf", bytes(pdf.output()))
    assert not result.readable
    assert "scanned" in result.reason


def test_csv_with_windows_encoding_and_semicolons(extract: Extract) -> None:
    data = "Surname;Forename;Notes\nHart;Amelia;café allergy\nQuinn;Oliver;\n".encode("cp1252")
    result = extract("list.csv", data)
    assert result.people_count == 2
    assert "Hart\tAmelia\tcafé allergy" in result.text


def test_tsv_and_plain_text(extract: Extract) -> None:
    tsv = extract("list.tsv", b"Pupil\tClass\nAmelia Hart\t5H\n")
    assert tsv.people_count == 1
    text = extract("note.txt", "Oliver’s inhaler".encode("utf-16"))
    assert text.text == "Oliver’s inhaler" and text.people_count is None


def test_html_drops_scripts(extract: Extract) -> None:
    data = b"<html><body><h1>Report</h1><script>var x = 'hidden';</script><p>Isla Patel</p></body></html>"
    result = extract("report.htm", data)
    assert "Isla Patel" in result.text and "hidden" not in result.text


def test_rtf(extract: Extract) -> None:
    result = extract(
        "note.rtf", rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Amelia Hart has asthma.\par}"
    )
    assert "Amelia Hart has asthma." in result.text


def test_odt_ods_odp(extract: Extract, tmp_path: object) -> None:
    text_doc = OpenDocumentText()
    text_doc.text.addElement(P(text="Isla Patel: EHCP review"))
    sheet_doc = OpenDocumentSpreadsheet()
    table = Table(name="Pupils")
    for values in [["Name", "DOB"], ["Amelia Hart", "2015-01-01"], ["Oliver Quinn", "2015-02-02"]]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    sheet_doc.spreadsheet.addElement(table)
    slides = OpenDocumentPresentation()
    from odf.draw import Frame, Page, TextBox
    from odf.style import MasterPage, PageLayout

    layout = PageLayout(name="pl")
    slides.automaticstyles.addElement(layout)
    master = MasterPage(name="m", pagelayoutname=layout)
    slides.masterstyles.addElement(master)
    page = Page(masterpagename=master)
    frame = Frame(width="10cm", height="2cm", x="1cm", y="1cm")
    box = TextBox()
    box.addElement(P(text="Oliver Quinn - attendance"))
    frame.addElement(box)
    page.addElement(frame)
    slides.presentation.addElement(page)

    def save(document: object) -> bytes:
        buffer = io.BytesIO()
        document.write(buffer)  # type: ignore[attr-defined]
        return buffer.getvalue()

    assert "Isla Patel: EHCP review" in extract("review.odt", save(text_doc)).text
    sheet = extract("pupils.ods", save(sheet_doc))
    assert sheet.people_count == 2 and "Amelia Hart\t2015-01-01" in sheet.text
    assert "Oliver Quinn - attendance" in extract("slides.odp", save(slides)).text


def test_eml_with_attachment_read_recursively(extract: Extract) -> None:
    mail = EmailMessage()
    mail["Subject"] = "Class list"
    mail["From"] = "office@oakfield.sch.uk"
    mail["To"] = "head@oakfield.sch.uk"
    mail.set_content("Please see the attached list.")
    rows: list[list[str]] = [["Name", "Allergies"]] + [[n, "nuts"] for n, _ in PUPILS]
    mail.add_attachment(
        make_xlsx(rows),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="allergies.xlsx",
    )
    result = extract("forwarded.eml", mail.as_bytes())
    assert "Subject: Class list" in result.text and "Please see the attached list." in result.text
    assert [item.name for item in result.nested] == ["forwarded.eml/allergies.xlsx"]
    assert result.nested[0].people_count == 3


def test_zip_and_7z_are_read_recursively(extract: Extract, tmp_path: object) -> None:
    inner = make_docx(["Oliver Quinn safeguarding note"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes/oliver.docx", inner)
        archive.writestr("readme.txt", "nothing here")
    result = extract("bundle.zip", buffer.getvalue())
    assert result.readable and not result.protected
    names = {item.name: item for item in result.nested}
    assert "Oliver Quinn safeguarding note" in names["bundle.zip/notes/oliver.docx"].text

    seven = io.BytesIO()
    with py7zr.SevenZipFile(seven, "w") as archive:
        archive.writestr(inner, "oliver.docx")
    result = extract("bundle.7z", seven.getvalue())
    assert result.nested[0].name == "bundle.7z/oliver.docx"
    assert "Oliver Quinn safeguarding note" in result.nested[0].text


def test_format_is_known_by_content_not_name(extract: Extract) -> None:
    result = extract("register.txt", make_xlsx([["Name"], ["Amelia Hart"]]))
    assert result.people_count == 1
    assert "Amelia Hart" in extract("scan.jpg", make_pdf(["Amelia Hart"])).text


def test_pictures_and_unknown_files_are_never_clean(extract: Extract) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    picture = extract("photo.docx", buffer.getvalue())
    assert not picture.readable and picture.reason == "a picture: its content cannot be checked"
    unknown = extract("data.bin", bytes(range(256)) * 8)
    assert not unknown.readable and unknown.reason


def test_archive_clutter_is_skipped_and_real_files_kept(extract: Extract) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("__MACOSX/._list.csv", bytes(range(256)))
        archive.writestr(".DS_Store", bytes(range(256)))
        archive.writestr("list.csv", "Name\nAmelia Hart\n")
    result = extract("from-mac.zip", buffer.getvalue())
    assert [item.name for item in result.nested] == ["from-mac.zip/list.csv"]
    assert result.nested[0].people_count == 1


def test_text_that_only_looks_like_xml_is_still_read(extract: Extract) -> None:
    result = extract("note", b"<3 to Amelia Hart from class 5")
    assert result.readable and "Amelia Hart" in result.text


def test_inline_logo_in_attached_mail_is_not_a_file(extract: Extract) -> None:
    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGB", (4, 4)).save(logo, format="PNG")
    mail = EmailMessage()
    mail["Subject"] = "Newsletter"
    mail.set_content("plain version")
    mail.add_alternative('<p>html version</p><img src="cid:logo1">', subtype="html")
    html_part = mail.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(logo.getvalue(), maintype="image", subtype="png", cid="<logo1>")
    mail.add_attachment(b"Name\nAmelia Hart\n", maintype="text", subtype="csv", filename="list.csv")
    result = extract("news.eml", mail.as_bytes())
    assert [item.name for item in result.nested] == ["news.eml/list.csv"]


def test_office_files_give_up_embedded_files_comments_and_deleted_text(extract: Extract) -> None:
    sheet = make_xlsx([["Name", "SEN"], ["Amelia Hart", "EHCP"], ["Oliver Quinn", "K"]])
    letter = make_docx(["Dear colleague"])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(letter)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                # Tracked change: the deleted run keeps its text in w:delText.
                data = data.replace(
                    b"<w:t>Dear colleague</w:t></w:r>",
                    b'<w:t>Dear colleague</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>Isla Patel</w:delText></w:r></w:del>',
                )
            target.writestr(info, data)
        target.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", sheet)
    result = extract("letter.docx", out.getvalue())
    assert "Isla Patel" in result.text
    assert [item.name for item in result.nested] == [
        "letter.docx/word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    ]
    assert result.nested[0].people_count == 2

    workbook = openpyxl.load_workbook(io.BytesIO(sheet))
    workbook.active["B2"].comment = openpyxl.comments.Comment("Mum says anxious about SATs", "Teacher")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "Mum says anxious about SATs" in extract("list.xlsx", buffer.getvalue()).text


def _docx_text_read_whole(data: bytes, text_chars: int) -> str:
    """The reference: each word part expanded whole, then walked (as before streaming)."""
    from service.extract.attachments.context import ReadContext, TextBuilder
    from service.extract.attachments.limits import AttachmentLimits
    from service.extract.attachments.ooxml import _WORD_PARTS, _walk_word
    from service.extract.attachments.zipsafety import read_entry
    from service.extract.budget import DraftBudget

    ctx = ReadContext.start(AttachmentLimits(max_text_chars=text_chars), DraftBudget.unlimited())
    builder = TextBuilder(ctx.text_chars)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sorted((n for n in archive.namelist() if _WORD_PARTS.match(n)), key=lambda n: (n != "word/document.xml", n))
        for part in parts:
            _walk_word(read_entry(archive, archive.getinfo(part), ctx, counted=True), ctx, builder)
    return builder.text()


def test_a_word_part_read_as_a_stream_gives_the_text_read_whole(extract: Extract) -> None:
    """Word parts are expanded only as far as the text cap needs: the text is the same."""
    sentence = "The governors agreed the budget for the library refurbishment and the new playground. "
    long_doc = make_docx([sentence * 40] * 400, table=[["Name", "UPN"], *[list(p) for p in PUPILS]])
    short_doc = make_docx(["Amelia Hart", "Oliver Quinn"], table=[list(p) for p in PUPILS])
    assert len(zipfile.ZipFile(io.BytesIO(long_doc)).read("word/document.xml")) > 4 * 256 * 1024
    for data in (long_doc, short_doc):
        for cap in (1_000, 60_000, 2_000_000):
            result = extract("report.docx", data, max_text_chars=cap)
            assert result.readable
            assert result.text == _docx_text_read_whole(data, cap)
