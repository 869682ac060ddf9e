"""A scripted week of intercepts and outcomes with known dates, and the figures they must give."""

from datetime import UTC, datetime, timedelta

from service.store.events import ClientPlatform, Outcome, OutcomeEvent, ScanEvent, SendAnywayReason, StoreEvent

SENDER_A, SENDER_B, SENDER_C = "aa" * 32, "bb" * 32, "cc" * 32
PDE = "personal-data-external"
SUBJECT = "subject-personal-data"
VISIBLE = "external-recipients-visible"
SPECIAL = "special-category-external"
PRIMARY, OFFICE = "Oakfield Primary", "Trust office"


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


def _scan(n: int, when: datetime, action: str, rules: list[str], **values: object) -> ScanEvent:
    return ScanEvent.model_validate({"scan_id": f"01SCRIPTED{n:016d}", "created_at": when, "action": action,
                                     "rules_fired": rules, **values})


def _outcome(n: int, scan: ScanEvent, outcome: Outcome, reason: SendAnywayReason | None = None,
             after_minutes: int = 1) -> OutcomeEvent:
    return OutcomeEvent(outcome_id=f"01OUTCOME{n:017d}", scan_id=scan.scan_id, outcome=outcome, reason=reason,
                        created_at=scan.created_at + timedelta(minutes=after_minutes))


def scripted_events() -> list[StoreEvent]:
    s1 = _scan(1, _at(2, 9), "warn", [PDE], entity_counts={"PERSON": 2, "UK_UPN": 1}, external_recipients=2,
               internal_recipients=1, client_platform=ClientPlatform.PC, latency_ms=100, sender_hash=SENDER_A,
               unit=PRIMARY)
    s2 = _scan(2, _at(2, 10), "block", [SUBJECT, PDE], entity_counts={"UK_UPN": 1}, external_recipients=1,
               client_platform=ClientPlatform.MAC, latency_ms=300, sender_hash=SENDER_A, unit=PRIMARY)
    s3 = _scan(3, _at(2, 23), "allow", [], internal_recipients=3, client_platform=ClientPlatform.PC, latency_ms=50,
               sender_hash=SENDER_B, unit=OFFICE)
    s4 = _scan(4, _at(3, 0), "warn", [PDE], entity_counts={"PERSON": 1}, external_recipients=1, secure_recipients=1,
               client_platform=ClientPlatform.OFFICE_ONLINE, latency_ms=200, sender_hash=SENDER_B, unit=OFFICE)
    # s5 has no unit, as a row written before units were recorded: it counts as unmapped.
    s5 = _scan(5, _at(3, 12), "warn", [VISIBLE], external_recipients=5, latency_ms=400)
    s6 = _scan(6, _at(3, 15), "info", [], shadow_rules=[SPECIAL], entity_counts={"UK_NHS": 1}, external_recipients=1,
               client_platform=ClientPlatform.PC, latency_ms=250, sender_hash=SENDER_C, unit="unmapped")
    s7 = _scan(7, _at(5, 8), "warn", [PDE], entity_counts={"PERSON": 4}, external_recipients=1,
               client_platform=ClientPlatform.PC, latency_ms=150, sender_hash=SENDER_A, unit=PRIMARY)
    return [
        s1, s2, s3, s4, s5, s6, s7,
        _outcome(1, s1, Outcome.SENT_ANYWAY, SendAnywayReason.RECIPIENT_ENTITLED),
        _outcome(2, s2, Outcome.CHANGED),
        # One outcome per scan: the store keeps the first and ignores later ones.
        _outcome(4, s4, Outcome.SENT_ANYWAY, SendAnywayReason.CONSENT_GIVEN, after_minutes=5),
        _outcome(5, s5, Outcome.CANCELLED),
        _outcome(6, s7, Outcome.SENT_ANYWAY, SendAnywayReason.OTHER),
    ]


MISDIRECTED_SENDER = "dd" * 32


def misdirected_events(day: datetime) -> list[StoreEvent]:
    """Seven warned drafts over two days from `day`: six by a misdirected-email rule (CONTRACT section 8),
    of which one changed, two cancelled, two sent anyway, one without an outcome; one by another rule."""
    from service.dashboard.stats import MISDIRECTED_RULES

    name, attachment, new, changed_address = MISDIRECTED_RULES
    fired = [[name], [new, PDE], [attachment], [changed_address], [name, new], [PDE], [changed_address]]
    outcomes = [Outcome.CHANGED, Outcome.SENT_ANYWAY, Outcome.CANCELLED, Outcome.CANCELLED, None, Outcome.SENT_ANYWAY,
                Outcome.SENT_ANYWAY]
    events: list[StoreEvent] = []
    for n, (rules, outcome) in enumerate(zip(fired, outcomes, strict=True)):
        scan = ScanEvent(scan_id=f"01MISDIRECT{day:%m%d}{n:011d}", created_at=day + timedelta(days=n % 2),
                         action="warn", rules_fired=rules, sender_hash=MISDIRECTED_SENDER)
        events.append(scan)
        if outcome is not None:
            reason = SendAnywayReason.RECIPIENT_ENTITLED if outcome is Outcome.SENT_ANYWAY else None
            events.append(OutcomeEvent(outcome_id=f"01MISOUT{day:%m%d}{n:014d}", scan_id=scan.scan_id,
                                       outcome=outcome, reason=reason, created_at=scan.created_at + timedelta(minutes=1)))
    return events
