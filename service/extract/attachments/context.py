"""What every reader shares while one attachment is read: limits, deadline, depth."""

import time
from dataclasses import dataclass, field, replace

from service.extract.attachments import reasons
from service.extract.attachments.limits import AttachmentLimits
from service.extract.budget import DraftBudget


class Unreadable(Exception):
    """The file cannot be read; `reason` is the plain text the teacher sees."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class WholeAttachmentUnreadable(Unreadable):
    """Raised inside a nested file, it still ends the whole attachment, not one entry."""


class ArchiveBomb(WholeAttachmentUnreadable):
    """A hostile archive: too deep, too many entries, or expanding to too much."""


class OutOfTime(WholeAttachmentUnreadable):
    """The attachment's wall-clock budget is spent."""


@dataclass(slots=True)
class _Shared:
    """Counters for the whole attachment, nested files included."""

    deadline: float
    draft: DraftBudget
    # What the teacher is told when the deadline passes: the attachment's own budget,
    # or the whole email's, whichever ends first.
    time_reason: str = reasons.TOO_SLOW
    expanded_bytes: int = 0
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class ReadContext:
    limits: AttachmentLimits
    shared: _Shared
    depth: int = 0

    @classmethod
    def start(cls, limits: AttachmentLimits, draft: DraftBudget | None = None) -> "ReadContext":
        draft = draft or DraftBudget.unlimited()
        own = time.monotonic() + limits.budget_seconds
        if draft.read_by < own:
            return cls(limits=limits, shared=_Shared(draft.read_by, draft, reasons.OUT_OF_TIME))
        return cls(limits=limits, shared=_Shared(own, draft))

    @property
    def text_chars(self) -> int:
        """Characters one file may yield: its own cap, or what is left of the email's."""
        return int(min(self.limits.max_text_chars, max(self.shared.draft.text_chars, 0)))

    def deeper(self) -> "ReadContext":
        if self.depth + 1 > self.limits.max_depth:
            raise ArchiveBomb(reasons.TOO_DEEP)
        return replace(self, depth=self.depth + 1)

    def check_time(self) -> None:
        """Readers call this between pages, rows and entries so a slow file is abandoned."""
        if self.shared.cancelled or time.monotonic() > self.shared.deadline:
            raise OutOfTime(self.shared.time_reason)

    def count_expanded(self, n: int) -> None:
        self.shared.expanded_bytes += n
        if self.shared.expanded_bytes > self.limits.max_total_uncompressed:
            raise ArchiveBomb(reasons.BOMB_TOTAL)


@dataclass(slots=True)
class TextBuilder:
    """Collects text up to the character cap; past it, the rest is dropped."""

    limit: int
    parts: list[str] = field(default_factory=list)
    size: int = 0
    truncated: bool = False

    def add(self, text: str) -> None:
        if not text or self.truncated:
            return
        room = self.limit - self.size
        if len(text) > room:
            text = text[:room]
            self.truncated = True
        self.parts.append(text)
        self.size += len(text)

    @property
    def full(self) -> bool:
        return self.truncated

    def text(self) -> str:
        return "\n".join(self.parts)
