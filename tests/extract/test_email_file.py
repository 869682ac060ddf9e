""".eml and .msg files read into a ScanRequest.

.eml files are made with the standard library's email package. .msg files are
made with extract-msg's own OLE writer (the library SendGuard reads them with),
laid out as MS-OXMSG describes: property streams, recipient and attachment
storages.
"""

import base64
import io
import struct
from email.message import EmailMessage
from email.headerregistry import Address

import pytest
from extract_msg.ole_writer import OleWriter

from service.extract.email_file import InputError, load_email, load_eml, load_msg

HTML = "<html><body><p>Dear Mrs Okafor,</p><p>Olivia's report is attached.</p><img src='cid:logo@x'></body></html>"


def _rich_eml() -> bytes:
    mail = EmailMessage()
    mail["From"] = Address("Tom Jones", "t.jones", "oakfield.sch.uk")
    mail["To"] = [Address("Okafor, Amara", "amara.okafor", "example.com"), Address("", "office", "kent.gov.uk")]
    mail["Cc"] = Address("Zoë Brown", "z.brown", "oakfield.sch.uk")
    mail["Bcc"] = "governors@oakfieldtrust.org.uk"
    mail["Subject"] = "Re: Olivia’s report – Year 5"
    mail["Sensitivity"] = "Company-Confidential"
    mail["msip_labels"] = (
        "MSIP_Label_1b2c3d4e-0000-4000-8000-000000000001_Enabled=true; "
        "MSIP_Label_1b2c3d4e-0000-4000-8000-000000000001_Name=Confidential; "
        "MSIP_Label_1b2c3d4e-0000-4000-8000-000000000001_Method=Standard"
    )
    mail.set_content("Dear Mrs Okafor,\nOlivia's report is attached.\n")
    mail.add_alternative(HTML, subtype="html")
    html_part = mail.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(b"\x89PNG fake logo", maintype="image", subtype="png", cid="<logo@x>")
    mail.add_attachment(
        b"name,dob\nOlivia Smith,2015-03-12\n", maintype="text", subtype="csv", filename="register.csv"
    )
    inner = EmailMessage()
    inner["From"] = "a.okafor@example.com"
    inner["To"] = "t.jones@oakfield.sch.uk"
    inner["Subject"] = "Trip / consent?"
    inner.set_content("Is Olivia going?")
    mail.add_attachment(inner)
    return mail.as_bytes()


def test_rich_eml() -> None:
    message = load_eml(_rich_eml()).message
    assert message.subject == "Re: Olivia’s report – Year 5"
    assert message.sender is not None
    assert (message.sender.address, message.sender.name) == ("t.jones@oakfield.sch.uk", "Tom Jones")
    assert [(r.address, r.name) for r in message.to] == [
        ("amara.okafor@example.com", "Okafor, Amara"),
        ("office@kent.gov.uk", None),
    ]
    assert [(r.address, r.name) for r in message.cc] == [("z.brown@oakfield.sch.uk", "Zoë Brown")]
    assert [r.address for r in message.bcc] == ["governors@oakfieldtrust.org.uk"]
    assert message.body.type == "html"
    assert "Olivia's report is attached." in message.body.content
    assert message.flagged_confidential is True
    assert message.sensitivity_label == "Confidential"

    by_name = {a.name: a for a in message.attachments}
    assert set(by_name) == {"attachment-1.png", "register.csv", "Trip consent.eml"}
    register = by_name["register.csv"]
    assert register.content_type == "text/csv"
    assert base64.b64decode(register.content_base64 or "") == b"name,dob\nOlivia Smith,2015-03-12\n"
    assert register.size == len(b"name,dob\nOlivia Smith,2015-03-12\n")
    assert register.is_inline is False
    assert by_name["attachment-1.png"].is_inline is True
    assert by_name["attachment-1.png"].content_type == "image/png"
    attached = by_name["Trip consent.eml"]
    assert attached.content_type == "message/rfc822"
    assert b"Is Olivia going?" in base64.b64decode(attached.content_base64 or "")


