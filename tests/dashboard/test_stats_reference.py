"""The SQL figures against a plain-Python count over the same random intercepts, on SQLite and PostgreSQL."""

import math
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from service.dashboard.stats import StatsFilter, StatsQueries
from service.store.events import ClientPlatform, Outcome, OutcomeEvent, ScanEvent, SendAnywayReason
from service.store.repository import Repository

RULES = ["personal-data-external", "subject-personal-data", "external-recipients-visible", "ctf-attachment"]
ENTITIES = ["PERSON", "UK_UPN", "UK_NHS", "EMAIL_ADDRESS"]
ACTIONS = ["allow", "info", "warn", "block"]
UNITS = ["Oakfield Primary", "Oakfield Academy", "Finance team", "unmapped", None]


def _random_run(seed: int) -> tuple[list[ScanEvent], list[OutcomeEvent]]:
    rng = random.Random(seed)
    start = datetime(2026, 5, 1, tzinfo=UTC)
    scans, outcomes = [], []
    for n in range(80):
        action = rng.choice(ACTIONS)
        rules = [] if action == "allow" else sorted(rng.sample(RULES, rng.randint(1, 3)))
        scan = ScanEvent(
            scan_id=f"01RANDOM{seed:04d}{n:014d}", created_at=start + timedelta(minutes=rng.randint(0, 6 * 24 * 60)),
            action=action, rules_fired=rules, shadow_rules=rng.sample(RULES, rng.randint(0, 1)),
            entity_counts={e: rng.randint(1, 5) for e in rng.sample(ENTITIES, rng.randint(0, 3))},
            internal_recipients=rng.randint(0, 3), external_recipients=rng.randint(0, 3),
            secure_recipients=rng.randint(0, 1), client_platform=rng.choice([*ClientPlatform, None]),
            latency_ms=rng.randint(5, 900), sender_hash=rng.choice(["aa" * 32, "bb" * 32, "cc" * 32, None]),
            unit=rng.choice(UNITS),
        )
        scans.append(scan)
        # One outcome a scan at most: the store keeps only the first (migration 0004).
        for k in range(rng.choice([0, 0, 1, 1, 1])):
            outcome = rng.choice(list(Outcome))
            reason = rng.choice(list(SendAnywayReason)) if outcome is Outcome.SENT_ANYWAY else None
            outcomes.append(OutcomeEvent(outcome_id=f"01OUT{seed:04d}{n:014d}{k:03d}", scan_id=scan.scan_id,
                                         created_at=scan.created_at + timedelta(minutes=k + 1), outcome=outcome,
                                         reason=reason))
    return scans, outcomes


def _final(outcomes: list[OutcomeEvent]) -> dict[str, OutcomeEvent]:
    latest: dict[str, OutcomeEvent] = {}
    for o in sorted(outcomes, key=lambda o: o.created_at):
        latest[o.scan_id] = o
    return latest


@pytest.mark.parametrize("seed", [1, 2])
def test_sql_figures_equal_a_plain_count(repository: Repository, seed: int) -> None:
    scans, outcomes = _random_run(seed)
    repository.write([*scans, *outcomes])
    f = StatsFilter(start=date(2026, 5, 2), end=date(2026, 5, 5), min_firings=3)
    stats = StatsQueries(repository.engine).stats(f)

    kept = [s for s in scans if date(2026, 5, 2) <= s.created_at.date() <= date(2026, 5, 5)]
    final = _final(outcomes)
    outcome_of = {s.scan_id: (final[s.scan_id].outcome.value if s.scan_id in final else None) for s in kept}

    totals = stats.totals
    actions = Counter(s.action for s in kept)
    assert (totals.scans, totals.allowed, totals.info, totals.warned, totals.blocked) == (
        len(kept), actions["allow"], actions["info"], actions["warn"], actions["block"])
    assert totals.sent_anyway == sum(1 for v in outcome_of.values() if v == "sent_anyway")
    assert totals.no_outcome == sum(1 for s in kept if s.action != "allow" and outcome_of[s.scan_id] is None)
    assert totals.senders == len({s.sender_hash for s in kept if s.sender_hash})

    assert {(d.day, d.action): d.scans for d in stats.daily_verdicts} == Counter(
        (s.created_at.date().isoformat(), s.action) for s in kept)
    assert {(d.day, d.rule): d.scans for d in stats.daily_rules} == Counter(
        (s.created_at.date().isoformat(), r) for s in kept for r in s.rules_fired)

    for row in stats.rule_outcomes:
        fired = [s for s in kept if row.rule in s.rules_fired]
        counts = Counter(outcome_of[s.scan_id] for s in fired)
        assert (row.fired, row.changed, row.cancelled, row.sent_anyway, row.no_outcome) == (
            len(fired), counts["changed"], counts["cancelled"], counts["sent_anyway"], counts[None])
        assert row.shadow == sum(1 for s in kept if row.rule in s.shadow_rules)
        assert row.mostly_overridden == (len(fired) >= 3 and counts["sent_anyway"] / max(len(fired), 1) >= 0.5)
    assert {(r.rule, r.reason): r.count for r in stats.override_reasons} == Counter(
        (rule, final[s.scan_id].reason.value)  # type: ignore[union-attr]
        for s in kept if outcome_of[s.scan_id] == "sent_anyway" for rule in s.rules_fired)

    assert {(e.entity_type, e.scans, e.found) for e in stats.entity_types} == {
        (t, sum(1 for s in kept if t in s.entity_counts), sum(s.entity_counts.get(t, 0) for s in kept))
        for t in {t for s in kept for t in s.entity_counts}}
    assert {p.platform: p.scans for p in stats.platforms} == Counter(
        s.client_platform.value if s.client_platform else "unknown" for s in kept)
    assert [(r.recipient_class, r.scans, r.recipients) for r in stats.recipient_classes] == [
        (name, sum(1 for s in kept if getattr(s, f"{name}_recipients") > 0),
         sum(getattr(s, f"{name}_recipients") for s in kept)) for name in ("internal", "external", "secure")]

    for unit in stats.units:
        mine = [s for s in kept if (s.unit or "unmapped") == unit.unit]
        intercepts = [s for s in mine if s.action != "allow"]
        sent = sum(1 for s in mine if outcome_of[s.scan_id] == "sent_anyway")
        assert (unit.scans, unit.intercepts, unit.warned, unit.blocked, unit.sent_anyway) == (
            len(mine), len(intercepts), sum(1 for s in mine if s.action == "warn"),
            sum(1 for s in mine if s.action == "block"), sent)
        assert unit.override_rate == (round(sent / len(intercepts), 4) if intercepts else 0.0)
    assert sorted(u.unit for u in stats.units) == sorted({s.unit or "unmapped" for s in kept})

    latencies = sorted(s.latency_ms for s in kept)
    (latency,) = stats.latency
    assert latency.p50_ms == latencies[math.ceil(0.5 * len(latencies)) - 1]
    assert latency.p95_ms == latencies[math.ceil(0.95 * len(latencies)) - 1]
