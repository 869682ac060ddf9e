"""Changes through RuleAdmin: validated with the real detector, stored with who and why."""

import pytest

from service.detect.types import Detector
from service.rulebook.admin import RuleAdmin, RuleExists, RuleNotFound
from service.rulebook.build import ExampleChecker, scanner_from_snapshot
from service.rulebook.store import RULE, RuleStore
from service.rulebook.texts import RuleRejected
from service.rules.model import Status
from service.scanner import Scanner
from service.settings import REPO_ROOT, Settings
from tests.rulebook.rule_texts import WRONG_EXAMPLE_RULE, zebra


@pytest.fixture
def admin(rule_store: RuleStore, detector: Detector) -> RuleAdmin:
    rule_store.seed_if_empty(REPO_ROOT / "rules", REPO_ROOT / "rules" / "organisation.example.yaml")
    return RuleAdmin(rule_store, ExampleChecker(detector, Settings()))


def test_a_valid_rule_is_stored_with_who_and_why(admin: RuleAdmin) -> None:
    version, changed = admin.apply(zebra("project-zebra"), actor="oid-7", reason="new code name")
    assert changed and (version.version, version.change, version.actor) == (1, "create", "oid-7")
    again, changed_again = admin.apply(zebra("project-zebra"), actor="oid-7", reason="same again")
    assert not changed_again and again.version == 1
    with pytest.raises(RuleExists):
        admin.apply(zebra("project-zebra").replace("Project Zebra", "Zebra"), actor="oid-7", reason="x" * 5,
                    create_only=True)


def test_a_rule_failing_its_example_is_refused_by_name(admin: RuleAdmin) -> None:
    with pytest.raises(RuleRejected) as caught:
        admin.apply(WRONG_EXAMPLE_RULE.format(rule_id="project-zebra"), actor="oid-7", reason="new code name")
    assert "project-zebra.yaml: example 'the code name in the body' should give 'block' but gave 'none'" in str(
        caught.value)
    assert admin.store.latest(RULE, "project-zebra") is None


def test_a_reason_is_required(admin: RuleAdmin) -> None:
    with pytest.raises(RuleRejected, match="give a reason"):
        admin.apply(zebra("project-zebra"), actor="oid-7", reason="  ")
    with pytest.raises(RuleRejected, match="control characters"):
        admin.apply(zebra("project-zebra"), actor="oid-7", reason="why\x00not")


def test_shadow_then_delete(admin: RuleAdmin) -> None:
    version, changed = admin.set_status("ctf-attachment", Status.SHADOW, actor="oid-7", reason="measure first")
    assert changed and version.status == "shadow" and "+status: shadow" in version.diff
    admin.delete("ctf-attachment", actor="oid-7", reason="replaced")
    with pytest.raises(RuleNotFound):
        admin.current("ctf-attachment")
    with pytest.raises(RuleNotFound):
        admin.set_status("ctf-attachment", Status.ENABLED, actor="oid-7", reason="back")


def test_a_stored_rule_that_stops_passing_is_left_out_and_reported(admin: RuleAdmin, scanner: Scanner) -> None:
    # Written straight to the store, past validation, as a hand-edited database would be.
    admin.store.record(RULE, "project-zebra", "create", WRONG_EXAMPLE_RULE.format(rule_id="project-zebra"),
                       "enabled", "oid-7", "bypass")
    built = scanner_from_snapshot(admin.store.snapshot(), admin.checker, scanner)
    assert "project-zebra" not in {r.id for r in built.rules}
    assert "ctf-attachment" in {r.id for r in built.rules}
    assert any("the code name in the body" in e for e in built.rule_errors)


def test_the_organisation_is_validated_and_versioned(admin: RuleAdmin) -> None:
    with pytest.raises(RuleRejected, match="line 2"):
        admin.apply_organisation("name: T\ninternal_domains: []\n", actor="oid-7", reason="typo")
    text = "name: Oakfield\ninternal_domains: [oakfield.sch.uk, newschool.sch.uk]\n"
    version, changed = admin.apply_organisation(text, actor="oid-7", reason="a school joined")
    assert changed and version.version == 2 and "+internal_domains" in version.diff
