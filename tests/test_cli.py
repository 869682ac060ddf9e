"""The command line of CONTRACT section 1, run as a real process."""

import json
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def sendguard(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def request(subject: str, body: str, to: list[str], **extra: object) -> dict[str, object]:
    return {
        "message": {
            "subject": subject,
            "body": {"content": body, "type": "text"},
            "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
            "to": [{"address": a} for a in to],
            **extra,
        }
    }


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    files = {
        "clean": request("Year 6 assembly", "Hi all, assembly is at 9am on Friday.", ["staff@oakfield.sch.uk"]),
        "warn": request("Newsletter", "Dear parents, the newsletter is below.", ["a@gmail.com", "b@outlook.com"]),
        "block": request("UPN H801200001001", "Please confirm receipt.", ["office@riverside-academy.org.uk"]),
    }
    out = {}
    for name, body in files.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(body))
        out[name] = path
    (folder / "unknown-field.json").write_text(json.dumps({"message": {"subject": "x", "colour": "red"}}))
    out["unknown-field"] = folder / "unknown-field.json"
    (folder / "malformed.json").write_text('{"message": {"subject": ')
    out["malformed"] = folder / "malformed.json"
    eml = EmailMessage()
    eml["From"] = "t.jones@oakfield.sch.uk"
    eml["To"] = "office@oakfield.sch.uk"
    eml["Subject"] = "Caf\udce9"  # will be re-encoded below
    raw = (
        b"From: t.jones@oakfield.sch.uk\r\nTo: office@oakfield.sch.uk\r\nSubject: Caf\xe9 rota\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nThe caf\xe9 rota is \xff\xfe attached.\r\n"
    )
    (folder / "latin1.eml").write_bytes(raw)
    out["latin1"] = folder / "latin1.eml"
    empty = request("", "", ["office@oakfield.sch.uk"])
    (folder / "empty.json").write_text(json.dumps(empty))
    out["empty"] = folder / "empty.json"
    huge = request("Minutes", "The meeting went well. " * 230_000, ["office@oakfield.sch.uk"])
    (folder / "huge.json").write_text(json.dumps(huge))
    out["huge"] = folder / "huge.json"
    return out


def test_exit_codes_follow_the_strongest_verdict(drafts: dict[str, Path]) -> None:
    assert sendguard("scan", str(drafts["clean"])).returncode == 0
    assert sendguard("scan", str(drafts["warn"])).returncode == 1
    assert sendguard("scan", str(drafts["block"])).returncode == 2
    assert sendguard("scan", str(drafts["clean"]), str(drafts["block"]), str(drafts["warn"])).returncode == 2


def test_json_lines_carry_the_file_and_the_contract_shape(drafts: dict[str, Path]) -> None:
    proc = sendguard("scan", "--format", "json", str(drafts["clean"]), str(drafts["block"]))
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(drafts["clean"]), str(drafts["block"])]
    assert [line["action"] for line in lines] == ["allow", "block"]
    assert set(lines[1]) >= {"scan_id", "action", "findings", "summary", "file"}
    finding = next(f for f in lines[1]["findings"] if f["rule"] == "subject-personal-data")
    assert finding["action"] == "block" and finding["locations"][0] == "subject"
    assert finding["entities"] == {"UK_UPN": 1}
    assert "H801200001001" not in proc.stdout  # never the value itself


@pytest.mark.parametrize("bad", ["unknown-field", "malformed"])
def test_bad_json_is_one_line_on_stderr_and_the_others_still_scan(drafts: dict[str, Path], bad: str) -> None:
    proc = sendguard("scan", "--format", "json", str(drafts[bad]), str(drafts["block"]))
    assert proc.returncode == 3
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and str(drafts[bad]) in errors[0]
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["action"] == "block"


def test_non_utf8_eml_empty_and_huge_bodies_get_a_verdict(drafts: dict[str, Path]) -> None:
    for name in ("latin1", "empty", "huge"):
        proc = sendguard("scan", "--format", "json", str(drafts[name]))
        assert proc.returncode == 0, (name, proc.stderr)
        assert json.loads(proc.stdout)["action"] == "allow"
        assert "Traceback" not in proc.stderr


def test_missing_file_and_usage_errors_exit_3(tmp_path: Path) -> None:
    missing = sendguard("scan", str(tmp_path / "nope.eml"))
    assert missing.returncode == 3 and "nope.eml" in missing.stderr and "Traceback" not in missing.stderr
    assert sendguard("scan").returncode == 3
    assert sendguard("scan", "--format", "xml", "x.json").returncode == 3


def test_bundled_examples_scan(drafts: dict[str, Path]) -> None:
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    proc = sendguard("scan", "--format", "json", *files)
    assert proc.returncode == 2, proc.stderr
    verdicts = {Path(r["file"]).name: r["action"] for r in map(json.loads, proc.stdout.splitlines())}
    assert verdicts["01-clean-trip-letter.json"] == "allow"
    assert verdicts["02-upn-in-subject-to-outsider.json"] == "block"
    assert verdicts["03-sen-details-to-tutor.json"] == "block"
    assert verdicts["04-parents-in-cc.json"] == "warn"
    assert verdicts["06-lookalike-domain.json"] == "warn"
    assert verdicts["07-internal-referral.json"] == "allow"
    assert verdicts["09-referral.eml"] == "block"


def test_analyze_json_offsets_index_the_text_as_read() -> None:
    text = "Pupil\u200b UPN: H801200001001. Call 07700 900461."
    proc = sendguard("analyze", "--format", "json", stdin=text)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    by_type = {e["type"]: text[e["start"] : e["end"]] for e in found}
    assert by_type["UK_UPN"] == "H801200001001"
    assert by_type["PHONE_NUMBER"] == "07700 900461"
    assert all(set(e) == {"type", "start", "end", "score"} for e in found)


def test_analyze_jsonl_keeps_order_and_survives_bad_lines() -> None:
    lines = "\n".join(
        [json.dumps({"text": "NHS number 943 476 5919"}), "not json", json.dumps({"text": "Nothing here."})]
    )
    proc = sendguard("analyze", "--format", "jsonl", stdin=lines)
    assert proc.returncode == 3
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(out) == 3
    assert [e["type"] for e in out[0]] == ["UK_NHS"]
    assert out[1] == [] and out[2] == []
    assert "line 2" in proc.stderr and "Traceback" not in proc.stderr


def test_a_cut_short_scan_says_so_in_both_formats(drafts: dict[str, Path]) -> None:
    text = sendguard("scan", str(drafts["huge"]))
    assert "only its first part was checked" in text.stdout
    as_json = json.loads(sendguard("scan", "--format", "json", str(drafts["huge"])).stdout)
    assert "only its first part was checked" in as_json["summary"]
    short = sendguard("scan", str(drafts["empty"]))
    assert "only its first part" not in short.stdout
