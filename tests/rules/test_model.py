"""The rule schema refuses what an administrator might get wrong, naming file and line."""

from pathlib import Path

import pytest

from service.rules.loader import RuleFileError, load_rule, load_rules, rule_files
from service.rules.model import Rule

BUNDLED = Path(__file__).resolve().parents[2] / "rules"

CONTRACT_RULE_IDS = {
    "subject-personal-data",
    "external-recipients-visible",
    "personal-data-external",
    "special-category-external",
    "unprotected-attachment-external",
    "password-in-message",
    "ctf-attachment",
    "lookalike-recipient-domain",
    "unscannable-attachment",
    "confidential-flag-missing",
    # CONTRACT section 8, misdirected email.
    "recipient-name-mismatch",
    "attachment-about-someone-else",
    "new-external-recipient",
    "recipient-address-changed",
}

CONTRACT_DEFAULT_ACTIONS = {
    "subject-personal-data": "warn",
    "external-recipients-visible": "warn",
    "personal-data-external": "warn",
    "special-category-external": "block",
    "unprotected-attachment-external": "block",
    "password-in-message": "warn",
    "ctf-attachment": "block",
    "lookalike-recipient-domain": "warn",
    "unscannable-attachment": "warn",
    "confidential-flag-missing": "info",
    "recipient-name-mismatch": "warn",
    "attachment-about-someone-else": "warn",
    "new-external-recipient": "warn",
    "recipient-address-changed": "warn",
}


def test_bundled_rules_are_exactly_the_contract_rules() -> None:
    rules, errors = load_rules(BUNDLED)
    assert errors == []
    assert {r.id for r in rules} == CONTRACT_RULE_IDS
    assert {r.id: r.action for r in rules} == CONTRACT_DEFAULT_ACTIONS


def test_every_rule_names_a_policy_section_and_a_fix() -> None:
    for path in rule_files(BUNDLED):
        rule = load_rule(path)
        assert "section" in rule.policy.lower(), rule.id
        assert len(rule.fix.split()) >= 5, rule.id


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
id: my-rule
title: A test rule
policy: section 4
action: warn
when:
  entities: {in: [body], types: [UK_UPN]}
message: The body contains {found}.
fix: Take the number out of the email.
examples:
  - name: fires
    expect: warn
    message: {body: "x"}
  - name: quiet
    expect: none
    message: {body: "y"}
"""


def test_a_good_rule_loads(tmp_path: Path) -> None:
    rule = load_rule(_write(tmp_path, "my-rule.yaml", GOOD))
    assert isinstance(rule, Rule)
    assert rule.when.entities is not None and rule.when.entities.types == ["UK_UPN"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("types: [UK_UPN]", "types: [UPN]"), "line 6: when.entities.types.0: unknown entity type 'UPN'"),
        (("action: warn", "action: warn\nseverity: high"), "line 5: severity: unknown key"),
        (("entities: {in", "entity: {in"), "line 6: when.entity: unknown key"),
        (("The body contains {found}.", "Found {value}."), "unknown placeholder {value}"),
        (("expect: none", "expect: warn"), "must not fire on"),
        (("id: my-rule", "id: other-rule"), "must equal the file name"),
        (("in: [body]", "in: [footer]"), "line 6: when.entities.in.0"),
    ],
)
def test_bad_rules_are_refused_with_file_and_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = _write(tmp_path, "my-rule.yaml", GOOD.replace(*change))
    with pytest.raises(RuleFileError) as err:
        load_rule(path)
    assert "my-rule.yaml" in str(err.value)
    assert expected in str(err.value)


def test_a_catastrophic_pattern_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace(
        "entities: {in: [body], types: [UK_UPN]}", "pattern: {in: [body], regex: '(a+)+$'}"
    )
    with pytest.raises(RuleFileError, match="too slow"):
        load_rule(_write(tmp_path, "my-rule.yaml", text))


def test_a_condition_with_two_predicates_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  entities: {in: [body], types: [UK_UPN]}",
        "  entities: {in: [body], types: [UK_UPN]}\n  lookalike_domain: true",
    )
    with pytest.raises(RuleFileError, match="exactly one of"):
        load_rule(_write(tmp_path, "my-rule.yaml", text))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match=r"my-rule.yaml: line \d+: not valid YAML"):
        load_rule(_write(tmp_path, "my-rule.yaml", GOOD.replace("title: A test rule", "title: [unclosed")))


@pytest.mark.parametrize(
    ("pattern", "ignore_case"),
    [
        # Backtracks over every way of splitting a run of commas into eleven pieces.
        ("(.*?,){11}P", None),
        # Harmless on "aaa" when case matters; catastrophic with ignore-case, which is the default.
        ("(A|A)+B", None),
        ("(A|A)+B", "true"),
    ],
)
def test_slow_patterns_are_refused_with_the_flags_they_run_with(
    tmp_path: Path, pattern: str, ignore_case: str | None
) -> None:
    flags = f", ignore_case: {ignore_case}" if ignore_case else ""
    text = GOOD.replace(
        "entities: {in: [body], types: [UK_UPN]}", f"pattern: {{in: [body], regex: '{pattern}'{flags}}}"
    )
    with pytest.raises(RuleFileError) as err:
        load_rule(_write(tmp_path, "slow-rule.yaml", text.replace("my-rule", "slow-rule")))
    assert str(err.value).startswith("slow-rule.yaml: line 6: when.pattern: the pattern is too slow on long input")


def test_a_case_sensitive_pattern_is_checked_case_sensitively(tmp_path: Path) -> None:
    # Case-sensitive, (A|A)+B is harmless on the fixed lower-case probes; a probe built from its
    # own characters (a long run of "A") finds it.
    text = GOOD.replace(
        "entities: {in: [body], types: [UK_UPN]}", "pattern: {in: [body], regex: '(A|A)+B', ignore_case: false}"
    )
    with pytest.raises(RuleFileError, match="too slow"):
        load_rule(_write(tmp_path, "my-rule.yaml", text))


@pytest.mark.parametrize("pattern", [r"\bPROJECT-ZEBRA\b", r"[A-Z]{2}\d{6}[A-D]", r"(?:ref|reference)\s*:?\s*\w+"])
def test_ordinary_patterns_still_load(tmp_path: Path, pattern: str) -> None:
    text = GOOD.replace("entities: {in: [body], types: [UK_UPN]}", f"pattern: {{in: [body], regex: '{pattern}'}}")
    rule = load_rule(_write(tmp_path, "my-rule.yaml", text))
    assert rule.when.pattern is not None and rule.when.pattern.regex == pattern
