"""OLE compound files: encrypted or rights-managed Office files, Outlook .msg, and
the legacy binary doc, xls and ppt formats."""

import io
import struct

import olefile

from service.extract.attachments import reasons
from service.extract.attachments.context import ArchiveBomb, ReadContext, TextBuilder, Unreadable
from service.extract.attachments.spreadsheets import read_workbook
from service.extract.types import ExtractedAttachment

_TIME_CHECK_EVERY = 2000


def _streams(ole: olefile.OleFileIO) -> set[str]:
    return {"/".join(path) for path in ole.listdir(streams=True, storages=True)}


def _rights_managed(ole: olefile.OleFileIO, names: set[str]) -> bool:
    """IRM/AIP: the DRM transform named in the data-space map."""
    if any("DRMEncrypted" in n or "\x06DataSpaces/TransformInfo/DRMTransform" in n for n in names):
        return True
    if "\x06DataSpaces/DataSpaceMap" in names:
        stream = ole.openstream("\x06DataSpaces/DataSpaceMap").read(64 * 1024)
        return "DRMEncryptedDataSpace".encode("utf-16-le") in stream
    return False


def _legacy_encrypted(data: bytes) -> bool:
    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # noqa: BLE001 - msoffcrypto does not know this file: not its encryption
        return False


def read_ole(name: str, data: bytes, ctx: ReadContext) -> ExtractedAttachment:
    if len(data) < olefile.MINIMAL_OLEFILE_SIZE:
        raise Unreadable(reasons.DAMAGED)
    with olefile.OleFileIO(data) as ole:
        names = _streams(ole)
        if _rights_managed(ole, names):
            return ExtractedAttachment(name=name, protected=True)
        # Password-protected OOXML: the zip package sits encrypted in an OLE container.
        if "EncryptionInfo" in names and "EncryptedPackage" in names:
            return ExtractedAttachment(name=name, protected=True)
        if any(n.startswith("__substg1.0_") for n in names) or "__properties_version1.0" in names:
            kind = "msg"
            # extract-msg opens every attachment, in mails attached at any depth, in one call.
            attached = sum(1 for n in names if n.rsplit("/", 1)[-1].startswith("__attach_version1.0_"))
            if attached > ctx.limits.max_archive_entries:
                raise ArchiveBomb(reasons.TOO_MANY_ATTACHMENTS)
        elif "WordDocument" in names:
            kind = "doc"
        elif "Workbook" in names or "Book" in names:
            kind = "xls"
        elif "PowerPoint Document" in names:
            kind = "ppt"
        else:
            raise Unreadable(reasons.UNKNOWN_FORMAT)
        if kind != "msg" and _legacy_encrypted(data):
            return ExtractedAttachment(name=name, protected=True)
        if kind == "doc":
            return _read_doc(name, ole, ctx)
        if kind == "ppt":
            return _read_ppt(name, ole, ctx)
        if kind == "xls":
            stream = ole.openstream("Workbook" if "Workbook" in names else "Book").read()
            if xls_grid_cells(stream, ctx) > ctx.limits.max_sheet_cells:
                raise Unreadable(reasons.SPREAD_OUT)
    if kind == "xls":
        return read_workbook(name, data, ctx)
    from service.extract.attachments.mail import read_msg

    return read_msg(name, data, ctx)


def _read_doc(name: str, ole: olefile.OleFileIO, ctx: ReadContext) -> ExtractedAttachment:
    """Word 97-2003: the text runs listed in the piece table ([MS-DOC] 2.8.35 Clx)."""
    word = ole.openstream("WordDocument").read()
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    table_name = "1Table" if flags & 0x0200 else "0Table"
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x01A2)
    if not ole.exists(table_name) or lcb_clx == 0:
        raise Unreadable(reasons.LEGACY_NO_TEXT)
    clx = ole.openstream(table_name).read()[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc entries: formatting, skipped
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise Unreadable(reasons.LEGACY_NO_TEXT)
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    pieces = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    builder = TextBuilder(ctx.text_chars)
    for i in range(pieces):
        ctx.check_time()
        fc = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * i + 2)[0]
        count = max(cps[i + 1] - cps[i], 0)
        if fc & 0x40000000:
            start = (fc & ~0x40000000) // 2
            text = word[start : start + count].decode("cp1252", errors="replace")
        else:
            text = word[fc : fc + 2 * count].decode("utf-16-le", errors="replace")
        builder.add(_clean_word_text(text))
        if builder.full:
            break
    text = builder.text()
    if not text.strip():
        raise Unreadable(reasons.LEGACY_NO_TEXT)
    return ExtractedAttachment(name=name, text=text)


