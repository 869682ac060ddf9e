"""Names in lines written all in capitals: subjects and headings.

Staff write subjects and headings in capitals ("ABSENCE - YEAR 4 FAITH", "MEDICINE FORM -
ROWAN 2B"). There every word is capitalised, so the capitals say nothing and the NER reads
them badly: it misses names that are also words and takes words for names ("RIVER STUDY",
"HUNTER WELLIES"). Here a word in such a line counts as a name only with evidence from the
line's structure, which is what a reader of the line goes by:

- it sits in a name position: after the head of the line (its start, a dash or colon, FOR,
  OF, RE) and before a class code ("ROWAN 2B", "WILL 3C", "FREYA YR1"), or straight after
  a year group and before the end, a dash or a class code ("YEAR 4 FAITH - ABSENCE");
- it is joined by AND, "&" or a comma to a name found in the line ("CHLOE AND JACK PRICE");
- a lone word the NER found is kept only when it is a known name that is not a common word
  and no common word follows it ("LIBERTY 2H", "REPORT FOR DANIEL"; not "LIBERTY TRIP TO
  LONDON"), or when an unknown word ends the line or a clause of it ("PUPIL OF THE WEEK:
  TEMIDAYO"), or when it is in a name position or joined to a name.

Only lines with no lower-case letter are read, at most _MAX_LINES of them and the first
_MAX_LINE characters of each: the cost is bounded whatever the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

NameTest = Callable[[str], bool]
Span = tuple[int, int]

_MAX_LINES = 60
_MAX_LINE = 200
# A "Subject:" label (written in any case) before a line in capitals.
_LABEL = regex.compile(r"[ \t>]*(?i:subject)[ \t]*:")
# Class codes ("2B", "10HW", "YR1", "Y6") and year groups ("YEAR 4", "YR 4").
_CODE = r"(?<![\p{L}\d])(?:\d{1,2}[A-Z]{1,3}|YR[ ]?\d{1,2}|Y\d{1,2})(?![\p{L}\d])"
_YEAR = r"(?<![\p{L}\d])YEAR[ ]\d{1,2}(?![\p{L}\d])"
_TOKEN = regex.compile(
    rf"(?P<code>{_CODE})|(?P<year>{_YEAR})|(?P<word>\p{{Lu}}[\p{{Lu}}\p{{M}}]*(?:['’-]\p{{Lu}}[\p{{Lu}}\p{{M}}]*)*)"
    r"|(?P<head>[-–—:(])|(?P<join>[,&])|(?P<other>\S)"
)
_POSSESSIVE = regex.compile(r"['’]S$")
# Reply and forward prefixes and words after which a name may start a clause.
_PREFIXES = frozenset({"RE", "FW", "FWD"})
_HEAD_WORDS = frozenset({"FOR", "OF", "RE", "TO", "WITH", "ABOUT", "FROM"})
# Words that stand before a class code or after a year group without naming anyone.
_FORM_WORDS = frozenset(
    """class classes form forms group groups set sets room rooms kit year years yr team teams list lists
    letter letters trip trips note notes homework reminder reminders and or the a an of for to in on at by
    with from all only pupils pupil children child parents parent staff students student reception nursery
    timetable assembly register""".split()
)


@dataclass(frozen=True)
class _Token:
    kind: str
    value: str
    start: int
    end: int


@lru_cache(maxsize=8)
def caps_lines(text: str) -> tuple[tuple[int, tuple[_Token, ...]], ...]:
    """The lines of `text` written in capitals, each as (start, tokens), offsets in `text`."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        start, line = pos, raw[:_MAX_LINE]
        pos += len(raw) + 1
        label = _LABEL.match(line)
        body_start = label.end() if label else 0
        body = line[body_start:]
        if any(c.islower() for c in body) or sum(c.isupper() for c in body) < 4:
            continue
        tokens = tuple(
            _Token(m.lastgroup or "other", m.group(), start + body_start + m.start(), start + body_start + m.end())
            for m in _TOKEN.finditer(body)
        )
        lines.append((start, tokens))
        if len(lines) >= _MAX_LINES:
            break
    return tuple(lines)


def in_caps_line(text: str, start: int) -> bool:
    return _line_at(text, start) is not None


def _line_at(text: str, pos: int) -> tuple[_Token, ...] | None:
    for _, tokens in caps_lines(text):
        if tokens and tokens[0].start <= pos < tokens[-1].end:
            return tokens
    return None


def _plain(word: str) -> str:
    return _POSSESSIVE.sub("", word).casefold()


def _is_head(tokens: tuple[_Token, ...], i: int) -> bool:
    """Token i starts the line or a clause of it (after reply prefixes, a dash or colon, FOR ...)."""
    j = i - 1
    while j >= 0 and tokens[j].kind == "head" and tokens[j].value == ":" and j >= 1 and tokens[j - 1].value in _PREFIXES:
        j -= 2  # "RE:" "FW:"
    if j < 0:
        return True
    before = tokens[j]
    return before.kind in ("head", "year") or (before.kind == "word" and before.value in _HEAD_WORDS)


