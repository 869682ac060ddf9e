"""`sendguard history import PATH...`: who each sender has written to, from their sent mail (CONTRACT sections 1, 8).

Prints how many messages it read, recorded and skipped (and why), nothing about any
message; exit 0, or 3 when some input could not be read (the rest is still recorded).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

if TYPE_CHECKING:
    from service.history.store import SqlHistory
    from service.settings import Settings

EXIT_OK, EXIT_BAD_INPUT = 0, 3
# Messages recorded in one transaction.
BATCH = 1000
TOO_OLD = "older than the retention period"


def add_parser(sub: Any) -> None:
    history = sub.add_parser("history", help="the recipient history: who each sender has written to")
    commands = history.add_subparsers(dest="history_command", required=True, metavar="{import,graph}")
    importer = commands.add_parser(
        "import", help="record who each sender wrote to from sent mail (.eml, .msg, .mbox files or folders)"
    )
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="a .eml, .msg or .mbox file, or a folder of them (read recursively)")
    graph = commands.add_parser(
        "graph", help="record who each sender wrote to from their Sent Items through Microsoft Graph "
                      "(application permission Mail.ReadBasic.All; see docs/deploy-microsoft-365.md)"
    )
    graph.add_argument("mailboxes", nargs="+", metavar="MAILBOX", help="a user's address (UPN) or object id")
    graph.add_argument("--limit", type=int, default=50_000, help="messages read from each mailbox at most")


def run(args: argparse.Namespace) -> int:
    from service.history.store import open_store_history
    from service.settings import Settings

    try:
        settings = Settings()
        if args.history_command == "graph" and not (
            settings.graph_client_id and settings.graph_client_secret and settings.tenant_id
        ):
            raise ValueError("reading Sent Items through Microsoft Graph needs SENDGUARD_GRAPH_CLIENT_ID, "
                             "SENDGUARD_GRAPH_CLIENT_SECRET and SENDGUARD_TENANT_ID")
        if args.history_command == "graph" and args.limit < 1:
            raise ValueError("--limit must be at least 1")
        history = open_store_history(settings, create=True)
    except ValueError as exc:
        print(f"sendguard: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the store is unreachable: one plain line
        print(f"sendguard: the store cannot be reached ({exc.__class__.__name__})", file=sys.stderr)
        return EXIT_BAD_INPUT
    assert history is not None
    if args.history_command == "graph":
        return _import_from_graph(history, settings, args.mailboxes, args.limit)
    return import_sent_mail(history, args.paths, settings.retention_days)


def _import_from_graph(history: SqlHistory, settings: Settings, mailboxes: list[str], limit: int) -> int:
    import asyncio

    from service.graph.client import GraphClient
    from service.graph.tokens import GraphTokens
    from service.history.graph_import import GraphImport, import_sent_items

    assert settings.graph_client_id and settings.graph_client_secret and settings.tenant_id  # checked in run()
    tokens = GraphTokens(
        client_id=settings.graph_client_id, client_secret=settings.graph_client_secret.get_secret_value(),
        tenant_id=settings.tenant_id, authority_host=settings.graph_authority_host,
        ca_bundle=settings.graph_ca_bundle, timeout_seconds=max(settings.graph_timeout_seconds, 10.0),
    )
    since = datetime.now(UTC) - timedelta(days=settings.retention_days)

    async def run_import() -> GraphImport:
        # NOTE: app-only: a command line has no signed-in user to act for.
        client = GraphClient(tokens, mode="app", base_url=settings.graph_base_url, ca_bundle=settings.graph_ca_bundle,
                             timeout_seconds=max(settings.graph_timeout_seconds, 10.0))
        try:
            return await import_sent_items(client, history, mailboxes, since, limit)
        finally:
            await client.aclose()

    done = asyncio.run(run_import())
    for mailbox, reason in done.problems:
        print(f"sendguard: {mailbox}: {reason}", file=sys.stderr)
    print(_summary(done.read, done.recorded, done.skipped, len(done.problems), settings.retention_days,
                   unit="mailbox" if len(done.problems) == 1 else "mailboxes"))
    return EXIT_BAD_INPUT if done.problems else EXIT_OK


def import_sent_mail(history: SqlHistory, paths: list[Path], retention_days: int) -> int:
    from service.history.sent_mail import Mbox, SentMessage, Skipped, Unreadable, read_eml, read_msg, sources

    # NOTE: the OLE and .msg libraries log their own complaints about a damaged file; each is
    # reported here once, as one plain line naming the file.
    for noisy in ("olefile", "extract_msg"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    files, problems = sources(paths)
    now = datetime.now(UTC)
    oldest = now - timedelta(days=retention_days)
    skipped: Counter[str] = Counter()
    read = recorded = 0
    batch: list[SentMessage] = []
    bar = tqdm(total=0, unit=" messages", disable=not sys.stderr.isatty(), file=sys.stderr, leave=False)

    def messages() -> Iterator[tuple[Path, SentMessage | Skipped | Unreadable]]:
        for source in files:
            if source.kind == "mbox":
                try:
                    box = Mbox(source.path)
                except Unreadable as problem:
                    yield source.path, problem
                    continue
                bar.total += len(box)
                bar.refresh()
                for item in box.messages(now):
                    yield source.path, item
                continue
            bar.total += 1
            reader = read_eml if source.kind == "eml" else read_msg
            try:
                yield source.path, reader(source.path, now)
            except Unreadable as problem:
                yield source.path, problem

    try:
        for path, item in messages():
            bar.update(1)
            if isinstance(item, Unreadable):
                problems.append((path, str(item)))
                continue
            read += 1
            if isinstance(item, Skipped):
                skipped[item.reason] += 1
            elif item.when < oldest:
                skipped[TOO_OLD] += 1
            else:
                batch.append(item)
                if len(batch) >= BATCH:
                    recorded += history.record_many(batch)
                    batch = []
        if batch:
            recorded += history.record_many(batch)
    except Exception as exc:  # noqa: BLE001 - the store failed mid-way: what was recorded stays
        bar.close()
        print(f"sendguard: the store could not be written ({exc.__class__.__name__}); "
              f"{recorded} messages were recorded before it failed", file=sys.stderr)
        return EXIT_BAD_INPUT
    bar.close()
    for path, reason in problems:
        print(f"sendguard: {path}: {reason}", file=sys.stderr)
    print(_summary(read, recorded, skipped, len(problems), retention_days))
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _summary(read: int, recorded: int, skipped: Counter[str], unreadable: int, retention_days: int,
             unit: str | None = None) -> str:
    total_skipped = read - recorded
    reasons = [f"{n} {TOO_OLD.replace('the retention period', f'the {retention_days}-day retention period')}"
               if reason == TOO_OLD else f"{n} {reason}" for reason, n in sorted(skipped.items())]
    line = f"Read {read} messages: recorded {recorded}, skipped {total_skipped}"
    if reasons:
        line += f" ({', '.join(reasons)})"
    line += "."
    if unreadable:
        unit = unit or ("file or message" if unreadable == 1 else "files or messages")
        line += f" {unreadable} {unit} could not be read."
    return line


__all__ = ["add_parser", "import_sent_mail", "run"]