def test_plain_text_eml_keeps_text_type() -> None:
    mail = EmailMessage()
    mail["From"] = "t.jones@oakfield.sch.uk"
    mail["To"] = "parent@example.com"
    mail["Subject"] = "Hello"
    mail.set_content("Dear Parent/Carer,\nThanks\n")
    message = load_eml(mail.as_bytes()).message
    assert message.body.type == "text"
    assert message.body.content == "Dear Parent/Carer,\nThanks\n"
    assert message.attachments == []
    assert message.flagged_confidential is False and message.sensitivity_label is None


def test_subject_encoded_words_are_decoded() -> None:
    raw = (
        b"From: t.jones@oakfield.sch.uk\r\nTo: a@example.com\r\n"
        b"Subject: =?utf-8?B?T2xpdmlh4oCZcyBFSENQ?= =?iso-8859-1?Q?caf=E9?=\r\n\r\nhi\r\n"
    )
    assert load_eml(raw).message.subject == "Olivia’s EHCPcafé"


def test_broken_and_unknown_charsets_decode_with_replacement() -> None:
    raw = (
        b"From: =?x-bogus?Q?Tom_J=F6nes?= <t.jones@oakfield.sch.uk>\r\n"
        b"To: a@example.com\r\n"
        b"Subject: =?x-unknown?Q?caf=E9?= and =?utf-8?B?////?=\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=x-made-up\r\n\r\nOlivia caf\xe9 \xff\xfe\r\n"
        b"--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Disposition: attachment; filename=x.html\r\n\r\n"
        b"<p>bad \xc3\x28 utf8</p>\r\n--b--\r\n"
    )
    message = load_eml(raw).message
    assert "caf" in message.subject
    assert message.body.type == "text"
    assert message.body.content.startswith("Olivia caf")
    assert [a.name for a in message.attachments] == ["x.html"]


def test_body_without_charset_falls_back_to_windows_1252() -> None:
    raw = b"From: a@b.com\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\nSmith \x96 Jones \x80\r\n"
    assert load_eml(raw).message.body.content.startswith("Smith – Jones €")


def test_hostile_headers_do_not_crash() -> None:
    raw = (
        b'From: "unterminated <<<@@@>>>\r\n'
        b"To: ,,,, <>, @, a@, @b, \"\\\" <x@y.z>, undisclosed-recipients:;\r\n"
        b"Cc: =?utf-8?Q?=ZZ?= <c@d.com>\r\n"
        b"Subject: " + b"=?utf-8?B?" * 200 + b"\r\n\r\nbody\r\n"
    )
    message = load_eml(raw).message
    assert message.body.content.strip() == "body"
    assert all(r.address for r in message.to + message.cc)


