"""Who each sender has written to (CONTRACT section 8), as the rules see it.

The store keeps keyed hashes only (service/history/store.py). A scan asks it once per
draft for a `SenderHistory`: what this sender's history says about the draft's own
recipients. Addresses, names and domains appear here only as they came in with the
draft, in memory, and are never written anywhere.

Two implementations: `InMemoryHistory` (rule examples, tests, time-ordered simulation)
and the SQL store. Both normalise with `normalise_address` and `normalise_name`, so a
history recorded by one is read the same way by the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from service.context.recipients import bare_address, domain_of

# CONTRACT section 8: below this many sent messages on record a sender has no history,
# and the history rules stay silent.
MIN_SENT_MESSAGES = 20


def normalise_address(address: str) -> str:
    """The form an address is hashed and compared in: bare, trimmed, lower case."""
    return bare_address(address).strip().lower()


def normalise_name(name: str | None) -> str:
    """The form a display name is hashed and compared in ('' for none).

    Case, accents' composition, spacing and quotes do not matter; "Jones, Sarah" is
    "sarah jones"; a display name that is just the address counts as no name.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).strip().strip("\"'").strip()
    if "@" in text:
        return ""
    if text.count(",") == 1:
        last, first = (p.strip() for p in text.split(","))
        if last and first:
            text = f"{first} {last}"
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class SentTo:
    """One recipient of one sent message, as recorded."""

    address: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class RecipientSeen:
    """What the sender's history says about one recipient of the draft."""

    address: str  # normalised, as in the draft
    name: str  # normalised display name in the draft ('' when none)
    # The sender has sent to this very address before.
    address_known: bool
    # The sender has sent to this display name at one or more other addresses.
    name_known_elsewhere: bool = False
    # Of the domains the scan offered as candidates, those this name was sent to before
    # at another address (readable only because the scan offered them: the store holds
    # domain hashes). Empty when none of the candidates matched.
    usual_domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SenderHistory:
    """One sender's history as it bears on one draft."""

    sent_messages: int = 0
    recipients: tuple[RecipientSeen, ...] = ()

    @property
    def established(self) -> bool:
        return self.sent_messages >= MIN_SENT_MESSAGES

    def seen(self, address: str) -> RecipientSeen | None:
        wanted = normalise_address(address)
        return next((r for r in self.recipients if r.address == wanted), None)


NO_HISTORY = SenderHistory()


class RecipientHistory(Protocol):
    """Where recipient history is kept."""

    def record_sent(self, sender: str, recipients: Sequence[SentTo], when: datetime) -> None:
        """One message `sender` sent (each distinct recipient counted once)."""
        ...

    def for_draft(
        self, sender: str, recipients: Sequence[SentTo], candidate_domains: Iterable[str] = ()
    ) -> SenderHistory:
        """What the history says about `recipients` of a draft from `sender`.

        `candidate_domains`: domains the answer may name in `usual_domains` (the
        organisation's and partners' domains and the draft's own recipient domains).
        """
        ...


@dataclass
class InMemoryHistory:
    """History in a dict: for rule examples, tests and `sendguard simulate`'s replay."""

    # sender -> number of messages
    _messages: dict[str, int] = field(default_factory=dict)
    # sender -> set of addresses
    _addresses: dict[str, set[str]] = field(default_factory=dict)
    # sender -> name -> set of addresses
    _names: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def record_sent(self, sender: str, recipients: Sequence[SentTo], when: datetime | None = None) -> None:
        who = normalise_address(sender)
        self._messages[who] = self._messages.get(who, 0) + 1
        for recipient in recipients:
            address = normalise_address(recipient.address)
            if not address:
                continue
            self._addresses.setdefault(who, set()).add(address)
            name = normalise_name(recipient.name)
            if name:
                self._names.setdefault(who, {}).setdefault(name, set()).add(address)

    def for_draft(
        self, sender: str, recipients: Sequence[SentTo], candidate_domains: Iterable[str] = ()
    ) -> SenderHistory:
        who = normalise_address(sender)
        candidates = {d.lower() for d in candidate_domains}
        known = self._addresses.get(who, set())
        names = self._names.get(who, {})
        seen = []
        for recipient in recipients:
            address = normalise_address(recipient.address)
            name = normalise_name(recipient.name)
            elsewhere = sorted(a for a in names.get(name, set()) if a != address) if name else []
            usual = sorted({domain_of(a) for a in elsewhere} & candidates)
            seen.append(RecipientSeen(address, name, address in known, bool(elsewhere), tuple(usual)))
        return SenderHistory(self._messages.get(who, 0), tuple(seen))


__all__ = [
    "MIN_SENT_MESSAGES",
    "NO_HISTORY",
    "InMemoryHistory",
    "RecipientHistory",
    "RecipientSeen",
    "SenderHistory",
    "SentTo",
    "normalise_address",
    "normalise_name",
]