def _ends(tokens: tuple[_Token, ...], i: int) -> bool:
    """Nothing but the end, a dash, colon, comma or bracket follows token i."""
    return i + 1 >= len(tokens) or tokens[i + 1].kind in ("head", "join") or tokens[i + 1].value == ")"


def _is_join(token: _Token) -> bool:
    return token.kind == "join" or (token.kind == "word" and token.value in ("AND", "&"))


def caps_line_names(
    text: str, could_be_name: NameTest, is_first_name: NameTest, is_common: NameTest, found: list[Span]
) -> list[tuple[int, int, str]]:
    """Names in lines written in capitals, by their place in the line (see above)."""
    spans: list[tuple[int, int, str]] = []
    for _, tokens in caps_lines(text):
        named: list[Span] = [s for s in found if tokens and tokens[0].start <= s[0] < tokens[-1].end]
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok.kind != "word" or len(tok.value) < 2:
                continue
            word = _plain(tok.value)
            if word in _FORM_WORDS or not (could_be_name(tok.value) or is_first_name(word) or word == "will"):
                continue
            # A surname may follow the first name before the class code: "ROWAN PIKE 2B".
            nxt = tokens[i + 1] if i + 1 < n else None
            two = nxt is not None and nxt.kind == "word" and _plain(nxt.value) not in _FORM_WORDS and could_be_name(nxt.value)
            after = i + 2 if two else i + 1
            code_after = after < n and tokens[after].kind == "code"
            year_before = i > 0 and tokens[i - 1].kind == "year"
            end = tokens[after - 1].end
            if _is_head(tokens, i) and code_after:
                spans.append((tok.start, end, "Name before a class code in a line in capitals"))
            elif year_before and (code_after or _ends(tokens, after - 1)) and (is_first_name(word) or not is_common(word)):
                spans.append((tok.start, end, "Name after a year group in a line in capitals"))
        # Words joined by AND, & or a comma to a name in the line.
        named += [(s, e) for s, e, _ in spans if tokens and tokens[0].start <= s < tokens[-1].end]
        todo = list(named)
        seen = set(named)
        while todo:
            s, e = todo.pop()
            for i, tok in enumerate(tokens):
                if tok.kind != "word":
                    continue
                if i + 2 < n and tokens[i + 2].start == s and _is_join(tokens[i + 1]):
                    pass  # tok JOIN name
                elif i >= 2 and tokens[i - 2].end == e and _is_join(tokens[i - 1]):
                    pass  # name JOIN tok
                else:
                    continue
                word = _plain(tok.value)
                if word in _FORM_WORDS or not (is_first_name(word) or (could_be_name(tok.value) and not is_common(word))):
                    continue
                span = (tok.start, tok.end)
                if span not in seen:
                    seen.add(span)
                    todo.append(span)
                    spans.append((tok.start, tok.end, "Name listed with a name in a line in capitals"))
    return spans


def doubtful_caps_word(
    text: str,
    start: int,
    end: int,
    is_known_name: NameTest,
    is_first_name: NameTest,
    is_common: NameTest,
    others: list[Span],
) -> bool:
    """A lone word the NER found in a line in capitals, with nothing in the line for it (see above)."""
    tokens = _line_at(text, start)
    if tokens is None:
        return False
    index = next(
        (i for i, t in enumerate(tokens) if t.kind == "word" and t.start == start and _plain_end(t) == end), None
    )
    if index is None:
        return False  # more than one word, or not a whole word: left to the other rules
    tok = tokens[index]
    word = _plain(tok.value)
    n = len(tokens)
    nxt = tokens[index + 1] if index + 1 < n else None
    if nxt is not None and nxt.kind == "code":
        return False
    if index > 0 and tokens[index - 1].kind == "year" and (nxt is None or nxt.kind != "word"):
        return False
    for a, b in others:
        if (a, b) == (start, end):
            continue
        if index + 2 < n and tokens[index + 2].start == a and _is_join(tokens[index + 1]):
            return False
        if index >= 2 and tokens[index - 2].end == b and _is_join(tokens[index - 1]):
            return False
    if is_common(word):
        return True
    if is_known_name(word) and not _POSSESSIVE.search(tok.value):
        # "LIBERTY TRIP", "HUNTER WELLIES": a name before a noun is what the noun is named
        # after. A first name stands before a word that is not a common one ("ZAINAB
        # MEDICAL" is rare, "ZAINAB OKORO" is not); a surname alone does not.
        if nxt is None or nxt.kind != "word" or nxt.value == "AND":
            return False
        return is_common(_plain(nxt.value)) or not is_first_name(word)
    if is_known_name(word):
        return False
    return not _ends(tokens, index)


def _plain_end(token: _Token) -> int:
    """Where a word ends without its possessive: the NER leaves "'S" out ("MAYOR" of "MAYOR'S")."""
    m = _POSSESSIVE.search(token.value)
    return token.end - (len(m.group()) if m else 0)
