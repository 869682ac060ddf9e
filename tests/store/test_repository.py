"""Tables, writes, idempotence and retention on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, inspect, text
from ulid import ULID

from service.store.events import ClientPlatform, Outcome, OutcomeEvent, ScanEvent, SendAnywayReason
from alembic.script import ScriptDirectory

from service.store.migrate import alembic_config, upgrade
from service.store.repository import Repository


def newest_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the migrations must form one line, not {heads}"
    return str(heads[0])


def scan_event(**overrides: object) -> ScanEvent:
    values: dict[str, object] = {
        "scan_id": str(ULID()),
        "action": "warn",
        "rules_fired": ["personal-data-external"],
        "entity_counts": {"PERSON": 3, "UK_UPN": 1},
        "external_recipients": 2,
        "internal_recipients": 1,
        "attachment_count": 1,
        "client_platform": ClientPlatform.PC,
        "latency_ms": 42,
        "sender_hash": "ab" * 32,
    }
    values.update(overrides)
    return ScanEvent.model_validate(values)


def test_migrations_create_the_tables_and_are_repeatable(store: tuple[Engine, str | None]) -> None:
    engine, schema = store
    upgrade(engine, schema)  # a second run changes nothing
    tables = set(inspect(engine).get_table_names(schema=schema))
    assert {"scans", "outcomes", "alembic_version"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == newest_revision()


def test_scan_and_outcome_rows_round_trip(repository: Repository) -> None:
    event = scan_event()
    outcome = OutcomeEvent(outcome_id=str(ULID()), scan_id=event.scan_id, outcome=Outcome.SENT_ANYWAY,
                           reason=SendAnywayReason.SECURE_CHANNEL)
    repository.write([event, outcome])
    (row,) = [r for r in repository.scans() if r.scan_id == event.scan_id]
    assert row.action == "warn"
    assert row.rules_fired == ["personal-data-external"]
    assert row.entity_counts == {"PERSON": 3, "UK_UPN": 1}
    assert (row.internal_recipients, row.external_recipients, row.secure_recipients) == (1, 2, 0)
    assert row.client_platform == "PC"
    assert row.sender_hash == "ab" * 32
    (kept,) = repository.outcomes_for(event.scan_id)
    assert (kept.outcome, kept.reason) == ("sent_anyway", "secure_channel")
    assert repository.scan_exists(event.scan_id)
    assert not repository.scan_exists(str(ULID()))


def test_writing_the_same_events_again_adds_nothing(repository: Repository) -> None:
    events = [scan_event() for _ in range(3)]
    repository.write(events)
    repository.write(events)
    assert repository.count_scans() == 3


def test_retention_purges_only_old_rows(repository: Repository) -> None:
    old = scan_event(created_at=datetime.now(UTC) - timedelta(days=400))
    new = scan_event()
    old_outcome = OutcomeEvent(outcome_id=str(ULID()), scan_id=old.scan_id, outcome=Outcome.CHANGED,
                               created_at=datetime.now(UTC) - timedelta(days=400))
    repository.write([old, new, old_outcome])
    removed = repository.purge_before(datetime.now(UTC) - timedelta(days=365))
    assert removed == 2
    assert [r.scan_id for r in repository.scans()] == [new.scan_id]
    assert repository.count_outcomes() == 0
