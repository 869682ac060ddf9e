"""Patterns tried only where they can start give finditer's matches (recognizers/_anchored.py)."""

import regex
from hypothesis import given, settings, strategies as st

from service.detect.recognizers._anchored import line_and_sentence_starts, line_starts, matches_at
from service.detect.recognizers._person_evidence import _GREETING, _LAST_LINE, _SIGN_OFF

_PIECES = [
    "\n", "\n\n", " ", "  ", "\t", ">", "> ", ".", "!", "?", ". ", ".  ", "!\n", "?\u2028", "\r\n", "\u00a0",
    "Hi", "hi", "Dear", "Good morning", "thanks", "Thanks, ", "Kind regards", "Best", "cheers", "ta",
    "Sue", "Mrs Obi", "priya", "Jean-Luc O'Neill", "Zofia is sick", ",", "x", "On Mon, Sue wrote:", "From:",
    "-- Original", "all",
]


def _spans(matches) -> list[tuple[tuple[int, int], tuple[int, int]]]:  # type: ignore[no-untyped-def]
    return [(m.span(), m.span("name")) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_matches_at_the_places_a_pattern_can_start_are_finditers(pieces: list[str]) -> None:
    text = "".join(pieces)
    lines = line_starts(text)
    assert _spans(matches_at(_SIGN_OFF, text, lines)) == _spans(_SIGN_OFF.finditer(text))
    assert _spans(matches_at(_LAST_LINE, text, lines)) == _spans(_LAST_LINE.finditer(text))
    assert _spans(matches_at(_GREETING, text, line_and_sentence_starts(text))) == _spans(_GREETING.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\r.!?ab\u2028\u00a0\x0b", max_size=40))
def test_the_places_are_those_of_the_anchors(text: str) -> None:
    anchors = regex.compile(r"(?m)^|(?<=[.!?]\s)|(?<=[.!?]\s\s)")
    assert line_starts(text) == [m.start() for m in regex.finditer(r"(?m)^", text)]
    assert line_and_sentence_starts(text) == sorted({m.start() for m in anchors.finditer(text)})


def test_a_match_that_runs_over_a_place_hides_the_next() -> None:
    # The sign-off runs over the line break to the name: the name's line is not tried again.
    text = "Kind regards,\nSue\n"
    assert [m.group("name") for m in matches_at(_SIGN_OFF, text, line_starts(text))] == ["Sue"]
    assert len(list(_SIGN_OFF.finditer(text))) == 1
