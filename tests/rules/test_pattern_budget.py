"""Administrators' patterns share one time budget per draft; what was not checked is said, not skipped silently."""

from collections.abc import Iterator

import pytest

from service.rules.engine import NOT_FULLY_CHECKED, PatternBudget, RuleEngine
from service.rules.facts import MessageFacts, PartFacts
from service.rules.model import Rule, Status
from service.schemas.scan import Action

# Accepted at load (fast on every probe) but quadratic on a long run of "ref": slow on a big attachment.
SLOW_BUT_ACCEPTED = r"ref\w*:\s*\d+"
ATTACHMENTS = 20
PER_TEXT_SECONDS = 0.2
BUDGET_SECONDS = 0.5


def rule(when: dict[str, object], action: str = "block") -> Rule:
    return Rule.model_validate({
        "id": "project-reference", "title": "Project reference", "policy": "section 9", "action": action,
        "when": when, "message": "The email carries a project reference.", "fix": "Take the reference out.",
        "examples": [{"name": "fires", "expect": action, "message": {"body": "ref: 12"}},
                     {"name": "quiet", "expect": "none", "message": {"body": "hello"}}],
    })


PATTERN = {"pattern": {"in": ["attachments"], "regex": SLOW_BUT_ACCEPTED}}


def draft(text: str, attachments: int = ATTACHMENTS) -> MessageFacts:
    return MessageFacts(
        parts=(
            PartFacts(location="subject", kind="subject", text="Minutes"),
            PartFacts(location="body", kind="body", text="Attached."),
            *(PartFacts(location=f"attachment:notes-{i}.txt", kind="attachment", text=text)
              for i in range(attachments)),
        ),
        recipients=(),
    )


def ticking(step: float) -> Iterator[float]:
    now = 0.0
    while True:
        yield now
        now += step


def test_the_budget_is_shared_by_every_attachment_and_the_rest_are_skipped() -> None:
    engine = RuleEngine([rule(PATTERN)], pattern_timeout=PER_TEXT_SECONDS, pattern_budget=BUDGET_SECONDS)
    # A clock that says each search took 0.2 s, whatever it really took: the accounting alone is tested.
    clock = ticking(0.2)
    budget = PatternBudget(BUDGET_SECONDS, clock=lambda: next(clock))
    findings = engine.evaluate(draft("no reference here " * 10), budget=budget)
    assert (budget.searches, budget.skipped, budget.timed_out) == (3, ATTACHMENTS - 3, 0)
    assert budget.spent == pytest.approx(0.6)
    (finding,) = findings
    assert (finding.rule, finding.action, finding.message) == ("project-reference", Action.WARN, NOT_FULLY_CHECKED)
    assert finding.locations == []


def test_a_slow_accepted_pattern_over_many_attachments_stops_at_the_budget() -> None:
    engine = RuleEngine([rule(PATTERN)], pattern_timeout=PER_TEXT_SECONDS, pattern_budget=BUDGET_SECONDS)
    budget = engine.new_budget()
    findings = engine.evaluate(draft("ref" * 40_000), budget=budget)
    # Every search is cut off (each text would take seconds) and uses at least the time it was
    # given, min(0.2 s, what is left): so at most 3 run, and once the budget is spent none start.
    assert budget.timed_out == budget.searches
    assert budget.searches <= 3
    assert budget.skipped == ATTACHMENTS - budget.searches
    assert budget.remaining <= 0
    assert [f.message for f in findings] == [NOT_FULLY_CHECKED]
    # The next draft has a budget of its own.
    assert engine.evaluate(draft("ref: 12", attachments=1))[0].action is Action.BLOCK


def test_a_match_found_in_time_still_counts() -> None:
    engine = RuleEngine([rule(PATTERN)], pattern_timeout=PER_TEXT_SECONDS, pattern_budget=BUDGET_SECONDS)
    facts = draft("no reference here")
    facts = MessageFacts(parts=(facts.parts[0], facts.parts[1],
                                PartFacts(location="attachment:a.txt", kind="attachment", text="ref: 12"),
                                *facts.parts[2:]), recipients=())
    clock = ticking(0.1)
    budget = PatternBudget(BUDGET_SECONDS, clock=lambda: next(clock))
    (finding,) = engine.evaluate(facts, budget=budget)
    assert finding.action is Action.BLOCK and finding.locations == ["attachment:a.txt"]
    assert budget.skipped > 0


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        # Another condition already decides: nothing to report.
        ({"all": [{"marked_confidential": True}, PATTERN]}, None),
        ({"any": [{"not": {"marked_confidential": True}}, PATTERN]}, Action.BLOCK),
        # Only the pattern could decide: unknown, said so at warn.
        ({"all": [{"not": {"marked_confidential": True}}, PATTERN]}, Action.WARN),
        ({"not": PATTERN}, Action.WARN),
    ],
)
def test_an_unchecked_pattern_is_unknown_not_false(when: dict[str, object], expected: Action | None) -> None:
    engine = RuleEngine([rule(when)], pattern_timeout=PER_TEXT_SECONDS, pattern_budget=0.0)
    findings = engine.evaluate(draft("ref: 12"))
    assert [f.action for f in findings] == ([expected] if expected else [])


def test_an_info_rule_that_could_not_be_checked_stays_info() -> None:
    engine = RuleEngine([rule(PATTERN, action="info")], pattern_budget=0.0)
    assert [(f.action, f.message) for f in engine.evaluate(draft("ref: 12"))] == [(Action.INFO, NOT_FULLY_CHECKED)]


def test_rules_in_force_spend_the_budget_before_shadow_rules() -> None:
    shadow = rule(PATTERN).model_copy(update={"id": "shadow-reference", "status": Status.SHADOW})
    enforced = rule({"pattern": {"in": ["attachments"], "regex": r"ref:\s*\d+"}})
    engine = RuleEngine([shadow, enforced], pattern_timeout=PER_TEXT_SECONDS, pattern_budget=BUDGET_SECONDS)
    clock = ticking(0.2)
    # Enough for the two attachments of the rule in force (listed second), none left for the shadow rule.
    budget = PatternBudget(0.3, clock=lambda: next(clock))
    findings = engine.evaluate(draft("ref: 12", attachments=2), include_shadow=True, budget=budget)
    assert {f.rule: f.action for f in findings} == {"project-reference": Action.BLOCK, "shadow-reference": Action.WARN}
    assert [f.message for f in findings if f.rule == "shadow-reference"] == [NOT_FULLY_CHECKED]
