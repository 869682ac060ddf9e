"""`sendguard simulate PATH`: how often each rule would fire over a folder or mbox of past mail.

Every process builds its scanner once (spaCy, rules, examples checked) and then scans
its share of the drafts; the parent only counts. Nothing about a draft's content is
printed: rule ids, verdicts, counts, and the names of files that could not be read.

History-dependent rules (CONTRACT section 8) are replayed honestly: the parent reads each
message's Date, From and recipients, puts the messages in time order, and hands each one
the sender's history as it stood just before it (an in-memory history fed as it goes).
So a dry run over past mail never lets a message count as "written to before" because of
a later one. Drafts with no Date (a .json ScanRequest) come after the dated ones, in input order.
"""

import argparse
import json
import logging
import mailbox
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from service.history import InMemoryHistory, SenderHistory, SentTo

from tqdm import tqdm

DRAFT_SUFFIXES = (".eml", ".msg", ".json")
MBOX_SUFFIXES = (".mbox", ".mbx")
EXIT_OK, EXIT_BAD_INPUT = 0, 3
# Drafts handed to a process at a time: large enough to keep queues quiet, small enough for a smooth bar.
CHUNK = 8

log = logging.getLogger(__name__)


def add_parser(sub: Any) -> None:
    simulate = sub.add_parser(
        "simulate", help="how often each rule would fire over a folder (.eml/.msg/.json) or an mbox file"
    )
    simulate.add_argument("path", type=Path, metavar="PATH", help="a folder of drafts, or an mbox file")
    simulate.add_argument("--rules", type=Path, help="rules folder (default: the bundled rules/)")
    simulate.add_argument("--org", type=Path, help="organisation file (default: the bundled example)")
    simulate.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                          help="processes scanning in parallel (default: one per core)")
    simulate.add_argument("--json", action="store_true", help="print the figures as one JSON object")


@dataclass(frozen=True)
class Draft:
    """One input: a file to read, or a message's bytes taken from an mbox."""

    label: str
    path: str | None = None
    data: bytes | None = None
    # Set by the time-ordered replay: the draft's sender and their history just before it.
    sender: str | None = None
    history: SenderHistory | None = None


@dataclass(frozen=True)
class FixedHistory:
    """A recipient history that answers with one precomputed snapshot (a worker's view of the replay)."""

    snapshot: SenderHistory

    def record_sent(self, sender: str, recipients: Sequence[SentTo], when: datetime) -> None:
        raise NotImplementedError("a replayed snapshot is read-only")

    def for_draft(self, sender: str, recipients: Sequence[SentTo], candidate_domains: Iterable[str] = ()) -> SenderHistory:
        return self.snapshot


@dataclass(frozen=True)
class Addressed:
    """Who sent a past message, when, and to whom: all the replay needs."""

    sender: str
    recipients: tuple[SentTo, ...]
    when: datetime | None




def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def addressed(draft: Draft) -> Addressed | None:
    """The draft's Date, From and recipients (None when it has no From or cannot be read)."""
    try:
        if draft.data is not None or (draft.path or "").lower().endswith(".eml"):
            data = draft.data if draft.data is not None else Path(draft.path or "").read_bytes()
            headers = BytesHeaderParser(policy=policy.compat32).parsebytes(data)
            sender = getaddresses([str(headers.get("From", ""))])
            recipients = getaddresses([str(headers.get(k, "")) for k in ("To", "Cc", "Bcc") if headers.get(k)])
            if not sender or not sender[0][1]:
                return None
            return Addressed(
                sender[0][1],
                tuple(SentTo(address, name or None) for name, address in recipients if address),
                _when(headers.get("Date")),
            )
        return _addressed_request(draft)
    except Exception:  # noqa: BLE001 - an unreadable draft is reported by the scan itself
        return None


def _addressed_request(draft: Draft) -> Addressed | None:
    from service.cli import read_request

    path = Path(draft.path or "")
    request = read_request(path)
    message = request.message
    if message.sender is None or not message.sender.address:
        return None
    when = None
    if path.suffix.lower() == ".msg":
        import extract_msg

        with extract_msg.openMsg(str(path)) as msg:
            when = _when(getattr(msg, "date", None))
    recipients = tuple(SentTo(r.address, r.name) for r in (*message.to, *message.cc, *message.bcc) if r.address)
    return Addressed(message.sender.address, recipients, when)


