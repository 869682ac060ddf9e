"""SPECIAL_CATEGORY evidence that a fixed term list cannot hold.

- A medicine, by its shape: a dose ("18mg Concerta", "Movicol 5ml", "2 tablets of
  paracetamol", "Fostair, one puff"), or a drug name's stem over a word that is not
  common English ("sertraline", "omeprazole", "methylphenidate"), or a word that is
  not common English after "prescribed" / "takes" / "a course of".
- A table column headed by a special-category heading ("Allergies", "Medical",
  "SEN", "FSM"): its non-empty cells that do not say "none" ("nut - epipen", "K", "Y").
- A form label with nothing after it ("Medical needs:", "Allergies: none"), which is
  not about anyone (`is_empty_label`).

Like the term lists, these only find candidate spans. Whether a span is about a person
is decided in special_category.py, the same way for every hit (a name, a pronoun or a
person noun in the sentence, or, in a table, a name in the row).
"""

from collections.abc import Sequence

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from service.detect.recognizers._tables import Table, separated_tables
from service.detect.recognizers.person import common_words, is_world_given_name, known_names

# International non-proprietary name stems (WHO) and common drug-name endings. Only
# applied to words that are not common English and at least 7 letters long ("April").
_STEMS = (
    "pril", "olol", "alol", "azole", "statin", "mab", "cillin", "mycin", "micin", "cycline", "oxacin",
    "oxetine", "etine", "tidine", "phenidate", "sartan", "dipine", "triptan", "tinib", "clovir", "azepam",
    "zolam", "afil", "xaban", "gliptin", "semide", "thiazide", "terol", "butamol", "olone", "asone",
    "isone", "sonide", "casone", "metasone", "izine", "atadine", "fenadine", "lukast", "thyroxine",
    "setron", "formin", "dronate", "amfetamine", "amphetamine", "pramine", "triptyline", "traline",
    "peridone", "apine", "azepine", "trigine", "proate", "racetam", "facine", "onidine", "profen",
    "fenac", "pressin", "phenamine", "ulose", "macrogol", "prim", "toin", "azosin", "oxacin", "codone",
)
_STEM_ENDINGS = tuple(sorted(set(_STEMS), key=len, reverse=True))
# Words of 7 letters or more; each is tested for a stem ending (str.endswith, in C).
_LONG_WORD = regex.compile(r"\b[A-Za-z]{7,}\b")
_UNIT = r"(?:mg|mcg|µg|ug|ml|mls|micrograms?|milligrams?)"
_QTY = r"\d+(?:\.\d+)?\s?" + _UNIT + r"\b"
_COUNT = r"(?:\d+(?:\.\d+)?|one|two|three|four|half\s+a|a)"
_FORM = r"(?:tablets?|capsules?|sachets?|puffs?|drops?|spoonfuls?|injections?|pumps?)"
_WORD = r"[A-Za-z][A-Za-z'’-]{2,}"
# A dose with the medicine's name beside it: (start, end, the name's group).
_DOSED = (
    regex.compile(r"(?i)\b" + _QTY + r"(?:\s+of)?\s+(?P<drug>" + _WORD + r")"),
    # "Medikinet XL 20mg", "Tegretol retard 200mg": a modified-release mark between name and dose.
    regex.compile(r"(?i)\b(?P<drug>" + _WORD + r")(?:\s+(?-i:XL|SR|MR|LA|CR|ER|XR|CD|Retard|retard))?\s+" + _QTY),
    regex.compile(r"(?i)\b" + _COUNT + r"\s+" + _FORM + r"\s+of\s+(?:his\s+|her\s+|their\s+)?(?P<drug>" + _WORD + r")"),
    regex.compile(r"(?i)\b(?P<drug>" + _WORD + r"),?\s+" + _COUNT + r"\s+" + _FORM + r"\b"),
    regex.compile(
        r"(?i)\b(?:prescribed|takes|taking|started\s+on|a\s+course\s+of|dose\s+of|doses\s+of)\s+(?:an?\s+)?"
        r"(?P<drug>" + _WORD + r")"
    ),
)
# The first four need a dose or a dose form somewhere in the text: checked once.
_ANY_DOSE = regex.compile(r"(?i)\d\s?" + _UNIT + r"\b|\b" + _FORM + r"\b")


