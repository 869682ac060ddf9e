"""`sendguard protect FILE [--out PATH]` run as a real process (CONTRACT section 1)."""

from pathlib import Path

import pytest

from tests.protect.files import (
    MARK,
    decrypt_ooxml,
    docx_text,
    encrypted_ooxml,
    make_docx,
    make_pdf,
    open_pdf,
    pdf_text,
    unzip,
)
from tests.protect.test_password import SHAPE
from tests.test_cli import sendguard


def test_writes_the_copy_beside_the_file_and_prints_only_the_password(tmp_path: Path) -> None:
    original = tmp_path / "EHCP review.docx"
    original.write_bytes(data := make_docx())
    run = sendguard("protect", str(original))
    assert run.returncode == 0, run.stderr
    assert SHAPE.fullmatch(run.stdout.removesuffix("\n")), run.stdout
    assert run.stdout.count("\n") == 1 and run.stderr == ""
    password = run.stdout.strip()
    copy = tmp_path / "EHCP review-protected.docx"
    assert MARK in docx_text(decrypt_ooxml(copy.read_bytes(), password))
    assert original.read_bytes() == data  # the original is left alone


def test_out_names_where_the_copy_goes(tmp_path: Path) -> None:
    (tmp_path / "plan.pdf").write_bytes(make_pdf())
    target = tmp_path / "sent" / "plan for the trust.pdf"
    target.parent.mkdir()
    run = sendguard("protect", str(tmp_path / "plan.pdf"), "--out", str(target))
    assert run.returncode == 0, run.stderr
    assert MARK in pdf_text(open_pdf(target.read_bytes(), run.stdout.strip()))
    assert not (tmp_path / "plan-protected.pdf").exists()


def test_any_other_file_becomes_a_zip_beside_it(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text(f"Name\n{MARK}\n")
    run = sendguard("protect", str(tmp_path / "list.csv"))
    assert run.returncode == 0, run.stderr
    assert unzip((tmp_path / "list-protected.zip").read_bytes(), run.stdout.strip()) == {
        "list.csv": f"Name\n{MARK}\n".encode()
    }


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encrypted_ooxml(make_docx()), "This file is already protected with a password"),
        (make_docx()[:2500], "This file cannot be protected because"),
    ],
    ids=["already-protected", "damaged"],
)
def test_a_refused_file_exits_3_with_one_line_and_writes_nothing(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "review.docx").write_bytes(data)
    run = sendguard("protect", str(tmp_path / "review.docx"))
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and reason in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.docx"]


def test_a_missing_file_and_overwriting_the_original_exit_3(tmp_path: Path) -> None:
    run = sendguard("protect", str(tmp_path / "nowhere.docx"))
    assert (run.returncode, run.stdout, run.stderr.count("\n")) == (3, "", 1)
    original = tmp_path / "review.docx"
    original.write_bytes(make_docx())
    run = sendguard("protect", str(original), "--out", str(original))
    assert (run.returncode, run.stdout) == (3, "")
    assert original.read_bytes()[:2] == b"PK"  # still the unprotected original
