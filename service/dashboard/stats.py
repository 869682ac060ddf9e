"""The DPO's figures, computed in SQL over the intercept store (SQLite and PostgreSQL).

Every figure is a count over the `scans` table (one row per draft checked) and the
`outcomes` table (what the sender did next). A scan's outcome is its latest one: a
sender may change a draft and then send it anyway. JSON columns (the rules fired and
the entity counts) are unnested with each backend's own table-valued function.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    ColumnElement,
    Engine,
    Executable,
    Integer,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    select,
    true,
)

from service.schemas.org import UNMAPPED
from service.store.models import OutcomeRow, ScanRow

# Below this many firings a rule is never called "mostly overridden": too few to judge.
DEFAULT_MIN_FIRINGS = 10
OVERRIDE_SHARE = 0.5
# Hex characters of the sender's keyed hash shown when identities are not shown.
SENDER_PREFIX_CHARS = 12
TOP_SENDERS = 20
# The misdirected-email rules of CONTRACT section 8.
MISDIRECTED_RULES = ("recipient-name-mismatch", "attachment-about-someone-else", "new-external-recipient",
                     "recipient-address-changed")


class StatsFilter(BaseModel):
    """Which scans count: a date range (inclusive, UTC days) and optional rule, verdict, platform and unit."""

    model_config = ConfigDict(frozen=True)

    start: date | None = None
    end: date | None = None
    rule: str | None = None
    action: str | None = None
    platform: str | None = None
    unit: str | None = None
    min_firings: int = Field(default=DEFAULT_MIN_FIRINGS, ge=1)


class Totals(BaseModel):
    scans: int
    intercepts: int
    allowed: int
    info: int
    warned: int
    blocked: int
    changed: int
    cancelled: int
    sent_anyway: int
    no_outcome: int
    senders: int


class DailyVerdict(BaseModel):
    day: str
    action: str
    scans: int


class DailyRule(BaseModel):
    day: str
    rule: str
    scans: int


class RuleOutcome(BaseModel):
    rule: str
    fired: int
    shadow: int
    changed: int
    cancelled: int
    sent_anyway: int
    no_outcome: int
    sent_anyway_share: float
    mostly_overridden: bool


class OverrideReason(BaseModel):
    rule: str
    reason: str
    count: int


class EntityTypeCount(BaseModel):
    entity_type: str
    scans: int
    found: int


class RecipientClassCount(BaseModel):
    recipient_class: str
    scans: int
    recipients: int


class PlatformCount(BaseModel):
    platform: str
    scans: int


class Latency(BaseModel):
    scans: int
    p50_ms: int | None
    p95_ms: int | None


class SenderCount(BaseModel):
    sender: str
    scans: int
    warned: int
    blocked: int
    sent_anyway: int


class UnitCount(BaseModel):
    """One school or department (a unit of the organisation file), or "unmapped"."""

    unit: str
    scans: int
    intercepts: int
    warned: int
    blocked: int
    sent_anyway: int
    # sent_anyway / intercepts
    override_rate: float


class Misdirected(BaseModel):
    """Drafts warned that they may be going to the wrong person (a section 8 rule), and what happened next.

    `corrected`: changed or cancelled rather than sent anyway; `corrected_share` is its share of
    the warned drafts whose outcome is known.
    """

    warned: int
    corrected: int
    changed: int
    cancelled: int
    sent_anyway: int
    no_outcome: int
    corrected_share: float | None


class Stats(BaseModel):
    filter: StatsFilter
    totals: Totals
    daily_verdicts: list[DailyVerdict]
    daily_rules: list[DailyRule]
    rule_outcomes: list[RuleOutcome]
    override_reasons: list[OverrideReason]
    entity_types: list[EntityTypeCount]
    recipient_classes: list[RecipientClassCount]
    platforms: list[PlatformCount]
    latency: list[Latency]
    senders: list[SenderCount]
    units: list[UnitCount]
    misdirected: list[Misdirected]


# The tables a DPO can export, by name: each is a list field of Stats (or the totals).
TABLES: dict[str, type[BaseModel]] = {
    "totals": Totals,
    "daily_verdicts": DailyVerdict,
    "daily_rules": DailyRule,
    "rule_outcomes": RuleOutcome,
    "override_reasons": OverrideReason,
    "entity_types": EntityTypeCount,
    "recipient_classes": RecipientClassCount,
    "platforms": PlatformCount,
    "latency": Latency,
    "senders": SenderCount,
    "units": UnitCount,
    "misdirected": Misdirected,
}


def table_rows(stats: Stats, table: str) -> list[BaseModel]:
    value = getattr(stats, table)
    return [value] if isinstance(value, BaseModel) else list(value)


def _bounds(f: StatsFilter) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(f.start, time.min, tzinfo=UTC) if f.start else None
    end = datetime.combine(f.end + timedelta(days=1), time.min, tzinfo=UTC) if f.end else None
    return start, end


class StatsQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name

    # --- backend differences ------------------------------------------------------
    def _array_values(self, column: Any) -> Any:
        """A JSON array column as a table with one `value` per element."""
        if self.backend == "postgresql":
            return func.json_array_elements_text(column).table_valued("value")
        return func.json_each(column).table_valued("value")

    def _object_items(self, column: Any) -> Any:
        """A JSON object column as a table of `key`, `value` (text on PostgreSQL)."""
        if self.backend == "postgresql":
            return func.json_each_text(column).table_valued("key", "value")
        return func.json_each(column).table_valued("key", "value")

    def _day(self) -> ColumnElement[str]:
        if self.backend == "postgresql":
            return func.to_char(func.timezone("UTC", ScanRow.created_at), "YYYY-MM-DD", type_=String)
        return func.date(ScanRow.created_at, type_=String)

    def _unit(self) -> ColumnElement[str]:
        # Rows from before units were recorded count as unmapped, like senders in no unit.
        return func.coalesce(ScanRow.unit, UNMAPPED, type_=String)

    # --- the filter ---------------------------------------------------------------
    def _conditions(self, f: StatsFilter) -> list[ColumnElement[bool]]:
        start, end = _bounds(f)
        conditions: list[ColumnElement[bool]] = []
        if start is not None:
            conditions.append(ScanRow.created_at >= start)
        if end is not None:
            conditions.append(ScanRow.created_at < end)
        if f.action:
            conditions.append(ScanRow.action == f.action)
        if f.platform:
            if f.platform == "unknown":
                conditions.append(ScanRow.client_platform.is_(None))
            else:
                conditions.append(ScanRow.client_platform == f.platform)
        if f.unit:
            conditions.append(self._unit() == f.unit)
        if f.rule:
            fired = self._array_values(ScanRow.rules_fired)
            conditions.append(exists(select(literal(1)).select_from(fired).where(fired.c.value == f.rule)))
        return conditions

    def _final_outcomes(self) -> Any:
        """Each scan's latest outcome: scan_id, outcome, reason."""
        newest_first = (OutcomeRow.created_at.desc(), OutcomeRow.outcome_id.desc())
        ranked = select(
            OutcomeRow.scan_id,
            OutcomeRow.outcome,
            OutcomeRow.reason,
            func.row_number().over(partition_by=OutcomeRow.scan_id, order_by=newest_first).label("rank"),
        ).subquery("ranked")
        return (
            select(ranked.c.scan_id, ranked.c.outcome, ranked.c.reason)
            .where(ranked.c.rank == 1)
            .subquery("final")
        )

    def _rows(self, query: Executable) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())

    # --- the figures -------------------------------------------------------------
    def totals(self, f: StatsFilter) -> Totals:
        final = self._final_outcomes()

        def count_when(condition: ColumnElement[bool]) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        query = (
            select(
                func.count(),
                count_when(ScanRow.action != "allow"),
                count_when(ScanRow.action == "allow"),
                count_when(ScanRow.action == "info"),
                count_when(ScanRow.action == "warn"),
                count_when(ScanRow.action == "block"),
                count_when(final.c.outcome == "changed"),
                count_when(final.c.outcome == "cancelled"),
                count_when(final.c.outcome == "sent_anyway"),
                count_when(and_(final.c.outcome.is_(None), ScanRow.action != "allow")),
                func.count(distinct(ScanRow.sender_hash)),
            )
            .select_from(ScanRow)
            .outerjoin(final, final.c.scan_id == ScanRow.scan_id)
            .where(*self._conditions(f))
        )
        (row,) = self._rows(query)
        names = list(Totals.model_fields)
        return Totals(**{name: int(value) for name, value in zip(names, row, strict=True)})

    def daily_verdicts(self, f: StatsFilter) -> list[DailyVerdict]:
        day = self._day().label("day")
        query = (
            select(day, ScanRow.action, func.count())
            .where(*self._conditions(f))
            .group_by(day, ScanRow.action)
            .order_by(day, ScanRow.action)
        )
        return [DailyVerdict(day=d, action=a, scans=int(n)) for d, a, n in self._rows(query)]

    def daily_rules(self, f: StatsFilter) -> list[DailyRule]:
        fired = self._array_values(ScanRow.rules_fired)
        day = self._day().label("day")
        query = (
            select(day, fired.c.value, func.count())
            .select_from(ScanRow)
            .join(fired, true())
            .where(*self._conditions(f))
            .group_by(day, fired.c.value)
            .order_by(day, fired.c.value)
        )
        return [DailyRule(day=d, rule=r, scans=int(n)) for d, r, n in self._rows(query)]

    def _shadow_counts(self, f: StatsFilter) -> dict[str, int]:
        shadow = self._array_values(ScanRow.shadow_rules)
        query = (
            select(shadow.c.value, func.count())
            .select_from(ScanRow)
            .join(shadow, true())
            .where(*self._conditions(f))
            .group_by(shadow.c.value)
        )
        return {str(r): int(n) for r, n in self._rows(query)}

    def rule_outcomes(self, f: StatsFilter) -> list[RuleOutcome]:
        fired = self._array_values(ScanRow.rules_fired)
        final = self._final_outcomes()

        def count_of(outcome: str | None) -> Any:
            condition = final.c.outcome.is_(None) if outcome is None else final.c.outcome == outcome
            return func.sum(case((condition, 1), else_=0))

        query = (
            select(
                fired.c.value,
                func.count(),
                count_of("changed"),
                count_of("cancelled"),
                count_of("sent_anyway"),
                count_of(None),
            )
            .select_from(ScanRow)
            .join(fired, true())
            .outerjoin(final, final.c.scan_id == ScanRow.scan_id)
            .where(*self._conditions(f))
            .group_by(fired.c.value)
        )
        shadow = self._shadow_counts(f)
        rows: dict[str, RuleOutcome] = {}
        for rule, total, changed, cancelled, sent, none in self._rows(query):
            share = round(int(sent) / int(total), 4) if total else 0.0
            rows[str(rule)] = RuleOutcome(
                rule=str(rule), fired=int(total), shadow=shadow.get(str(rule), 0), changed=int(changed),
                cancelled=int(cancelled), sent_anyway=int(sent), no_outcome=int(none), sent_anyway_share=share,
                mostly_overridden=int(total) >= f.min_firings and share >= OVERRIDE_SHARE,
            )
        for rule, count in shadow.items():
            if rule not in rows:
                rows[rule] = RuleOutcome(rule=rule, fired=0, shadow=count, changed=0, cancelled=0, sent_anyway=0,
                                         no_outcome=0, sent_anyway_share=0.0, mostly_overridden=False)
        return sorted(rows.values(), key=lambda r: (-r.fired, -r.shadow, r.rule))

    def override_reasons(self, f: StatsFilter) -> list[OverrideReason]:
        fired = self._array_values(ScanRow.rules_fired)
        final = self._final_outcomes()
        reason = func.coalesce(final.c.reason, "not_given").label("reason")
        query = (
            select(fired.c.value, reason, func.count())
            .select_from(ScanRow)
            .join(fired, true())
            .join(final, final.c.scan_id == ScanRow.scan_id)
            .where(final.c.outcome == "sent_anyway", *self._conditions(f))
            .group_by(fired.c.value, reason)
        )
        rows = [OverrideReason(rule=str(r), reason=str(why), count=int(n)) for r, why, n in self._rows(query)]
        return sorted(rows, key=lambda r: (r.rule, -r.count, r.reason))

    def entity_types(self, f: StatsFilter) -> list[EntityTypeCount]:
        items = self._object_items(ScanRow.entity_counts)
        query = (
            select(items.c.key, func.count(), func.sum(cast(items.c.value, Integer)))
            .select_from(ScanRow)
            .join(items, true())
            .where(*self._conditions(f))
            .group_by(items.c.key)
        )
        rows = [EntityTypeCount(entity_type=str(k), scans=int(n), found=int(total or 0))
                for k, n, total in self._rows(query)]
        return sorted(rows, key=lambda r: (-r.scans, -r.found, r.entity_type))

    def recipient_classes(self, f: StatsFilter) -> list[RecipientClassCount]:
        columns = {
            "internal": ScanRow.internal_recipients,
            "external": ScanRow.external_recipients,
            "secure": ScanRow.secure_recipients,
        }
        selected: list[Any] = []
        for column in columns.values():
            selected.append(func.coalesce(func.sum(case((column > 0, 1), else_=0)), 0))
            selected.append(func.coalesce(func.sum(column), 0))
        (row,) = self._rows(select(*selected).select_from(ScanRow).where(*self._conditions(f)))
        return [
            RecipientClassCount(recipient_class=name, scans=int(row[2 * i]), recipients=int(row[2 * i + 1]))
            for i, name in enumerate(columns)
        ]

    def platforms(self, f: StatsFilter) -> list[PlatformCount]:
        platform = func.coalesce(ScanRow.client_platform, "unknown").label("platform")
        query = select(platform, func.count()).where(*self._conditions(f)).group_by(platform)
        rows = [PlatformCount(platform=str(p), scans=int(n)) for p, n in self._rows(query)]
        return sorted(rows, key=lambda r: (-r.scans, r.platform))

    def latency(self, f: StatsFilter) -> Latency:
        """Nearest-rank percentiles: the value at position ceil(p * n) in ascending order."""
        conditions = self._conditions(f)
        (count,) = self._rows(select(func.count()).select_from(ScanRow).where(*conditions))[0]
        count = int(count)
        if count == 0:
            return Latency(scans=0, p50_ms=None, p95_ms=None)

        def at(share: float) -> int:
            position = max(1, -(-int(share * 100) * count // 100))  # ceil(share * count) without float error
            query = (
                select(ScanRow.latency_ms).where(*conditions)
                .order_by(ScanRow.latency_ms).offset(position - 1).limit(1)
            )
            return int(self._rows(query)[0][0])

        return Latency(scans=count, p50_ms=at(0.50), p95_ms=at(0.95))

    def senders(self, f: StatsFilter, *, full_hash: bool) -> list[SenderCount]:
        final = self._final_outcomes()
        query = (
            select(
                ScanRow.sender_hash,
                func.count(),
                func.sum(case((ScanRow.action == "warn", 1), else_=0)),
                func.sum(case((ScanRow.action == "block", 1), else_=0)),
                func.sum(case((final.c.outcome == "sent_anyway", 1), else_=0)),
            )
            .select_from(ScanRow)
            .outerjoin(final, final.c.scan_id == ScanRow.scan_id)
            .where(ScanRow.sender_hash.is_not(None), ScanRow.action != "allow", *self._conditions(f))
            .group_by(ScanRow.sender_hash)
            .order_by(func.count().desc(), ScanRow.sender_hash)
            .limit(TOP_SENDERS)
        )
        return [
            SenderCount(sender=str(h) if full_hash else str(h)[:SENDER_PREFIX_CHARS], scans=int(n), warned=int(w),
                        blocked=int(b), sent_anyway=int(s))
            for h, n, w, b, s in self._rows(query)
        ]

    def units(self, f: StatsFilter) -> list[UnitCount]:
        final = self._final_outcomes()
        unit = self._unit().label("unit")

        def count_when(condition: ColumnElement[bool]) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        query = (
            select(
                unit,
                func.count(),
                count_when(ScanRow.action != "allow"),
                count_when(ScanRow.action == "warn"),
                count_when(ScanRow.action == "block"),
                count_when(final.c.outcome == "sent_anyway"),
            )
            .select_from(ScanRow)
            .outerjoin(final, final.c.scan_id == ScanRow.scan_id)
            .where(*self._conditions(f))
            .group_by(unit)
        )
        rows = [
            UnitCount(unit=str(u), scans=int(n), intercepts=int(i), warned=int(w), blocked=int(b),
                      sent_anyway=int(sa), override_rate=round(int(sa) / int(i), 4) if int(i) else 0.0)
            for u, n, i, w, b, sa in self._rows(query)
        ]
        # Most intercepts first; "unmapped" after the named units with as many.
        return sorted(rows, key=lambda r: (-r.intercepts, r.unit == UNMAPPED, r.unit))

    def misdirected(self, f: StatsFilter) -> Misdirected:
        final = self._final_outcomes()
        fired = self._array_values(ScanRow.rules_fired)
        warned_by_section_8 = exists(
            select(literal(1)).select_from(fired).where(fired.c.value.in_(MISDIRECTED_RULES))
        )

        def count_when(condition: ColumnElement[bool]) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        query = (
            select(
                func.count(),
                count_when(final.c.outcome == "changed"),
                count_when(final.c.outcome == "cancelled"),
                count_when(final.c.outcome == "sent_anyway"),
                count_when(final.c.outcome.is_(None)),
            )
            .select_from(ScanRow)
            .outerjoin(final, final.c.scan_id == ScanRow.scan_id)
            .where(warned_by_section_8, *self._conditions(f))
        )
        (row,) = self._rows(query)
        warned, changed, cancelled, sent, none = (int(v) for v in row)
        answered = changed + cancelled + sent
        return Misdirected(
            warned=warned, corrected=changed + cancelled, changed=changed, cancelled=cancelled, sent_anyway=sent,
            no_outcome=none, corrected_share=round((changed + cancelled) / answered, 4) if answered else None,
        )

    def stats(self, f: StatsFilter, *, full_sender_hash: bool = False) -> Stats:
        return Stats(
            filter=f,
            totals=self.totals(f),
            daily_verdicts=self.daily_verdicts(f),
            daily_rules=self.daily_rules(f),
            rule_outcomes=self.rule_outcomes(f),
            override_reasons=self.override_reasons(f),
            entity_types=self.entity_types(f),
            recipient_classes=self.recipient_classes(f),
            platforms=self.platforms(f),
            latency=[self.latency(f)],
            senders=self.senders(f, full_hash=full_sender_hash),
            units=self.units(f),
            misdirected=[self.misdirected(f)],
        )
