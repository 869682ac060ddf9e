"""Scoring a match by the words written near it.

Presidio's own context enhancer looks at the five lemmas before a match and matches
single words only, so "date of birth" or "sort code" never count, and it cannot see a
column header three lines up. The recognizers here score their own context instead:
a phrase in a short window before (and after) the match, or the header of the table
column the match sits in, raises the score; a phrase that says "this is a reference
number, not personal data" drops the match. Results are then marked as already
enhanced, so Presidio's enhancer leaves them alone and the scores stay predictable.

This module starts with an underscore so that recognizer discovery skips it.
"""

from collections.abc import Sequence
from functools import lru_cache

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# Cells of a delimited table (CSV pasted into a body, tab-separated from a spreadsheet).
_DELIMITERS = ("\t", "|", ",", ";")


# Between the words of a phrase: spaces, dots, hyphens, underscores, and the ">" of a quoted line it wraps onto.
_GAP = r"[\s.\-_>]*"
_WORD_START = regex.compile(r"\w")
_Trie = dict[str, "_Trie"]


_SUBJECT_LINE = regex.compile(r"[ \t]*Subject[ \t]*:[^\n]*")


def subject_line_end(text: str) -> int:
    """Where a text's opening "Subject:" line ends (a message written as the corpus writes
    one, or as the scanner reads a body under its subject), or 0 when it has none."""
    m = _SUBJECT_LINE.match(text)
    return m.end() if m else 0


@lru_cache(maxsize=256)
def phrase_regex(phrases: tuple[str, ...]) -> "regex.Pattern[str]":
    """One case-insensitive regex matching any of the phrases as whole words.

    Spaces inside a phrase match any run of spaces, dots or hyphens, so "date of
    birth" also finds "Date-of-Birth" and "sort code" finds "sort-code". The longest
    phrase wins where several start at the same place.
    """
    if not phrases:
        return regex.compile(r"(?!x)x")
    # Where every phrase starts with a letter or digit, \b says the same as the
    # lookbehind and lets the regex engine skip ahead: ~1.7x faster over long text.
    start = r"\b" if all(_WORD_START.match(p) for p in phrases) else r"(?<![\w])"
    return regex.compile(start + phrase_trie(phrases) + r"(?![\w])", regex.IGNORECASE)


@lru_cache(maxsize=64)
def label_regex(phrases: tuple[str, ...]) -> "regex.Pattern[str]":
    """The phrases as the label written right before a value: "Order no: ", "PO ", "ref #".

    Search it up to the value's start: it matches only when nothing but a short
    label ("no", "number", "ref") and punctuation comes between the phrase and the
    value, so "special guardianship order. New contact: 01634..." is not an order.
    """
    label_tail = r"(?:[\s:#.\-]*(?:no|number|num|ref|reference|id)\.?)?[\s:#.\-]*$"
    return regex.compile(phrase_regex(phrases).pattern + label_tail, regex.IGNORECASE)


def phrase_trie(phrases: Sequence[str]) -> str:
    """The phrases as one regex with shared prefixes factored out.

    A few hundred phrases as a flat alternation are tried one by one at every
    position; as a trie each position costs a handful of steps (about 4x faster on
    the special-category lexicon).
    """
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for i, word in enumerate(phrase.lower().split()):
            if i:
                node = node.setdefault(_GAP, {})
            for char in word:
                node = node.setdefault(regex.escape(char), {})
        node[""] = {}
    return "(?:" + _render(root) + ")"


def _render(node: _Trie) -> str:
    branches = [atom + _render(child) for atom, child in sorted(node.items()) if atom]
    ends_here = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    # Greedy "?" tries the longer phrase first, then this shorter one.
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def column_header(text: str, start: int, end: int) -> str | None:
    """The header cell above a match in a delimited table, or None.

    A table is a run of non-blank lines that share a delimiter; its first line is the
    header, with as many cells as the match's line (so prose with commas is not a
    table). The match's column is found by counting delimiters before it in its line.
    """
    line_start, line_end = line_bounds(text, start, end)
    line = text[line_start:line_end]
    delimiter = next((d for d in _DELIMITERS if d in line), None)
    if delimiter is None:
        return None
    header_start = line_start
    while header_start > 0:
        prev_start = text.rfind("\n", 0, header_start - 1) + 1
        prev_line = text[prev_start : header_start - 1]
        if not prev_line.strip() or delimiter not in prev_line:
            break
        header_start = prev_start
    if header_start == line_start:
        return None
    header_end = text.find("\n", header_start)
    header_cells = text[header_start:header_end].split(delimiter)
    if len(header_cells) != line.count(delimiter) + 1:
        return None
    column = text[line_start:start].count(delimiter)
    return header_cells[column].strip()