def _drug_like(word: str) -> bool:
    """Not common English, not a known name, or a drug stem: "Concerta", "sertraline"."""
    lowered = word.casefold().strip("'’-")
    if len(lowered) >= 7 and lowered.endswith(_STEM_ENDINGS) and lowered not in common_words():
        return True
    # "Please give Chidera 5ml of amoxicillin": a given name before a dose is the patient.
    return (
        lowered not in common_words() and lowered not in known_names() and not lowered.isdigit()
        and not (word[:1].isupper() and is_world_given_name(word))
    )


def medicine_spans(text: str) -> list[tuple[int, int]]:
    """Medicines named with a dose, or by a drug stem, or after "prescribed" / "takes"."""
    spans = []
    common = common_words()
    for m in _LONG_WORD.finditer(text):
        word = m.group().casefold()
        if word.endswith(_STEM_ENDINGS) and word not in common:
            spans.append(m.span())
    has_dose = _ANY_DOSE.search(text) is not None
    for pattern in _DOSED:
        if pattern in _DOSED[:4] and not has_dose:
            continue
        for m in pattern.finditer(text):
            drug = m.group("drug")
            if _UNIT_WORD.fullmatch(drug) or regex.fullmatch(_FORM, drug, regex.IGNORECASE):
                continue
            if _GIVEN_TO.search(text, max(0, m.start("drug") - 12), m.start("drug")):
                continue  # "Please give Tinashe 5ml": the one given the dose, not the medicine
            # "2 tablets of paracetamol": the shape says medicine whatever the word.
            # A weight of drug ("melatonin 3mg") is a dose whatever the word; millilitres
            # also measure water bottles and paint.
            by_weight = pattern is _DOSED[1] and _WEIGHT.search(m.group()) is not None
            if _drug_like(drug) or (
                (pattern is _DOSED[2] or by_weight) and drug.casefold() not in STOP_WORDS
            ):
                # After a verb the name alone is the medicine; with a dose, the dose too.
                spans.append(m.span("drug") if pattern is _DOSED[-1] else m.span())
    return spans


_UNIT_WORD = regex.compile(r"(?i)" + _UNIT)
_GIVEN_TO = regex.compile(r"(?i)\b(?:give|gave|giving|gives|administer\s+to)\s+\Z")
_WEIGHT = regex.compile(r"(?i)\d\s?(?:mg|mcg|µg|ug|micrograms?|milligrams?)\b")

# A heading that makes a column's cells special: "Allergies", "Medical needs", "SEN",
# "FSM", "PP". Not "EAL" (English as an additional language is not special, CONTRACT 6),
# not "Diet" (a preference, unless the cell says why).
_SPECIAL_HEADING = regex.compile(
    r"(?i)^\s*(?:medical(?:\s+(?:needs|conditions?|info(?:rmation)?|notes))?|health(?:\s+needs)?|medications?"
    r"|medicines?|allerg(?:y|ies)(?:\s*/\s*medical|\s*/\s*dietary)?|medical\s*/\s*allerg(?:y|ies)|conditions?"
    r"|diagnos(?:is|es)|sen(?:d)?(?:\s+(?:status|need|needs|code|stage))?|ehcp|fsm|pp|pupil\s+premium|lac|cla"
    r"|religion|faith|ethnicity|ethnic\s+origin|safeguarding|cp"
    # Headings of the same columns in other words (helper scforms): "Additional needs",
    # "Primary need", "Ethnic group", "Religion/belief", "Medical & allergies", "FSM?".
    r"|additional\s+needs|primary\s+need|special\s+(?:educational\s+)?needs|access\s+arrangements"
    r"|ethnic\s+(?:group|background)|religion\s*/\s*belief|religious\s+(?:belief|affiliation)"
    r"|medical\s*(?:&|and|/)\s*(?:allerg(?:y|ies)|sen|send)|allerg(?:y|ies)\s*(?:&|and)\s*medical"
    r"|health\s+conditions?|medical\s+details|disabilit(?:y|ies)|child\s+protection|cin|looked[\s-]+after"
    r"|free\s+school\s+meals|sen\s+support)\s*\??\s*$"
)
# A cell that says there is nothing: "none", "n/a", "nil", "no", "-", "N", "NKDA", "none known".
_NOTHING = regex.compile(r"(?i)^\s*(?:none(?:\s+known)?|n/?a|nil|no|n|nkda|nka|nothing|-+|–|—|0|false|x)?\s*\.?\s*$")
_MAX_TABLE_LINES = 401


