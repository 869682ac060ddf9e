"""`sendguard simulate` over a folder and an mbox, run as a real process with two workers.

Also the generator of the 10,000-draft measurement:
    python -m tests.test_simulate OUT_DIR [COUNT]
"""

import json
import mailbox
import random
import subprocess
import sys
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

from bench.corpus import load_drafts
from service.scanner import Scanner
from service.schemas.scan import ScanRequest

ROOT = Path(__file__).resolve().parents[1]

_OPENINGS = ["", "Hi,\n", "Good morning,\n", "Thanks for this.\n", "Quick one:\n", "As discussed,\n"]
_EXTERNAL = ["gmail.com", "outlook.com", "example.org", "teachkent.co.uk"]


def varied(request: ScanRequest, number: int, rng: random.Random) -> ScanRequest:
    """The same draft with small changes: subject, an opening line, sometimes another outside domain."""
    message = request.message.model_copy(deep=True)
    message.subject = f"{message.subject} ({number})" if message.subject else f"Note {number}"
    opening = rng.choice(_OPENINGS)
    if message.body.type == "html":
        message.body.content = f"<p>{opening}</p>{message.body.content}"
    else:
        message.body.content = opening + message.body.content
    for recipient in message.to:
        domain = recipient.address.rsplit("@", 1)[-1]
        if domain in _EXTERNAL and rng.random() < 0.5:
            recipient.address = recipient.address.rsplit("@", 1)[0] + "@" + rng.choice(_EXTERNAL)
    return ScanRequest(message=message)


def as_eml(request: ScanRequest) -> bytes:
    m = request.message
    mail = EmailMessage()
    mail["Subject"] = m.subject
    mail["From"] = m.sender.address if m.sender else "t.jones@oakfield.sch.uk"
    mail["To"] = ", ".join(r.address for r in m.to) or "office@oakfield.sch.uk"
    mail.set_content(m.body.content, subtype="html" if m.body.type == "html" else "plain")
    return mail.as_bytes()


def make_drafts(folder: Path, count: int, seed: int = 6) -> list[ScanRequest]:
    """`count` varied drafts from corpus/drafts: mostly .json, every 25th as .eml, every 500th unreadable."""
    rng = random.Random(seed)
    corpus = [d.request for d in load_drafts()]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        request = varied(corpus[number % len(corpus)], number, rng)
        if number % 500 == 499:
            (folder / f"draft-{number:05}.json").write_text('{"message": ', encoding="utf-8")
            continue
        if number % 25 == 24:
            (folder / f"draft-{number:05}.eml").write_bytes(as_eml(request))
        else:
            (folder / f"draft-{number:05}.json").write_text(request.model_dump_json(by_alias=True), encoding="utf-8")
        written.append(request)
    return written


