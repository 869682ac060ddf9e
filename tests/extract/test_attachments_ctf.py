"""Common Transfer Files are known by DfE name and by content, wherever they hide."""

import io
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from xml.etree.ElementTree import Element, SubElement, tostring

import pytest

from service.extract.attachments.ctf import name_is_ctf
from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]


def ctf_xml() -> bytes:
    root = Element("CTfile")
    header = SubElement(root, "Header")
    SubElement(header, "DocumentName").text = "Common Transfer File"
    SubElement(header, "CTFversion").text = "24.0"
    pupil = SubElement(SubElement(root, "CTFpupilData"), "Pupil")
    SubElement(pupil, "UPN").text = "A123456789012"
    SubElement(pupil, "Surname").text = "Hart"
    SubElement(pupil, "Forename").text = "Amelia"
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root)


@pytest.mark.parametrize(
    "name",
    [
        "8231234_CTF_8235678_001.xml",
        "820LLLL_CTF_8201234_002.XML",
        "8231234_CTF_XXXXXXX_001.xml",
        "ABC1234567_CTF_ABC2345678_001.xml",
    ],
)
def test_dfe_names_are_ctf(name: str) -> None:
    assert name_is_ctf(name)


@pytest.mark.parametrize(
    "name", ["ctf_guide.pdf", "8231234_CTF_8235678.xml", "CTF notes.docx", "8231234_ATF_8235678_001.xml.zip"]
)
def test_other_names_are_not(name: str) -> None:
    assert not name_is_ctf(name)


def test_ctf_by_name_even_without_content(extract: Extract) -> None:
    assert extract("8231234_CTF_8235678_001.xml", b"").is_ctf


def test_ctf_by_content_when_renamed(extract: Extract) -> None:
    result = extract("leavers.txt", ctf_xml())
    assert result.is_ctf
    assert "Surname: Hart" in result.text


def test_ordinary_xml_is_not_ctf(extract: Extract) -> None:
    assert not extract("data.xml", b"<?xml version='1.0'?><report><title>Trip</title></report>").is_ctf


def test_ctf_inside_zip_marks_the_zip(extract: Extract) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/leavers.xml", ctf_xml())
        archive.writestr("readme.txt", "hello")
    result = extract("transfer.zip", buffer.getvalue())
    assert result.is_ctf
    assert [item.is_ctf for item in result.nested] == [True, False]


def test_ctf_inside_attached_mail_marks_the_mail(extract: Extract) -> None:
    inner = EmailMessage()
    inner["Subject"] = "CTF for Amelia"
    inner.set_content("attached")
    inner.add_attachment(ctf_xml(), maintype="application", subtype="xml", filename="pupil.xml")
    outer = EmailMessage()
    outer["Subject"] = "Fwd"
    outer.set_content("see below")
    outer.add_attachment(inner)
    result = extract("fwd.eml", outer.as_bytes())
    assert result.is_ctf
    attached_mail = result.nested[0]
    assert attached_mail.is_ctf and attached_mail.nested[0].is_ctf