def _clean_word_text(text: str) -> str:
    # Word marks paragraphs with \r, cells with \x07 and fields with \x13-\x15.
    table = {0x0D: "\n", 0x07: "\t", 0x0B: "\n", 0x0C: "\n", 0x13: None, 0x14: None, 0x15: None, 0x01: None}
    return text.translate(table)


_BIFF_BOF = 0x0809
# Records that place a value (or a formatted blank) at one cell: row and column come first.
_BIFF_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
# MULRK and MULBLANK: a run of cells in one row, the last column in the record's last two bytes.
_BIFF_CELL_RUNS = {0x00BD, 0x00BE}


def xls_grid_cells(stream: bytes, ctx: ReadContext) -> int:
    """The largest grid any sheet of a legacy workbook spans, from its cell records.

    NOTE: calamine allocates that whole grid; there is no reader here to fall back to
    for the binary format, so a workbook spread wider than max_sheet_cells is refused.
    """
    largest = 0
    first_row = first_col = 1 << 32
    last_row = last_col = -1
    pos = 0
    count = 0
    while pos + 4 <= len(stream):
        rec_type, length = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        pos = body + length
        count += 1
        if count % _TIME_CHECK_EVERY == 0:
            ctx.check_time()
        if rec_type == _BIFF_BOF:
            first_row = first_col = 1 << 32
            last_row = last_col = -1
            continue
        if rec_type in _BIFF_CELLS and length >= 4:
            row, col = struct.unpack_from("<HH", stream, body)
            end_col = col
        elif rec_type in _BIFF_CELL_RUNS and length >= 6 and pos <= len(stream):
            row, col = struct.unpack_from("<HH", stream, body)
            end_col = struct.unpack_from("<H", stream, pos - 2)[0]
        else:
            continue
        first_row, last_row = min(first_row, row), max(last_row, row)
        first_col, last_col = min(first_col, col, end_col), max(last_col, col, end_col)
        largest = max(largest, (last_row - first_row + 1) * (last_col - first_col + 1))
    return largest


_PPT_CONTAINER = 0xF
_PPT_TEXT_CHARS = 0x0FA0
_PPT_TEXT_BYTES = 0x0FA8


def _read_ppt(name: str, ole: olefile.OleFileIO, ctx: ReadContext) -> ExtractedAttachment:
    """PowerPoint 97-2003: text atoms in the record tree ([MS-PPT] TextCharsAtom, TextBytesAtom)."""
    stream = ole.openstream("PowerPoint Document").read()
    builder = TextBuilder(ctx.text_chars)
    pos = 0
    count = 0
    while pos + 8 <= len(stream) and not builder.full:
        count += 1
        if count % _TIME_CHECK_EVERY == 0:
            ctx.check_time()
        ver_instance, rec_type, length = struct.unpack_from("<HHI", stream, pos)
        body = pos + 8
        if ver_instance & 0x000F == _PPT_CONTAINER:
            pos = body  # step into the container's children
            continue
        if rec_type == _PPT_TEXT_CHARS:
            builder.add(
                stream[body : body + length].decode("utf-16-le", errors="replace").replace("\r", "\n")
            )
        elif rec_type == _PPT_TEXT_BYTES:
            builder.add(stream[body : body + length].decode("cp1252", errors="replace").replace("\r", "\n"))
        pos = body + length
    text = builder.text()
    if not text.strip():
        raise Unreadable(reasons.LEGACY_NO_TEXT)
    return ExtractedAttachment(name=name, text=text)
