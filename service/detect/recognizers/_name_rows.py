"""Names in rows and short lists that the NER misses or mistakes (used by person.py).

Three shapes of school mail where the words around a name are not a sentence:

- Lists of name-count pairs: house points, merits, raffle tickets, reading records
  ("Ellis 12, Maya 9, Kacper 7", or one "Bilal 14" a line). The items of one list are one
  kind of thing. Where two or more of them are names by other evidence (the NER found
  them, or they are known first names) and most of them could be names, the rest are
  names too. Where none is a known first name and one is a common word ("Gold 12,
  Silver 9, Bronze 7", "Room 12, Hall 9, Library 7", "Maths 12, Science 9"), the list
  counts things, and the NER's single-word names in it are dropped.
- A row whose name is followed only by what identifies a pupil: a valid UPN or ULN, an
  admission number, a class code, or an email address whose local part is the name
  ("Arjun Pillai 7196595717", "Priya S - priya.s@... - 10B").
- A subject line that is a known first name that is also a word (or two names joined by
  "and") then a spaced dash and the matter ("Hope - trip money", "SUMMER AND RIVER -
  PARENTS EVENING"). A season or month alone there names a time ("Summer - trip money").

Each rule looks at one line, or one run of consecutive lines, at a time. The work is
bounded: at most _MAX_LINES lines of at most _MAX_LINE_CHARS characters, at most
_MAX_ITEMS items a list, and the patterns have no nested unbounded repetition.

This module starts with an underscore so that recognizer discovery skips it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import regex

from service.detect.recognizers._person_evidence import NAME_WORD
from service.detect.recognizers._tables import cut, lines
from service.detect.recognizers.uln import is_valid_uln
from service.detect.recognizers.upn import is_valid_upn

NameTest = Callable[[str], bool]
Span = tuple[int, int]

_MAX_LINES = 2000
_MAX_LINE_CHARS = 300
_MAX_ITEMS = 40
_MIN_SHARE = 0.6

_WORD = regex.compile(NAME_WORD)
_BULLET = r"(?:[-*•·▪◦>]+[ \t]*|\(?\d{1,2}[.)][ \t]+)?"
# One item of a count list: one to three words, then a count ("Ellis 12", "Leo - 41",
# "Eli (14 books)", "Harvey 10 pts").
_ITEM = regex.compile(
    rf"[ \t]*{_BULLET}(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})"
    r"(?:[ \t]*[-–:=][ \t]*|[ \t]+)\(?(?P<count>\d{1,3})(?:[ \t]+[^\W\d_]{1,12})?\)?[ \t.]*"
)
# A label before an inline list: "House points this week: ", "Class 4 dojo: ".
_LABEL = regex.compile(r"[ \t]*[^\W\d_][^:\n]{0,50}?:[ \t]*")
_ITEM_CUT = regex.compile(r"[ \t]*[,;][ \t]*")

# Row cells that identify a pupil.
_CLASS_CODE = regex.compile(r"\(?(?:Y(?:ea)?r?[ \t]?\d{1,2}[A-Za-z]{0,2}|\d{1,2}[A-Z]{1,2}\d?)\)?")
_ADMISSION = regex.compile(r"\d{4,7}")
_ID13 = regex.compile(r"[A-Z]\d{11}[0-9A-Z]")
_ULN = regex.compile(r"\d{10}")
_EMAIL = regex.compile(r"(?P<local>[\w.'+-]{1,64})@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
_PHONE = regex.compile(r"\+?\d[\d ]{8,14}\d")
# A row: the name, then cells cut by runs of spaces, tabs, pipes, commas or spaced dashes.
_ROW_NAME = regex.compile(
    rf"[ \t]*(?P<name>{NAME_WORD}(?:,?[ ]{NAME_WORD}){{0,3}})(?=[ \t]*(?:[,|\t]|[ \t][-–—][ \t]|[ \t]{{2}}|[ \t]+\S))"
)
_ROW_CUT = regex.compile(r"[ \t]*(?:\||,|\t|[ \t][-–—][ \t]|[ \t]{2,})[ \t]*|[ \t]+")
_TITLE = regex.compile(r"(?i)(?:mr|mrs|ms|mx|miss|dr)\.?")
# Labels before an identifier in a row: "Jordan Lee ULN 9528084140".
_ID_LABELS = frozenset({"ULN", "UPN", "Adm", "No", "no", "Admission"})

# Subject lines: "Hope - trip money", "SUMMER AND RIVER - PARENTS EVENING".
_SUBJECT_HEAD = regex.compile(
    rf"[ \t>]*(?:(?i:subject)[ \t]*:[ \t]*)?(?:(?i:re|fw|fwd)[ \t]*:[ \t]*)*"
    rf"(?P<a>{NAME_WORD})(?:[ \t]+(?:and|AND|And|&)[ \t]+(?P<b>{NAME_WORD}))?"
    r"[ \t]+[-–—:][ \t]+(?P<topic>[^\W\d_][^\n]{1,80})$"
)
_CALENDAR = frozenset(
    "spring summer autumn winter january february march april may june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday".split()
)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the first _MAX_LINES lines, leaving out those over _MAX_LINE_CHARS."""
    return (line for line in lines(text, _MAX_LINES) if len(line[1]) <= _MAX_LINE_CHARS)


