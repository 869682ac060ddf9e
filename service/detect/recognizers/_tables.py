"""Lines, tables, rows and cells of plain text: the one reader the recognizers share.

Staff paste tables into mail as tab-, pipe- or comma-separated lines, or as columns
lined up with spaces; registers, login lists, medical lists and bank details among them.
Several recognizers read such tables, each for its own columns (names, passwords,
special-category headings, sort codes). This module only cuts: it gives the lines of a
text, runs of lines that belong together, and the cells of a line, every one as a
(start, end) span of the original text, so that what a recognizer finds in a cell is
found where it stands. What a cell means is each recognizer's question.

Where the recognizers read differently they say so by parameters, not by copies:
- how many lines of a text are read (`most`), and what happens to an over-long line
  (`blocks(..., belongs=...)` leaves it out of a block or ends the block);
- what cuts a line into cells: one character (`"\\t"`, `","`), a pattern (runs of two
  or more spaces, a pipe with the spaces around it, a spaced dash), or the separator a
  line shows (`sniff_row`: tab, then pipe, then commas, then three or more spaces);
- whether a table's first row is its header (`separated_tables`: it is).

Bounded: at most MOST_LINES lines of a text are split, once per text (cached); every
cut is one linear pass over one line; rows and cells are capped by the callers'
parameters.

This module starts with an underscore so that recognizer discovery skips it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

Span = tuple[int, int]
# A line: where it starts in the text, and its characters without the "\n".
Line = tuple[int, str]

# No reader looks past this many lines of one text.
MOST_LINES = 5_000


@lru_cache(maxsize=4)
def _split(text: str) -> tuple[Line, ...]:
    """The first MOST_LINES lines of the text with their offsets; once per text."""
    out: list[Line] = []
    position = 0
    for line in text.split("\n", MOST_LINES)[:MOST_LINES]:
        out.append((position, line))
        position += len(line) + 1
    return tuple(out)


def lines(text: str, most: int = MOST_LINES) -> Sequence[Line]:
    """The first `most` lines of the text, each (offset, line)."""
    if most > MOST_LINES:
        raise ValueError(f"at most {MOST_LINES} lines are read")
    return _split(text)[:most]


def blocks(text: str, *, most: int, belongs: Callable[[str], bool]) -> list[list[Line]]:
    """Runs of consecutive lines (of the first `most`) that belong together: a line that
    does not belong (a blank line, a line with no tab, an over-long line) ends the run."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines(text, most):
        if belongs(line[1]):
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def cut(text: str, start: int, end: int, separator: str | regex.Pattern[str]) -> list[Span]:
    """Every piece of text[start:end] between separators, as it stands: the spaces
    around a piece are kept, and so is an empty piece (an empty cell keeps its place).

    A pattern separator must match at least one character and look neither behind
    `start` nor past `end` (it is run with pos and endpos on the whole text)."""
    spans: list[Span] = []
    position = start
    if isinstance(separator, str):
        for piece in text[start:end].split(separator):
            spans.append((position, position + len(piece)))
            position += len(piece) + len(separator)
        return spans
    for m in separator.finditer(text, start, end):
        spans.append((position, m.start()))
        position = m.end()
    spans.append((position, end))
    return spans


def strip(text: str, span: Span, chars: str | None = " \t") -> Span:
    """The span without the given characters (None: any white space) at either end; an
    empty span stays at its start."""
    a, b = span
    if chars is None:
        value = text[a:b]
        kept = value.strip()
        if not kept:
            return a, a
        a += len(value) - len(value.lstrip())
        return a, a + len(kept)
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a table: its span and its cells' spans."""

    start: int
    end: int
    cells: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Consecutive rows cut alike; the first is the header."""

    rows: tuple[Row, ...]

    @property
    def header(self) -> Row:
        return self.rows[0]

    @property
    def body(self) -> tuple[Row, ...]:
        return self.rows[1:]


@lru_cache(maxsize=4)
def separated_tables(
    text: str, separator: str = "\t", *, most: int, longest: int | None = None, most_cells: int | None = None
) -> tuple[Table, ...]:
    """Runs of consecutive lines that hold the separator, cut at it; the first row of a
    run is its header. Of each line only its first `longest` characters are read, and
    of those only the first `most_cells` cells (None: all)."""
    out: list[Table] = []
    for run in blocks(text, most=most, belongs=lambda line: separator in line[:longest]):
        rows = []
        for start, line in run:
            end = start + len(line[:longest])
            cells = cut(text, start, end, separator)[:most_cells]
            rows.append(Row(start, end, tuple(cells)))
        out.append(Table(tuple(rows)))
    return tuple(out)


# Columns lined up with spaces: a cell is words one or two spaces apart; three or more part cells.
_SPACED_CELL = regex.compile(r"\S+(?: {1,2}\S+)*")
_WIDE_GAP = regex.compile(r"\S {3,}\S")


def sniff_row(text: str, line: Line, *, longest: int, most_cells: int) -> tuple[str, list[Span]] | None:
    """The separator a line shows and its cells, or None for a line that is no row.

    The separator is the first the line holds of: a tab ("tab"), a pipe ("pipe"), two or
    more commas ("comma"), three or more spaces between words ("spaces"). Cells are
    stripped of spaces and tabs; an empty cell keeps its place, a markdown row's
    leading bar and trailing empty cells are dropped. A row has two to `most_cells`
    cells and at most `longest` characters."""
    line_start, value = line
    if len(value) > longest:
        return None
    if "\t" in value:
        kind, separator = "tab", "\t"
    elif "|" in value:
        kind, separator = "pipe", "|"
    elif value.count(",") >= 2:
        kind, separator = "comma", ","
    elif _WIDE_GAP.search(value):
        kind, separator = "spaces", ""
    else:
        return None
    end = line_start + len(value)
    if separator:
        pieces = cut(text, line_start, end, separator)
    else:
        pieces = [m.span() for m in _SPACED_CELL.finditer(text, line_start, end)]
    if len(pieces) > most_cells * 2:
        return None
    spans = [strip(text, piece) for piece in pieces]
    if kind == "pipe" and spans and spans[0][0] == spans[0][1] and value.lstrip().startswith("|"):
        spans = spans[1:]  # "| Name | Password |": no cell before the first bar
    while spans and spans[-1][0] == spans[-1][1]:
        spans.pop()  # trailing separators
    return (kind, spans) if 2 <= len(spans) <= most_cells else None
