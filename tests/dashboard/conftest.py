"""Fixtures: the store on SQLite and PostgreSQL (from tests/store), and one real server that has
taken a scripted run of drafts and outcomes, with what the DPO must then see."""

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from ulid import ULID

from service.settings import REPO_ROOT
from service.store.events import ScanEvent
from service.store.hashing import keyed_hash
from service.store.migrate import upgrade
from service.store.repository import Repository, make_engine
from tests.api.conftest import Server, identity_provider, start_server, stop_server  # noqa: F401 - fixture
from tests.auth.identity_provider import IdentityProvider
from tests.dashboard.script import misdirected_events
from tests.store.conftest import (  # noqa: F401 - fixtures used by these tests
    POSTGRES_URL,
    drop_schema,
    postgres_reachable,
    postgres_schema,
    repository,
    store,
)

HASH_KEY = "test-key-for-the-api-tests-0123456789"  # the one start_server gives the service
DPO_ROLE = "SendGuard.DPO"
EXAMPLES = REPO_ROOT / "examples"
# The server's organisation file maps two units by domain; the third sender is in neither.
PRIMARY, OFFICE = "Oakfield Primary", "Trust central team"
ORGANISATION = f"""name: Oakfield Learning Trust
internal_domains: [oakfield.sch.uk, oakfieldtrust.org.uk]
secure_domains: [kent.gov.uk]
dpo_contact: "dpo@oakfieldtrust.org.uk, 01622 000000"
units:
  - name: {PRIMARY}
    domains: [primary.oakfield.sch.uk]
  - name: {OFFICE}
    domains: [oakfieldtrust.org.uk]
"""
SENDER_UNITS = {"t.jones@primary.oakfield.sch.uk": PRIMARY, "a.khan@finance.oakfieldtrust.org.uk": OFFICE,
                "office@oakfield.sch.uk": "unmapped"}
SENDERS = list(SENDER_UNITS)
PLATFORMS = ["PC", "Mac", "OfficeOnline"]
# What each intercepted draft's sender does next, in turn: (outcome, reason).
NEXT_STEPS = [("sent_anyway", "recipient_entitled"), ("sent_anyway", "secure_channel"), ("changed", None),
              ("sent_anyway", "consent_given"), ("cancelled", None), (None, None)]
# Seeded before the server starts: one row past the retention period, one within it.
OLD_SENDER, RECENT_SENDER = "left-long-ago@oakfield.sch.uk", "still-here@oakfield.sch.uk"


@dataclass
class ScriptedRun:
    """What the DPO must see after the run, worked out from the verdicts the service returned."""

    actions: Counter[str] = field(default_factory=Counter)
    platforms: Counter[str] = field(default_factory=Counter)
    rule_fired: Counter[str] = field(default_factory=Counter)
    rule_outcomes: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    senders: set[str] = field(default_factory=set)
    sender_intercepts: Counter[str] = field(default_factory=Counter)
    # unit -> Counter of scans, intercepts, warn, block, sent_anyway
    units: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def scans(self) -> int:
        return sum(self.actions.values())

    @property
    def intercepts(self) -> int:
        return self.scans - self.actions["allow"]

    def rule_rows(self, min_firings: int = 10) -> list[dict[str, object]]:
        """The rule_outcomes table, as the CSV has it."""
        rows = []
        for rule, fired in self.rule_fired.items():
            counts = self.rule_outcomes.get(rule, Counter())
            share = round(counts["sent_anyway"] / fired, 4)
            rows.append({"rule": rule, "fired": fired, "changed": counts["changed"],
                         "cancelled": counts["cancelled"], "sent_anyway": counts["sent_anyway"],
                         "no_outcome": counts["none"], "sent_anyway_share": share,
                         "mostly_overridden": fired >= min_firings and share >= 0.5})
        return sorted(rows, key=lambda r: (-int(r["fired"]), str(r["rule"])))  # type: ignore[call-overload]

    def unit_rows(self) -> list[dict[str, object]]:
        """The units table, as the CSV has it."""
        rows = []
        for unit, n in self.units.items():
            rate = round(n["sent_anyway"] / n["intercepts"], 4) if n["intercepts"] else 0.0
            rows.append({"unit": unit, "scans": n["scans"], "intercepts": n["intercepts"], "warned": n["warn"],
                         "blocked": n["block"], "sent_anyway": n["sent_anyway"], "override_rate": rate})
        # Most intercepts first; "unmapped" after named units with as many.
        return sorted(rows, key=lambda r: (-int(r["intercepts"]),  # type: ignore[call-overload]
                                           r["unit"] == "unmapped", str(r["unit"])))


def _drafts() -> list[dict[str, object]]:
    drafts = []
    for path in sorted(EXAMPLES.glob("*.json")):
        draft: dict[str, object] = json.loads(path.read_text())
        drafts.append(draft)
    return drafts


