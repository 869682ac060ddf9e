"""What detection hands to the later stages."""

from dataclasses import dataclass
from typing import Protocol

from service.schemas.entities import EntityType


@dataclass(frozen=True, slots=True)
class DetectedEntity:
    """One piece of personal data found in a text.

    `text` is the matched value. It lives only in memory for the length of one
    scan: it is never logged, stored or put in a finding (use `masked()`).
    """

    type: EntityType
    start: int
    end: int
    score: float
    text: str

    def masked(self) -> str:
        return mask(self.text)


class Detector(Protocol):
    """Finds personal data in one text. Offsets index the text as given.

    `ner_chars` caps how much of the text the (slow) name finder reads; the other
    recognizers read all of it.
    """

    def analyze(self, text: str, *, ner_chars: int | None = None) -> list[DetectedEntity]: ...


def mask(value: str) -> str:
    """Keep the first character of each word, star the rest: 'Olivia Smith' -> 'O***** S****'."""
    out = []
    for word in value.split():
        out.append(word[0] + "*" * (len(word) - 1) if len(word) > 1 else "*")
    return " ".join(out)
