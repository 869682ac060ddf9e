"""Reads and writes of the intercept store through SQLAlchemy (SQLite or PostgreSQL)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from service.store import history
from service.store.events import HistoryEvent, OutcomeEvent, ScanEvent, StoreEvent
from service.store.models import OutcomeRow, ScanRow


def make_engine(url: str, schema: str | None = None) -> Engine:
    """An engine for the store; SQLite gets WAL and a busy timeout so several workers can share a file."""
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        connect_args["timeout"] = 30
        engine = create_engine(url, connect_args=connect_args)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 3
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


@dataclass(frozen=True)
class ScanClaim:
    """What the outcome route needs to know of a scan: whose it is and whether it has an outcome."""

    principal_hash: str | None
    answered: bool


class Repository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._backend = engine.dialect.name

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def _insert(self, table: Any) -> Any:
        if self._backend == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        if self._backend == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        return table.insert()  # pragma: no cover - only SQLite and PostgreSQL are supported

    def write(self, events: Sequence[StoreEvent]) -> None:
        """Write all events in one transaction; a repeat of an already written event is ignored, and so
        is a second outcome for a scan (the first one stands).

        Recipient history: an allowed draft's recipients are recorded at once; a warned draft's
        are held until its outcome, which may be in this batch, already written, or still to come.
        """
        scans = [e.model_dump() for e in events if isinstance(e, ScanEvent)]
        outcomes = [e.model_dump() for e in events if isinstance(e, OutcomeEvent)]
        sent = [e for e in events if isinstance(e, HistoryEvent) and e.sent]
        held = [e for e in events if isinstance(e, HistoryEvent) and not e.sent]
        with self.engine.begin() as conn:
            if scans:
                conn.execute(self._insert(ScanRow.__table__), scans)
            if outcomes:
                conn.execute(self._insert(OutcomeRow.__table__), outcomes)
            if sent:
                history.record(conn, (history.HashedMessage(e.sender_hash, e.created_at, tuple(e.recipients))
                                      for e in sent))
            if held:
                history.hold(conn, held)
            if held or outcomes:
                history.settle(conn, [e.scan_id for e in held] + [o["scan_id"] for o in outcomes])

    def scan_exists(self, scan_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(ScanRow.scan_id).where(ScanRow.scan_id == scan_id)).first() is not None

    def scan_claim(self, scan_id: str) -> ScanClaim | None:
        """The scan's owner and whether an outcome is recorded for it; None when there is no such scan."""
        answered = select(OutcomeRow.outcome_id).where(OutcomeRow.scan_id == scan_id).exists()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(ScanRow.principal_hash, answered).where(ScanRow.scan_id == scan_id)
            ).first()
        return None if row is None else ScanClaim(principal_hash=row[0], answered=bool(row[1]))

    def count_scans(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(ScanRow)).scalar_one())

    def count_outcomes(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(OutcomeRow)).scalar_one())

    def scans(self) -> list[ScanRow]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(ScanRow).order_by(ScanRow.created_at)).all())  # type: ignore[arg-type]

    def outcomes_for(self, scan_id: str) -> list[OutcomeRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(OutcomeRow).where(OutcomeRow.scan_id == scan_id)).all()
            return list(rows)  # type: ignore[arg-type]

    def purge_before(self, cutoff: datetime) -> int:
        """Delete scans, outcomes and recipient history recorded before `cutoff` (and warned drafts'
        recipients whose outcome never came); returns the number of rows removed."""
        with self.engine.begin() as conn:
            # First: held recipients are settled by outcomes that are about to go.
            gone = history.purge_before(conn, cutoff)
            gone += conn.execute(delete(OutcomeRow).where(OutcomeRow.created_at < cutoff)).rowcount
            gone += conn.execute(delete(ScanRow).where(ScanRow.created_at < cutoff)).rowcount
        return int(gone)