# A cell that only flags the column's status ("Y", "K", "E", "yes", a tick): the heading
# carries the fact, as the annotation convention has it ("a table headed FSM  PP").
_FLAG = regex.compile(r"(?i)^\s*(?:y|yes|[a-z]|[a-z]\d|\d|✓|✔|true)\s*$")


def _tables(text: str) -> tuple[Table, ...]:
    """Runs of tab-separated lines, each with its header row."""
    return separated_tables(text, "\t", most=_MAX_TABLE_LINES)


def _special_columns(text: str, header: Sequence[tuple[int, int]]) -> list[int]:
    return [i for i, (a, b) in enumerate(header) if _SPECIAL_HEADING.match(text[a:b])]


# Headings that say "special" only beside a special column: "Need" and "Provision" in a SEN
# provision map, "Concerns" in a school nurse's list; "Support" over a club's helpers is not.
_SOFT_HEADING = regex.compile(
    r"(?i)^\s*(?:needs?|provisions?|support|interventions?|concerns?|issues?|reasons?(?:\s+for\s+referral)?"
    r"|referral\s+reasons?|adjustments?)\s*\??\s*$"
)
# A header row: one of its cells names the column of people, or is a heading above.
_NAME_HEADING = regex.compile(r"(?i)^\s*(?:(?:pupil|student|child|learner|staff|full|first|last|given)?\s*names?|pupils?|students?|children|surname|forenames?)\s*$")


def _cell_text(text: str, cell: tuple[int, int]) -> str:
    return text[cell[0] : cell[1]]


def _hit_in(hits: Sequence[tuple[int, int]], cell: tuple[int, int]) -> bool:
    return any(a < cell[1] and cell[0] < b for a, b in hits)


