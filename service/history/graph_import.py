"""Recipient history from Microsoft Graph: the headers of staff's Sent Items (optional).

The administrator grants the app registration the application permission Mail.ReadBasic.All
(message headers without bodies or attachments; docs/deploy-microsoft-365.md). Only From,
To, Cc, Bcc and the sent time are asked for, and only since the retention period began.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from service.history import SentTo
from service.history.sent_mail import NO_RECIPIENTS, NO_SENDER, NOT_SENT
from service.history.store import SentMessage

# Messages recorded in one transaction.
BATCH = 1000


@dataclass
class GraphImport:
    """What one run read, recorded and skipped, and the mailboxes that could not be read."""

    read: int = 0
    recorded: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)


def _person(recipient: Any) -> SentTo | None:
    address = getattr(getattr(recipient, "email_address", None), "address", None)
    if not isinstance(address, str) or "@" not in address:
        return None
    name = getattr(recipient.email_address, "name", None)
    return SentTo(address.strip(), name.strip() if isinstance(name, str) and name.strip() else None)


def sent_message(message: Any, now: datetime) -> SentMessage | str:
    """A Graph message's headers as a sent message, or why it is skipped."""
    if message.is_draft:
        return NOT_SENT
    sender = _person(message.from_) if message.from_ else None
    if sender is None:
        return NO_SENDER
    recipients = tuple(
        person for group in (message.to_recipients, message.cc_recipients, message.bcc_recipients)
        for person in (_person(r) for r in group or []) if person is not None
    )
    if not recipients:
        return NO_RECIPIENTS
    when = message.sent_date_time if isinstance(message.sent_date_time, datetime) else now
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return SentMessage(sender.address, recipients, min(when, now))


async def import_sent_items(
    client: Any, history: Any, mailboxes: Sequence[str], since: datetime, limit: int
) -> GraphImport:
    """Read each mailbox's Sent Items headers since `since` (at most `limit` each) into `history`."""
    from service.graph.tokens import GraphUnavailable

    done = GraphImport()
    now = datetime.now(UTC)
    for mailbox in mailboxes:
        batch: list[SentMessage] = []
        try:
            async for message in client.sent_items(mailbox, since, limit):
                done.read += 1
                item = sent_message(message, now)
                if isinstance(item, str):
                    done.skipped[item] += 1
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    done.recorded += history.record_many(batch)
                    batch = []
        except GraphUnavailable as problem:
            done.problems.append((mailbox, f"Microsoft Graph could not be used ({problem})"))
        except Exception as problem:  # noqa: BLE001 - Graph's errors (no such mailbox, no permission, network)
            done.problems.append((mailbox, f"its Sent Items could not be read ({_why(problem)})"))
        if batch:
            done.recorded += history.record_many(batch)
    return done


def _why(problem: Exception) -> str:
    """Graph's error code (e.g. ErrorAccessDenied, ResourceNotFound) or the kind of failure."""
    error = getattr(problem, "error", None)
    code = getattr(error, "code", None)
    return str(code) if code else problem.__class__.__name__


__all__ = ["GraphImport", "import_sent_items", "sent_message"]