class WindowContextMixin:
    """Context scoring for a Presidio recognizer; put it first in the bases.

    CONTEXT: phrases that make the match more likely (also matched against the
    column header when the match sits in a table).
    NEGATIVE_CONTEXT: phrases labelling the match as something else (an invoice,
    order or school reference number: "PO 4500012345"); the match is dropped.
    """

    CONTEXT: Sequence[str] = ()
    NEGATIVE_CONTEXT: Sequence[str] = ()
    CONTEXT_CHARS_BEFORE = 45
    CONTEXT_CHARS_AFTER = 0
    NEGATIVE_CHARS_BEFORE = 25
    CONTEXT_BOOST = 0.4

    def context_found(self, text: str, start: int, end: int) -> bool:
        # Searching the whole text between bounds (not a slice) lets the word
        # boundaries see the characters just outside the window.
        positive = phrase_regex(tuple(self.CONTEXT))
        if positive.search(text, max(0, start - self.CONTEXT_CHARS_BEFORE), start):
            return True
        if self.CONTEXT_CHARS_AFTER and positive.search(text, end, end + self.CONTEXT_CHARS_AFTER):
            return True
        header = column_header(text, start, end)
        return header is not None and positive.search(header) is not None

    def negative_context_found(self, text: str, start: int, end: int) -> bool:
        negative = label_regex(tuple(self.NEGATIVE_CONTEXT))
        return negative.search(text, max(0, start - self.NEGATIVE_CHARS_BEFORE), start) is not None

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        kept = []
        for result in raw_recognizer_results:
            if self.negative_context_found(text, result.start, result.end):
                continue
            if self.context_found(text, result.start, result.end):
                result.score = min(1.0, result.score + self.CONTEXT_BOOST)
            result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            kept.append(result)
        return kept


class ChecksumRunMixin:
    """A list of identifiers is evidence of its own; put it before WindowContextMixin.

    One ten-digit number in eleven passes a mod 11 check by chance, three of three
    about one time in 1,300. So where at least RUN_MIN_VALID numbers of the
    recognizer's shape (RUN_CANDIDATE) pass its check, and nearly all numbers of that
    shape in the text do, each passing one gets the context boost as if its label
    stood beside it (a column of names each followed by a ULN).
    """

    RUN_CANDIDATE: str = r"(?!x)x"
    RUN_MIN_VALID = 3
    RUN_MIN_SHARE = 0.75
    CONTEXT_BOOST: float

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        scores_before = {id(r): r.score for r in raw_recognizer_results}
        kept: list[RecognizerResult] = super().enhance_using_context(  # type: ignore[misc]
            text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context
        )
        if len(kept) < self.RUN_MIN_VALID:
            return kept
        candidates = sum(1 for _ in _run_candidates(self.RUN_CANDIDATE).finditer(text))
        if len(kept) >= self.RUN_MIN_SHARE * candidates:
            for result in kept:
                if result.score <= scores_before.get(id(result), result.score):  # not boosted by a label
                    result.score = min(1.0, result.score + self.CONTEXT_BOOST)
        return kept


@lru_cache(maxsize=16)
def _run_candidates(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


# Words before a number that make it a reference of some kind rather than a person's.
REFERENCE_WORDS: tuple[str, ...] = (
    "invoice", "inv", "order", "order no", "po", "purchase order", "ref", "reference",
    "ticket", "case no", "case number", "case ref", "tracking", "urn", "dfe", "laestab",
    "estab", "ofsted", "company no", "company number", "charity no", "charity number",
    "vat", "receipt", "transaction", "booking", "policy no", "policy number", "serial",
    "batch", "item no", "sku", "product code",
)


def scored_result(
    recognizer: EntityRecognizer, entity_type: str, start: int, end: int, score: float, why: str
) -> RecognizerResult:
    """A result from a recognizer that did its own context scoring.

    Marked as enhanced by context, so Presidio's lemma enhancer leaves its score alone.
    """
    # NOTE: getattr because mypy cannot infer the type Presidio gives `name`.
    name = str(getattr(recognizer, "name"))
    return RecognizerResult(
        entity_type=entity_type,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(recognizer=name, original_score=score, textual_explanation=why),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        },
    )