def in_time_order(drafts: Iterable[Draft], candidate_domains: Iterable[str]) -> list[Draft]:
    """The drafts in Date order, each carrying its sender's history as it stood before it.

    `candidate_domains`: the organisation's and partners' domains, offered to the history
    as the scanner offers them (the draft's own recipient domains are added per draft).
    """
    known = list(candidate_domains)
    dated: list[tuple[datetime, int, Draft, Addressed | None]] = []
    for number, draft in enumerate(drafts):
        who = addressed(draft)
        when = who.when if who is not None and who.when is not None else None
        # NOTE: undated drafts sort after every dated one, in input order.
        key = when if when is not None else datetime.max.replace(tzinfo=timezone.utc)
        dated.append((key, number, draft, who))
    dated.sort(key=lambda item: (item[0], item[1]))
    history = InMemoryHistory()
    ordered = []
    for when, _, draft, who in dated:
        if who is None:
            ordered.append(draft)
            continue
        candidates = {*known, *(r.address.rpartition("@")[2].lower() for r in who.recipients)}
        snapshot = history.for_draft(who.sender, who.recipients, candidates)
        ordered.append(replace(draft, sender=who.sender, history=snapshot))
        history.record_sent(who.sender, who.recipients, when)
    return ordered


@dataclass(frozen=True)
class Outcome:
    action: str | None  # None: the input could not be read or scanned
    fired: tuple[str, ...] = ()
    shadow: tuple[str, ...] = ()
    problem: str = ""
    label: str = ""
    # Set on each process's first outcome: rules that did not load there.
    rule_errors: tuple[str, ...] = ()


@dataclass
class Tally:
    drafts: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    fired: Counter[str] = field(default_factory=Counter)
    shadow: Counter[str] = field(default_factory=Counter)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    rule_errors: set[str] = field(default_factory=set)

    def add(self, outcome: Outcome) -> None:
        self.drafts += 1
        self.rule_errors.update(outcome.rule_errors)
        if outcome.action is None:
            self.unreadable.append((outcome.label, outcome.problem))
            return
        self.actions[outcome.action] += 1
        self.fired.update(set(outcome.fired))
        self.shadow.update(set(outcome.shadow))

    @property
    def readable(self) -> int:
        return self.drafts - len(self.unreadable)


def drafts_in(path: Path) -> tuple[int, Iterator[Draft]]:
    """How many inputs there are, and the inputs: a folder's draft files (recursively) or an mbox's messages."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file())
        return len(files), (Draft(label=str(p), path=str(p)) for p in files)
    if path.suffix.lower() in DRAFT_SUFFIXES:
        return 1, iter([Draft(label=str(path), path=str(path))])
    box = mailbox.mbox(path, create=False)
    keys = list(box.iterkeys())

    def messages() -> Iterator[Draft]:
        for number, key in enumerate(keys, start=1):
            yield Draft(label=f"{path.name} message {number}", data=box.get_bytes(key))

    return len(keys), messages()


def replayed_drafts(path: Path, candidate_domains: Iterable[str]) -> tuple[int, list[Draft]]:
    """`drafts_in(path)` in time order, each with its sender's history before it."""
    total, drafts = drafts_in(path)
    return total, in_time_order(drafts, candidate_domains)


# --- in each process -----------------------------------------------------------

_scanner: Any = None
_errors_reported = False


def _start_process(rules_dir: Path | None, organisation_file: Path | None) -> None:
    global _scanner
    from service.scanner import build_scanner

    # Rules that fail to load are reported once in the summary, not per process on stderr.
    logging.getLogger("service.scanner").setLevel(logging.CRITICAL)
    _scanner = build_scanner(rules_dir=rules_dir, organisation_file=organisation_file)


def _scan(draft: Draft) -> Outcome:
    global _errors_reported
    from service.cli import read_request
    from service.extract.email_file import InputError, load_email

    errors: tuple[str, ...] = ()
    if not _errors_reported:
        errors, _errors_reported = tuple(_scanner.rule_errors), True
    try:
        request = load_email(draft.data) if draft.data is not None else read_request(Path(draft.path or ""))
        history = FixedHistory(draft.history) if draft.history is not None else None
        result, _facts, shadow = _scanner.scan_with_facts(request, sender=draft.sender, history=history)
    except InputError as exc:
        return Outcome(action=None, problem=str(exc), label=draft.label, rule_errors=errors)
    except Exception as exc:  # noqa: BLE001 - one bad draft must not stop ten thousand others
        return Outcome(action=None, problem=f"could not be scanned ({exc.__class__.__name__})",
                       label=draft.label, rule_errors=errors)
    return Outcome(action=result.action, fired=tuple(f.rule for f in result.findings),
                   shadow=tuple(f.rule for f in shadow), rule_errors=errors)


