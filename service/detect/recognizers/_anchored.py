"""`pattern.finditer(text)` for patterns that can only start at a few known places.

A pattern that opens with `^` (multi-line) or a lookbehind gives the regex engine no
character to look for first, so it is tried at every position of the text: on a long
attachment the greeting pattern alone cost several milliseconds a pass. Where such a
pattern can only start at a line start, or just after a sentence's end, those few
places are found first and the pattern is tried there alone. The matches are the ones
`finditer` gives, in order and without overlaps (tests/detect/test_anchored.py checks).

This module starts with an underscore so that recognizer discovery skips it.
"""

from collections.abc import Iterator, Sequence

import regex

# "^" of a multi-line pattern matches at the start of the text and after "\n" only.
_NEWLINE = regex.compile(r"\n")
# A sentence's end and the white space after it ("(?<=[.!?]\s)", "(?<=[.!?]\s\s)").
_SENTENCE_END = regex.compile(r"[.!?]\s")
_SPACE = regex.compile(r"\s")


def line_starts(text: str) -> list[int]:
    """Where "^" of a multi-line pattern can match."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def line_and_sentence_starts(text: str) -> list[int]:
    """Line starts, and the places right after "[.!?]\\s" and "[.!?]\\s\\s"."""
    places = set(line_starts(text))
    for m in _SENTENCE_END.finditer(text):
        places.add(m.end())
        if _SPACE.match(text, m.end()):
            places.add(m.end() + 1)
    # NOTE: two matches of "[.!?]\s" cannot overlap (the second character is white
    # space, never a sentence end), so finditer above finds every one.
    return sorted(places)


def matches_at(pattern: "regex.Pattern[str]", text: str, starts: Sequence[int]) -> Iterator["regex.Match[str]"]:
    """What `pattern.finditer(text)` yields, for a pattern whose matches can only start at
    `starts` (sorted) and are never empty."""
    resume = 0
    for start in starts:
        if start < resume:
            continue  # inside the previous match: finditer goes on from its end
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()