# --- count lists -----------------------------------------------------------------------


def count_lists(text: str) -> list[list[Span]]:
    """The name parts of the items of each list of name-count pairs, two or more items
    a list: inline ("Ellis 12, Maya 9") or one item a line, consecutive lines."""
    lists: list[list[Span]] = []
    column: list[Span] = []
    for pos, line in _lines(text):
        whole = _ITEM.fullmatch(line)
        if whole:
            column.append((pos + whole.start("name"), pos + whole.end("name")))
            continue
        if len(column) >= 2:
            lists.append(column)
        column = []
        if "," not in line and ";" not in line:
            continue
        label = _LABEL.match(line)
        start = label.end() if label else 0
        items: list[Span] = []
        for a, b in _cut(line, start, len(line)):
            m = _ITEM.fullmatch(line, a, b)
            if m is None:
                items = []
                break
            items.append((pos + m.start("name"), pos + m.end("name")))
            if len(items) > _MAX_ITEMS:
                break
        if len(items) >= 2:
            lists.append(items)
    if len(column) >= 2:
        lists.append(column)
    return lists


def _cut(line: str, start: int, end: int) -> list[Span]:
    return [(a, b) for a, b in cut(line, start, end, _ITEM_CUT) if b > a]


def count_list_names(
    text: str,
    found: Iterable[Span],
    could_be_name: NameTest,
    is_first_name: NameTest,
    is_common: NameTest,
    is_town: NameTest = lambda word: False,
    is_figure_surname: NameTest = lambda word: False,
) -> tuple[list[Span], list[Span]]:
    """(names to add, items whose NER names are dropped) from the lists of name-count pairs.

    Names are added only to a list that holds a known first name: the NER alone, which
    also takes house names and planets for names ("Phoenix 12, Griffin 9"), does not
    vouch for a list. In a list that names people a town's name is a name too
    ("Brooke 8, Alfie 6, Zainab 5")."""
    found = list(found)
    add: list[Span] = []
    drop: list[Span] = []
    for items in count_lists(text):
        strong = shaped = firsts = common = figures = 0
        shapes = []
        for a, b in items:
            words = _WORD.findall(text, a, b)
            capitalised = all(w[0].isupper() for w in words)
            is_found = any(s < b and a < e for s, e in found)
            first = any(is_first_name(w) for w in words)
            name_like = capitalised and (first or all(could_be_name(w) or is_town(w) for w in words))
            firsts += first
            common += not first and any(is_common(w) for w in words)
            figures += len(words) == 1 and is_figure_surname(words[0])
            strong += is_found or (first and capitalised)
            shaped += name_like or is_found
            shapes.append(name_like)
        if firsts == 0 and common:
            # A list of things: "Gold 12, Silver 9, Bronze 7", "Shin pads 2, Socks 3".
            for a, b in items:
                words = _WORD.findall(text, a, b)
                if len(words) == 1 or any(is_common(w) for w in words):
                    drop.append((a, b))
            continue
        if len(items) >= 3 and figures == len(items):
            # Houses named after the people schools teach: "Turing 412, Seacole 398, Tull 377".
            # Every item, and three or more: many surnames are also some figure's.
            drop.extend(items)
            continue
        if firsts and strong >= 2 and shaped >= _MIN_SHARE * len(items):
            add.extend(span for span, ok in zip(items, shapes) if ok)
    return add, drop


