"""`sendguard history import` and `sendguard scan` sharing the store, run as real processes."""

import fcntl
import mailbox
import os
import pty
import struct
import subprocess
import sys
import termios
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from service.extract.message import extract_message
from service.history import MIN_SENT_MESSAGES
from service.history.store import open_store_history
from service.scanner import Scanner
from service.schemas.scan import ScanRequest
from service.settings import REPO_ROOT, Settings
from tests.extract.test_email_file import build_msg

TEACHER = "t.jones@oakfield.sch.uk"
HEAD = "Olivia Brennan-Clarke"
KEPT_OUT = ["t.jones", "oakfield", "olivia", "brennan", "sarah", "gmail", "hughes", "trip", "register"]


def sendguard(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    env["SENDGUARD_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env, timeout=300)


def sent_eml(n: int, *, to: str = "Sarah Jones <sarah.jones@oakfield.sch.uk>", sender: str = f"Tom Jones <{TEACHER}>",
             when: datetime | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Cc"] = f"{HEAD} <head@oakfield.sch.uk>"
    message["Subject"] = f"Year 5 trip register {n}"
    message["Date"] = format_datetime(when or datetime.now(UTC) - timedelta(days=n + 1))
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Please find the register attached.\n\nTom")
    return message.as_bytes()


@pytest.fixture
def sent_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Sent Items"
    (folder / "2026").mkdir(parents=True)
    for n in range(18):
        (folder / "2026" / f"message {n}.eml").write_bytes(sent_eml(n))
    box = mailbox.mbox(folder / "older.mbox")
    for n in range(18, 21):
        box.add(mailbox.mboxMessage(sent_eml(n)))
    box.add(mailbox.mboxMessage(sent_eml(99, X_Unsent="1")))  # a draft never sent
    box.add(mailbox.mboxMessage(sent_eml(98, when=datetime.now(UTC) - timedelta(days=800))))
    box.flush()
    box.close()
    (folder / "one.msg").write_bytes(build_msg(
        "Trip register", body="Hello", sender=("Tom Jones", TEACHER),
        recipients=(("Sarah Jones", "sarah.jones@oakfield.sch.uk", 1), (HEAD, "head@oakfield.sch.uk", 2))))
    (folder / "notes.txt").write_text("not mail, left alone")
    return folder


def test_import_then_scan_sees_the_senders_history(tmp_path: Path, sent_folder: Path, scanner: Scanner) -> None:
    data = tmp_path / "store"
    done = sendguard(data, "history", "import", str(sent_folder))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("Read 24 messages: recorded 22, skipped 2 "
                                   "(1 drafts never sent, 1 older than the 365-day retention period).")
    assert done.stderr == ""

    store = b"".join(p.read_bytes() for p in data.glob("sendguard.db*")).decode("utf-8", "replace").casefold()
    assert [word for word in KEPT_OUT if word in store] == []

    draft = tmp_path / "draft.eml"
    draft.write_bytes(sent_eml(
        0, to="Sarah Jones <sarah.jones1984@gmail.com>",
    ).replace(b"Please find the register attached.",
              b"Olivia Smith (UPN A123456789012) has an EHCP for autism; her NHS number is 943 476 5919."))
    scanned = sendguard(data, "scan", str(draft), "--format", "json")
    assert scanned.returncode in (1, 2), scanned.stderr

    history = open_store_history(Settings(data_dir=data), create=False)
    assert history is not None
    request = ScanRequest.model_validate({"message": {
        "subject": "Olivia", "body": {"content": "Olivia Smith has an EHCP.", "type": "text"},
        "from": {"address": TEACHER}, "to": [{"address": "sarah.jones1984@gmail.com", "name": "Sarah Jones"}],
        "cc": [{"address": "head@oakfield.sch.uk", "name": HEAD}]}})
    facts = scanner.facts_for(request.message, extract_message(request.message), sender=TEACHER, history=history)
    seen = facts.sender_history
    assert seen.established and seen.sent_messages == 22 >= MIN_SENT_MESSAGES
    new, head = seen.recipients
    assert (new.address_known, new.name_known_elsewhere, new.usual_domains) == (False, True, ("oakfield.sch.uk",))
    assert head.address_known and not head.name_known_elsewhere
    # Another sender has no history of their own.
    other = scanner.facts_for(request.message, extract_message(request.message), sender="office@oakfield.sch.uk",
                              history=history)
    assert not other.sender_history.established


def test_unreadable_input_exits_3_and_the_rest_is_still_recorded(tmp_path: Path, sent_folder: Path) -> None:
    (sent_folder / "damaged.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    (sent_folder / "not-an-mbox.mbox").write_bytes(b"Subject: hello\n\nno From line\n")
    (sent_folder / "huge-headers.eml").write_bytes(b"From: a@b.com\nTo: " + b"x@y.com, " * 40_000 + b"\n\nbody\n")
    (sent_folder / "binary.eml").write_bytes(os.urandom(3000).replace(b"\n", b""))
    # An mbox with one message whose headers never end, between two good ones.
    (sent_folder / "mixed.mbox").write_bytes(
        b"From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n" + sent_eml(1) + b"\n"
        b"From MAILER-DAEMON Mon Dec  7 10:00:00 2026\nTo: " + b"x@y.com, " * 40_000 + b"\n"
        b"From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n" + sent_eml(2) + b"\n")
    data = tmp_path / "store"
    done = sendguard(data, "history", "import", str(sent_folder), str(tmp_path / "missing"))
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("sendguard: ") for line in lines), done.stderr
    assert "Traceback" not in done.stderr and "damaged.msg" in done.stderr and "missing: no such file" in done.stderr
    assert done.stdout.startswith("Read 26 messages: recorded 24,")
    assert "6 files or messages could not be read" in done.stdout
    history = open_store_history(Settings(data_dir=data), create=False)
    assert history is not None and history.for_draft(TEACHER, []).sent_messages == 24


def test_a_big_export_shows_a_progress_bar_on_a_terminal(tmp_path: Path, sent_folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
    env["SENDGUARD_DATA_DIR"] = str(tmp_path / "store")
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 wide
    process = subprocess.Popen([sys.executable, "-m", "service.cli", "history", "import", str(sent_folder)],
                               stdout=subprocess.PIPE, stderr=terminal, cwd=REPO_ROOT, env=env)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate(timeout=120)
    os.close(controller)
    assert process.returncode == 0
    assert b"messages" in shown and b"messages/s]" in shown, shown
    assert out.decode().startswith("Read 24 messages")


def test_scan_without_a_store_makes_none(tmp_path: Path) -> None:
    draft = tmp_path / "draft.eml"
    draft.write_bytes(sent_eml(1))
    done = sendguard(tmp_path / "store", "scan", str(draft))
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "store").exists()


NEW_EXTERNAL_RULE = REPO_ROOT / "rules" / "new-external-recipient.yaml"


@pytest.mark.skipif(not NEW_EXTERNAL_RULE.exists(),
                    reason="rules/new-external-recipient.yaml is not in this tree yet (issue 14's rules half)")
def test_after_an_import_scan_warns_of_a_new_outside_address(tmp_path: Path, sent_folder: Path) -> None:
    import json

    data = tmp_path / "store"
    assert sendguard(data, "history", "import", str(sent_folder)).returncode == 0
    draft = tmp_path / "draft.eml"
    draft.write_bytes(sent_eml(0, to="Bukola Ogunbiyi <b.ogunbiyi@gmail.com>").replace(
        b"Please find the register attached.",
        b"Olivia Smith (UPN A123456789012) lives at 14 Mill Lane, Maidstone ME14 2QT; her mother's mobile is "
        b"07700 900123."))
    scanned = sendguard(data, "scan", str(draft), "--format", "json")
    assert scanned.returncode in (1, 2), scanned.stderr
    fired = {f["rule"] for f in json.loads(scanned.stdout)["findings"]}
    assert "new-external-recipient" in fired
    # The same draft from someone with no history: the rule stays silent.
    stranger = tmp_path / "stranger.eml"
    stranger.write_bytes(draft.read_bytes().replace(TEACHER.encode(), b"new.starter@oakfield.sch.uk"))
    fresh = json.loads(sendguard(data, "scan", str(stranger), "--format", "json").stdout)
    assert "new-external-recipient" not in {f["rule"] for f in fresh["findings"]}
