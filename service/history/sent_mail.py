"""Sent mail read for the recipient history: who sent each message, to whom, and when.

Only headers are read: From, To, Cc, Bcc and Date (and X-Unsent, to leave drafts out).
Bodies and attachments are never opened, so a big export is quick and a hostile one is
cheap: each message's headers are read up to MAX_HEADER_BYTES, each .msg file up to
MAX_MSG_BYTES, and anything past a limit is reported as unreadable, never half-read.

Nothing read here is logged; problems are named by file and a plain reason.
"""

from __future__ import annotations

import io
import logging
import mailbox
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from service.history import SentTo
from service.history.store import SentMessage

log = logging.getLogger(__name__)

MAX_HEADER_BYTES = 256 * 1024
MAX_MSG_BYTES = 60 * 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MBOX_START = b"From "
EML_SUFFIXES = {".eml"}
MSG_SUFFIXES = {".msg"}
MBOX_SUFFIXES = {".mbox", ".mbx"}
_ADDRESS_HEADERS = ("to", "cc", "bcc")


class Unreadable(Exception):
    """A file or message that cannot be read; the message is one plain line."""


@dataclass(frozen=True)
class Skipped:
    """A message read but not recorded, and why (a reason from a short fixed list)."""

    reason: str


NO_SENDER = "no sender address"
NO_RECIPIENTS = "no recipients"
NOT_SENT = "drafts never sent"


@dataclass(frozen=True)
class Source:
    """One file to read and how (eml, msg or mbox)."""

    path: Path
    kind: str


def sources(paths: Sequence[Path]) -> tuple[list[Source], list[tuple[Path, str]]]:
    """The files to read from files and folders given, and the paths that cannot be read at all.

    A file named on the command line is read whatever its name (its content tells the kind);
    in a folder, .eml, .msg and .mbox files are read, and files without a suffix that begin
    as an mbox does (Thunderbird's "Sent").
    """
    found: list[Source] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):  # NOTE: does not follow links to folders
                dirs.sort()
                for name in sorted(files):
                    file = Path(folder) / name
                    if not file.is_file():  # NOTE: a pipe or device named x.eml would block or never end
                        continue
                    kind = _kind_by_name(file)
                    if kind is None and not file.suffix and _starts_with(file, MBOX_START):
                        kind = "mbox"
                    if kind is not None:
                        found.append(Source(file, kind))
        elif path.exists() and not path.is_file():
            problems.append((path, "not a regular file"))
        elif path.is_file():
            kind = _kind_by_name(path) or _kind_by_content(path)
            found.append(Source(path, kind))
        else:
            problems.append((path, "no such file or folder"))
    return found, problems


