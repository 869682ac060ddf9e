"""Rule YAML as text: parsing with file:line errors, the status line, diffs."""

import pytest

from service.rulebook.texts import RuleRejected, parse_organisation, parse_rule, with_status, yaml_diff
from service.rules.model import Status
from tests.rulebook.rule_texts import UNKNOWN_ENTITY_RULE, zebra


def test_a_valid_rule_parses() -> None:
    rule = parse_rule(zebra("project-zebra"))
    assert rule.id == "project-zebra" and rule.status is Status.ENABLED


def test_unknown_entity_names_file_and_line() -> None:
    with pytest.raises(RuleRejected) as caught:
        parse_rule(UNKNOWN_ENTITY_RULE.format(rule_id="odd-entity"))
    assert "odd-entity.yaml: line 6" in str(caught.value)
    assert "UK_SHOE_SIZE" in str(caught.value)


def test_the_id_must_match_the_name_given() -> None:
    with pytest.raises(RuleRejected, match="must equal the file name 'other-name'"):
        parse_rule(zebra("project-zebra"), "other-name")


def test_a_slow_pattern_is_refused() -> None:
    text = zebra("slow-one").replace("'\\bPROJECT-ZEBRA\\b'", "'(a+)+$'")
    with pytest.raises(RuleRejected, match="too slow"):
        parse_rule(text)


def test_with_status_replaces_or_inserts_one_line() -> None:
    text = zebra("project-zebra")
    shadowed = with_status(text, Status.SHADOW)
    assert "status: shadow\n" in shadowed and parse_rule(shadowed).status is Status.SHADOW
    again = with_status(shadowed, Status.DISABLED)
    assert again.count("status:") == 1 and parse_rule(again).status is Status.DISABLED
    diff = yaml_diff(text, shadowed, "project-zebra", 1, 2)
    assert diff.count("\n+") == 2 and "+status: shadow" in diff  # the +++ header and the one line


def test_organisation_errors_name_the_line() -> None:
    with pytest.raises(RuleRejected, match="organisation.yaml: line 2"):
        parse_organisation("name: Trust\ninternal_domains: [not a domain]\n")


def test_an_overlong_id_is_refused_before_anything_is_written() -> None:
    long_id = "a" * 300
    with pytest.raises(RuleRejected, match="longer than 80"):
        parse_rule(zebra(long_id))