def test_deeply_nested_multipart_is_refused_plainly() -> None:
    head = b"From: a@b.com\r\nTo: c@d.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(3000)
    )
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(3000)))
    with pytest.raises(InputError, match="^the email file is damaged and could not be read$"):
        load_eml(head + opening + b"Content-Type: text/plain\r\n\r\nhello\r\n" + closing)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "not an email file"),
        (bytes(range(256)) * 20, "not an email file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "this is an Outlook .msg file, not a .eml file"),
    ],
)
def test_not_an_email(data: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        load_eml(data)
    assert str(caught.value) == expected
    assert "\n" not in str(caught.value)


# --- .msg -------------------------------------------------------------------


def _prop(tag_id: int, tag_type: int, value: int) -> bytes:
    """One fixed-length property entry: tag, flags (readable, writable), value."""
    return struct.pack("<IIQ", (tag_id << 16) | tag_type, 6, value)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def build_msg(
    subject: str,
    *,
    body: str | None = None,
    html: str | None = None,
    sender: tuple[str, str] | None = ("Tom Jones", "t.jones@oakfield.sch.uk"),
    recipients: tuple[tuple[str | None, str, int], ...] = (),
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    sensitivity: int = 0,
    message_class: str = "IPM.Note",
    transport_headers: str | None = None,
) -> bytes:
    """An Outlook message file (MS-OXMSG). Recipient types: 1 To, 2 Cc, 3 Bcc."""
    writer = OleWriter()
    header = struct.pack("<8xIIII8x", len(recipients), len(attachments), len(recipients), len(attachments))
    writer.addEntry("__properties_version1.0", header + _prop(0x0036, 0x0003, sensitivity))
    streams = {"__substg1.0_001A001F": _utf16(message_class), "__substg1.0_0037001F": _utf16(subject)}
    if body is not None:
        streams["__substg1.0_1000001F"] = _utf16(body)
    if html is not None:
        streams["__substg1.0_10130102"] = html.encode("utf-8")
    if transport_headers is not None:
        streams["__substg1.0_007D001F"] = _utf16(transport_headers)
    if sender:
        streams["__substg1.0_0C1A001F"] = _utf16(sender[0])
        streams["__substg1.0_5D01001F"] = _utf16(sender[1])
    for stream_name, data in streams.items():
        writer.addEntry(stream_name, data)
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry("__nameid_version1.0/" + stream, b"")
    for i, (display_name, address, kind) in enumerate(recipients):
        folder = f"__recip_version1.0_#{i:08X}"
        writer.addEntry(folder, storage=True)
        writer.addEntry(folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x0C15, 0x0003, kind))
        if display_name:
            writer.addEntry(folder + "/__substg1.0_3001001F", _utf16(display_name))
        writer.addEntry(folder + "/__substg1.0_3003001F", _utf16(address))
        writer.addEntry(folder + "/__substg1.0_39FE001F", _utf16(address))
    for i, (file_name, mime, data) in enumerate(attachments):
        folder = f"__attach_version1.0_#{i:08X}"
        writer.addEntry(folder, storage=True)
        writer.addEntry(folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 0x0003, 1))
        writer.addEntry(folder + "/__substg1.0_3707001F", _utf16(file_name))
        writer.addEntry(folder + "/__substg1.0_370E001F", _utf16(mime))
        writer.addEntry(folder + "/__substg1.0_37010102", data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


REGISTER = b"name,upn\nOlivia Smith,A123456789012\n"


def _rich_msg() -> bytes:
    return build_msg(
        "Year 5 trip – consent",
        body="Dear Mrs Okafor,\r\nPlease see attached.",
        html="<p>Dear Mrs Okafor,</p><p>Please see attached.</p>",
        recipients=(
            ("Amara Okafor", "amara.okafor@example.com", 1),
            ("Office", "office@oakfield.sch.uk", 2),
            (None, "governors@oakfieldtrust.org.uk", 3),
        ),
        attachments=(("register.csv", "text/csv", REGISTER),),
        sensitivity=3,
    )


def test_rich_msg() -> None:
    message = load_msg(_rich_msg()).message
    assert message.subject == "Year 5 trip – consent"
    assert message.sender is not None
    assert (message.sender.address, message.sender.name) == ("t.jones@oakfield.sch.uk", "Tom Jones")
    assert [(r.address, r.name) for r in message.to] == [("amara.okafor@example.com", "Amara Okafor")]
    assert [(r.address, r.name) for r in message.cc] == [("office@oakfield.sch.uk", "Office")]
    assert [(r.address, r.name) for r in message.bcc] == [("governors@oakfieldtrust.org.uk", None)]
    assert message.body.type == "html"
    assert message.body.content == "<p>Dear Mrs Okafor,</p><p>Please see attached.</p>"
    assert message.flagged_confidential is True
    [attachment] = message.attachments
    assert (attachment.name, attachment.content_type, attachment.size) == ("register.csv", "text/csv", len(REGISTER))
    assert base64.b64decode(attachment.content_base64 or "") == REGISTER


def test_plain_msg_is_text_and_not_confidential() -> None:
    data = build_msg("Hello", body="Hi Sam,\r\nThanks", recipients=(("Sam Patel", "s.patel@oakfield.sch.uk", 1),))
    message = load_email(data).message
    assert message.body.type == "text"
    assert message.body.content == "Hi Sam,\r\nThanks"
    assert message.flagged_confidential is False
    assert message.attachments == []


def test_damaged_msg() -> None:
    data = _rich_msg()
    with pytest.raises(InputError) as caught:
        load_msg(data[: len(data) // 2])
    assert str(caught.value) == "the .msg file is damaged and could not be read"


def test_ole_file_that_is_not_a_message() -> None:
    writer = OleWriter()
    writer.addEntry("WordDocument", b"\0" * 4096)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError) as caught:
        load_msg(out.getvalue())
    assert str(caught.value) == "not an Outlook email (.msg) file"


def test_msg_that_is_a_contact_not_an_email() -> None:
    with pytest.raises(InputError) as caught:
        load_msg(build_msg("Amara", message_class="IPM.Contact"))
    assert "not an email" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"/etc/passwd", b"From: a@b.com\r\n\r\nhi", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_not_a_msg(data: bytes) -> None:
    # Short input is refused before olefile sees it: olefile takes short bytes for a file path.
    with pytest.raises(InputError, match="^not an Outlook .msg file$"):
        load_msg(data)


def test_load_email_tells_formats_apart() -> None:
    assert load_email(_rich_eml()).message.subject.startswith("Re: Olivia")
    assert load_email(_rich_msg()).message.subject.startswith("Year 5 trip")


def test_text_after_an_inline_picture_is_body() -> None:
    mail = EmailMessage()
    mail["From"] = "t.jones@oakfield.sch.uk"
    mail["To"] = "parent@example.com"
    mail["Subject"] = "Photos"
    mail.make_mixed()
    first, picture, second = EmailMessage(), EmailMessage(), EmailMessage()
    first.set_content("Here is the photo:")
    picture.set_content(b"\xff\xd8 fake jpeg", maintype="image", subtype="jpeg", disposition="inline")
    second.set_content("Olivia Smith is on the left.")
    for part in (first, picture, second):
        mail.attach(part)
    message = load_eml(mail.as_bytes()).message
    assert message.body.type == "text"
    assert "Here is the photo:" in message.body.content
    assert "Olivia Smith is on the left." in message.body.content
    assert [(a.name, a.is_inline) for a in message.attachments] == [("attachment-1.jpg", True)]


def test_plain_alternative_is_not_repeated_in_an_html_body() -> None:
    message = load_eml(_rich_eml()).message
    assert message.body.content.count("Olivia's report is attached.") == 1
    assert "<pre>" not in message.body.content


def _msg_with_attached_message() -> bytes:
    writer = OleWriter()
    writer.addEntry("__properties_version1.0", struct.pack("<8xIIII8x", 0, 1, 0, 1) + _prop(0x0036, 3, 0))
    writer.addEntry("__substg1.0_001A001F", _utf16("IPM.Note"))
    writer.addEntry("__substg1.0_0037001F", _utf16("FW: trip"))
    writer.addEntry("__substg1.0_1000001F", _utf16("See attached."))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry("__nameid_version1.0/" + stream, b"")
    folder = "__attach_version1.0_#00000000"
    writer.addEntry(folder, storage=True)
    writer.addEntry(folder + "/__properties_version1.0", b"\0" * 8 + _prop(0x3705, 3, 5))  # embedded message
    inner = folder + "/__substg1.0_3701000D"
    writer.addEntry(inner, storage=True)
    writer.addEntry(inner + "/__properties_version1.0", struct.pack("<8xIIII", 0, 0, 0, 0) + _prop(0x0036, 3, 0))
    writer.addEntry(inner + "/__substg1.0_001A001F", _utf16("IPM.Note"))
    writer.addEntry(inner + "/__substg1.0_0037001F", _utf16("Olivia / medical"))
    writer.addEntry(inner + "/__substg1.0_1000001F", _utf16("Olivia has asthma."))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_msg_with_an_attached_message() -> None:
    [attached] = load_msg(_msg_with_attached_message()).message.attachments
    assert (attached.name, attached.content_type) == ("Olivia medical.msg", "application/vnd.ms-outlook")
    inner = load_msg(base64.b64decode(attached.content_base64 or "")).message
    assert (inner.subject, inner.body.content) == ("Olivia / medical", "Olivia has asthma.")


def test_msg_sensitivity_label_from_transport_headers() -> None:
    headers = (
        "From: Tom Jones <t.jones@oakfield.sch.uk>\r\nTo: a@example.com\r\nSubject: x\r\n"
        "msip_labels: MSIP_Label_aa11-22_Enabled=true; MSIP_Label_aa11-22_Name=Pupil Data;\r\n\r\n"
    )
    message = load_msg(build_msg("x", body="hi", transport_headers=headers)).message
    assert message.sensitivity_label == "Pupil Data"
    assert message.sender is not None and message.sender.address == "t.jones@oakfield.sch.uk"
