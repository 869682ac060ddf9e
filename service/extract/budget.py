"""One deadline and one text allowance for a whole draft, nested files included.

Without them a draft's cost grew with what it carried: 250 attachments, or a zip
of 1,000 small files each read and analysed on its own budget, cost minutes. With
them, what is not reached in time or within the allowance is reported (unscannable,
or truncated as for a long attachment) and the verdict still comes back in time.
"""

import math
import threading
import time
from dataclasses import dataclass, field

# Share of the deadline that reading attachments may use; the rest is kept for
# detection, which must still look at the subject, the body and what was read.
READ_SHARE = 0.6
# A text shorter than this is mostly fixed cost per call, not a measure of pace.
_PACE_SAMPLE_CHARS = 2_000


@dataclass(slots=True)
class DraftBudget:
    deadline: float  # time.monotonic() by which detection stops
    read_by: float  # time.monotonic() by which reading attachments stops
    text_chars: float  # characters of attachment text still to hand out
    # Detection read only the first part of some text to keep the deadline.
    cut: bool = False
    # Detection's own pace in this draft (seconds per character, the slowest seen): on a
    # loaded machine it is several times the idle figure the scanner assumes.
    observed_seconds_per_char: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def start(cls, seconds: float, text_chars: int) -> "DraftBudget":
        now = time.monotonic()
        return cls(deadline=now + seconds, read_by=now + seconds * READ_SHARE, text_chars=text_chars)

    @classmethod
    def unlimited(cls) -> "DraftBudget":
        return cls(deadline=math.inf, read_by=math.inf, text_chars=math.inf)

    def read_seconds_left(self) -> float:
        return self.read_by - time.monotonic()

    def expired(self) -> bool:
        return time.monotonic() > self.deadline

    def note_detection(self, chars: int, seconds: float) -> None:
        """Detection read `chars` characters in `seconds` (short texts say little about pace)."""
        if chars >= _PACE_SAMPLE_CHARS:
            self.observed_seconds_per_char = max(self.observed_seconds_per_char, seconds / chars)

    def seconds_per_char(self, assumed: float) -> float:
        """Detection's cost per character: the assumed figure, or the pace seen if slower."""
        return max(assumed, self.observed_seconds_per_char)

    @property
    def text_spent(self) -> bool:
        return self.text_chars <= 0

    def take_text(self, text: str) -> tuple[str, bool]:
        """The part of `text` the allowance still covers, and whether it was cut."""
        with self._lock:
            room = self.text_chars
            if len(text) < room:
                self.text_chars -= len(text)
                return text, False
            self.text_chars = 0
            return text[: int(room)], True
