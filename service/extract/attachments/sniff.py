"""Which kind of file this is: by content (magic bytes, container structure) first, name second."""

import io
import re
import zipfile
from enum import StrEnum
from pathlib import PurePosixPath


class FileKind(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    OOXML_OTHER = "ooxml-other"  # Visio, binary Excel (xlsb) and other packages we cannot read
    ODF = "odf"
    ZIP = "zip"
    SEVEN_ZIP = "7z"
    PDF = "pdf"
    OLE = "ole"  # doc, xls, ppt, msg, encrypted OOXML: told apart by their streams
    RTF = "rtf"
    HTML = "html"
    XML = "xml"
    EML = "eml"
    CSV = "csv"
    TSV = "tsv"
    TEXT = "text"
    IMAGE = "image"
    RAR = "rar"
    UNKNOWN = "unknown"


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"

_IMAGE_MAGICS = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x01\x00",  # .ico
)
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}
_IMAGE_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".heic",
    ".heif",
    ".webp",
    ".avif",
    ".ico",
    ".jfif",
}
_EMAIL_HEADER = re.compile(
    rb"^(received|from|to|subject|mime-version|return-path|date|message-id|content-type|x-[\w-]+):",
    re.IGNORECASE | re.MULTILINE,
)


def suffix(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def sniff(name: str, data: bytes) -> FileKind:
    head = data[:4096]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return FileKind.OLE
    if head.startswith(SEVEN_ZIP_MAGIC):
        return FileKind.SEVEN_ZIP
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    if head.startswith(b"Rar!\x1a\x07"):
        return FileKind.RAR
    if _is_image(head):
        return FileKind.IMAGE
    if head.lstrip().startswith(b"{\\rtf"):
        return FileKind.RTF
    if not _looks_like_text(head):
        return FileKind.IMAGE if suffix(name) in _IMAGE_SUFFIXES else FileKind.UNKNOWN
    return _text_kind(name, head)


def _is_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGICS):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _zip_kind(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return FileKind.DOCX
                if "xl/workbook.xml" in names:
                    return FileKind.XLSX
                if "ppt/presentation.xml" in names:
                    return FileKind.PPTX
                return FileKind.OOXML_OTHER
            if "mimetype" in names and "content.xml" in names | {"META-INF/manifest.xml"}:
                info = archive.getinfo("mimetype")
                if info.file_size < 200 and not info.flag_bits & 1:
                    mimetype = archive.read(info)
                    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                        return FileKind.ODF
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        # A damaged zip is still a zip: the archive reader gives the reason.
        pass
    return FileKind.ZIP


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if not head:
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


def _text_kind(name: str, head: bytes) -> FileKind:
    ext = suffix(name)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        ext in (".eml", ".mht", ".mhtml")
        or len(_EMAIL_HEADER.findall(head[:2048])) >= 2
        and (_EMAIL_HEADER.match(stripped))
    ):
        return FileKind.EML
    if (
        ext in (".html", ".htm", ".xhtml")
        or stripped.startswith((b"<!doctype html", b"<html"))
        or (stripped.startswith(b"<") and (b"<body" in stripped or b"<html" in stripped[:1024]))
    ):
        return FileKind.HTML
    if stripped.startswith(b"<?xml") or ext == ".xml" or stripped.startswith(b"<") and ext != ".txt":
        return FileKind.XML
    if ext == ".csv":
        return FileKind.CSV
    if ext in (".tsv", ".tab"):
        return FileKind.TSV
    return FileKind.TEXT