def run_script(server: Server) -> ScriptedRun:
    """Scan every example draft twice (so the cache answers some), from rotating senders and
    Outlooks, then report an outcome for intercepted drafts in turn from NEXT_STEPS."""
    run = ScriptedRun()
    steps = 0
    with httpx.Client(base_url=server.base_url, timeout=120) as client:
        for round_ in range(2):
            for i, draft in enumerate(_drafts()):
                sender = SENDERS[(i + round_) % len(SENDERS)]
                platform = PLATFORMS[(i + 2 * round_) % len(PLATFORMS)]
                message = dict(draft["message"])  # type: ignore[call-overload]
                message["from"] = {"address": sender, "name": "Staff"}
                # The sender is whoever the token names; the draft's from merely agrees.
                signed_in = server.user_headers(oid=str(uuid.uuid5(uuid.NAMESPACE_URL, sender)),
                                                preferred_username=sender)
                response = client.post("/v1/scan", json={**draft, "message": message},
                                       headers={**signed_in, "X-Client-Platform": platform})
                assert response.status_code == 200, response.text
                verdict = response.json()
                rules = sorted({f["rule"] for f in verdict["findings"]})
                action = verdict["action"]
                run.actions[action] += 1
                run.platforms[platform] += 1
                run.senders.add(sender)
                unit = run.units.setdefault(SENDER_UNITS[sender], Counter())
                unit["scans"] += 1
                unit[action] += 1
                for rule in rules:
                    run.rule_fired[rule] += 1
                if action == "allow":
                    continue
                run.sender_intercepts[sender] += 1
                unit["intercepts"] += 1
                outcome, reason = NEXT_STEPS[steps % len(NEXT_STEPS)]
                steps += 1
                if action == "block" and outcome == "sent_anyway":  # a blocked draft cannot be sent as it is
                    outcome, reason = "changed", None
                key = outcome or "none"
                run.outcomes[key] += 1
                unit[key] += 1
                for rule in rules:
                    run.rule_outcomes.setdefault(rule, Counter())[key] += 1
                    if reason:
                        run.reasons[(rule, reason)] += 1
                if outcome:
                    body = {"outcome": outcome, **({"reason": reason} if reason else {})}
                    answer = client.post(f"/v1/scans/{verdict['scan_id']}/outcome", json=body,
                                         headers=signed_in)
                    assert answer.status_code == 202, answer.text
    server.wait_for_store()
    return run


# Seeded too: a week of misdirected-email warnings on these days (tests/dashboard/script.py).
MISDIRECTED_DAY = (datetime.now(UTC) - timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)


def _seed_retention_rows(url: str, schema: str | None) -> None:
    engine = make_engine(url, schema)
    upgrade(engine, schema)
    key = HASH_KEY.encode()
    now = datetime.now(UTC)
    Repository(engine).write([
        ScanEvent(scan_id=str(ULID()), created_at=now - timedelta(days=400), action="warn",
                  rules_fired=["personal-data-external"], sender_hash=keyed_hash(key, OLD_SENDER)),
        ScanEvent(scan_id=str(ULID()), created_at=now - timedelta(days=100), action="warn",
                  rules_fired=["personal-data-external"], sender_hash=keyed_hash(key, RECENT_SENDER)),
        *misdirected_events(MISDIRECTED_DAY),
    ])
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def dashboard_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                     identity_provider: IdentityProvider) -> Iterator[Server]:  # noqa: F811
    """A server whose store is a SQLite file, or a schema of its own in the PostgreSQL on this machine."""
    data_dir = tmp_path_factory.mktemp(f"dashboard-{request.param}")
    organisation = data_dir / "organisation.yaml"
    organisation.write_text(ORGANISATION, encoding="utf-8")
    env = {"SENDGUARD_RETENTION_DAYS": "365", "SENDGUARD_ORGANISATION_FILE": str(organisation)}
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{data_dir / 'sendguard.db'}"
    else:
        reason = postgres_reachable()
        if reason:
            pytest.skip(reason)
        url, schema = POSTGRES_URL, f"sg_dash_{uuid.uuid4().hex[:12]}"
        env.update({"SENDGUARD_DATABASE_URL": url, "SENDGUARD_DATABASE_SCHEMA": schema})
    _seed_retention_rows(url, schema)
    server = start_server(data_dir, identity_provider, env)
    yield server
    stop_server(server)
    if schema:
        drop_schema(schema)


@pytest.fixture(scope="session")
def scripted_run(dashboard_server: Server) -> ScriptedRun:
    return run_script(dashboard_server)


def dpo_headers(server: Server) -> dict[str, str]:
    return server.user_headers(roles=[DPO_ROLE])
