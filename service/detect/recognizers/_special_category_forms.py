"""SPECIAL_CATEGORY in forms, labelled fields and needs lists, found by their structure.

Staff paste admission forms, medical forms, data collection sheets and trip needs lists:

- A special label followed by a value: "Religion: Sikh", "Ethnic origin - White and Black
  Caribbean", "Medical conditions: asthma (blue inhaler)", "Ethnicity is White British",
  "Religion:<tab>Hindu". The value is the span (corpus/README.md: for a labelled field
  the value is marked); a value that only flags ("SEN status: K", "FSM: Yes") makes
  label and value the span. The label's own lexicon hit ("Religion") gives way to it.
- A label with a value that says nothing ("none", "n/a", "prefer not to say",
  "refused", "not known") or gives figures ("White British 58%") is about no one: its
  label's lexicon hit is dropped too.
- Dietary labels are special only when the value says why: "Dietary: halal", "gluten
  free (coeliac)"; never "vegetarian". Halal and kosher are also special in a line
  led by a name ("Ezra Cohen - kosher meals", "Aaron Levy<tab>kosher"): a person's
  dietary need, not a menu's dish.

Language and nationality are not special categories (CONTRACT 6) and are not labels here.
Whether a value is about someone (a name on the form) is the recognizer's question.
Bounded: lines and their lengths are capped; every pattern is linear.
"""

from dataclasses import dataclass

import regex

from service.detect.recognizers._tables import lines, separated_tables

_MAX_LINES = 400
_MAX_LINE = 400
_MOST_CELLS = 50

