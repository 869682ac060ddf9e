"""Names in tables, rotas, registers, cast lists and "Present:" lines (used by person.py).

The NER reads a table cell with almost no words around it and often says nothing. A
reader looks down the column instead: where several cells of a column (or items of a
list) are names, its other name-shaped cells are names too, and a header such as
"Pupil", "Surname" or "Present" says what the column holds.

The structure read here, line by line, in blocks of consecutive non-blank lines:
- a line is cut into cells at tabs, pipes, runs of two or more spaces, a spaced dash or
  arrow, and a label's colon ("Table 1: ...", "Present: ..."); lines of a block that are
  cut alike share columns by position;
- CSV rows (two or more lines of a block with the same number of commas, no other cuts,
  or three or more consecutive lines sharing a count of two or more commas under a title
  or subject line) are cut at commas;
- the last cell of a line is cut again into list items at commas, semicolons, "and"
  and "&" ("Kacper, Aisha, Rhys and Bethan"); the items share their cell's column;
- a cell "SURNAME, First" stays whole; a leading bullet, number or time and a trailing
  bracket ("(Chair)", "(3R)") are left out of the name.

A column's name-shaped cells are names when at least two of its cells are names by
other evidence (the NER found them, or they hold a known first name) and most of its
cells are name-shaped; or when its header or label names people and most of its cells are name-shaped;
or, where most are not, three or more consecutive full names with known given names.
A cell is name-shaped when it has one to four words, no digits, is capitalised (or
its line is all lower case), and one of its words may be a name (person.could_be_name:
not a common word, a school word or a UK town unless it is a known name).

The work is bounded: at most _MAX_LINES lines and _MAX_CELLS cells a line, each line
read a fixed number of times.

This module starts with an underscore so that recognizer discovery skips it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from service.detect.recognizers._person_evidence import _GROUP_WORDS, NAME_WORD
from service.detect.recognizers._tables import blocks, cut

NameTest = Callable[[str], bool]

_MAX_LINES = 2000
_MAX_LINE_CHARS = 300
_MAX_CELL_CHARS = 60
_MAX_CELLS = 40
_MAX_CELL_WORDS = 4
_MIN_SHARE = 0.6

_WORD = regex.compile(NAME_WORD)
_DIGIT = regex.compile(r"\d")
# Where a line is cut into cells: tab, pipe, two or more spaces, a spaced dash or arrow.
_CUT = regex.compile(r"\t|[ \t]*\|[ \t]*|[ ]{2,}|[ \t]+[-–—]+>?[ \t]+|[ \t]*->[ \t]*|[ \t]*=>[ \t]*")
# A label before a colon: a few words, maybe a number or letter ("Table 1", "Group A (Mr Dale)").
_LABEL = regex.compile(r"^[ \t]*(?P<label>[^\W\d_][^:\n]{0,60}?)[ \t]*:[ \t]*(?=\S)")
_ITEM_CUT = regex.compile(r"[ \t]*[,;][ \t]*|[ \t]+(?:and|&)[ \t]+|[ \t]*&[ \t]*")
_SURNAME_FIRST = regex.compile(rf"^\p{{Lu}}[\p{{Lu}}'’-]+,[ \t]*{NAME_WORD}$")
_LEAD = regex.compile(
    r"^(?:[-*•·▪◦>]+[ \t]*|\(?\d{1,3}[.)][ \t]+|\d{1,2}[.:]\d{2}(?:[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2})?[ \t]*(?:[ap]\.?m\.?)?[ \t]+)+"
)
_TRAILING_BRACKET = regex.compile(r"[ \t]*\([^()\n]{0,40}\)[ \t.]*$")
_INITIAL = regex.compile(r"^\p{Lu}\.?$")
_TITLE = regex.compile(r"(?i)^(?:mr|mrs|ms|mx|miss|dr|prof|rev|revd|cllr|sir|dame)\.?$")

# Headers and labels that say a column holds people.
_PEOPLE_LABEL = regex.compile(
    r"(?i)^(?:(?:pupil|student|child|learner|staff|parent|carer|contact|full|first|last|family|given|candidate|"
    r"employee|teacher|member|player|visitor)s?[ \t]*)?"
    r"(?:names?|surnames?|forenames?|first[ \t]+names?|pupils?|students?|child(?:ren)?|learners?|candidates?|"
    r"staff|cast|cast[ \t]+list|present|also[ \t]+present|in[ \t]+attendance|apologies|absent|attendees?|"
    r"team|squad|subs|substitutes|reserves|players?|speakers?|buddies|volunteers?|helpers?|members?|"
    r"governors?|mentors?|mentees?|winners?|finalists?|prefects?|deputies|captains?|choir|who|by)$"
)


_DAYS = frozenset(
    d + s for d in "monday tuesday wednesday thursday friday saturday sunday".split() for s in ("", "s")
)


# A column: the block of lines, the cell's position in its line, and the kind of label
# its line starts with ("" for none).
Column = tuple[int, int, str]


@dataclass
class _Cell:
    start: int
    end: int
    column: Column
    prose: bool = False


def table_name_spans(
    text: str,
    found: Iterable[tuple[int, int]],
    could_be_name: NameTest,
    is_first_name: NameTest,
    lower_case_line: Callable[[str, int], bool],
) -> list[tuple[int, int, str]]:
    """(start, end, why) of the name-shaped cells of columns and lists that hold names.

    `found` are the names found so far (the NER's and the rules'): they count as names
    when they cover a cell, and cells they already cover are not returned again.
    """
    if "\n" not in text and "\t" not in text and "," not in text and ":" not in text:
        return []
    found = sorted(found)
    cells, labels = _cells(text)
    if not cells:
        return []
    columns: dict[Column, list[_Cell]] = defaultdict(list)
    for cell in cells:
        columns[cell.column].append(cell)
    spans: list[tuple[int, int, str]] = []
    for key, members in columns.items():
        shaped = []
        strong = 0
        named = key in labels
        kinds = []
        for cell in members:
            kind = _judge(text, cell, found, could_be_name, is_first_name, lower_case_line, named)
            kinds.append(kind)
            if kind:
                shaped.append((cell, kind))
                strong += kind == "strong"
        if len(shaped) < 1:
            continue
        if not named and len(shaped) < _MIN_SHARE * len(members):
            # "... is Reggie Cook, Hafsa Noor, Dylan Price and Mason Young, 3.20-4.20 in M4": a run
            # of three or more full names, each with a known given name, is a list of people
            # whatever the sentence around it holds.
            for run in _runs_of_full_names(text, members, kinds, is_first_name):
                spans.extend((c.start, c.end, "Name in a run of full names") for c in run
                             if not any(s < c.end and c.start < e for s, e in found))
            continue
        if named:
            if len(shaped) < _MIN_SHARE * len(members):
                continue
            why = "Name in a column or list headed as people"
        else:
            if strong < 2 or len(shaped) < 2 or len(shaped) < _MIN_SHARE * len(members):
                continue
            why = "Name in a column or list of names"
        for cell, _ in shaped:
            if not any(s < cell.end and cell.start < e for s, e in found):
                spans.append((cell.start, cell.end, why))
    return spans


def _runs_of_full_names(
    text: str, members: list[_Cell], kinds: list[str | None], is_first_name: NameTest
) -> list[list[_Cell]]:
    runs: list[list[_Cell]] = []
    current: list[_Cell] = []
    for cell, kind in zip(members, kinds):
        words = text[cell.start : cell.end].split()
        if kind == "strong" and len(words) >= 2 and is_first_name(words[0]) and words[-1][:1].isupper():
            current.append(cell)
            continue
        if len(current) >= 3:
            runs.append(current)
        current = []
    if len(current) >= 3:
        runs.append(current)
    return runs


def _judge(
    text: str,
    cell: _Cell,
    found: list[tuple[int, int]],
    could_be_name: NameTest,
    is_first_name: NameTest,
    lower_case_line: Callable[[str, int], bool],
    named: bool,
) -> str | None:
    """'strong' (a name by other evidence), 'shaped' (could be one) or None."""
    if cell.prose or cell.end - cell.start > _MAX_CELL_CHARS:
        return None  # a sentence, not a cell, even if it holds a name
    value = text[cell.start : cell.end]
    parts = value.replace(",", " ").split()
    if not parts or len(parts) > _MAX_CELL_WORDS or _DIGIT.search(value) or _PEOPLE_LABEL.match(value):
        return None  # a header ("Forename") is not a name
    if any(s < cell.end and cell.start < e for s, e in found):
        return "strong"
    if _TITLE.match(parts[0]):
        parts = parts[1:]  # "Cllr Terence Mould": the title is left out of the name
        if not parts:
            return None
        cell.start = text.index(parts[0], cell.start)
    # A column headed as names may be typed in lower case ("okonjo,chidi,5,5M").
    lower = None
    words = []
    for part in parts:
        if _INITIAL.match(part):
            continue
        folded = part.casefold()
        if folded in _DAYS or folded in _GROUP_WORDS or (folded in STOP_WORDS and not is_first_name(part)):
            return None  # "Tuesdays", "Hello", "all governors"; not "Will"
        m = _WORD.fullmatch(part)
        if m is None:
            return None
        if not part[0].isupper():
            if lower is None:
                lower = (named and value.islower()) or lower_case_line(text, cell.start)
            if not lower:
                return None
        words.append(part)
    if not words:
        return None
    if len(words) == 1:
        if not could_be_name(words[0]):
            return None
    else:
        if not any(could_be_name(w) for w in words):
            return None
        # A phrase of words ("Front gate") is not a name: every word but known names must be name-like.
        if sum(not could_be_name(w) for w in words) > 1:
            return None
        # "HR Officer", "SEN Team": the one name-like word is an acronym.
        likely = [w for w in words if could_be_name(w)]
        if all(w.isupper() and 2 <= len(w) <= 5 for w in likely) and not value.isupper():
            return None
    if any(is_first_name(w) for w in words):
        return "strong"
    return "shaped"


def _cells(text: str) -> tuple[list[_Cell], set[Column]]:
    """The cells of every line, each with its column (block, position); and the columns
    a header or label names as people."""
    cells: list[_Cell] = []
    named: set[Column] = set()
    # A blank line or an over-long one (a paragraph) ends a block.
    runs = blocks(text, most=_MAX_LINES, belongs=lambda line: bool(line.strip()) and len(line) <= _MAX_LINE_CHARS)
    for block, rows in enumerate(runs):
        _read_block(rows, block, cells, named)
    return cells, named


def _read_block(rows: list[tuple[int, str]], block: int, cells: list[_Cell], named: set[Column]) -> None:
    commas = [line.count(",") for _, line in rows]
    csv_all = (
        len(rows) >= 2
        and min(commas) >= 1
        and max(commas) == min(commas)
        and not any("\t" in line or "|" in line for _, line in rows)
    )
    # A CSV pasted under a title or a subject line: the rows that share one count of two or
    # more commas are its rows, whatever the lines above them hold.
    csv_count = _shared_comma_count(rows, commas) if not csv_all else None
    for index, (offset, line) in enumerate(rows):
        csv = csv_all or (csv_count is not None and commas[index] == csv_count)
        if _is_prose(line):
            # A sentence is one cell of its column that is no name: it is not cut up.
            cells.append(_Cell(offset, offset + len(line), (block, 0, ""), prose=True))
            continue
        pieces = _split_line(line, csv)
        labelled = bool(pieces) and pieces[0][2] is None
        # Lines with different labels are a form, not a column: "Name: ...", "Company: ...",
        # "City: ..." hold different things. "Table 1:", "Table 2:" are one kind of line.
        kind = _label_kind(line[pieces[0][0] : pieces[0][1]]) if labelled else ""
        # A header: the first row of a table, or any row of short cells one of which names people.
        header = len(pieces) >= 2 and not labelled and not _DIGIT.search(line)
        for position, (a, b, label_named) in enumerate(pieces[:_MAX_CELLS]):
            if label_named is None:
                continue
            key = (block, position, kind)
            raw = line[a:b]
            if header and _PEOPLE_LABEL.match(raw.strip()):
                named.add(key)
                continue
            if label_named:
                key = (block, position + 1000 * (index + 1), kind)  # its label names this line's list only
                named.add(key)
            last = position == len(pieces) - 1
            if not csv and last and not _SURNAME_FIRST.match(raw.strip()):
                items = _items(line, a, b)
            else:
                items = [(a, b)]
            for s, e in items:
                span = _trim(line, s, e)
                if span:
                    cells.append(_Cell(offset + span[0], offset + span[1], key))


def _shared_comma_count(rows: list[tuple[int, str]], commas: list[int]) -> int | None:
    """The comma count of three or more consecutive rows with two or more commas each and no
    tab or bar (a CSV table inside a block), or None."""
    run_start = 0
    for index in range(1, len(rows) + 1):
        if index == len(rows) or commas[index] != commas[run_start]:
            length = index - run_start
            if length >= 3 and commas[run_start] >= 2 and not any(
                "\t" in line or "|" in line for _, line in rows[run_start:index]
            ):
                return commas[run_start]
            run_start = index
    return None


_NUMBERING = regex.compile(r"\b(?:\d+|[A-Za-z]|[ivx]+)\b")


def _label_kind(label: str) -> str:
    """A label without its numbering: "Table 1" and "Table 2" -> "table"."""
    return " ".join(_NUMBERING.sub(" ", label.casefold()).split())


def _is_prose(line: str) -> bool:
    """A sentence rather than a row or a list: no cell cuts, and half or more of five or
    more words in lower case ("Could you check these are on the list for the trip?")."""
    if "\t" in line or "|" in line or "  " in line:
        return False
    words = line.split()
    if len(words) < 5:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower >= 5 and 2 * lower >= len(words)


def _split_line(line: str, csv: bool) -> list[tuple[int, int, bool | None]]:
    """(start, end, the cell after a label naming people) of each cell of the line; None
    for the label itself."""
    pieces: list[tuple[int, int, bool | None]] = []
    start = 0
    label_named = False
    m = _LABEL.match(line)
    if m and not _CUT.search(m.group("label")):
        pieces.append((m.start("label"), m.end("label"), None))  # a label: not a cell
        label_named = bool(_PEOPLE_LABEL.match(m.group("label").strip()))
        start = m.end()
    pieces += [(a, b, label_named) for a, b in cut(line, start, len(line), "," if csv else _CUT)]
    return [p for p in pieces if line[p[0] : p[1]].strip()]


def _items(line: str, a: int, b: int) -> list[tuple[int, int]]:
    segment = line[a:b]
    if "," not in segment and ";" not in segment and "&" not in segment and " and " not in segment:
        return [(a, b)]
    return [(s, e) for s, e in cut(line, a, b, _ITEM_CUT) if e > s]


def _trim(line: str, a: int, b: int) -> tuple[int, int] | None:
    """The cell without spaces, a leading bullet, number or time, and a trailing bracket."""
    value = line[a:b]
    lead = _LEAD.match(value)
    if lead:
        a += lead.end()
    value = line[a:b]
    bracket = _TRAILING_BRACKET.search(value)
    if bracket:
        b = a + bracket.start()
    value = line[a:b]
    stripped = value.strip(" \t.:;")
    if not stripped:
        return None
    a += value.index(stripped)
    return a, a + len(stripped)
