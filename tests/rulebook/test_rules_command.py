"""`sendguard rules ...` as a real process on a SQLite store in a temporary folder."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from service.settings import REPO_ROOT
from tests.rulebook.rule_texts import WRONG_EXAMPLE_RULE, zebra


def rules(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}, "SENDGUARD_DATA_DIR": str(tmp)}
    return subprocess.run([sys.executable, "-m", "service.cli", "rules", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env, timeout=300)


def test_rules_command_applies_shadows_and_deletes_with_an_audit_trail(tmp_path: Path) -> None:
    listed = rules(tmp_path, "list")
    assert listed.returncode == 0 and "ctf-attachment" in listed.stdout and "rules version 1" in listed.stdout

    bad = tmp_path / "project-zebra.yaml"
    bad.write_text(WRONG_EXAMPLE_RULE.format(rule_id="project-zebra"), encoding="utf-8")
    refused = rules(tmp_path, "apply", str(bad), "--reason", "new code name")
    assert refused.returncode == 3
    assert "example 'the code name in the body' should give 'block' but gave 'none'" in refused.stderr

    good = tmp_path / "project-zebra.yaml"
    good.write_text(zebra("project-zebra"), encoding="utf-8")
    assert rules(tmp_path, "apply", str(good)).returncode == 3  # --reason is required
    applied = rules(tmp_path, "apply", str(good), "--reason", "new code name", "--actor", "oid-42")
    assert applied.returncode == 0, applied.stderr
    shadowed = rules(tmp_path, "shadow", "project-zebra", "--reason", "measure first")
    assert shadowed.returncode == 0 and "+status: shadow" in shadowed.stdout
    assert rules(tmp_path, "delete", "project-zebra", "--reason", "project over").returncode == 0
    assert rules(tmp_path, "show", "project-zebra").returncode == 3

    with sqlite3.connect(tmp_path / "sendguard.db") as conn:
        rows = conn.execute("SELECT version, change, actor, reason FROM rule_versions WHERE name = 'project-zebra' "
                            "ORDER BY version").fetchall()
    assert rows == [(1, "create", "oid-42", "new code name"), (2, "shadow", f"cli:uid{os.getuid()}", "measure first"),
                    (3, "delete", f"cli:uid{os.getuid()}", "project over")]
    exported = rules(tmp_path, "export", str(tmp_path / "in-force"))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "in-force" / "ctf-attachment.yaml").read_text(encoding="utf-8") == (
        REPO_ROOT / "rules" / "ctf-attachment.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "in-force" / "organisation.yaml").is_file()
    assert not (tmp_path / "in-force" / "project-zebra.yaml").exists()
    history = rules(tmp_path, "history", "project-zebra")
    assert history.stdout.index("v3 delete") < history.stdout.index("v1 create")
