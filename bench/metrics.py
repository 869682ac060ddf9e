"""Scoring found entities against the corpus annotations, and verdicts against expectations."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Found:
    """One prediction: a type (ours, or a system's own name when unmapped), a span, and its text."""

    type: str
    start: int
    end: int


class Score(BaseModel):
    """Counts for one entity type. Recall counts annotations found (`tp`, `fn`);
    precision counts predictions that hit something (`hits`, `fp`). Under strict
    matching the two are the same pairs; under overlap matching two fragments of one
    annotation are both hits and the annotation is found once."""

    tp: int = 0
    fn: int = 0
    hits: int = 0
    fp: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.fp) if self.hits + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.hits += other.hits
        self.fp += other.fp

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "tp": self.tp,
            "fn": self.fn,
            "hits": self.hits,
            "fp": self.fp,
        }


@dataclass
class Match:
    """The outcome of comparing one text's predictions with its annotations."""

    found: list[Found] = field(default_factory=list)  # annotations some prediction hit
    false_neg: list[Found] = field(default_factory=list)
    hits: list[Found] = field(default_factory=list)  # predictions that hit an annotation
    false_pos: list[Found] = field(default_factory=list)
    ignored: list[Found] = field(default_factory=list)  # unmapped predictions on real data


def _overlap(a: Found, b: Found) -> bool:
    return min(a.end, b.end) > max(a.start, b.start)


def _same(a: Found, b: Found) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def match(
    gold: Sequence[Found],
    predicted: Sequence[Found],
    *,
    strict: bool = False,
    scored_types: frozenset[str] | None = None,
) -> Match:
    """Compare predictions with annotations of the same type.

    Overlap (default): an annotation is found when a prediction of its type overlaps
    it; a prediction is a hit when it overlaps an annotation of its type. Strict: both
    need identical spans. Predictions whose type is not in `scored_types` (a
    baseline's own names with no CONTRACT counterpart) are false positives when they
    touch no annotation at all, and are ignored when they do.
    """
    agree = _same if strict else _overlap
    out = Match()
    scored = [p for p in predicted if scored_types is None or p.type in scored_types]
    for g in gold:
        if any(p.type == g.type and agree(g, p) for p in scored):
            out.found.append(g)
        else:
            out.false_neg.append(g)
    for p in scored:
        if any(p.type == g.type and agree(g, p) for g in gold):
            out.hits.append(p)
        else:
            out.false_pos.append(p)
    for p in predicted:
        if p in scored:
            continue
        if any(_overlap(p, g) for g in gold):
            out.ignored.append(p)
        else:
            out.false_pos.append(p)
    return out


def score_by_type(matches: Iterable[Match]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for m in matches:
        for g in m.found:
            scores.setdefault(g.type, Score()).tp += 1
        for p in m.hits:
            scores.setdefault(p.type, Score()).hits += 1
        for p in m.false_pos:
            scores.setdefault(p.type, Score()).fp += 1
        for g in m.false_neg:
            scores.setdefault(g.type, Score()).fn += 1
    return scores


def micro(scores: dict[str, Score], types: Iterable[str]) -> Score:
    total = Score()
    for t in types:
        if t in scores:
            total.add(scores[t])
    return total


VERDICTS = ("allow", "warn", "block")


class VerdictReport(BaseModel):
    total: int
    correct: int
    confusion: dict[str, dict[str, int]]  # expected -> got -> count
    clean_blocked: int
    clean_warned: int
    rules: dict[str, Score]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def verdict_report(
    outcomes: Sequence[tuple[str, str, set[str], set[str]]], rule_ids: Iterable[str]
) -> VerdictReport:
    """outcomes: (expected action, got action, expected rules, got rules) per draft."""
    confusion = {e: {g: 0 for g in VERDICTS} for e in VERDICTS}
    rules = {r: Score() for r in sorted(rule_ids)}
    correct = 0
    for expected, got, want, have in outcomes:
        confusion[expected][got] += 1
        correct += expected == got
        for r in want | have:
            s = rules.setdefault(r, Score())
            if r in want and r in have:
                s.tp += 1
                s.hits += 1
            elif r in have:
                s.fp += 1
            else:
                s.fn += 1
    return VerdictReport(
        total=len(outcomes),
        correct=correct,
        confusion=confusion,
        clean_blocked=confusion["allow"]["block"],
        clean_warned=confusion["allow"]["warn"],
        rules=rules,
    )



def person_score(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> tuple[Score, Match]:
    """Overlap match of one text's PERSON spans (the probes in bench/ score names alone)."""
    found = match([Found("PERSON", a, b) for a, b in gold], [Found("PERSON", a, b) for a, b in predicted])
    score = Score(tp=len(found.found), fn=len(found.false_neg), hits=len(found.hits), fp=len(found.false_pos))
    return score, found