# --- rows with identifiers ---------------------------------------------------------------


def row_names(text: str, could_be_name: NameTest, is_known_name: NameTest, is_first_name: NameTest) -> list[Span]:
    """Names at the start of a line whose other cells all identify a pupil (UPN, ULN,
    admission number, class code, phone number, an email address whose local part
    is the name): a valid UPN or ULN, or the email; or an admission number and a
    class code together beside a known first name ("North Tyneside 1234567 4H" is
    a council and its code). A class code alone is read in _person_evidence."""
    spans: list[Span] = []
    for pos, line in _lines(text):
        if not line.strip() or not any(c.isdigit() for c in line):
            continue
        m = _ROW_NAME.match(line)
        if m is None:
            continue
        name = m.group("name")
        words = _WORD.findall(name)
        end = m.end("name")
        while len(words) > 1 and words[-1] in _ID_LABELS:
            end = m.start("name") + name.rindex(words[-1])
            end = len(line[:end].rstrip(" ,"))
            words.pop()
        if _TITLE.fullmatch(words[0]):
            continue
        if not all(w[0].isupper() for w in words) or len([w for w in words if len(w) > 1]) < 1:
            continue
        if not all(could_be_name(w) or len(w) == 1 for w in words):
            continue
        if len(words) < 2 and not is_known_name(words[0]):
            continue
        pieces = (line[a:b] for a, b in cut(line, end, len(line), _ROW_CUT))
        cells = [c for c in pieces if c and c not in _ID_LABELS][:12]
        if not cells:
            continue
        kinds = {_cell_kind(cell, words) for cell in cells}
        # A number alone may be a postcode or a price ("North Victoria 2661"): an
        # admission number counts beside a class code.
        if None in kinds:
            continue
        if "id" in kinds or ({"admission", "class"} <= kinds and any(is_first_name(w) for w in words)):
            spans.append((pos + m.start("name"), pos + end))
    return spans


def _cell_kind(cell: str, words: list[str]) -> str | None:
    cell = cell.strip(" \t,|")
    if not cell:
        return "empty"
    if _CLASS_CODE.fullmatch(cell) or cell in {"Y", "N"}:
        return "class"
    if _ID13.fullmatch(cell):
        return "id" if is_valid_upn(cell) else None
    if _ULN.fullmatch(cell):
        return "id" if is_valid_uln(cell) else None
    if _ADMISSION.fullmatch(cell):
        return "admission"
    if _PHONE.fullmatch(cell):
        return "phone"
    email = _EMAIL.fullmatch(cell)
    if email:
        local = email.group("local").casefold()
        return "id" if any(len(w) > 2 and w.casefold() in local for w in words) else None
    return None


# --- subject lines -------------------------------------------------------------------


def subject_head_names(
    text: str, could_be_name: NameTest, is_first_name: NameTest, is_common: NameTest
) -> list[Span]:
    """Known first names heading a subject line before a spaced dash and the matter.

    A lone head is taken only when it is also a common word ("Hope", "Precious"), which
    person.py would otherwise drop as a word without evidence; other first names there
    ("Jordan - trip to Petra", "Florence - art trip") are left to the NER, which weighs
    the words after them."""
    first_line_end = text.find("\n")
    if first_line_end == -1:
        candidates = [(0, text)]
    else:
        candidates = [
            (pos, line) for pos, line in _lines(text)
            if line.lstrip(" \t>").casefold().startswith("subject")
        ][:4]
    spans: list[Span] = []
    for pos, line in candidates:
        m = _SUBJECT_HEAD.fullmatch(line)
        if m is None:
            continue
        a, b = m.group("a"), m.group("b")
        if b is None:
            if a.casefold() in _CALENDAR or not is_first_name(a) or not is_common(a) or not a[0].isupper():
                continue
            spans.append((pos + m.start("a"), pos + m.end("a")))
            continue
        # Two joined by "and": one a known first name, the other could be a name, neither a word of the calendar alone.
        pair = (a, b)
        if not all(w[0].isupper() and could_be_name(w) for w in pair):
            continue
        if not any(is_first_name(w) for w in pair) or all(w.casefold() in _CALENDAR for w in pair):
            continue
        spans.append((pos + m.start("a"), pos + m.end("a")))
        spans.append((pos + m.start("b"), pos + m.end("b")))
    return spans
