"""Reading sent mail's headers: who, to whom, when; bounded and plain about what it cannot read."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from service.history import SentTo
from service.history.sent_mail import (
    MAX_HEADER_BYTES,
    NO_RECIPIENTS,
    NO_SENDER,
    Skipped,
    SentMessage,
    Unreadable,
    message_from_headers,
    sources,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_names_addresses_and_the_date_in_utc() -> None:
    message = message_from_headers(
        b"From: =?utf-8?q?Tom_Jones?= <T.Jones@oakfield.sch.uk>\r\n"
        b'To: "Jones, Sarah" <sarah.jones@oakfield.sch.uk>, s.hughes@gmail.com\r\n'
        b"Cc: =?utf-8?b?w4lsb2TDrWU=?= <e@example.com>\r\n"
        b"Bcc: governors@oakfieldtrust.org.uk\r\n"
        b"Date: Fri, 04 Dec 2026 16:30:00 +0100\r\n", NOW)
    assert message == SentMessage(
        "T.Jones@oakfield.sch.uk",
        (SentTo("sarah.jones@oakfield.sch.uk", "Jones, Sarah"), SentTo("s.hughes@gmail.com"),
         SentTo("e@example.com", "Élodíe"), SentTo("governors@oakfieldtrust.org.uk")),
        datetime(2026, 12, 4, 15, 30, tzinfo=UTC),
    )


@pytest.mark.parametrize(("date", "expected"), [
    (b"Date: Thu, 1 Jan 2099 00:00:00 +0000\r\n", NOW),  # never in the future
    (b"Date: not a date at all\r\n", NOW),  # unreadable: the time of import
    (b"", NOW),
])
def test_a_missing_wrong_or_future_date_is_the_time_of_import(date: bytes, expected: datetime) -> None:
    message = message_from_headers(b"From: a@b.com\r\nTo: c@d.com\r\n" + date, NOW)
    assert isinstance(message, SentMessage) and message.when == expected


@pytest.mark.parametrize(("block", "reason"), [
    (b"To: c@d.com\r\nDate: Fri, 04 Dec 2026 16:30:00 +0000\r\n", NO_SENDER),
    (b"From: undisclosed\r\nTo: c@d.com\r\n", NO_SENDER),
    (b"From: a@b.com\r\nTo: undisclosed-recipients:;\r\n", NO_RECIPIENTS),
])
def test_messages_without_a_sender_or_recipients_are_skipped(block: bytes, reason: str) -> None:
    assert message_from_headers(block, NOW) == Skipped(reason)


def test_hostile_headers_do_not_crash() -> None:
    message = message_from_headers(
        b'From: "unterminated <<<@@@>>> <a@b.com>\r\nTo: ,,,, <>, @, a@, @b, "\\" <x@y.z>, undisclosed-recipients:;\r\n'
        b"Cc: =?utf-8?Q?=ZZ?= <c@d.com>\r\nSubject: " + b"=?utf-8?B?" * 200 + b"\r\n", NOW)
    assert isinstance(message, (SentMessage, Skipped))
    if isinstance(message, SentMessage):
        assert all("@" in r.address for r in message.recipients)


def test_not_an_email_is_unreadable() -> None:
    with pytest.raises(Unreadable):
        message_from_headers(b"%PDF-1.7 random words\r\n", NOW)
    with pytest.raises(Unreadable):
        message_from_headers(b"\r\n", NOW)


def test_a_folder_holds_mail_files_and_thunderbirds_sent_mbox_only(tmp_path: Path) -> None:
    (tmp_path / "a.EML").write_bytes(b"From: a@b.com\n")
    (tmp_path / "Sent").write_bytes(b"From - Mon Dec  7 10:00:00 2026\nFrom: a@b.com\n")
    (tmp_path / "Sent.msf").write_bytes(b"// index")
    (tmp_path / "notes").write_bytes(b"hello")
    os.mkfifo(tmp_path / "pipe.eml")
    found, problems = sources([tmp_path, tmp_path / "gone.mbox"])
    assert [(s.path.name, s.kind) for s in found] == [("Sent", "mbox"), ("a.EML", "eml")]
    assert problems == [(tmp_path / "gone.mbox", "no such file or folder")]
    assert sources([tmp_path / "pipe.eml"]) == ([], [(tmp_path / "pipe.eml", "not a regular file")])


def test_headers_past_the_limit_are_refused(tmp_path: Path) -> None:
    from service.history.sent_mail import read_eml

    path = tmp_path / "long.eml"
    path.write_bytes(b"From: a@b.com\nX-Long: " + b"a" * (MAX_HEADER_BYTES + 10) + b"\n\nbody\n")
    with pytest.raises(Unreadable, match="headers are longer than 256 KB"):
        read_eml(path, NOW)