def column_evidence_spans(text: str, hits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cells of tab-separated columns whose other cells say special, as evidence adds up.

    A column in which two or more cells, and at least half of those filled, hold a
    lexicon hit ("dyslexia", "ASD", "speech and language") is a column of needs: its
    other filled cells ("weight concerns", "headaches") are candidates too. In a table
    with such a column (or a special heading), a column headed "Need", "Provision",
    "Concerns" and the like is one as well ("Toe by Toe daily", "Talk Boost group").
    Whether a row names someone is the recognizer's question, as for every hit.
    """
    if "\t" not in text or not hits:
        return []
    spans: list[tuple[int, int]] = []
    for table in _tables(text):
        header = table.header.cells
        headed = any(
            _NAME_HEADING.match(_cell_text(text, c)) or _SPECIAL_HEADING.match(_cell_text(text, c))
            or _SOFT_HEADING.match(_cell_text(text, c)) for c in header
        )
        rows = [row.cells for row in (table.body if headed else table.rows)]
        if len(rows) < 2:
            continue
        width = max(len(cells) for cells in rows)
        filled_of = {
            column: [cells[column] for cells in rows if column < len(cells) and not _NOTHING.match(_cell_text(text, cells[column]))]
            for column in range(width)
        }
        evidence = {
            column for column, filled in filled_of.items()
            if filled and sum(_hit_in(hits, c) for c in filled) >= max(2, (len(filled) + 1) // 2)
        }
        headings = set(_special_columns(text, header)) if headed else set()
        if not (evidence or headings):
            continue
        soft = {i for i, c in enumerate(header) if _SOFT_HEADING.match(_cell_text(text, c))} if headed else set()
        # Columns under a special heading are table_heading_spans' own.
        for column in (evidence | soft) - headings:
            for a, b in filled_of.get(column, []):
                if _hit_in(hits, (a, b)) or _FLAG.match(text[a:b]):
                    continue
                value = text[a:b]
                lead = len(value) - len(value.lstrip())
                spans.append((a + lead, a + len(value.rstrip())))
    return spans


def table_heading_spans(text: str) -> list[tuple[int, int]]:
    """Spans a special-category column heading makes special, in tab-separated tables.

    The heading row is the first row of a run of tab-separated lines. A later row's
    cell in such a column that holds words ("nut - epipen") is itself a candidate; one
    that only flags ("Y", "K") makes the heading a candidate. Empty and "none" cells
    are nothing. Whether the row names someone is the recognizer's question
    (`flagged_rows` gives the rows a heading speaks for).
    """
    if "\t" not in text:
        return []
    spans = []
    for table in _tables(text):
        header = table.header.cells
        for column in _special_columns(text, header):
            flagged = False
            for cells in (row.cells for row in table.body):
                if column >= len(cells):
                    continue
                a, b = cells[column]
                value = text[a:b]
                if _NOTHING.match(value):
                    continue
                if _FLAG.match(value):
                    flagged = True
                else:
                    lead = len(value) - len(value.lstrip())
                    spans.append((a + lead, a + len(value.rstrip())))
            if flagged:
                a, b = header[column]
                lead = len(text[a:b]) - len(text[a:b].lstrip())
                spans.append((a + lead, a + len(text[a:b].rstrip())))
    return spans


def word_column_headings(text: str) -> list[tuple[int, int]]:
    """Special headings over columns of words and no flags ("Religion" over "Sikh", "Muslim").

    The cells carry the facts and are the spans (as a labelled field's value is); the
    heading is the span only over flags ("FSM" over "Y"), so here it is not one.
    """
    if "\t" not in text:
        return []
    out = []
    for table in _tables(text):
        header = table.header.cells
        for column in _special_columns(text, header):
            values = [text[slice(*row.cells[column])] for row in table.body if column < len(row.cells)]
            filled = [v for v in values if not _NOTHING.match(v)]
            if filled and not any(_FLAG.match(v) for v in filled):
                out.append(header[column])
    return out


def flagged_rows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """For a special column heading at [start, end), the rows whose cell under it is set."""
    if "\t" not in text:
        return []
    for table in _tables(text):
        header = table.header.cells
        for column in _special_columns(text, header):
            a, b = header[column]
            if a <= start and end <= b:
                return [
                    (row.start, row.end) for row in table.body
                    if column < len(row.cells) and not _NOTHING.match(text[slice(*row.cells[column])])
                ]
    return []


# "Medical needs:" at a line's end, "Allergies: none", "Medical conditions: none known".
_EMPTY_AFTER_LABEL = regex.compile(
    r"[ \t]*:[ \t]*(?:(?:none|n/?a|nil|no|nothing|nkda|-+)(?:[ \t]+known)?[ \t.]*)?(?:\n|$)", regex.IGNORECASE
)
# The next line is blank, the end, or another label ("Dietary requirements:").
_NEXT_IS_LABEL = regex.compile(r"[ \t]*(?:$|\n|[^\n:]{1,40}:)")


def is_empty_label(text: str, end: int) -> bool:
    """A hit that is a form's label with nothing, or "none", after it: about no one."""
    m = _EMPTY_AFTER_LABEL.match(text, end)
    if m is None:
        return False
    if text[end:m.end()].strip(" \t:\n") or m.end() >= len(text):
        return True  # "none", "n/a"... or the end of the text
    return _NEXT_IS_LABEL.match(text, m.end()) is not None