def _kind_by_name(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in EML_SUFFIXES:
        return "eml"
    if suffix in MSG_SUFFIXES:
        return "msg"
    if suffix in MBOX_SUFFIXES:
        return "mbox"
    return None


def _starts_with(path: Path, prefix: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(prefix)) == prefix
    except OSError:
        return False


def _kind_by_content(path: Path) -> str:
    if _starts_with(path, OLE_SIGNATURE):
        return "msg"
    if _starts_with(path, MBOX_START):
        return "mbox"
    return "eml"


# --- one message's headers ------------------------------------------------------------


def read_header_block(handle: BinaryIO) -> bytes:
    """The header lines of a message, up to the blank line that ends them (bounded)."""
    lines = []
    size = 0
    while True:
        line = handle.readline(MAX_HEADER_BYTES + 1)
        if not line or line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size > MAX_HEADER_BYTES:
            raise Unreadable(f"its headers are longer than {MAX_HEADER_BYTES // 1024} KB")
        lines.append(line)
    return b"".join(lines)


def message_from_headers(block: bytes, now: datetime | None = None) -> SentMessage | Skipped:
    """A sent message from its header lines, or why it is skipped."""
    if not block.strip():
        raise Unreadable("it is empty or not an email")
    try:
        headers = BytesHeaderParser(policy=policy.default).parsebytes(block)
    except Exception as error:  # noqa: BLE001 - the parser is lenient; anything else is damage
        raise Unreadable("its headers are damaged") from error
    if not isinstance(headers, EmailMessage) or not any(k.lower() in ("from", "to", "date") for k in headers.keys()):
        raise Unreadable("it is not an email")
    if _text(headers, "x-unsent").strip() == "1":
        return Skipped(NOT_SENT)
    senders = _addresses(headers, "from")
    if not senders:
        return Skipped(NO_SENDER)
    recipients = tuple(r for name in _ADDRESS_HEADERS for r in _addresses(headers, name))
    if not recipients:
        return Skipped(NO_RECIPIENTS)
    return SentMessage(senders[0].address, recipients, _when(headers, now or datetime.now(UTC)))


def _text(headers: EmailMessage, name: str) -> str:
    try:
        value = headers.get(name)
        return "" if value is None else str(value)
    except Exception:  # noqa: BLE001 - a header the parser cannot decode is treated as absent
        return ""


def _raw(headers: EmailMessage, name: str) -> list[str]:
    return [str(v) for k, v in headers.raw_items() if k.lower() == name]


def _addresses(headers: EmailMessage, name: str) -> list[SentTo]:
    pairs: list[tuple[str, str]] = []
    try:
        for header in headers.get_all(name) or []:
            pairs.extend((a.display_name, a.addr_spec) for a in header.addresses)
    except Exception:  # noqa: BLE001 - fall back on the lenient older parser
        pairs = getaddresses(_raw(headers, name))
    out = []
    for display_name, address in pairs:
        address = _clean(address).strip()
        if "@" in address:
            out.append(SentTo(address, _clean(display_name).strip().strip('"').strip() or None))
    return out


def _clean(text: str) -> str:
    """Without the lone surrogates the email package leaves for undecodable bytes."""
    return text.encode("utf-8", errors="replace").decode("utf-8")


def _when(headers: EmailMessage, now: datetime) -> datetime:
    """The Date header in UTC; the time of import when it is missing or unreadable; never in the future."""
    when = None
    try:
        date = headers.get("date")
        when = getattr(date, "datetime", None)
    except Exception:  # noqa: BLE001
        when = None
    if when is None:
        for raw in _raw(headers, "date"):
            try:
                when = parsedate_to_datetime(raw)
                break
            except (TypeError, ValueError, IndexError):
                continue
    if when is None:
        return now
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return min(when, now)


# --- files ----------------------------------------------------------------------------


def read_eml(path: Path, now: datetime | None = None) -> SentMessage | Skipped:
    try:
        with path.open("rb") as handle:
            block = read_header_block(handle)
    except OSError as error:
        raise Unreadable(error.strerror or "it cannot be read") from None
    if block.startswith(OLE_SIGNATURE):
        raise Unreadable("it is an Outlook .msg file, not a .eml file")
    return message_from_headers(block, now)


def read_msg(path: Path, now: datetime | None = None) -> SentMessage | Skipped:
    """An Outlook .msg: sender, recipients by type and date, attachments never opened."""
    try:
        if path.stat().st_size > MAX_MSG_BYTES:
            raise Unreadable(f"it is larger than {MAX_MSG_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable(error.strerror or "it cannot be read") from None
    if not data.startswith(OLE_SIGNATURE) or len(data) < 1536:
        raise Unreadable("it is not an Outlook .msg file")
    import extract_msg  # NOTE: 0.2 s to import; only .msg input needs it.
    from extract_msg.enums import RecipientType
    from extract_msg.msg_classes import MessageBase

    try:
        msg = extract_msg.openMsg(io.BytesIO(data), delayAttachments=True)
    except Exception as error:  # noqa: BLE001 - any failure of a damaged or hostile file
        raise Unreadable("the .msg file is damaged or not an email") from error
    try:
        if not isinstance(msg, MessageBase):
            raise Unreadable("the .msg file is not an email")
        sender = _addresses_of(msg.sender or "")
        if not sender:
            return Skipped(NO_SENDER)
        recipients = []
        for recipient in msg.recipients:
            if recipient.type not in (RecipientType.TO, RecipientType.CC, RecipientType.BCC):
                continue
            address = (recipient.smtpAddress or recipient.email or "").strip()
            if "@" in address:
                recipients.append(SentTo(address, (recipient.name or "").strip() or None))
        if not recipients:
            return Skipped(NO_RECIPIENTS)
        when = msg.date if isinstance(msg.date, datetime) else None
        current = now or datetime.now(UTC)
        if when is None:
            when = current
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        return SentMessage(sender[0].address, tuple(recipients), min(when, current))
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001
        raise Unreadable("the .msg file is damaged or not an email") from error
    finally:
        msg.close()


def _addresses_of(value: str) -> list[SentTo]:
    return [SentTo(a, n or None) for n, a in getaddresses([value]) if "@" in a]


class Mbox:
    """An mbox file read message by message, headers only."""

    def __init__(self, path: Path) -> None:
        if not _starts_with(path, MBOX_START):
            raise Unreadable("it is not an mbox file (it does not begin with a 'From ' line)")
        try:
            self._box = mailbox.mbox(path, create=False)
            self.keys = list(self._box.iterkeys())
        except (OSError, mailbox.Error) as error:
            raise Unreadable(getattr(error, "strerror", None) or "the mbox file cannot be read") from None

    def __len__(self) -> int:
        return len(self.keys)

    def messages(self, now: datetime | None = None) -> Iterator[SentMessage | Skipped | Unreadable]:
        """Each message in turn; a message that cannot be read is yielded as its problem."""
        try:
            for key in self.keys:
                try:
                    handle = self._box.get_file(key)
                    try:
                        yield message_from_headers(read_header_block(handle), now)  # type: ignore[arg-type]
                    finally:
                        handle.close()
                except Unreadable as problem:
                    yield problem
                except OSError as error:
                    yield Unreadable(error.strerror or "a message cannot be read")
        finally:
            self._box.close()


__all__ = ["MAX_HEADER_BYTES", "MAX_MSG_BYTES", "Mbox", "Skipped", "Source", "Unreadable", "message_from_headers",
           "read_eml", "read_msg", "sources"]
