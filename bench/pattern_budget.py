"""Time of one draft's pattern checks: a slow-but-accepted administrator pattern over 20 attachments.

`python -m bench.pattern_budget` prints the time the rule engine took with the per-draft budget
and what it would cost if every attachment had its own 0.2 s limit only (the budget set to
infinity), and how many checks ran, were cut off and were skipped.
"""

import time

from service.rules.engine import PATTERN_BUDGET_SECONDS, RuleEngine
from service.rules.facts import MessageFacts, PartFacts
from service.rules.model import Rule

PATTERN = r"ref\w*:\s*\d+"  # passes the load-time check; quadratic on a long run of "ref"
ATTACHMENTS = 20


def main() -> None:
    rule = Rule.model_validate({
        "id": "project-reference", "title": "Project reference", "policy": "section 9", "action": "warn",
        "when": {"pattern": {"in": ["attachments"], "regex": PATTERN}},
        "message": "The email carries a project reference.", "fix": "Take the reference out.",
        "examples": [{"name": "fires", "expect": "warn", "message": {"body": "ref: 12"}},
                     {"name": "quiet", "expect": "none", "message": {"body": "hello"}}],
    })
    text = "ref" * 40_000
    facts = MessageFacts(parts=tuple(PartFacts(location=f"attachment:{i}.txt", kind="attachment", text=text)
                                     for i in range(ATTACHMENTS)), recipients=())
    for label, budget in (("per-draft budget", PATTERN_BUDGET_SECONDS), ("per-text limit only", float("inf"))):
        engine = RuleEngine([rule], pattern_timeout=0.2, pattern_budget=budget)
        accounting = engine.new_budget()
        started = time.perf_counter()
        engine.evaluate(facts, budget=accounting)
        elapsed = time.perf_counter() - started
        print(f"{label:20} {elapsed:6.2f} s  searches={accounting.searches} timed_out={accounting.timed_out} "
              f"skipped={accounting.skipped}")


if __name__ == "__main__":
    main()
