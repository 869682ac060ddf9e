"""Files made by the real tools, and the real tools opening protected copies (shared by the protect tests)."""

import io

import docx
import msoffcrypto
import openpyxl
import pptx
import py7zr
import pyzipper
from fpdf import FPDF
from msoffcrypto.format.ooxml import OOXMLFile
from pypdf import PasswordType, PdfReader, PdfWriter

# Text every made file carries, looked for in the opened copy.
MARK = "Amelia Hartley EHCP review"
OTHER_PASSWORD = "Someone-Elses-Pass-1"


def make_docx(paragraphs: int = 1) -> bytes:
    document = docx.Document()
    document.add_paragraph(MARK)
    for i in range(1, paragraphs):
        document.add_paragraph(f"Paragraph {i}: " + "notes on the annual review and the support plan " * 12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(rows: int = 1) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Need"])
    sheet.append([MARK, "EHCP"])
    for i in range(1, rows):
        sheet.append([f"Pupil {i} reading group notes and attendance", i, i * 1.5, f"plan-{i:06d}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_pptx() -> bytes:
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = MARK
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.cell(text=MARK)
    for i in range(1, pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, text=f"Page {i}. " + "Minutes of the review meeting and the agreed actions. " * 60)
    return bytes(pdf.output())


def encrypted_ooxml(data: bytes, password: str = OTHER_PASSWORD) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def encrypted_pdf(user_password: str, owner_password: str = OTHER_PASSWORD) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def aes_zip(name: str, data: bytes, password: str = OTHER_PASSWORD) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        archive.writestr(name, data)
    return out.getvalue()


def encrypted_7z(name: str, data: bytes, password: str = OTHER_PASSWORD) -> bytes:
    out = io.BytesIO()
    with py7zr.SevenZipFile(out, "w", password=password, header_encryption=True) as archive:
        archive.writestr(data, name)
    return out.getvalue()


# --- opening a protected copy ------------------------------------------------------


def decrypt_ooxml(data: bytes, password: str) -> io.BytesIO:
    """The decrypted package; msoffcrypto raises InvalidKeyError for a wrong password."""
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    out.seek(0)
    return out


def docx_text(package: io.BytesIO) -> str:
    return "\n".join(p.text for p in docx.Document(package).paragraphs)


def xlsx_text(package: io.BytesIO) -> str:
    sheet = openpyxl.load_workbook(package).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


def pptx_text(package: io.BytesIO) -> str:
    deck = pptx.Presentation(package)
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def open_pdf(data: bytes, password: str) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
        raise PermissionError("wrong password")
    return reader


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def unzip(data: bytes, password: str) -> dict[str, bytes]:
    """Every entry; pyzipper raises RuntimeError for a wrong password."""
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(password.encode())
        return {info.filename: archive.read(info) for info in archive.infolist()}
