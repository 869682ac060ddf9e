"""The rule store on SQLite and PostgreSQL: seeding once, versions, snapshot, conflicts."""

from pathlib import Path

import pytest

from service.rulebook.store import ORG, RULE, ConcurrentChange, RuleStore, StoredVersion
from service.settings import REPO_ROOT
from tests.rulebook.rule_texts import zebra

RULES = REPO_ROOT / "rules"
ORGANISATION = RULES / "organisation.example.yaml"


def test_seeding_happens_once(rule_store: RuleStore) -> None:
    assert rule_store.generation() == 0
    assert rule_store.seed_if_empty(RULES, ORGANISATION) is True
    assert rule_store.seed_if_empty(RULES, ORGANISATION) is False
    snapshot = rule_store.snapshot()
    assert snapshot.generation == 1
    assert set(snapshot.rules) == {p.stem for p in RULES.glob("*.yaml") if not p.name.startswith("organisation")}
    assert snapshot.organisation is not None and "internal_domains" in (snapshot.organisation.yaml_text or "")
    first = snapshot.rules["ctf-attachment"]
    assert (first.version, first.change, first.actor, first.status) == (1, "seed", "system:seed", "enabled")
    assert first.yaml_text == (RULES / "ctf-attachment.yaml").read_text(encoding="utf-8")


def test_each_change_is_a_version_and_moves_the_generation(rule_store: RuleStore, tmp_path: Path) -> None:
    rule_store.seed_if_empty(tmp_path / "no-rules", ORGANISATION)
    created = rule_store.record(RULE, "project-zebra", "create", zebra("project-zebra"), "enabled", "oid-1", "new")
    changed = rule_store.record(RULE, "project-zebra", "update", zebra("project-zebra").replace("block", "warn", 1),
                                "enabled", "oid-2", "too strict")
    assert (created.version, changed.version) == (1, 2)
    assert rule_store.generation() == 3
    assert "-action: block" in changed.diff and "+action: warn" in changed.diff
    history = rule_store.history(RULE, "project-zebra")
    assert [v.version for v in history] == [2, 1]
    assert [(v.actor, v.reason) for v in history] == [("oid-2", "too strict"), ("oid-1", "new")]
    assert history[0].created_at.tzinfo is not None

    rule_store.record(RULE, "project-zebra", "delete", None, None, "oid-1", "not needed")
    snapshot = rule_store.snapshot()
    assert "project-zebra" not in snapshot.rules and snapshot.generation == 4
    assert rule_store.latest(RULE, "project-zebra").deleted  # type: ignore[union-attr]
    assert rule_store.latest(ORG, "organisation") is not None


def test_a_concurrent_change_to_the_same_rule_is_refused(rule_store: RuleStore, monkeypatch: pytest.MonkeyPatch) -> None:
    rule_store.record(RULE, "project-zebra", "create", zebra("project-zebra"), "enabled", "oid-1", "new")
    stale: StoredVersion | None = None  # as a second admin read it before the first one stored
    monkeypatch.setattr(rule_store, "latest", lambda kind, name: stale)
    with pytest.raises(ConcurrentChange):
        rule_store.record(RULE, "project-zebra", "create", zebra("project-zebra"), "enabled", "oid-2", "mine")
    monkeypatch.undo()
    assert [v.actor for v in rule_store.history(RULE, "project-zebra")] == ["oid-1"]
