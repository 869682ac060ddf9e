"""PERSON: names from the spaCy pipeline's NER, plus names after a title.

The NER (models/sendguard_en_sm, fine-tuned on school email) finds most names. Two
small rules sit on top of it:

- a span never includes a title: "Mrs Okafor" gives "Okafor";
- a title followed by a name-like word is a name even where the NER missed it
  ("Dear Mrs okafor", "FAO MRS KOWALSKA");
- a span that is nothing but a school subject, a school system or an inspectorate
  ("Maths", "Arbor", "SIMS", "Ofsted") is not a name.

Re-reading all-capitals or all-lower-case lines with each word capitalised was
measured too (models/recipe/evaluate.py) and left out: it cost more precision than
it gained recall with the fine-tuned pipeline.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

# Titles that are hardly ever anything else, in any casing.
_TITLES = r"mr|mrs|ms|mx|mister|mstr"
# Titles that are also ordinary words ("miss the bus", "12 Oak Dr"): capitalised only.
_CAPITAL_TITLES = r"Miss|MISS|Dr|DR|Prof|PROF|Sir|SIR"
_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_TITLE_THEN_WORD = regex.compile(
    rf"(?<![\w.])(?:(?i:{_TITLES})|{_CAPITAL_TITLES})\.?[ \t]+(?P<name>{_WORD})"
)
_LEADING_TITLE = regex.compile(rf"^(?:(?i:{_TITLES}|miss|dr|prof|sir|dame|master|madam))\.?\s+")

# Words that follow a title without being a name: "Mr and Mrs", "Dear Sir or Madam".
_NOT_A_NAME = frozenset(STOP_WORDS) | {"or", "and", "madam", "sir", "mrs", "mr", "ms", "miss", "dr"}

# Words a school writes every day that the NER sometimes takes for a name when they
# stand alone. Months are left to the NER: June and May are names too.
_SCHOOL_WORDS = frozenset(
    """maths math english science history geography french spanish german art music pe re
    computing drama biology chemistry physics pshe rshe citizenship latin phonics reading
    spelling arbor sims bromcom cpoms myconcern scholarpack tapestry seesaw evolve edulink
    classdojo parentpay teams sharepoint outlook ofsted dfe ofqual aqa ocr edexcel
    senco dsl ehcp send camhs""".split()
)

TITLE_RULE_SCORE = 0.7
_NAME = "PersonRecognizer"


class PersonRecognizer(SpacyRecognizer):
    """spaCy's PERSON entities with titles trimmed, and names after titles."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name=_NAME)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        results = [r for r in (_trim_title(text, r) for r in super().analyze(text, entities, nlp_artifacts)) if r]
        taken = [(r.start, r.end) for r in results]
        for start, end in titled_names(text):
            if all(end <= s or start >= e for s, e in taken):
                results.append(self._result(start, end, TITLE_RULE_SCORE, "Name after a title"))
                taken.append((start, end))
        return results

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PERSON",
            start=start,
            end=end,
            score=score,
            analysis_explanation=self.build_explanation(score, why),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: _NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def titled_names(text: str) -> list[tuple[int, int]]:
    """Spans of the first word after each title, when it can be a name."""
    spans = []
    for m in _TITLE_THEN_WORD.finditer(text):
        word = m.group("name")
        if word.lower() in _NOT_A_NAME or word.lower() in _SCHOOL_WORDS or len(word) < 2:
            continue
        spans.append((m.start("name"), m.end("name")))
    return spans


def _trim_title(text: str, result: RecognizerResult) -> RecognizerResult | None:
    """Drop a leading title from a span; drop the span if nothing but the title is left."""
    span = text[result.start : result.end]
    m = _LEADING_TITLE.match(span)
    if m:
        result.start += m.end()
    value = text[result.start : result.end].lower().rstrip(".")
    if result.end - result.start < 2 or value in _NOT_A_NAME or value in _SCHOOL_WORDS:
        return None
    # Initials ("J.N.", "JN") are what staff are told to write instead of a name, and a
    # span with digits is an identifier the NER ran into ("Eilidh Ross - 422"), not a name.
    if _INITIALS.fullmatch(text[result.start : result.end]) or any(c.isdigit() for c in value):
        return None
    return result


_INITIALS = regex.compile(r"(?:\p{Lu}\.?\s?){1,3}")
