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
# How fast the pace that earlier drafts saw fades back to the idle figure: a load spike
# that has passed should not keep cutting attachments short.
_RECENT_PACE_HALF_LIFE_SECONDS = 30.0
# Weight of the newest sample in the recent pace.
_RECENT_PACE_WEIGHT = 0.5


class RecentPace:
    """Detection's pace over the last drafts of this process (seconds per character).

    A draft's own pace is known only after its first long text; under load that text was
    given what the idle figure buys and overran the deadline. The pace of the drafts just
    before is the best guess for the first text of the next one. It fades back to nothing
    with a half-life, so it only ever makes the budget stricter, and only for a while.
    """

    def __init__(self, half_life: float = _RECENT_PACE_HALF_LIFE_SECONDS) -> None:
        self._half_life = half_life
        self._pace = 0.0
        self._at = 0.0
        self._lock = threading.Lock()

    def note(self, seconds_per_char: float, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            faded = self._faded(now)
            self._pace = (1 - _RECENT_PACE_WEIGHT) * faded + _RECENT_PACE_WEIGHT * seconds_per_char
            self._at = now

    def value(self, now: float | None = None) -> float:
        with self._lock:
            return self._faded(time.monotonic() if now is None else now)

    def _faded(self, now: float) -> float:
        if not self._pace:
            return 0.0
        return self._pace * 0.5 ** (max(now - self._at, 0.0) / self._half_life)


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
    # The pace earlier drafts saw, shared by the scanner's drafts (None: this draft alone).
    recent: RecentPace | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def start(cls, seconds: float, text_chars: int, recent: RecentPace | None = None) -> "DraftBudget":
        now = time.monotonic()
        return cls(deadline=now + seconds, read_by=now + seconds * READ_SHARE, text_chars=text_chars, recent=recent)

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
            if self.recent is not None:
                self.recent.note(seconds / chars)

    def seconds_per_char(self, assumed: float) -> float:
        """Detection's cost per character: the assumed figure, or the pace seen (in this draft
        or, fading, in the drafts just before it) if slower."""
        recent = self.recent.value() if self.recent is not None else 0.0
        return max(assumed, self.observed_seconds_per_char, recent)

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
