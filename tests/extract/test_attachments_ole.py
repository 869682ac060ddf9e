"""OLE compound files: Outlook messages and rights-managed Office files.

Written with extract-msg's OleWriter (the OLE writer of the library that reads
them), with the streams MS-OXMSG and MS-OFFCRYPTO name.
"""

import io
import struct
from collections.abc import Callable

from extract_msg.ole_writer import OleWriter

from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]


def _prop(tag_id: int, tag_type: int, value: int) -> bytes:
    return struct.pack("<IIQ", (tag_id << 16) | tag_type, 6, value)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _message(writer: OleWriter, prefix: str, subject: str, body: str, attachments: int, top: bool) -> None:
    header = struct.pack("<8xIIII8x" if top else "<8xIIII", 0, attachments, 0, attachments)
    writer.addEntry(prefix + "__properties_version1.0", header + _prop(0x0036, 0x0003, 0))
    writer.addEntry(prefix + "__substg1.0_001A001F", _utf16("IPM.Note"))
    writer.addEntry(prefix + "__substg1.0_0037001F", _utf16(subject))
    writer.addEntry(prefix + "__substg1.0_1000001F", _utf16(body))


def outlook_message() -> bytes:
    """A .msg with a CSV attached and an attached .msg that carries a CTF."""
    writer = OleWriter()
    _message(writer, "", "FW: leavers", "Please see the list.", 2, top=True)
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry("__nameid_version1.0/" + stream, b"")
    csv_folder = "__attach_version1.0_#00000000"
    writer.addEntry(csv_folder, storage=True)
    writer.addEntry(csv_folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 0x0003, 1))
    writer.addEntry(csv_folder + "/__substg1.0_3707001F", _utf16("leavers.csv"))
    writer.addEntry(
        csv_folder + "/__substg1.0_37010102", b"Name,Destination\nAmelia Hart,Oak High\nOliver Quinn,Elm\n"
    )
    mail_folder = "__attach_version1.0_#00000001"
    writer.addEntry(mail_folder, storage=True)
    writer.addEntry(mail_folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 0x0003, 5))
    writer.addEntry(mail_folder + "/__substg1.0_3001001F", _utf16("CTF for Amelia"))
    inner = mail_folder + "/__substg1.0_3701000D/"
    writer.addEntry(inner[:-1], storage=True)
    _message(writer, inner, "CTF", "Attached is the CTF.", 1, top=False)
    ctf_folder = inner + "__attach_version1.0_#00000000"
    writer.addEntry(ctf_folder, storage=True)
    writer.addEntry(ctf_folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 0x0003, 1))
    writer.addEntry(ctf_folder + "/__substg1.0_3707001F", _utf16("8231234_CTF_8235678_001.xml"))
    writer.addEntry(ctf_folder + "/__substg1.0_37010102", b"<?xml version='1.0'?><CTfile><Header/></CTfile>")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_outlook_message_with_attachments_read_recursively(extract: Extract) -> None:
    result = extract("fw.msg", outlook_message())
    assert result.readable
    assert "Subject: FW: leavers" in result.text and "Please see the list." in result.text
    by_name = {item.name: item for item in result.nested}
    assert by_name["fw.msg/leavers.csv"].people_count == 2
    attached = next(item for item in result.nested if item.name.endswith(".msg"))
    assert "Attached is the CTF." in attached.text
    assert attached.is_ctf and result.is_ctf


def _ole(streams: dict[str, bytes]) -> bytes:
    writer = OleWriter()
    made: set[str] = set()
    for path, data in streams.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            storage = "/".join(parts[:depth])
            if storage not in made:
                writer.addEntry(storage, storage=True)
                made.add(storage)
        writer.addEntry(path, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_rights_managed_office_file_is_protected(extract: Extract) -> None:
    data = _ole(
        {
            "\x06DataSpaces/Version": b"\0" * 16,
            "\x06DataSpaces/DataSpaceMap": b"\0" * 24 + _utf16("DRMEncryptedDataSpace"),
            "\x06DataSpaces/DataSpaceInfo/DRMEncryptedDataSpace": b"\0" * 16,
            "\x06DataSpaces/TransformInfo/DRMEncryptedTransform/\x06Primary": b"\0" * 16,
            "EncryptedPackage": b"\0" * 64,
        }
    )
    result = extract("report.docx", data)
    assert result.protected and result.text == ""


def test_unknown_ole_file_is_not_passed_as_clean(extract: Extract) -> None:
    result = extract("thing.doc", _ole({"Contents": b"hello" * 1000}))
    assert not result.readable and result.reason
