"""What only the SQL history must do: hold nothing readable, answer a draft in one indexed query,
forget by retention, and settle a warned draft's recipients by its outcome."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from ulid import ULID

from service.history import NO_HISTORY, SentTo
from service.history.store import SentMessage, SqlHistory
from service.store import history as tables
from service.store.events import Outcome, OutcomeEvent, SendAnywayReason
from service.store.migrate import upgrade
from service.store.repository import Repository, make_engine
from tests.history.conftest import HASH_KEY

TEACHER = "t.jones@oakfield.sch.uk"
SARAH = SentTo("sarah.jones@oakfield.sch.uk", "Sarah Jones")
READABLE = ["t.jones", "sarah", "jones", "oakfield", "gmail", "hughes", "sch.uk"]
HISTORY_TABLES = ("history_sender_days", "history_recipients", "history_pending")


def _all_values(engine: Engine) -> str:
    with engine.connect() as conn:
        rows = [row for table in HISTORY_TABLES for row in conn.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(" ".join(str(v) for v in row) for row in rows).casefold()


def _month(history: SqlHistory, *recipients: SentTo, start: datetime | None = None) -> None:
    start = start or datetime.now(UTC) - timedelta(days=30)
    history.record_many(SentMessage(TEACHER, recipients, start + timedelta(days=n)) for n in range(25))


def test_the_tables_hold_hashes_counts_and_dates_only(sql_history: SqlHistory) -> None:
    _month(sql_history, SARAH, SentTo("s.hughes@gmail.com", "Susan Hughes"))
    values = _all_values(sql_history.engine)
    assert values and [word for word in READABLE if word in values] == []
    with sql_history.engine.connect() as conn:
        messages = conn.execute(text("SELECT messages FROM history_recipients")).scalars().all()
        days = conn.execute(text("SELECT SUM(messages) FROM history_sender_days")).scalar_one()
    assert sorted(messages) == [25, 25] and days == 25


@pytest.fixture
def statements(sql_history: SqlHistory) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(sql_history.engine, "before_cursor_execute", count)
    yield seen
    event.remove(sql_history.engine, "before_cursor_execute", count)


def test_a_draft_is_one_query(sql_history: SqlHistory, statements: list[str]) -> None:
    _month(sql_history, SARAH)
    with sql_history.engine.connect() as conn:  # a pooled connection, as in service
        conn.execute(text("SELECT 1"))
    statements.clear()
    draft = [SARAH, SentTo("x@gmail.com", "Sarah Jones"), SentTo("y@kent.gov.uk", "Y")]
    seen = sql_history.for_draft(TEACHER, draft, ["oakfield.sch.uk", "gmail.com", "kent.gov.uk"])
    assert seen.established and seen.recipients[1].usual_domains == ("oakfield.sch.uk",)
    assert len([s for s in statements if "history_" in s]) == 1, statements


def test_the_lookup_seeks_indexes_on_sqlite(tmp_path: Any) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(engine)
    history = SqlHistory(engine, HASH_KEY)
    # Many senders and recipients, so a full scan would show in the plan if the indexes were not used.
    history.record_many(SentMessage(f"staff{n}@oakfield.sch.uk", (SentTo(f"p{n}@example.com", f"Parent {n}"),),
                                    datetime.now(UTC)) for n in range(500))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        captured: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute",
                     lambda _c, _cur, statement, params, *_: captured.append((statement, params)))
        history.for_draft("staff1@oakfield.sch.uk", [SentTo("p1@example.com", "Parent 1")])
        statement, params = captured[-1]
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))
    assert "SCAN history" not in plan, plan
    assert "USING INDEX ix_history_recipients_name" in plan and "sqlite_autoindex_history_recipients" in plan, plan


def test_the_lookup_can_seek_indexes_on_postgresql(tmp_path: Any) -> None:
    from tests.store.conftest import empty_database

    with empty_database("postgresql", tmp_path, "sg_plan") as (engine, schema):
        upgrade(engine, schema)
        history = SqlHistory(engine, HASH_KEY)
        history.record_many(SentMessage(f"staff{n}@oakfield.sch.uk", (SentTo(f"p{n}@example.com", f"Parent {n}"),),
                                        datetime.now(UTC)) for n in range(500))
        captured: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute",
                     lambda _c, _cur, statement, params, *_: captured.append((statement, params)))
        history.for_draft("staff1@oakfield.sch.uk", [SentTo("p1@example.com", "Parent 1")])
        statement, params = captured[-1]
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
            # A table this small is cheaper read whole; with that ruled out, each part must be an index seek.
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(str(row[0]) for row in conn.exec_driver_sql(f"EXPLAIN {statement}", params))
    # Three parts (the count, the address, the name), each reading an index by the sender's hash.
    assert "Seq Scan" not in plan, plan
    assert plan.count("Index Cond: ((sender_hash)::text =") + plan.count("Index Cond: (((sender_hash)::text =") == 3
    assert "history_sender_days_pkey" in plan and "ix_history_recipients_name" in plan, plan


def test_retention_forgets_old_messages_and_recipients(sql_history: SqlHistory) -> None:
    now = datetime.now(UTC)
    _month(sql_history, SentTo("old@example.com", "Old Friend"), start=now - timedelta(days=500))
    _month(sql_history, SARAH, start=now - timedelta(days=400))
    _month(sql_history, SARAH)
    history = SqlHistory(sql_history.engine, HASH_KEY, retention_days=365)
    # Past the retention period nothing counts, even before the purge runs ...
    seen = history.for_draft(TEACHER, [SentTo("old@example.com", "Old Friend"), SARAH])
    assert seen.sent_messages == 25 and [r.address_known for r in seen.recipients] == [False, True]
    # ... and the purge deletes it.
    with sql_history.engine.begin() as conn:
        removed = tables.purge_before(conn, now - timedelta(days=365))
    assert removed == 50 + 1  # 50 old days and the recipient no longer written to
    with sql_history.engine.connect() as conn:
        first = conn.execute(text("SELECT MIN(first_sent_at) FROM history_recipients")).scalar_one()
    assert tables.as_utc(first if isinstance(first, datetime) else datetime.fromisoformat(first)) >= (
        now - timedelta(days=365, minutes=1))


def _outcome(scan_id: str, outcome: Outcome) -> OutcomeEvent:
    reason = SendAnywayReason.RECIPIENT_ENTITLED if outcome is Outcome.SENT_ANYWAY else None
    return OutcomeEvent(outcome_id=str(ULID()), scan_id=scan_id, outcome=outcome, reason=reason)


@pytest.mark.parametrize("outcome_first", [False, True])
def test_a_warned_draft_counts_only_when_sent_anyway(sql_history: SqlHistory, outcome_first: bool) -> None:
    repository = Repository(sql_history.engine)
    keys = sql_history.keys
    draft = [SentTo("s.hughes@gmail.com", "Susan Hughes")]
    events = {}
    for outcome in Outcome:
        scan_id = str(ULID())
        held = keys.event(scan_id, TEACHER, draft, sent=False)
        assert held is not None
        events[outcome] = [held, _outcome(scan_id, outcome)]
        # The outcome may be written first when it came through another worker.
        repository.write(events[outcome][::-1] if outcome_first else events[outcome])
    seen = sql_history.for_draft(TEACHER, draft)
    assert seen.sent_messages == 1 and seen.recipients[0].address_known
    with sql_history.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM history_pending")).scalar_one() == 0


def test_a_warned_draft_without_an_outcome_is_held_then_forgotten(sql_history: SqlHistory) -> None:
    repository = Repository(sql_history.engine)
    held = sql_history.keys.event(str(ULID()), TEACHER, [SARAH], sent=False)
    assert held is not None
    repository.write([held.model_copy(update={"created_at": datetime.now(UTC) - timedelta(hours=30)})])
    assert sql_history.for_draft(TEACHER, [SARAH]).sent_messages == 0
    assert "sarah" not in _all_values(sql_history.engine) and _all_values(sql_history.engine)
    repository.purge_before(datetime.now(UTC) - timedelta(days=365))
    assert _all_values(sql_history.engine) == ""


def test_an_allowed_draft_counts_at_once(sql_history: SqlHistory) -> None:
    sent = sql_history.keys.event(str(ULID()), TEACHER, [SARAH, SARAH, SentTo("not-an-address")], sent=True)
    assert sent is not None and len(sent.recipients) == 1
    Repository(sql_history.engine).write([sent])
    seen = sql_history.for_draft(TEACHER, [SARAH])
    assert seen.sent_messages == 1 and seen.recipients[0].address_known


def test_an_unreachable_store_leaves_the_history_silent(tmp_path: Any) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'never-migrated.db'}")
    assert SqlHistory(engine, HASH_KEY).for_draft(TEACHER, [SARAH]) is NO_HISTORY