def simulate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", "simulate", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_simulate_folder_counts_match_scanning_each_draft(tmp_path: Path, scanner: Scanner) -> None:
    folder = tmp_path / "drafts"
    make_drafts(folder, 30)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    expected_rules: Counter[str] = Counter()
    expected_actions: Counter[str] = Counter()
    from service.cli import read_request

    readable = 0
    for path in sorted(folder.iterdir()):
        try:
            result = scanner.scan(read_request(path))
        except ValueError:
            continue
        readable += 1
        expected_actions[result.action] += 1
        expected_rules.update({f.rule for f in result.findings})

    proc = simulate(str(folder), "--workers", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["drafts"] == 31 and figures["readable"] == readable == 31 - figures["unreadable"]
    assert {i["input"] for i in figures["unreadable_inputs"]} == {str(folder / "broken.json")}
    assert figures["actions"] == {a: expected_actions[a] for a in ("allow", "warn", "block")}
    fired = {r["rule"]: r["fired"] for r in figures["rules"]}
    assert {k: v for k, v in fired.items() if v} == dict(expected_rules)
    for r in figures["rules"]:
        assert r["share"] == round(r["fired"] / readable, 4)
    assert figures["workers"] == 2
    # The progress bar goes to stderr, the figures to stdout.
    assert "31/31" in proc.stderr


def test_simulate_mbox_in_text(tmp_path: Path) -> None:
    box_path = tmp_path / "sent.mbox"
    box = mailbox.mbox(box_path)
    requests = [d.request for d in load_drafts()][:6]
    for request in requests:
        box.add(as_eml(request))
    box.add(b"From nobody\n\n")
    box.flush()
    box.close()

    proc = simulate(str(box_path), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith("7 drafts, 6 scanned, 1 unreadable"), proc.stdout
    assert "sent.mbox message 7" in proc.stdout
    assert "Rule" in proc.stdout and "share of mail" in proc.stdout


def _dated_eml(to: str, when: str, body: str = "Hi Sarah, the figures for Thursday are below.") -> bytes:
    mail = EmailMessage()
    mail["Subject"] = "Figures"
    mail["From"] = "Tom Jones <t.jones@oakfield.sch.uk>"
    mail["To"] = to
    mail["Date"] = when
    mail.set_content(body)
    return mail.as_bytes()


def _sent_folder(tmp_path: Path) -> Path:
    """21 messages to Sarah at school in January; her personal address once before them and once after.

    File names put the late message first and the early one last: only the Date orders them."""
    folder = tmp_path / "sent"
    folder.mkdir()
    for day in range(1, 22):
        (folder / f"m-{day:02}.eml").write_bytes(
            _dated_eml("Sarah Jones <sarah.jones@oakfield.sch.uk>", f"Wed, {day:02} Jan 2025 09:00:00 +0000"))
    (folder / "a-after.eml").write_bytes(
        _dated_eml("Sarah Jones <sarahjones77@gmail.com>", "Mon, 03 Feb 2025 09:00:00 +0000"))
    (folder / "z-before.eml").write_bytes(
        _dated_eml("Sarah Jones <sarahjones77@gmail.com>", "Sun, 01 Dec 2024 09:00:00 +0000"))
    return folder


def test_replay_gives_each_message_the_history_before_it(tmp_path: Path) -> None:
    from service.simulate import drafts_in, in_time_order

    folder = _sent_folder(tmp_path)
    _, drafts = drafts_in(folder)
    ordered = in_time_order(drafts, ["oakfield.sch.uk"])
    assert [Path(d.path or "").name for d in ordered][:2] == ["z-before.eml", "m-01.eml"]
    assert Path(ordered[-1].path or "").name == "a-after.eml"
    before, after = ordered[0].history, ordered[-1].history
    assert before is not None and after is not None
    assert before.sent_messages == 0 and not before.established
    assert after.sent_messages == 22 and after.established
    seen = after.seen("sarahjones77@gmail.com")
    assert seen is not None and seen.address_known  # the December message counts: it came first
    assert ordered[1].history is not None and ordered[1].history.sent_messages == 1


def test_simulate_fires_history_rules_only_once_history_exists(tmp_path: Path) -> None:
    folder = _sent_folder(tmp_path)
    (folder / "z-before.eml").unlink()  # so the February message is the first to the personal address
    proc = simulate(str(folder), "--workers", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    fired = {r["rule"]: r["fired"] for r in json.loads(proc.stdout)["rules"]}
    assert fired["recipient-address-changed"] == 1
    # The same message dated before the school ones has no history behind it: silent.
    (folder / "a-after.eml").write_bytes(
        _dated_eml("Sarah Jones <sarahjones77@gmail.com>", "Sun, 01 Dec 2024 09:00:00 +0000"))
    proc = simulate(str(folder), "--workers", "1", "--json")
    fired = {r["rule"]: r["fired"] for r in json.loads(proc.stdout)["rules"]}
    assert fired["recipient-address-changed"] == 0


def test_simulate_refuses_a_missing_path(tmp_path: Path) -> None:
    proc = simulate(str(tmp_path / "nowhere"))
    assert proc.returncode == 3
    assert "no such file or folder" in proc.stderr


if __name__ == "__main__":
    out = Path(sys.argv[1])
    make_drafts(out, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(f"wrote drafts to {out}")
