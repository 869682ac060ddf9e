"""The DPO's figures after a scripted run of intercepts and outcomes, on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

from service.dashboard.stats import (
    DailyRule,
    DailyVerdict,
    EntityTypeCount,
    Latency,
    OverrideReason,
    PlatformCount,
    RecipientClassCount,
    RuleOutcome,
    SenderCount,
    StatsFilter,
    StatsQueries,
    Totals,
    UnitCount,
)
from service.store.repository import Repository
from tests.dashboard.script import (
    OFFICE,
    PDE,
    PRIMARY,
    SENDER_A,
    SENDER_B,
    SENDER_C,
    SPECIAL,
    SUBJECT,
    VISIBLE,
    misdirected_events,
    scripted_events,
)


def _queries(repository: Repository) -> StatsQueries:
    repository.write(scripted_events())
    return StatsQueries(repository.engine)


def test_every_figure_matches_the_scripted_run(repository: Repository) -> None:
    stats = _queries(repository).stats(StatsFilter(min_firings=3))
    assert stats.totals == Totals(scans=7, intercepts=6, allowed=1, info=1, warned=4, blocked=1, changed=1,
                                  cancelled=1, sent_anyway=3, no_outcome=1, senders=3)
    assert stats.daily_verdicts == [
        DailyVerdict(day="2026-03-02", action="allow", scans=1),
        DailyVerdict(day="2026-03-02", action="block", scans=1),
        DailyVerdict(day="2026-03-02", action="warn", scans=1),
        DailyVerdict(day="2026-03-03", action="info", scans=1),
        DailyVerdict(day="2026-03-03", action="warn", scans=2),
        DailyVerdict(day="2026-03-05", action="warn", scans=1),
    ]
    assert stats.daily_rules == [
        DailyRule(day="2026-03-02", rule=PDE, scans=2),
        DailyRule(day="2026-03-02", rule=SUBJECT, scans=1),
        DailyRule(day="2026-03-03", rule=VISIBLE, scans=1),
        DailyRule(day="2026-03-03", rule=PDE, scans=1),
        DailyRule(day="2026-03-05", rule=PDE, scans=1),
    ]
    assert stats.rule_outcomes == [
        RuleOutcome(rule=PDE, fired=4, shadow=0, changed=1, cancelled=0, sent_anyway=3, no_outcome=0,
                    sent_anyway_share=0.75, mostly_overridden=True),
        RuleOutcome(rule=VISIBLE, fired=1, shadow=0, changed=0, cancelled=1, sent_anyway=0, no_outcome=0,
                    sent_anyway_share=0.0, mostly_overridden=False),
        RuleOutcome(rule=SUBJECT, fired=1, shadow=0, changed=1, cancelled=0, sent_anyway=0, no_outcome=0,
                    sent_anyway_share=0.0, mostly_overridden=False),
        RuleOutcome(rule=SPECIAL, fired=0, shadow=1, changed=0, cancelled=0, sent_anyway=0, no_outcome=0,
                    sent_anyway_share=0.0, mostly_overridden=False),
    ]
    assert stats.override_reasons == [
        OverrideReason(rule=PDE, reason="consent_given", count=1),
        OverrideReason(rule=PDE, reason="other", count=1),
        OverrideReason(rule=PDE, reason="recipient_entitled", count=1),
    ]
    assert stats.entity_types == [
        EntityTypeCount(entity_type="PERSON", scans=3, found=7),
        EntityTypeCount(entity_type="UK_UPN", scans=2, found=2),
        EntityTypeCount(entity_type="UK_NHS", scans=1, found=1),
    ]
    assert stats.recipient_classes == [
        RecipientClassCount(recipient_class="internal", scans=2, recipients=4),
        RecipientClassCount(recipient_class="external", scans=6, recipients=11),
        RecipientClassCount(recipient_class="secure", scans=1, recipients=1),
    ]
    assert stats.platforms == [
        PlatformCount(platform="PC", scans=4),
        PlatformCount(platform="Mac", scans=1),
        PlatformCount(platform="OfficeOnline", scans=1),
        PlatformCount(platform="unknown", scans=1),
    ]
    assert stats.latency == [Latency(scans=7, p50_ms=200, p95_ms=400)]
    assert stats.senders == [
        SenderCount(sender=SENDER_A[:12], scans=3, warned=2, blocked=1, sent_anyway=2),
        SenderCount(sender=SENDER_B[:12], scans=1, warned=1, blocked=0, sent_anyway=1),
        SenderCount(sender=SENDER_C[:12], scans=1, warned=0, blocked=0, sent_anyway=0),
    ]
    assert stats.units == [
        UnitCount(unit=PRIMARY, scans=3, intercepts=3, warned=2, blocked=1, sent_anyway=2, override_rate=0.6667),
        # s5 (recorded without a unit) and s6 (a sender in no unit) are both unmapped.
        UnitCount(unit="unmapped", scans=2, intercepts=2, warned=1, blocked=0, sent_anyway=0, override_rate=0.0),
        UnitCount(unit=OFFICE, scans=2, intercepts=1, warned=1, blocked=0, sent_anyway=1, override_rate=1.0),
    ]


def test_a_rule_needs_the_minimum_number_of_firings_to_be_called_noise(repository: Repository) -> None:
    queries = _queries(repository)
    (pde,) = [r for r in queries.rule_outcomes(StatsFilter(min_firings=5)) if r.rule == PDE]
    assert (pde.sent_anyway_share, pde.mostly_overridden) == (0.75, False)


def test_the_date_range_is_inclusive_whole_utc_days(repository: Repository) -> None:
    queries = _queries(repository)
    one_day = queries.totals(StatsFilter(start=date(2026, 3, 3), end=date(2026, 3, 3)))
    assert (one_day.scans, one_day.warned, one_day.info, one_day.cancelled, one_day.sent_anyway) == (3, 2, 1, 1, 1)
    assert queries.totals(StatsFilter(start=date(2026, 3, 4))).scans == 1
    assert queries.totals(StatsFilter(end=date(2026, 3, 1))).scans == 0
    assert queries.latency(StatsFilter(end=date(2026, 3, 1))) == Latency(scans=0, p50_ms=None, p95_ms=None)


def test_filters_by_rule_verdict_and_platform(repository: Repository) -> None:
    queries = _queries(repository)
    by_rule = queries.totals(StatsFilter(rule=PDE))
    assert (by_rule.scans, by_rule.blocked, by_rule.sent_anyway, by_rule.changed) == (4, 1, 3, 1)
    assert queries.daily_rules(StatsFilter(rule=SUBJECT)) == [
        DailyRule(day="2026-03-02", rule=PDE, scans=1), DailyRule(day="2026-03-02", rule=SUBJECT, scans=1)]
    assert [p.scans for p in queries.platforms(StatsFilter(action="warn"))] == [2, 1, 1]
    unknown = queries.totals(StatsFilter(platform="unknown"))
    assert (unknown.scans, unknown.cancelled, unknown.senders) == (1, 1, 0)
    assert queries.totals(StatsFilter(platform="Mac")).blocked == 1
    assert queries.totals(StatsFilter(rule="no-such-rule")).scans == 0


def test_full_sender_hashes_only_when_asked(repository: Repository) -> None:
    senders = _queries(repository).senders(StatsFilter(), full_hash=True)
    assert [s.sender for s in senders] == [SENDER_A, SENDER_B, SENDER_C]


def test_filter_by_school_or_department(repository: Repository) -> None:
    queries = _queries(repository)
    primary = queries.totals(StatsFilter(unit=PRIMARY))
    assert (primary.scans, primary.warned, primary.blocked, primary.sent_anyway, primary.senders) == (3, 2, 1, 2, 1)
    assert queries.units(StatsFilter(unit=PRIMARY)) == [
        UnitCount(unit=PRIMARY, scans=3, intercepts=3, warned=2, blocked=1, sent_anyway=2, override_rate=0.6667)]
    # Rows without a unit are found under "unmapped", as the table shows them.
    unmapped = queries.totals(StatsFilter(unit="unmapped"))
    assert (unmapped.scans, unmapped.cancelled, unmapped.info) == (2, 1, 1)
    assert [r.rule for r in queries.rule_outcomes(StatsFilter(unit=OFFICE))] == [PDE]
    assert queries.totals(StatsFilter(unit="No such school")).scans == 0
    # The unit filter combines with the others.
    assert queries.units(StatsFilter(unit=PRIMARY, action="block", start=date(2026, 3, 2), end=date(2026, 3, 2))) == [
        UnitCount(unit=PRIMARY, scans=1, intercepts=1, warned=0, blocked=1, sent_anyway=0, override_rate=0.0)]


def test_the_misdirected_email_rules_in_every_panel_and_how_often_senders_corrected(repository: Repository) -> None:
    from service.dashboard.stats import MISDIRECTED_RULES, Misdirected

    repository.write(misdirected_events(datetime(2026, 4, 1, 9, tzinfo=UTC)))
    queries = StatsQueries(repository.engine)
    stats = queries.stats(StatsFilter())
    for rule in MISDIRECTED_RULES:
        assert rule in {r.rule for r in stats.daily_rules}
        assert rule in {r.rule for r in stats.rule_outcomes}
        assert queries.stats(StatsFilter(rule=rule)).totals.scans >= 1
    assert {r.rule for r in stats.override_reasons} == {"new-external-recipient", PDE, "recipient-address-changed"}
    # Six drafts were warned by a section 8 rule (the one warned only for personal data is not counted):
    # three corrected (changed or cancelled), two sent anyway, one with no outcome yet.
    assert stats.misdirected == [Misdirected(warned=6, corrected=3, changed=1, cancelled=2, sent_anyway=2,
                                             no_outcome=1, corrected_share=0.6)]
    only_first_day = queries.misdirected(StatsFilter(start=date(2026, 4, 1), end=date(2026, 4, 1)))
    assert (only_first_day.warned, only_first_day.corrected) == (4, 2)
    assert queries.misdirected(StatsFilter(start=date(2027, 1, 1))) == Misdirected(
        warned=0, corrected=0, changed=0, cancelled=0, sent_anyway=0, no_outcome=0, corrected_share=None)
