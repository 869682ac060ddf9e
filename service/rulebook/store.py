"""Rule versions in the database: the source of truth every worker reads.

Every change adds one row to `rule_versions` and raises `rulebook_state.generation` in
the same transaction, so a worker learns of any change by reading one integer.
"""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.rulebook.texts import ORGANISATION, declared_status, yaml_diff
from service.rules.loader import rule_files
from service.store.models import RulebookStateRow, RuleVersionRow

log = logging.getLogger(__name__)

RULE, ORG = "rule", "organisation"
SEED_ACTOR = "system:seed"


class ConcurrentChange(Exception):
    """Someone else changed the same rule at the same moment; try again."""


@dataclass(frozen=True)
class StoredVersion:
    kind: str
    name: str
    version: int
    change: str
    yaml_text: str | None
    status: str | None
    created_at: datetime
    actor: str
    reason: str
    diff: str

    @property
    def deleted(self) -> bool:
        return self.yaml_text is None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "StoredVersion":
        created: datetime = row["created_at"]
        # SQLite hands back naive datetimes; every stored time is UTC.
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
        return cls(row["kind"], row["name"], row["version"], row["change"], row["yaml_text"], row["status"],
                   created, row["actor"], row["reason"], row["diff"])


@dataclass(frozen=True)
class Snapshot:
    """What is in force at one generation: the newest live version of each rule, and the organisation."""

    generation: int
    rules: dict[str, StoredVersion]
    organisation: StoredVersion | None


def _columns() -> Select[Any]:
    return select(*RuleVersionRow.__table__.columns)


class RuleStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def generation(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(select(RulebookStateRow.generation).where(RulebookStateRow.id == 1)).scalar()
        return int(value or 0)

    def seed_if_empty(self, rules_dir: Path, organisation_file: Path) -> bool:
        """At first start, copy rules/ and the organisation file in as version 1; True if this call did.

        Race-free across workers: only the transaction that moves the generation from 0 seeds.
        """
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            claimed = conn.execute(
                update(RulebookStateRow)
                .where(RulebookStateRow.id == 1, RulebookStateRow.generation == 0)
                .values(generation=1)
            ).rowcount
            if not claimed:
                return False
            rows = []
            files = [(RULE, path.stem, path) for path in rule_files(rules_dir)] if rules_dir.is_dir() else []
            files.append((ORG, ORGANISATION, organisation_file))
            for kind, name, path in files:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    log.error("not seeded: %s (%s)", path.name, exc.__class__.__name__)
                    continue
                rows.append({
                    "kind": kind, "name": name, "version": 1, "change": "seed", "yaml_text": text,
                    "status": declared_status(text) if kind == RULE else None, "created_at": now,
                    "actor": SEED_ACTOR,
                    "reason": f"seeded from {path.parent.name}/{path.name} at first start",
                    "diff": yaml_diff(None, text, name, 0, 1),
                })
            if rows:
                conn.execute(insert(RuleVersionRow), rows)
        log.info("rulebook seeded", extra={"versions": len(rows)})
        return True

    def snapshot(self) -> Snapshot:
        # The generation is read first: a change stored between the two reads is newer than
        # the number recorded, so the next poll sees it and rebuilds again.
        generation = self.generation()
        newest = (
            select(RuleVersionRow.kind, RuleVersionRow.name, func.max(RuleVersionRow.version).label("top"))
            .group_by(RuleVersionRow.kind, RuleVersionRow.name)
            .subquery()
        )
        query = _columns().join(
            newest,
            and_(RuleVersionRow.kind == newest.c.kind, RuleVersionRow.name == newest.c.name,
                 RuleVersionRow.version == newest.c.top),
        )
        rows = self._read(query)
        rules = {v.name: v for v in rows if v.kind == RULE and not v.deleted}
        organisation = next((v for v in rows if v.kind == ORG and not v.deleted), None)
        return Snapshot(generation, dict(sorted(rules.items())), organisation)

    def _read(self, query: Select[Any]) -> list[StoredVersion]:
        with self.engine.connect() as conn:
            return [StoredVersion.of(dict(row._mapping)) for row in conn.execute(query)]

    def latest(self, kind: str, name: str) -> StoredVersion | None:
        history = self.history(kind, name, limit=1)
        return history[0] if history else None

    def history(self, kind: str, name: str, limit: int | None = None) -> list[StoredVersion]:
        """Newest first."""
        query = (
            _columns()
            .where(RuleVersionRow.kind == kind, RuleVersionRow.name == name)
            .order_by(RuleVersionRow.version.desc())
        )
        if limit:
            query = query.limit(limit)
        return self._read(query)

    def record(
        self, kind: str, name: str, change: str, yaml_text: str | None, status: str | None, actor: str, reason: str
    ) -> StoredVersion:
        """Add the next version of (kind, name) and raise the generation, in one transaction."""
        previous = self.latest(kind, name)
        number = previous.version + 1 if previous else 1
        row = {
            "kind": kind, "name": name, "version": number, "change": change, "yaml_text": yaml_text,
            "status": status, "created_at": datetime.now(UTC), "actor": actor, "reason": reason,
            "diff": yaml_diff(previous.yaml_text if previous else None, yaml_text, name,
                              previous.version if previous else 0, number),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(RuleVersionRow), [row])
                conn.execute(
                    update(RulebookStateRow).where(RulebookStateRow.id == 1)
                    .values(generation=RulebookStateRow.generation + 1)
                )
        except IntegrityError:
            # The unique (kind, name, version) caught a concurrent change to the same rule.
            raise ConcurrentChange(name) from None
        return StoredVersion.of(row)

    def changes(self, limit: int = 200) -> Sequence[StoredVersion]:
        """The audit trail, newest first."""
        query = _columns().order_by(RuleVersionRow.version_id.desc()).limit(limit)
        return self._read(query)
