"""The parts of a text already taken by spans, for overlap checks in logarithmic time.

A long attachment can hold thousands of names; checking each new span against every
span kept so far made a 500-page PDF cost seconds in comparisons alone.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Covered:
    """A union of half-open ranges [start, end), overlapping ones merged, kept sorted.

    `overlaps(a, b)` is true exactly when some added range (s, e) has a < e and s < b,
    the test the callers used to run against a list. Empty ranges cover nothing.
    """

    __slots__ = ("_starts", "_ends")

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in ranges:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # The last merged range starting before `end` is the only one that can reach past `start`.
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        # Merge with every range that overlaps [start, end); ranges that only touch stay
        # apart, so that an empty probe at their meeting point overlaps neither.
        lo = bisect_right(self._ends, start)
        hi = bisect_left(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]
