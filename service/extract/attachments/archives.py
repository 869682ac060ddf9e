"""Zip and 7z archives, read entry by entry and recursively under the caps."""

import io
import zipfile

import py7zr
from py7zr.io import Py7zIO, WriterFactory

from service.extract.attachments import reasons
from service.extract.attachments.context import ArchiveBomb, ReadContext
from service.extract.attachments.ctf import name_is_ctf
from service.extract.attachments.zipsafety import (
    check_central_directory,
    check_declared_size,
    file_entries,
    is_encrypted,
    read_entry,
)
from service.extract.types import ExtractedAttachment

# Files that operating systems add to archives by themselves: no content of the sender's.
_SYSTEM_CLUTTER = {".ds_store", "thumbs.db", "desktop.ini"}


def _is_clutter(filename: str) -> bool:
    return filename.startswith("__MACOSX/") or filename.rsplit("/", 1)[-1].lower() in _SYSTEM_CLUTTER


def _nested_reader(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    from service.extract.attachments.reader import read_nested

    return read_nested(name, data, ctx)


def _unreadable_entry(name: str, reason: str) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, readable=False, reason=reason, is_ctf=name_is_ctf(name))


def _locked_entry(name: str) -> ExtractedAttachment:
    return ExtractedAttachment(name=name, protected=True, is_ctf=name_is_ctf(name))


def archive_result(
    name: str, nested: list[ExtractedAttachment], protected: bool = False
) -> ExtractedAttachment:
    """The archive itself: its entries as nested files, CTF when any entry is one."""
    text = "" if protected else "Files: " + ", ".join(item.name.rsplit("/", 1)[-1] for item in nested)
    return ExtractedAttachment(
        name=name,
        text=text if nested else "",
        protected=protected,
        is_ctf=any(item.is_ctf for item in nested),
        nested=tuple(nested),
    )


def read_zip(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    inner_ctx = ctx.deeper()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_central_directory(archive, len(data), ctx)
        entries = [info for info in file_entries(archive) if not _is_clutter(info.filename)]
        if entries and all(is_encrypted(info) for info in entries):
            return archive_result(name, [_locked_entry(f"{name}/{info.filename}") for info in entries], True)
        nested: list[ExtractedAttachment] = []
        for info in entries:
            ctx.check_time()
            inner_name = f"{name}/{info.filename}"
            if is_encrypted(info):
                nested.append(_locked_entry(inner_name))
                continue
            if info.file_size > ctx.limits.max_bytes:
                nested.append(_unreadable_entry(inner_name, reasons.TOO_LARGE))
                continue
            nested.append(_nested_reader(inner_name, read_entry(archive, info, ctx), inner_ctx))
    return archive_result(name, nested)


class _CappedBuffer(Py7zIO):
    """Where py7zr writes one expanded entry: counts every byte, keeps at most max_bytes."""

    def __init__(self, ctx: ReadContext, declared: int) -> None:
        self._ctx = ctx
        self._declared = declared
        self._buffer = io.BytesIO()
        self.written = 0

    def write(self, s: bytes | bytearray) -> int:
        self._ctx.check_time()
        self._ctx.count_expanded(len(s))
        self.written += len(s)
        if self.written > self._declared:
            raise ArchiveBomb(reasons.BOMB_TOTAL)
        if self._buffer.tell() <= self._ctx.limits.max_bytes:
            self._buffer.write(s)
        return len(s)

    def read(self, size: int | None = None) -> bytes:
        return self._buffer.getvalue()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._buffer.seek(offset, whence)

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self.written

    @property
    def too_large(self) -> bool:
        return self.written > self._ctx.limits.max_bytes

    def value(self) -> bytes:
        return self._buffer.getvalue()


class _CappedFactory(WriterFactory):
    def __init__(self, ctx: ReadContext, declared: dict[str, int]) -> None:
        self._ctx = ctx
        self._declared = declared
        self.products: dict[str, _CappedBuffer] = {}

    def create(self, filename: str) -> Py7zIO:
        product = _CappedBuffer(self._ctx, self._declared.get(filename, 0))
        self.products[filename] = product
        return product


# The archive's header (file names, sizes, times) as py7zr decodes it. 1,000 entries
# with long names come to a few hundred KB; 50,000 short names (1.1 MB) took py7zr
# 1.2 s to parse, and its own limit (256 MB) lets a 100 KB file list millions.
_MAX_7Z_HEADER_BYTES = 1024 * 1024


def _check_7z_header(data: bytes) -> None:
    """Refuses a header that decodes to more than _MAX_7Z_HEADER_BYTES, before py7zr decodes it.

    NOTE: py7zr parses the whole header in one call that cannot be interrupted, so it is
    measured first from the start header and the encoded header's stream sizes.
    """
    from py7zr.archiveinfo import HeaderStreamsInfo, SignatureHeader
    from py7zr.properties import PROPERTY

    source = io.BytesIO(data)
    signature = SignatureHeader.retrieve(source)
    start = source.tell() + signature.nextheaderofs
    if signature.nextheadersize > _MAX_7Z_HEADER_BYTES:
        raise ArchiveBomb(reasons.TOO_MANY_ENTRIES)
    header = io.BytesIO(data[start : start + signature.nextheadersize])
    if header.read(1) != PROPERTY.ENCODED_HEADER:
        return
    streams = HeaderStreamsInfo.retrieve(header)
    decoded = sum(folder.get_unpack_size() for folder in streams.unpackinfo.folders)
    if decoded > _MAX_7Z_HEADER_BYTES:
        raise ArchiveBomb(reasons.TOO_MANY_ENTRIES)


def read_7z(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    inner_ctx = ctx.deeper()
    _check_7z_header(data)
    try:
        archive = py7zr.SevenZipFile(io.BytesIO(data), mode="r")
    except py7zr.PasswordRequired:
        # Encrypted headers: not even the file names can be read without the password.
        return ExtractedAttachment(name=name, protected=True)
    with archive:
        members = [m for m in archive.list() if not m.is_directory and not _is_clutter(m.filename)]
        if len(members) > ctx.limits.max_archive_entries:
            raise ArchiveBomb(reasons.TOO_MANY_ENTRIES)
        if archive.needs_password():
            return archive_result(name, [_locked_entry(f"{name}/{m.filename}") for m in members], True)
        declared = {m.filename: m.uncompressed for m in members}
        check_declared_size(sum(declared.values()), len(data), ctx)
        factory = _CappedFactory(ctx, declared)
        archive.extractall(factory=factory)
    nested: list[ExtractedAttachment] = []
    for member in members:
        inner_name = f"{name}/{member.filename}"
        product = factory.products.get(member.filename)
        if product is None:
            nested.append(_nested_reader(inner_name, b"", inner_ctx))
        elif product.too_large:
            nested.append(_unreadable_entry(inner_name, reasons.TOO_LARGE))
        else:
            nested.append(_nested_reader(inner_name, product.value(), inner_ctx))
    return archive_result(name, nested)
