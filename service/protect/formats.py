"""The three ways a copy is protected (CONTRACT section 9), each bytes in, bytes out."""

import io

import pyzipper
from msoffcrypto.format.ooxml import OOXMLFile
from pypdf import PasswordType, PdfReader, PdfWriter


class AlreadyEncrypted(Exception):
    """The encryption library found the file already encrypted (the structural check missed it)."""


def encrypt_ooxml(data: bytes, password: str) -> bytes:
    """Word, Excel or PowerPoint "Encrypt with Password": ECMA-376 agile encryption, AES-256 with SHA-512."""
    source = OOXMLFile(io.BytesIO(data))
    if source.is_encrypted():
        raise AlreadyEncrypted
    out = io.BytesIO()
    source.encrypt(password, out)
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """AES-256 (PDF 2.0, revision 6) with `password` as the user password, which opens it."""
    reader = PdfReader(io.BytesIO(data))
    # NOTE: a PDF with only an owner password (restrictions, no password to open) counts
    # as unprotected, as in extraction; it opens with the empty password and is re-encrypted.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise AlreadyEncrypted
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_zip(entry_name: str, data: bytes, password: str) -> bytes:
    """One file in a zip, WinZip AES-256 encrypted (opens in 7-Zip, WinZip and similar tools)."""
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(entry_name, data)
    return out.getvalue()
