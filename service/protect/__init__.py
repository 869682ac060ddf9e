"""Protect this file (CONTRACT section 9): a password-protected copy and its new password.

Office files are encrypted in their own format, PDFs with AES-256, anything else goes
into an AES-256 zip. Whether the file is already protected, or cannot be read, is
decided by the same reading the scan does (service/extract/attachments), so a file
the scan calls protected is refused here and one it can read is accepted.

Nothing here logs or keeps the file, its name or the password.
"""

import base64
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from service.extract.attachments import AttachmentLimits, extract_attachment
from service.extract.attachments import reasons as extract_reasons
from service.extract.attachments.pdf import NO_TEXT
from service.extract.attachments.sniff import FileKind, sniff, suffix
from service.protect import reasons
from service.protect.formats import AlreadyEncrypted, encrypt_ooxml, encrypt_pdf, encrypt_zip
from service.protect.naming import base_name, protected_name
from service.protect.password import new_password
from service.schemas import Attachment

__all__ = ["CannotProtect", "ProtectLimits", "ProtectedCopy", "protect_file"]

log = logging.getLogger(__name__)

_OOXML_KINDS = {FileKind.DOCX, FileKind.XLSX, FileKind.PPTX}
# A name that promises one of these but content that is not: a damaged file, not "anything else".
_OOXML_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm",
                   ".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm"}
_DEFAULT_TYPES = {
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PDF_TYPE = "application/pdf"
ZIP_TYPE = "application/zip"
# Reasons extraction gives for a file that is whole but has no text to check: still protectable.
_CHECK_TEXT_CHARS = 2_000
_CHECK_ROWS = 20
_CHECK_PAGES = 100_000
_READABLE_ENOUGH = {NO_TEXT, extract_reasons.LEGACY_NO_TEXT}


class CannotProtect(Exception):
    """The file is refused; `reason` is one plain sentence for the sender."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ProtectLimits:
    max_bytes: int = 25 * 1024 * 1024
    # For checking and encrypting together; the caller stops waiting then.
    seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class ProtectedCopy:
    name: str
    content_type: str
    data: bytes = field(repr=False)
    # NOTE: kept out of repr so that no log line or traceback can show it.
    password: str = field(repr=False)


def protect_file(name: str, data: bytes, content_type: str | None = None,
                 limits: ProtectLimits | None = None) -> ProtectedCopy:
    """The protected copy of one file, or CannotProtect with the reason."""
    limits = limits or ProtectLimits()
    if len(data) > limits.max_bytes:
        raise CannotProtect(reasons.too_large(limits.max_bytes))
    deadline = time.monotonic() + limits.seconds
    kind = _check(name, data, limits, deadline)
    password = new_password()
    if kind in _OOXML_KINDS:
        copy_type = content_type or _DEFAULT_TYPES[kind]
        encrypted = _within(deadline, lambda: encrypt_ooxml(data, password))
        return ProtectedCopy(protected_name(name, zipped=False), copy_type, encrypted, password)
    if kind is FileKind.PDF:
        encrypted = _within(deadline, lambda: encrypt_pdf(data, password))
        return ProtectedCopy(protected_name(name, zipped=False), PDF_TYPE, encrypted, password)
    encrypted = _within(deadline, lambda: encrypt_zip(base_name(name), data, password))
    return ProtectedCopy(protected_name(name, zipped=True), ZIP_TYPE, encrypted, password)


def _check(name: str, data: bytes, limits: ProtectLimits, deadline: float) -> FileKind:
    """The file's kind, once the scan's own reading finds it unprotected and, for Office and PDF, readable."""
    kind = sniff(name, data)
    # NOTE: only "protected?" and "readable?" are wanted, not the text: a little of it is
    # read (a PDF's first pages, a sheet's first rows), which still opens the whole file.
    # The page cap guards reading every page; a long report is read only to its first.
    read_limits = AttachmentLimits(max_bytes=limits.max_bytes, max_text_chars=_CHECK_TEXT_CHARS,
                                   max_pages=_CHECK_PAGES,
                                   max_rows=_CHECK_ROWS, max_sample_rows=_CHECK_ROWS,
                                   budget_seconds=max(deadline - time.monotonic(), 0.001))
    encoded = base64.b64encode(data).decode("ascii")
    read = extract_attachment(Attachment(name=base_name(name)[:1024], content_base64=encoded), read_limits)
    if read.protected:
        raise CannotProtect(reasons.ALREADY_PROTECTED)
    if kind in _OOXML_KINDS or kind is FileKind.PDF:
        if not read.readable and read.reason not in _READABLE_ENOUGH:
            raise CannotProtect(reasons.unreadable(read.reason))
    elif suffix(name) in _OOXML_SUFFIXES or suffix(name) == ".pdf":
        raise CannotProtect(reasons.unreadable(extract_reasons.DAMAGED))
    return kind


def _within(deadline: float, encrypt: Callable[[], bytes]) -> bytes:
    """Runs `encrypt` in a worker thread and stops waiting at the deadline.

    NOTE: a thread cannot be stopped; the size cap is what bounds how long an abandoned
    one runs on (the libraries' loops are linear in the file's size).
    """
    box: list[bytes] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            box.append(encrypt())
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            failure.append(error)

    worker = threading.Thread(target=work, name="sendguard-protect", daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0))
    if worker.is_alive():
        raise CannotProtect(reasons.TOO_SLOW)
    if failure:
        error = failure[0]
        if isinstance(error, AlreadyEncrypted):
            raise CannotProtect(reasons.ALREADY_PROTECTED)
        if isinstance(error, MemoryError):
            raise CannotProtect(reasons.OUT_OF_MEMORY)
        # Damaged files end in many different library errors; only the class is logged.
        log.info("file could not be encrypted: %s", type(error).__name__)
        raise CannotProtect(reasons.unreadable(extract_reasons.DAMAGED))
    return box[0]