# Labels, by what their value must look like.
_IDENTITY_LABEL = (
    r"religion|religious\s+(?:belief|affiliation)|faith|religion\s*/\s*belief"
    r"|ethnicity|ethnic\s+(?:origin|group|background)"
)
_HEALTH_LABEL = (
    r"medical(?:\s+(?:needs|conditions?|info(?:rmation)?|notes|details|history))?|health(?:\s+(?:needs|conditions?))?"
    r"|(?:known\s+)?conditions?|diagnos(?:is|es)|medications?|medicines?|allerg(?:y|ies)(?:\s*/\s*medical)?"
    r"|medical\s*/\s*allerg(?:y|ies)|disabilit(?:y|ies)|primary\s+need|additional\s+needs|special\s+(?:educational\s+)?needs"
    r"|sen(?:d)?(?:\s+(?:status|need|needs|code|stage|support))?|ehcp|access\s+arrangements"
    r"|(?:child\s+protection|cp|cin|lac|cla|looked[\s-]+after|safeguarding)(?:\s+status)?"
    r"|fsm|free\s+school\s+meals|pp|pupil\s+premium"
)
_DIET_LABEL = r"diet(?:ary)?(?:\s+(?:needs|requirements?|info(?:rmation)?))?|dietary\s*/\s*medical|food"
# At a line's start (after a bullet), or after a sentence, a cell or a " - " inside a line.
_LABEL = regex.compile(
    r"(?im)(?:^|(?<=[.?!;:|,\t]\s{0,3})|(?<=\s[-–—]\s))[ \t]*(?:[-•*][ \t]+)?\*{0,2}"
    r"(?P<label>(?P<identity>" + _IDENTITY_LABEL + r")|(?P<health>" + _HEALTH_LABEL + r")|(?P<diet>" + _DIET_LABEL + r"))"
    # "Religion (optional):", "Medical conditions (if any):": a note on the label.
    r"(?:[ \t]*\([^()\n]{1,30}\))?"
    r"(?P<sep>\*{0,2}[ \t]*[:=]\*{0,2}[ \t]*|[ \t]+[-–—][ \t]+|[ \t]+is[ \t]+|[ \t]*\t[ \t]*)"
    r"(?P<value>[^\n|;\t]{1,200}|$)"
)
# The next line, when a label ends its line ("Medical conditions:" then "asthma"), if it is no label itself.
_NEXT_VALUE = regex.compile(r"[ \t]*(?P<value>(?![^\n:]{1,40}:)[^\n|;\t]{1,200})")
_ANY_LABEL = regex.compile(r"(?i)(?:" + _IDENTITY_LABEL + "|" + _HEALTH_LABEL + "|" + _DIET_LABEL + r"|name|class|year)")
# A value that says nothing about anyone.
_NOTHING = regex.compile(
    r"(?i)^(?:none(?:\s+known)?|n/?a|nil|no|nothing(?:\s+known)?|nkda|nka|-+|–|—|0|x|tbc|unknown|not\s+known"
    r"|not\s+(?:applicable|obtained|given|stated|collected|recorded|yet\s+obtained)|refused|information\s+refused"
    r"|prefer\s+not\s+to\s+say|would\s+rather\s+not\s+say|no\s+preference|not\s+specified|no\s+medical\s+needs)$"
)
# A value that only flags the label's status: the label carries the fact.
_FLAG = regex.compile(r"(?i)^(?:y|yes|k|e|✓|✔|true|current)(?:\s*\([^()\n]{0,40}\))?$")
_NO_FLAG = regex.compile(r"(?i)^(?:n|false|no\s*\([^()\n]{0,40}\))$")
# Words of a sentence or a form's furniture, not a religion's or an ethnicity's value.
_NOT_A_VALUE = regex.compile(
    r"(?i)\b(?:are|is|was|were|will|please|this|our|we|you|your|visit\w*|learn\w*|study\w*|cover\w*|lessons?"
    r"|unit|curriculum|fields?|box(?:es)?|section|forms?|policy|policies|template|procedure|training|mandatory"
    r"|return|complete|tick|data|report\w*|collected|census)\b"
)
_SUBJECT = regex.compile(r"(?i)[ \t]*(?:subject|re|fwd?)[ \t]*:")
_SENTENCE_END = regex.compile(r"[.!?](?=\s)")
_FIGURE = regex.compile(r"\d\s?%|\d+\s+(?:pupils|children|students)")
# What makes a dietary need special: faith or health.
_DIET_REASON = regex.compile(
    r"(?i)\b(?:halal|kosher|no\s+pork|no\s+beef|muslim|jewish|hindu|sikh|jain|buddhist|rastafarian|ramadan"
    r"|allerg\w*|coeliac|celiac|diabet\w*|intoleran\w*|anaphyla\w*|epi-?pen|nut[\s-]free\s+\(|crohn'?s|pku)\b"
)
_FAITH_FOOD = regex.compile(r"(?i)\b(?:halal|kosher)(?:[ \t]+(?:meals?|food|diet|meat|option|only))?\b")
# A line led by a name: "Ezra Cohen - kosher meals", "Aaron Levy<tab>kosher".
_NAME_LED = regex.compile(
    r"(?m)^[ \t]*(?:[-•*][ \t]+)?(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3})"
    r"(?:[ \t]*\([^()\n]{0,20}\))?(?:[ \t]*[:\t][ \t]*|[ \t]+[-–—][ \t]+)"
)


