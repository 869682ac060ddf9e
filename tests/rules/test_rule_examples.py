"""Every rule's own examples, through the real pipeline; a rule that fails them does not load."""

import shutil
from pathlib import Path

import pytest

from service.detect.analyzer import PresidioDetector
from service.rules.loader import load_rules
from service.scanner import Scanner, build_scanner
from service.settings import Settings

BUNDLED = Path(__file__).resolve().parents[2] / "rules"
RULES, _ = load_rules(BUNDLED)


def test_every_bundled_rule_loads(scanner: Scanner) -> None:
    assert scanner.rule_errors == []
    assert {r.id for r in scanner.rules} == {r.id for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_passes_its_own_examples(scanner: Scanner, rule: object) -> None:
    assert scanner.example_failures(rule) == []  # type: ignore[arg-type]


def test_a_rule_that_fails_its_example_is_refused_naming_the_example(
    tmp_path: Path, detector: PresidioDetector
) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(BUNDLED, folder)
    path = folder / "password-in-message.yaml"
    # Claim the rule stays quiet on a message that plainly gives a password.
    path.write_text(
        path.read_text().replace("name: password with no attachment\n    expect: warn", "name: password with no attachment\n    expect: none")
    )
    scanner = build_scanner(Settings(), rules_dir=folder, detector=detector)
    assert "password-in-message" not in {r.id for r in scanner.rules}
    assert len(scanner.rule_errors) == 1
    assert "password-in-message.yaml" in scanner.rule_errors[0]
    assert "'password with no attachment' should give 'none' but gave 'warn'" in scanner.rule_errors[0]
