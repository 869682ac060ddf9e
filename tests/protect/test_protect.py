"""protect_file on files made by the real tools: the copy opens with its password only, keeps
the original's text, and is encrypted the way CONTRACT section 9 says; protected and damaged
files are refused with a plain reason."""

import io
import re
import zipfile

import msoffcrypto
import olefile
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from service.protect import CannotProtect, ProtectLimits, protect_file
from tests.protect.files import (
    MARK,
    aes_zip,
    decrypt_ooxml,
    docx_text,
    encrypted_7z,
    encrypted_ooxml,
    encrypted_pdf,
    make_docx,
    make_pdf,
    make_pptx,
    make_xlsx,
    open_pdf,
    pdf_text,
    pptx_text,
    unzip,
    xlsx_text,
)

OFFICE = [
    ("review.docx", make_docx, docx_text),
    ("register.xlsx", make_xlsx, xlsx_text),
    ("briefing.pptx", make_pptx, pptx_text),
]


@pytest.mark.parametrize(("name", "make", "read"), OFFICE, ids=["docx", "xlsx", "pptx"])
def test_office_copy_opens_with_the_password_and_keeps_the_text(name, make, read) -> None:
    copy = protect_file(name, make())
    assert copy.name == name.replace(".", "-protected.")
    assert MARK in read(decrypt_ooxml(copy.data, copy.password))
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        decrypt_ooxml(copy.data, "wrong-" + copy.password)


def test_office_copy_is_agile_aes_256_as_office_writes_it() -> None:
    copy = protect_file("review.docx", make_docx())
    with olefile.OleFileIO(copy.data) as ole:
        assert {"EncryptionInfo", "EncryptedPackage"} <= {"/".join(p) for p in ole.listdir()}
        info = ole.openstream("EncryptionInfo").read()
    assert info[:4] == b"\x04\x00\x04\x00"  # version 4.4: agile encryption
    descriptor = info[8:].decode("utf-8")
    assert re.search(r'<keyData[^>]*keyBits="256"[^>]*cipherAlgorithm="AES"', descriptor)
    assert 'hashAlgorithm="SHA512"' in descriptor


def test_pdf_copy_opens_with_the_password_only_and_keeps_the_text() -> None:
    copy = protect_file("plan.pdf", make_pdf())
    assert (copy.name, copy.content_type) == ("plan-protected.pdf", "application/pdf")
    assert MARK in pdf_text(open_pdf(copy.data, copy.password))
    with pytest.raises(PermissionError):
        open_pdf(copy.data, "wrong-" + copy.password)
    with pytest.raises(Exception):  # noqa: B017 - pypdf refuses to read pages of a locked file
        PdfReader(io.BytesIO(copy.data)).pages[0].extract_text()


def test_pdf_copy_is_aes_256() -> None:
    encryption = PdfReader(io.BytesIO(protect_file("plan.pdf", make_pdf()).data)).trailer["/Encrypt"]
    assert (encryption["/V"], encryption["/R"]) == (5, 6)
    assert encryption["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


def test_a_pdf_with_only_an_owner_password_is_protected_with_a_password_to_open() -> None:
    copy = protect_file("plan.pdf", encrypted_pdf(user_password=""))
    assert MARK in pdf_text(open_pdf(copy.data, copy.password))
    assert PdfReader(io.BytesIO(copy.data)).decrypt("") == 0


def test_any_other_file_goes_into_an_aes_256_zip() -> None:
    original = f"Name,Need\n{MARK},EHCP\n".encode()
    copy = protect_file("C:\\Users\\office\\trip list.csv", original)
    assert (copy.name, copy.content_type) == ("trip list-protected.zip", "application/zip")
    assert unzip(copy.data, copy.password) == {"trip list.csv": original}
    with pytest.raises(RuntimeError):
        unzip(copy.data, "wrong-" + copy.password)
    with zipfile.ZipFile(io.BytesIO(copy.data)) as archive:
        info = archive.infolist()[0]
    assert info.flag_bits & 1 and info.compress_type == 99  # encrypted, WinZip AES
    assert b"\x01\x99" in info.extra and b"AE" in info.extra and info.extra.endswith(b"\x03\x08\x00")  # AES-256


def test_a_picture_and_a_plain_zip_are_zipped_too() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    assert unzip((copy := protect_file("photo.png", png)).data, copy.password) == {"photo.png": png}
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("notes.txt", MARK)
    copy = protect_file("notes.zip", inner.getvalue())
    assert copy.name == "notes-protected.zip"
    assert unzip(copy.data, copy.password) == {"notes.zip": inner.getvalue()}


def test_every_copy_has_a_new_password() -> None:
    data = make_docx()
    assert len({protect_file("review.docx", data).password for _ in range(5)}) == 5


ALREADY_PROTECTED = [
    ("register.xlsx", lambda: encrypted_ooxml(make_xlsx())),
    ("review.docx", lambda: encrypted_ooxml(make_docx())),
    ("plan.pdf", lambda: encrypted_pdf(user_password="open-sesame-1")),
    ("list.zip", lambda: aes_zip("list.csv", MARK.encode())),
    ("list.7z", lambda: encrypted_7z("list.csv", MARK.encode())),
]


@pytest.mark.parametrize(("name", "make"), ALREADY_PROTECTED, ids=["xlsx", "docx", "pdf", "aes-zip", "7z"])
def test_an_already_protected_file_is_refused_with_a_plain_reason(name, make) -> None:
    with pytest.raises(CannotProtect) as refused:
        protect_file(name, make())
    assert refused.value.reason == (
        "This file is already protected with a password, so it needs no further protection."
    )


DAMAGED = [
    ("review.docx", lambda: make_docx()[:3000]),
    ("review.docx", lambda: b"this is not a Word document at all"),
    ("plan.pdf", lambda: make_pdf()[:400]),
    ("plan.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8),
]


@pytest.mark.parametrize(("name", "make"), DAMAGED, ids=["cut-docx", "fake-docx", "cut-pdf", "garbage-pdf"])
def test_a_damaged_office_file_or_pdf_is_refused(name, make) -> None:
    with pytest.raises(CannotProtect) as refused:
        protect_file(name, make())
    assert refused.value.reason.startswith("This file cannot be protected because ")
    assert refused.value.reason.endswith(".") and "\n" not in refused.value.reason


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    with pytest.raises(CannotProtect) as refused:
        protect_file("review.docx", make_docx(), limits=ProtectLimits(max_bytes=1024))
    assert refused.value.reason == "This file is larger than 1 KB, too large for SendGuard to protect."


def test_the_password_is_not_in_the_copys_repr() -> None:
    copy = protect_file("review.docx", make_docx())
    assert copy.password not in repr(copy) and copy.password not in str(copy)


def test_a_pdf_longer_than_the_scan_reads_is_still_protected() -> None:
    # The scan stops at 500 pages (AttachmentLimits.max_pages); protecting needs none of the text.
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in range(501):
        pdf.add_page()
        pdf.cell(text=f"{MARK}, page {page}")
    copy = protect_file("annual report.pdf", bytes(pdf.output()))
    assert len(open_pdf(copy.data, copy.password).pages) == 501