@dataclass(frozen=True)
class FormField:
    label: tuple[int, int]
    value: tuple[int, int] | None  # None: the field says nothing about anyone, or holds a sentence
    line: tuple[int, int]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, at most _MAX_LINES lines of at most _MAX_LINE characters."""
    return [(start, start + min(len(line), _MAX_LINE)) for start, line in lines(text, _MAX_LINES)]


def form_fields(text: str) -> list[FormField]:
    """The special labels of forms and labelled lines, each with its value's span or None."""
    fields = []
    for line_start, line_end in _lines(text):
        if _SUBJECT.match(text, line_start, line_end):
            continue  # "Subject: Looked after - PEP date": a subject line is no form
        for m in _LABEL.finditer(text, line_start, line_end):
            raw, value_at = m.group("value"), m.start("value")
            if not raw.strip() and m.group("sep").strip(" \t*") in (":", "="):
                following = _NEXT_VALUE.match(text, line_end + 1, min(len(text), line_end + 202))
                if following is None or line_end >= len(text):
                    continue
                raw, value_at = following.group("value"), following.start("value")
            stop = _SENTENCE_END.search(raw)  # "Diagnosis: Crohn's disease. He may need...": the first sentence
            raw = raw[: stop.start()] if stop else raw
            value = raw.strip().strip("*").strip().rstrip(".,")
            label = m.span("label")
            if not value:
                continue
            if regex.fullmatch(r"[ \t]*\t[ \t]*", m.group("sep")):
                # "Religion<tab>Sikh": a label only as a two-cell line's first cell, not a heading row.
                if text[line_start : m.start("label")].strip(" \t-•*") or text.count("\t", line_start, line_end) != 1:
                    continue
            if _ANY_LABEL.fullmatch(value):
                continue  # a heading row: "Religion - Ethnicity"
            v_start = value_at + raw.index(value)
            v_end = v_start + len(value)
            words = regex.findall(r"[\w'’]+", value)
            if _NOTHING.match(value) or _NO_FLAG.match(value) or _FIGURE.search(value):
                fields.append(FormField(label, None, (line_start, line_end)))
                continue
            if m.group("diet"):
                if _DIET_REASON.search(value) and len(words) <= 12:
                    fields.append(FormField(label, (v_start, v_end), (line_start, line_end)))
                continue
            if _FLAG.match(value) and m.group("health"):
                fields.append(FormField(label, (label[0], v_end), (line_start, line_end)))
                continue
            limit = 6 if m.group("identity") else 15
            if len(words) > limit or _NOT_A_VALUE.search(value) or (m.group("identity") and regex.search(r"\d", value)):
                # A heading over a sentence ("Religion: Year 4 are visiting the gurdwara..."): the
                # label is no fact; the sentence's own hits stand or fall by themselves.
                fields.append(FormField(label, None, (line_start, line_end)))
                continue
            fields.append(FormField(label, (v_start, v_end), (line_start, line_end)))
    return fields


def block_lines(text: str, at: int, most: int = 25) -> list[tuple[int, int]]:
    """The lines of the block (between blank lines) around the line starting at `at`, at most `most` each way."""
    lines = []
    start = at
    for _ in range(most):  # upwards
        if start == 0:
            break
        prev_start = text.rfind("\n", 0, start - 1) + 1
        if not text[prev_start : start - 1].strip():
            break
        lines.append((prev_start, start - 1))
        start = prev_start
    end = text.find("\n", at)
    for _ in range(most):  # downwards
        if end < 0:
            break
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        if not text[end + 1 : next_end].strip():
            break
        lines.append((end + 1, next_end))
        end = next_end if next_end < len(text) else -1
    return lines


def faith_food_in_named_lines(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Halal / kosher in a line led by a name: (the phrase, the name) per line."""
    out = []
    if not regex.search(r"(?i)halal|kosher", text):
        return out
    for line_start, line_end in _lines(text):
        lead = _NAME_LED.match(text, line_start, line_end)
        if lead is None:
            continue
        for m in _FAITH_FOOD.finditer(text, lead.end(), line_end):
            out.append((m.span(), lead.span("name")))
    return out


# A column of a person's food needs: "Diet", "Dietary needs", "Dietary/medical".
_DIET_HEADING = regex.compile(
    r"(?i)\s*(?:diet(?:ary)?(?:\s+(?:needs|requirements?|info(?:rmation)?))?|food|meals?"
    r"|dietary\s*(?:/|&|and)\s*medical|medical\s*(?:/|&|and)\s*dietary|allerg(?:y|ies)\s*(?:/|&|and)\s*diet(?:ary)?)\s*\??\s*$"
)


def faith_food_in_tables(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Halal / kosher in a tab-separated table's cell under a food heading: (the phrase, its row)."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    if "\t" not in text or not regex.search(r"(?i)halal|kosher", text):
        return out
    for table in separated_tables(text, "\t", most=_MAX_LINES, longest=_MAX_LINE, most_cells=_MOST_CELLS):
        columns = [i for i, (a, b) in enumerate(table.header.cells) if _DIET_HEADING.match(text, a, b)]
        for row in table.body:
            for i in columns:
                if i < len(row.cells):
                    out += [(m.span(), (row.start, row.end)) for m in _FAITH_FOOD.finditer(text, *row.cells[i])]
    return out
