"""Protected or not, decided from the file's structure: files encrypted by the real tools."""

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import py7zr
import pytest
import pyzipper
from fpdf import FPDF
from msoffcrypto.format.ooxml import OOXMLFile
from pypdf import PdfReader, PdfWriter

from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]
PASSWORD = "Tr1cky-Pass"


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "SEN"])
    workbook.active.append(["Amelia Hart", "EHCP"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Amelia Hart - medical plan")
    return bytes(pdf.output())


def encrypt_pdf(user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_xlsx_is_protected_and_not_opened(extract: Extract) -> None:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes())).encrypt(PASSWORD, encrypted)
    result = extract("sen-register.xlsx", encrypted.getvalue())
    assert result.protected and result.readable
    assert result.text == ""


def test_plain_xlsx_is_not_protected(extract: Extract) -> None:
    result = extract("sen-register.xlsx", xlsx_bytes())
    assert not result.protected and "Amelia Hart" in result.text


def test_pdf_with_user_password_is_protected(extract: Extract) -> None:
    result = extract("plan.pdf", encrypt_pdf(PASSWORD, "owner-" + PASSWORD))
    assert result.protected and result.text == ""


def test_pdf_restricted_by_owner_password_only_is_not_protected(extract: Extract) -> None:
    result = extract("plan.pdf", encrypt_pdf("", "owner-" + PASSWORD))
    assert not result.protected
    assert "Amelia Hart" in result.text


def _aes_zip(entries: dict[str, bytes], encrypt: set[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as plain:
        for name in entries.keys() - encrypt:
            plain.writestr(name, entries[name])
    with pyzipper.AESZipFile(buffer, "a", compression=pyzipper.ZIP_DEFLATED) as archive:
        archive.setpassword(PASSWORD.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for name in encrypt:
            archive.writestr(name, entries[name])
    return buffer.getvalue()


def test_aes_zip_with_every_entry_encrypted_is_protected(extract: Extract) -> None:
    data = _aes_zip({"register.xlsx": xlsx_bytes(), "plan.pdf": pdf_bytes()}, {"register.xlsx", "plan.pdf"})
    result = extract("pupils.zip", data)
    assert result.protected and result.text == ""
    assert {item.name for item in result.nested} == {"pupils.zip/register.xlsx", "pupils.zip/plan.pdf"}
    assert all(item.protected for item in result.nested)


def test_zip_with_only_some_entries_encrypted_is_not_protected(extract: Extract) -> None:
    data = _aes_zip({"register.xlsx": xlsx_bytes(), "plan.pdf": pdf_bytes()}, {"register.xlsx"})
    result = extract("pupils.zip", data)
    assert not result.protected
    by_name = {item.name: item for item in result.nested}
    assert by_name["pupils.zip/register.xlsx"].protected
    plan = by_name["pupils.zip/plan.pdf"]
    assert not plan.protected and "Amelia Hart" in plan.text


@pytest.mark.skipif(
    shutil.which("zip") is None, reason="Info-ZIP `zip` writes ZipCrypto; pyzipper writes only AES"
)
def test_zipcrypto_zip_is_protected(extract: Extract, tmp_path: Path) -> None:
    (tmp_path / "register.xlsx").write_bytes(xlsx_bytes())
    subprocess.run(["zip", "-q", "-P", PASSWORD, "out.zip", "register.xlsx"], cwd=tmp_path, check=True)
    result = extract("out.zip", (tmp_path / "out.zip").read_bytes())
    assert result.protected


def test_7z_with_encrypted_entries_is_protected(extract: Extract) -> None:
    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w", password=PASSWORD) as archive:
        archive.writestr(xlsx_bytes(), "register.xlsx")
    result = extract("pupils.7z", buffer.getvalue())
    assert result.protected
    assert [item.name for item in result.nested] == ["pupils.7z/register.xlsx"]


def test_7z_with_encrypted_headers_is_protected(extract: Extract) -> None:
    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w", password=PASSWORD, header_encryption=True) as archive:
        archive.writestr(xlsx_bytes(), "register.xlsx")
    result = extract("pupils.7z", buffer.getvalue())
    assert result.protected and result.nested == ()


def test_plain_7z_is_not_protected(extract: Extract) -> None:
    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        archive.writestr(xlsx_bytes(), "register.xlsx")
    result = extract("pupils.7z", buffer.getvalue())
    assert not result.protected and "Amelia Hart" in result.nested[0].text


def test_zip_named_like_office_file_is_judged_by_content(extract: Extract) -> None:
    # An encrypted OOXML renamed .zip is still an encrypted Office file.
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes())).encrypt(PASSWORD, encrypted)
    assert extract("register.zip", encrypted.getvalue()).protected
    # And a plain zip renamed .xlsx is not protected.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "Amelia Hart")
    assert not extract("register.xlsx", buffer.getvalue()).protected


def _odt_bytes() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Amelia Hart EHCP"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_encrypted_odf_is_protected(extract: Extract) -> None:
    # odfpy cannot encrypt; the manifest below is what LibreOffice writes for a
    # password-protected file (per-entry encryption-data), added to an odfpy document.
    manifest_entry = (
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="100">'
        b'<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
        b'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        b'manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
        b'manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>'
        b"</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_odt_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(b"</manifest:manifest>", manifest_entry)
            target.writestr(info, data)
    result = extract("review.odt", out.getvalue())
    assert result.protected and result.text == ""
    plain = extract("review.odt", _odt_bytes())
    assert not plain.protected and "Amelia Hart EHCP" in plain.text


def test_smime_encrypted_mail_is_protected(extract: Extract) -> None:
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["Subject"] = "Encrypted"
    mail.set_content(
        bytes(range(256)),
        maintype="application",
        subtype="pkcs7-mime",
        params={"smime-type": "enveloped-data"},
        filename="smime.p7m",
    )
    result = extract("secure.eml", mail.as_bytes())
    assert result.protected