# --- the parent ------------------------------------------------------------------


def simulate(path: Path, *, rules_dir: Path | None = None, organisation_file: Path | None = None,
             workers: int = 1, progress: bool = True) -> Tally:
    from service.rules.loader import load_organisation
    from service.settings import get_settings

    organisation = load_organisation(organisation_file or get_settings().organisation_file)
    total, drafts = replayed_drafts(path, [*organisation.internal_domains, *organisation.secure_domains])
    tally = Tally()
    bar = tqdm(total=total, unit="draft", file=sys.stderr, disable=not progress, dynamic_ncols=True,
               desc="simulate")
    with bar:
        if workers <= 1:
            _start_process(rules_dir, organisation_file)
            for draft in drafts:
                tally.add(_scan(draft))
                bar.update()
            return tally
        context = multiprocessing.get_context("spawn" if sys.platform != "linux" else "fork")
        with context.Pool(workers, initializer=_start_process, initargs=(rules_dir, organisation_file)) as pool:
            for outcome in pool.imap_unordered(_scan, drafts, chunksize=CHUNK):
                tally.add(outcome)
                bar.update()
    return tally


def report(tally: Tally, rule_status: dict[str, str], seconds: float, workers: int) -> dict[str, Any]:
    readable = tally.readable
    counted = []
    for rule_id in set(rule_status) | set(tally.fired) | set(tally.shadow):
        status = rule_status.get(rule_id, "enabled")
        counted.append((tally.shadow[rule_id] if status == "shadow" else tally.fired[rule_id], rule_id, status))
    rules = [{"rule": rule_id, "status": status, "fired": count,
              "share": round(count / readable, 4) if readable else 0.0}
             for count, rule_id, status in sorted(counted, key=lambda c: (-c[0], c[1]))]
    return {
        "drafts": tally.drafts,
        "readable": readable,
        "unreadable": len(tally.unreadable),
        "unreadable_inputs": [{"input": label, "problem": problem} for label, problem in tally.unreadable],
        "actions": {a: tally.actions[a] for a in ("allow", "warn", "block")},
        "rules": rules,
        "rule_errors": sorted(tally.rule_errors),
        "seconds": round(seconds, 2),
        "workers": workers,
    }


def _print_text(figures: dict[str, Any]) -> None:
    readable = figures["readable"]
    print(f"{figures['drafts']} drafts, {readable} scanned, {figures['unreadable']} unreadable "
          f"({figures['seconds']} s, {figures['workers']} processes)")
    for action, count in figures["actions"].items():
        share = f"{count / readable:.1%}" if readable else "-"
        print(f"  {action:6} {count:7}  {share:>6}")
    print("Rule                                      fires    share of mail")
    for r in figures["rules"]:
        name = r["rule"] + (" (shadow)" if r["status"] == "shadow" else "")
        print(f"  {name:40} {r['fired']:7}  {r['share']:>7.1%}")
    for error in figures["rule_errors"]:
        print(f"not loaded: {error}")
    for item in figures["unreadable_inputs"][:50]:
        print(f"unreadable: {item['input']}: {item['problem']}")
    if figures["unreadable"] > 50:
        print(f"... and {figures['unreadable'] - 50} more unreadable inputs")


def run(args: argparse.Namespace) -> int:
    from service.rules.loader import RuleFileError, load_rules
    from service.settings import get_settings

    if args.workers < 1:
        print("sendguard: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.path.exists():
        print(f"sendguard: {args.path}: no such file or folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        rules, _ = load_rules(args.rules or get_settings().rules_dir)
        started = time.perf_counter()
        tally = simulate(args.path, rules_dir=args.rules, organisation_file=args.org, workers=args.workers)
    except (RuleFileError, OSError, mailbox.Error) as exc:
        print(f"sendguard: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    figures = report(tally, {r.id: r.status.value for r in rules}, time.perf_counter() - started, args.workers)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        _print_text(figures)
    return EXIT_OK
