"""PERSON: names from the spaCy pipeline's NER, plus names after a title.

The NER (models/sendguard_en_sm, fine-tuned on school email) finds most names. A few
small rules sit on top of it:

- a span never includes a title: "Mrs Okafor" gives "Okafor";
- a title followed by a name-like word is a name even where the NER missed it
  ("Dear Mrs okafor", "FAO MRS KOWALSKA");
- a span that is nothing but a school subject, a school system or an inspectorate
  ("Maths", "Arbor", "SIMS", "Ofsted") is not a name;
- where capitals say nothing (a subject line, the start of a line or sentence) a span
  made only of common English words, none of them a known name, is not a name
  ("Files for you", "Proof of address"); see the section at the end;
- names in tables and lists (_name_tables.py), and in lists of name-count pairs, rows
  of a pupil's identifiers and subject lines headed by a first name (_name_rows.py).

Re-reading all-capitals or all-lower-case lines with each word capitalised was
measured too (models/recipe/evaluate.py) and left out: it cost more precision than
it gained recall with the fine-tuned pipeline. Lines in capitals are read by their
structure instead (_caps_lines.py): a word before a class code or after a year group
is a name ("MEDICINE FORM - ROWAN 2B"), and a lone word the NER found there needs
such evidence ("RIVER STUDY", "LIBERTY TRIP" name no one).
"""

from __future__ import annotations

import logging
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from pathlib import Path

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

from service.context import public_figures
from service.context.names import is_given_name
from service.detect.recognizers._person_evidence import (
    BODY_WORDS,
    CLASS_CODE,
    NAME_WORD,
    cast_list,
    evidence_spans,
    in_firm,
    in_street,
    is_acronym,
    lower_case_line,
)
from service.detect.covered import Covered
from service.detect.nlp import fine_tags
from service.detect.recognizers._caps_lines import caps_line_names, doubtful_caps_word
from service.detect.recognizers._name_rows import count_list_names, row_names, subject_head_names
from service.detect.recognizers._name_tables import table_name_spans
from service.detect.recognizers.street_address import HOUSE_NAME_ENDINGS
from service.detect.recognizers.postcode import POSTCODE
from service.settings import REPO_ROOT

log = logging.getLogger(__name__)

# Titles that are hardly ever anything else, in any casing.
_TITLES = r"mr|mrs|ms|mx|mister|mstr"
# Titles that are also ordinary words ("miss the bus", "12 Oak Dr"): capitalised only.
_CAPITAL_TITLES = r"Miss|MISS|Dr|DR|Prof|PROF|Sir|SIR"
_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_TITLE_THEN_WORD = regex.compile(
    rf"(?<![\w.])(?:(?i:{_TITLES})|{_CAPITAL_TITLES})\.?[ \t]+(?P<name>{_WORD})"
)
_LEADING_TITLE = regex.compile(rf"^(?:(?i:{_TITLES}|miss|dr|prof|sir|dame|master|madam))\.?\s+")

# Words that follow a title without being a name: "Mr and Mrs", "Dear Sir or Madam";
# and titles of other languages, which follow a greeting ("Dear Frau Müller").
_NOT_A_NAME = frozenset(STOP_WORDS) | {"or", "and", "madam", "sir", "mrs", "mr", "ms", "miss", "dr"} | frozenset(
    "herr frau fräulein dhr mevr mw mme mlle monsieur madame sr sra srta señor señora sig signor signora "
    "dott pan pani sayın bay bayan".split()
)

# Words a school writes every day that the NER sometimes takes for a name when they
# stand alone. April, May, June, July and August are left to the NER: they are names too.
_SCHOOL_WORDS = frozenset(
    """maths math english science history geography french spanish german art music pe re
    computing drama biology chemistry physics pshe rshe citizenship latin phonics reading
    spelling arbor sims bromcom cpoms myconcern scholarpack tapestry seesaw evolve edulink
    classdojo parentpay teams sharepoint outlook ofsted dfe ofqual aqa ocr edexcel
    senco dsl ehcp send camhs headteacher head deputy principal chair clerk bursar caretaker
    mon tue tues wed weds thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday january february september october november december""".split()
)

# Evidence that a figure's name can have as well as a pupil's (a possessive, a pronoun).
_WEAK_EVIDENCE = frozenset(
    {"Name with a possessive", "Name a pronoun refers back to", "Name of someone who has", "Name of someone who speaks"}
)

TITLE_RULE_SCORE = 0.7
EVIDENCE_SCORE = 0.7
SAME_NAME_SCORE = 0.65
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
        found = _split_listed(text, super().analyze(text, entities, nlp_artifacts))
        # Whole spans first: "Juliet - Marlowe Theatre" is a theatre before it is a Juliet.
        found = [r for r in found if not names_a_place_or_body(text[r.start : r.end], text, r.start)]
        found = [r for r in found if not venue_follows(text, r.end)]
        listed = [(r.start, r.end) for r in found if is_public_figure(text, r.start, r.end)]
        found = [r for r in found if (r.start, r.end) not in listed]
        found = [r for r in found if not is_place(text, r.start, r.end)]
        results = [r for r in (_trim_title(text, r) for r in found) if r]
        results = [r for r in (_trim_lower_case(text, r) for r in results) if r]
        results = [r for r in results if not names_a_place_or_body(text[r.start : r.end], text, r.start)]
        results = [r for r in results if not is_common_words_span(text, r.start, r.end)]
        # Lines in capitals: a lone word needs the line's evidence (_caps_lines.py).
        ner_spans = [(r.start, r.end) for r in results]
        results = [
            r for r in results
            if not doubtful_caps_word(
                text, r.start, r.end, is_known_name, is_known_first_name, _is_common_word, ner_spans
            )
        ]
        results = [r for r in results if not _names_something_else(text, r.start, r.end)]
        results = [r for r in results if not _unlikely_guess(text, r.start, r.end)]
        results = [r for r in results if not is_acronym_plural(text[r.start : r.end])]
        results = [r for r in results if not calendar_word_as_modifier(text, r.start, r.end, nlp_artifacts)]
        # Historical figures, authors and characters, by the words around them (public_figures.py).
        figures = public_figures.figures(
            text, [(r.start, r.end) for r in results], is_known_first_name, is_known_name, known=listed
        )
        results = [r for r in results if (r.start, r.end) not in figures]
        # A cast list's parts are characters; its names are the pupils playing them.
        parts, cast = cast_list(text)
        if parts:
            results = [r for r in results if not any(a < r.end and r.start < b for a, b in parts)]
        # Lists of name-count pairs ("Ellis 12, Maya 9"; not "Gold 12, Silver 9"): _name_rows.py.
        counted, things = count_list_names(
            text, [(r.start, r.end) for r in results], could_be_name, is_known_first_name, _is_common_word, _is_town,
            _is_figure_surname,
        )
        if things:
            results = [r for r in results if not any(a <= r.start and r.end <= b for a, b in things)]
        taken = Covered((r.start, r.end) for r in results)

        def add(start: int, end: int, score: float, why: str) -> None:
            if (start, end) in figures:
                return  # "George's Marvellous Medicine" found again as another mention of a pupil George
            if not taken.overlaps(start, end):
                results.append(self._result(start, end, score, why))
                taken.add(start, end)

        sure: list[tuple[int, int]] = []
        for start, end in titled_names(text):
            # "Mr Men", "Mr Tickle", "Sir Francis Drake"
            if not is_public_figure(text, start, end) and not public_figures.titled_figure(text, start, end):
                add(start, end, TITLE_RULE_SCORE, "Name after a title")
                sure.append((start, end))
        for start, end, why in evidence_spans(text, could_be_name, is_known_name, _is_given_name):
            value = text[start:end]
            if is_public_figure(text, start, end) or _names_something_else(text, start, end):
                continue
            if why in _WEAK_EVIDENCE and public_figures.strong_figure_evidence(text, start, end):
                continue  # "Guru Nanak's birthday", "Isaac Newton's laws": said of a figure
            if names_a_place_or_body(value, text, start) or is_place(text, start, end):
                continue
            add(start, end, EVIDENCE_SCORE, why)
            sure.append((start, end))
        in_rows = row_names(text, could_be_name, is_known_name, is_known_first_name)
        heads = subject_head_names(text, could_be_name, is_known_first_name, _is_common_word)
        rows = [(s, e, "Name in a list of names and counts") for s, e in counted]
        rows += [(s, e, "Name in a row of a pupil's identifiers") for s, e in in_rows]
        rows += [(s, e, "Name heading a subject line") for s, e in heads]
        rows += [(s, e, "Name given a part in a cast list") for s, e in cast]
        rows += caps_line_names(
            text, could_be_name, is_known_first_name, _is_common_word, [(r.start, r.end) for r in results]
        )

        def take(spans: list[tuple[int, int, str]]) -> None:
            for start, end, why in spans:
                if is_public_figure(text, start, end) or _names_something_else(text, start, end):
                    continue
                if names_a_place_or_body(text[start:end], text, start):
                    continue
                if (start, end) not in counted and is_place(text, start, end):
                    continue  # in a list of names and counts a town's name is a name ("Brooke 8, Alfie 6")
                add(start, end, EVIDENCE_SCORE, why)
                sure.append((start, end))

        take(rows)
        so_far = [(r.start, r.end) for r in results]
        take(table_name_spans(text, so_far, could_be_name, is_known_first_name, lower_case_line))
        for start, end in other_mentions(text, [(r.start, r.end) for r in results], sure):
            add(start, end, SAME_NAME_SCORE, "Same name as found elsewhere in the text")
        for start, end in listed_with_names(text, [(r.start, r.end) for r in results], sure):
            add(start, end, SAME_NAME_SCORE, "Listed with other names")
        vouched = {w.casefold() for s, e in sure for w in _NAME_WORD_RE.findall(text[s:e])}
        spans = sorted((r.start, r.end) for r in results)
        longest = max((e - s for s, e in spans), default=0)
        kept = [r for r in results if not _word_without_evidence(text, r.start, r.end, vouched, spans, longest)]
        return _join_wrapped(text, kept)

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


def _split_listed(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The NER's "Hodan, Lily-Mae" in "Amara, Freya, Ivy, Hodan, Lily-Mae, Zofia" is two names:
    a span with a comma inside, itself an item of a comma list, is cut at its commas
    ("Smith, John" on its own stays one name)."""
    out: list[RecognizerResult] = []
    for result in results:
        value = text[result.start : result.end]
        listed = text[result.end : result.end + 1] == "," or text[max(0, result.start - 2) : result.start] == ", "
        if "," not in value or not listed:
            out.append(result)
            continue
        at = result.start
        for part in value.split(","):
            stripped = part.strip()
            if stripped:
                start = at + part.index(stripped)
                out.append(
                    RecognizerResult(result.entity_type, start, start + len(stripped), result.score,
                                     result.analysis_explanation, result.recognition_metadata)
                )
            at += len(part) + 1
    return out


# A line of running prose this long, broken before its end, was wrapped by the mail client.
_WRAPPED_LINE_CHARS = 50


def _join_wrapped(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One name broken across a hard-wrapped line is one name: "... Tyrell\nCampbell (off to ...".

    Only where the first part ends a long line of prose (no tab, not the last item of a
    comma list) and the second starts the next, four capitalised words at most together.
    """
    out: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: r.start):
        previous = out[-1] if out else None
        if previous is not None and text[previous.end : result.start] == "\n":
            line = text[text.rfind("\n", 0, previous.start) + 1 : previous.end]
            words = text[previous.start : result.end].split()
            if (
                len(line) >= _WRAPPED_LINE_CHARS
                and "\t" not in line
                # "Group 3: Jude, Maya, Rayan\nIdris needs his inhaler": the last item of a list.
                and not text[max(0, previous.start - 2) : previous.start].lstrip(" ").startswith((",", ";"))
                and len(words) <= 4
                and all(w[:1].isupper() for w in words)
            ):
                previous.end = result.end
                previous.score = max(previous.score, result.score)
                continue
        out.append(result)
    return out


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
    dash = _SPACED_DASH.search(text, result.start, result.end)
    if dash is not None and dash.start() > result.start:
        result.end = dash.start()  # "Siddharth Patel - Cleaner": a name, then what follows it
    value = text[result.start : result.end].lower().rstrip(".")
    if result.end - result.start < 2 or value in _NOT_A_NAME or value in _SCHOOL_WORDS or _KISSES.fullmatch(value):
        return None
    # Initials ("J.N.", "JN") are what staff are told to write instead of a name, and a
    # span with digits is an identifier the NER ran into ("Eilidh Ross - 422"), not a name.
    if _INITIALS.fullmatch(text[result.start : result.end]) or any(c.isdigit() for c in value):
        return None
    return result


_INITIALS = regex.compile(r"(?:\p{Lu}\.?\s?){1,3}")
# Kisses at the end of a message ("xx", "xxx"), never a name.
_KISSES = regex.compile(r"x{1,5}")
_SPACED_DASH = regex.compile(r"\s+[-–—]+\s+")
_EDGE_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _trim_lower_case(text: str, result: RecognizerResult) -> RecognizerResult | None:
    """Names are written all capitalised or all in lower case: lower-case words at the
    edge of a span that has capitals are the NER running over ("check Bogdan Ilie" ->
    "Bogdan Ilie"). What is left must not be common words alone ("mash Jelly")."""
    value = text[result.start : result.end]
    words = _WORD_IN_SPAN.findall(value)
    if len(words) > 1 and all(w.isupper() for w in words):
        return _trim_shouted(text, result, words)
    if all(w.islower() for w in words) or not any(w.islower() and w not in _PARTICLES for w in words):
        return result
    start, end = result.start, result.end
    while (m := _EDGE_WORD.match(text, start, end)) and m.group().islower() and m.group() not in _PARTICLES:
        start = m.end()
        while start < end and not text[start].isalpha():
            start += 1
    while True:
        tail = regex.search(r"[^\W\d_]+(?:['’][^\W\d_]+)*$", text[start:end])
        if not (tail and tail.group().islower() and tail.group() not in _PARTICLES):
            break
        end = start + tail.start()
        while end > start and not text[end - 1].isalpha():
            end -= 1
    if end <= start or only_common_words(text[start:end]):
        return None
    result.start, result.end = start, end
    return result


def _trim_shouted(text: str, result: RecognizerResult, words: list[str]) -> RecognizerResult | None:
    """In capitals every word looks like a name: drop common words at the edges
    ("PLEASE NOTE JAYDEN CLARKE" -> "JAYDEN CLARKE")."""
    common, names = common_words(), known_names()

    def plain(word: str) -> bool:
        return word.casefold() in common and word.casefold() not in names

    first, last = 0, len(words)
    while first < last and plain(words[first]):
        first += 1
    while last > first and plain(words[last - 1]):
        last -= 1
    if first == last:
        return None
    value = text[result.start : result.end]
    start = result.start + value.index(words[first])
    end = result.start + value.rindex(words[last - 1]) + len(words[last - 1])
    result.start, result.end = start, end
    return result


_GB_PLACES_FILE = Path(__file__).with_name("_gb_places.txt")
_WORLD_GIVEN_NAMES_FILE = Path(__file__).with_name("_world_given_names.txt")
# "trip to Canterbury", "residential - Kingswood", "based in Chatham".
_PLACE_CUE = regex.compile(
    r"(?:(?i:\b(?:to|in|at|from|near|via|visit|visiting|trip|residential|camp|centre|center))"
    r"[\s:,]*|\s[-–—]\s*)$"
)


_ON_A_RIVER = regex.compile(r"(?i)[ -]upon[ -]|[ -]on[ -](?=sea$)")


@cache
def gb_places() -> frozenset[str]:
    lines = _GB_PLACES_FILE.read_text(encoding="utf-8").splitlines()
    places = {line.casefold() for line in lines if line and not line.startswith("#")}
    # The everyday names of "Kingston upon Hull" and "Southend-on-Sea".
    for place in list(places):
        places.update(part for part in _ON_A_RIVER.split(place) if part)
    return frozenset(places)


@cache
def world_given_names() -> frozenset[str]:
    """Given names of many countries (scripts/data/build_world_given_names.py), case-folded.

    Evidence only where the shorter lists are silent or say "place": "Moira" is a town in
    County Down and a name; it never makes a common English word a name.
    """
    lines = _WORLD_GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line) for line in lines if line and not line.startswith("#"))


def is_world_given_name(word: str) -> bool:
    return _fold(word) in world_given_names()


def _surname_like(word: str) -> bool:
    """After a given name, a surname: a name-like word, or a town's name ("Kit Holloway", "Amy Preston")."""
    return could_be_name(word) or (_fold(word) in gb_places() and word.casefold() not in common_words())


def _is_given_name(word: str) -> bool:
    return is_known_first_name(word) or is_world_given_name(word) or is_given_name(_fold(word))


# A postcode straight after a word, on its line: the word is an address's town.
_BEFORE_A_POSTCODE = regex.compile(r"[ \t]*,?[ \t]*(?i:" + POSTCODE + r")\b")


def is_place(text: str, start: int, end: int) -> bool:
    """A UK town the NER took for a name: in the places list, no word of it a known
    name, and after a place cue ("trip to", "in", a dash) or where capitals say nothing."""
    value = text[start:end]
    words = _WORD_IN_SPAN.findall(value)
    if _BEFORE_A_POSTCODE.match(text, end) and len(words) <= 3 and not _any_given_name(words[0]):
        return True  # "7 Orchard Rise, Sittingbourne ME10 3HU": the town of an address, whatever the lists say
    if value.casefold() not in gb_places():
        return False
    names = known_names()
    if any(w.casefold() in names for w in _WORD_IN_SPAN.findall(value)):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if _PLACE_CUE.search(text, max(line_start, start - 40), start):
        return True
    # Where only the capitals speak, a town that is also a given name elsewhere ("Moira") is left as a name.
    return capitals_say_nothing(text, start) and not all(is_world_given_name(w) for w in _WORD_IN_SPAN.findall(value))


_LITTLE_MISS = regex.compile(r"\bLittle\s+Miss\s+\p{Lu}[\p{L}]*$")


@cache
def _public_figures() -> tuple[frozenset[str], "regex.Pattern[str]"]:
    """Distinctive single names, and one pattern of the full names and titles."""
    entries = public_figures.set_aside_anywhere()
    names = known_names()
    singles = frozenset(e.casefold() for e in entries if " " not in e and e.casefold() not in names)
    multi = sorted((e for e in entries if " " in e), key=len, reverse=True)
    pattern = regex.compile(
        # \b (every entry starts with a letter) lets the engine skip ahead: the pattern
        # runs over every text once.
        r"\b(?:" + "|".join(regex.escape(e).replace(r"\ ", r"\s+") for e in multi) + r")(?!\w)",
        regex.IGNORECASE,
    )
    return singles, pattern


@cache
def _figure_surnames() -> frozenset[str]:
    """The last words of the listed figures' full names ("Turing", "Seacole"): what houses are named after."""
    full = [name for name in public_figures.set_aside_anywhere() if " " in name]
    full += [name for name in public_figures.listed_names() if " " in name]
    return frozenset(name.split()[-1].casefold().rstrip(".") for name in full)


def _is_figure_surname(word: str) -> bool:
    return word.casefold() in _figure_surnames()


def _everyday_name(name: str) -> bool:
    """A common word, or a given name or surname of the lists: no sign of one work rather than another."""
    return all(
        w in common_words() or w in known_names() or is_world_given_name(w) for w in name.split()
    )


@lru_cache(maxsize=4)
def _casts(text: str) -> frozenset[str]:
    return public_figures.casts_in(text, _everyday_name)


def _in_a_cast(text: str, start: int, end: int) -> bool:
    """Every word of the span is of the cast or author of a set text the text names ("Sheila" in a
    lesson on An Inspector Calls), and no class code marks it as a pupil ("Sheila (9R)")."""
    words = [w.casefold() for w in _WORD_IN_SPAN.findall(text[start:end]) if len(w) > 1]  # "A. Malvolio"
    if not words or CLASS_CODE.match(text, end):
        return False
    cast = _casts(text)
    return bool(cast) and all(w in cast or w.rstrip("'’s") in cast for w in words)


def is_public_figure(text: str, start: int, end: int) -> bool:
    """A character or a historical figure schools teach ("Mercutio", "Mary Seacole"),
    or a name inside a title ("Juliet" in "Romeo and Juliet")."""
    singles, pattern = _public_figures()
    if text[start:end].casefold().strip() in singles:
        return True
    if _in_a_cast(text, start, end):
        return True
    if _LITTLE_MISS.search(text, max(0, start - 12), end):
        return True  # the Little Miss books: "Little Miss Sunshine", "Little Miss Day"
    return any(a <= start and end <= b for a, b in _public_figure_spans(text))


@lru_cache(maxsize=4)
def _public_figure_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the full names and titles occur; once per text, however many spans ask."""
    _, pattern = _public_figures()
    return tuple(m.span() for m in pattern.finditer(text))


# "Lloyds Bank", "Dover Castle", "Oakfield Primary School": named places and bodies.
_PLACE_OR_BODY = frozenset(
    """bank school academy college university trust council ltd limited plc llp castle church cathedral
    hall centre center park road street lane avenue hospital surgery nursery museum library estate
    station airport stadium theatre theater cinema farm zoo services primary infants juniors office team""".split()
)


_HOUSE_WORDS = frozenset(w.casefold() for w in HOUSE_NAME_ENDINGS)


def names_a_place_or_body(value: str, text: str = "", start: int = 0) -> bool:
    """A name whose last word makes it a place or body ("Dover Castle", "Lloyds Bank").

    With the text around it: a known first name and a place word that is also a common
    surname ("Deborah Lane", "Robin Castle", "Emma Hall") is a person, unless the words
    before it say place ("at Kingsley Hall", "visit to Victoria Park").
    """
    words = _WORD_IN_SPAN.findall(value)
    if len(words) < 2:
        return False
    last = words[-1].casefold()
    if not (last in _PLACE_OR_BODY or last in BODY_WORDS or last in _HOUSE_WORDS or last in _SCHOOL_WORDS):
        return False
    if text and len(words) == 2 and last in _SURNAME_PLACE_WORDS and _any_given_name(words[0]):
        return words[0].casefold() in _PLACE_FIRST_WORDS or bool(_PLACE_BEFORE.search(text, max(0, start - 20), start))
    return True


def _any_given_name(word: str) -> bool:
    """In the NER's first-name lists or the wider given-name lists of service/context/names.py."""
    return is_known_first_name(word) or is_given_name(_fold(word))


# Place words that are also common British surnames.
_SURNAME_PLACE_WORDS = frozenset({"lane", "castle", "hall", "church", "bank", "park", "street"})
# First names that more often begin a place's name than a person's ("Victoria Park", "Albert Hall").
_PLACE_FIRST_WORDS = frozenset({"victoria", "albert", "alexandra", "elizabeth", "kingsley", "regent"})
_PLACE_BEFORE = regex.compile(
    r"(?i)\b(?:at|in|to|from|near|into|outside|inside|around|visit|visiting|via|the|off)\s+$"
)


# Words that, capitalised straight after a name, make it the name of a place or body the NER
# stopped short of: "Seacole House", "Brontë Academy", "Marlowe Theatre". Words that are
# also common surnames (Hall, Mill, Bank, Church, Park) are left out: "Emma Hall".
_VENUE_WORDS = frozenset(
    """house houses cottage lodge rectory vicarage manor farm barn academy school college primary infants
    juniors nursery trust council castle cathedral museum library theatre theater cinema stadium hospital
    surgery centre center ltd limited plc llp hotel restaurant cafe bakery pharmacy orchestra choir quartet
    foundation institute society association club""".split()
)
_NEXT_WORD = regex.compile(r"[ \t]+(\p{Lu}\p{Ll}+)\b")


def venue_follows(text: str, end: int) -> bool:
    """Whether a capitalised place or body word comes straight after the span."""
    match = _NEXT_WORD.match(text, end)
    return match is not None and match.group(1).casefold() in _VENUE_WORDS


# Seasons and months that are also given names, where capitals say nothing (a subject,
# the start of a line) and a noun follows: "Autumn PA list", "Summer fair", "May half
# term" name a time, while "Autumn has settled in" and "June Okafor" name a person.
_CALENDAR_NAMES = frozenset("spring summer autumn winter april may june july august".split())
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD"})


def calendar_word_as_modifier(text: str, start: int, end: int, nlp_artifacts: NlpArtifacts | None) -> bool:
    if text[start:end].casefold() not in _CALENDAR_NAMES or not capitals_say_nothing(text, start):
        return False
    doc = nlp_artifacts.tokens if nlp_artifacts is not None else None
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or span.end >= len(doc) or "\n" in span[-1].whitespace_ or not span[-1].whitespace_:
        return False
    following = doc[span.end : span.end + 1]
    # "Autumn census", and "Autumn FSM list", "Spring INSET": before a noun or an acronym.
    acronym = len(following[0].text) >= 2 and following[0].text.isupper()
    return following[0].is_alpha and (acronym or fine_tags(following)[0] in _NOUN_TAGS)


# --- capitalised common words the NER takes for a name --------------------------------
#
# The fine-tuned NER tags the first capitalised word(s) of many subjects as a name
# ("Files for you", "Proof of address", "EXAM ENTRIES - LATE FEES"). Where capitals say
# nothing (a subject line, the start of a line or a sentence) a span is dropped when every
# word in it is a common English word and none is a known name. Common: spaCy's stop words
# and _common_words.txt (words far more often written in lower case than capitalised,
# which names are not). Known: the first names and surnames the NER was trained from,
# used only to keep a span ("Grace", "Hope", "Faith"), never required of one. Measured
# with bench.evaluate on corpus/, including corpus/entities/subject_lines.txt.

_COMMON_WORDS_FILE = Path(__file__).with_name("_common_words.txt")
_NAME_LISTS = REPO_ROOT / "models" / "recipe" / "names"
_WORD_IN_SPAN = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# The start of a line: after quoting, a "Subject:" label, reply and forward prefixes, a bullet.
_LINE_HEAD = regex.compile(
    r"^[ \t>]*(?:(?i:subject)[ \t]*:[ \t]*)?"
    r"(?:(?i:re|fw|fwd|aw|sv)[ \t]*(?:\[\d+\])?[ \t]*:[ \t]*)*(?:[-*•·][ \t]+)?$"
)
_SUBJECT_LABEL = regex.compile(r"[ \t>]*(?i:subject)[ \t]*:")
# The start of a sentence or clause: after . ! ? : ; a spaced dash, or an opening bracket.
_CLAUSE_HEAD = regex.compile(r"(?:[.!?:;][ \t]+|[ \t][-–—][ \t]+|\()$")


# Festivals and school events: always written with a capital, so the frequency test that
# made _common_words.txt leaves them out, yet never anyone's name ("Christmas Fayre").
_CAPITALISED_EVENTS = frozenset(
    "christmas xmas easter halloween diwali eid hanukkah chanukah ramadan vaisakhi passover pentecost "
    "whitsun shrove lent advent nativity fayre fete fête jubilee".split()
)


@cache
def common_words() -> frozenset[str]:
    lines = _COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#")) | STOP_WORDS | _CAPITALISED_EVENTS


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


class NameSet(frozenset[str]):
    """Names compared without case or accents: "Oisín" and "OISIN" are the list's "Oisin",
    as families write a name both ways."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and super().__contains__(_fold(word))


@cache
def known_names() -> frozenset[str]:
    names: set[str] = set()
    for file in ("first_names.tsv", "surnames.tsv"):
        path = _NAME_LISTS / file
        if not path.is_file():
            log.warning("PERSON filter: %s is missing, so no name is kept for being a known name", path)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                names.add(_fold(line.split("\t", 1)[0]))
    return NameSet(names)


@cache
def known_first_names() -> frozenset[str]:
    path = _NAME_LISTS / "first_names.tsv"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return NameSet(_fold(line.split("\t", 1)[0]) for line in lines if line and not line.startswith("#"))


def capitals_say_nothing(text: str, start: int) -> bool:
    """True where a capital letter at `start` would be there whatever the word.

    That is anywhere in a subject line (a one-line text, as the scanner analyses a
    subject, or a "Subject:" line), at the start of a line, and after the end of a
    sentence or clause.
    """
    line_start = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1  # a table cell starts a line
    before = text[line_start:start]
    if _LINE_HEAD.match(before) or _CLAUSE_HEAD.search(before):
        return True
    one_line = line_start == 0 and text.find("\n", start) == -1
    return one_line or bool(_SUBJECT_LABEL.match(text, line_start))


# "EHCPs", "TAs", "SENCOs": an acronym in the plural, never a name.
_ACRONYM_PLURAL = regex.compile(r"\p{Lu}{2,}['’]?s")


def is_acronym_plural(value: str) -> bool:
    return _ACRONYM_PLURAL.fullmatch(value.strip()) is not None


def only_common_words(value: str) -> bool:
    """Every word is a common English word and none is a known name ("Control measures",
    "gloves"; not "Grace", not "Okafor")."""
    words = [w.casefold() for w in _WORD_IN_SPAN.findall(value)]
    if not words:
        return False
    common, names = common_words(), known_names()
    return all(w in common for w in words) and not any(w in names for w in words)


def is_common_words_span(text: str, start: int, end: int) -> bool:
    """Not a name: common words where capitals say nothing, or written in lower case."""
    value = text[start:end]
    words = _WORD_IN_SPAN.findall(value)
    if words and all(w.islower() for w in words):
        # In lower case a word that is also a name ("said", "grace", "will") is the word.
        common = common_words()
        return all(w in common for w in words)
    if not only_common_words(value):
        return False
    return capitals_say_nothing(text, start)


# Lower-case words inside names: "Ruud van Nistelrooy", "Ana de Souza", "Omar bin Said".
_PARTICLES = frozenset("de da das dos di du van von der den ter le la del della bin binti bint ibn al el ap ó".split())


def could_be_name(word: str) -> bool:
    """A word that may be (part of) a name: not a stop word, school word or particle,
    and not a common English word or a UK town unless it is also a known name."""
    w = word.casefold().replace("’", "'")
    if len(w) < 2 or w in _NOT_A_NAME or w in _SCHOOL_WORDS or w in _PARTICLES or _KISSES.fullmatch(w):
        return False
    if w.rpartition("'")[2] in _CONTRACTION_ENDS:
        return False  # "I'll", "we've"
    if w in known_names():
        return True
    return w not in common_words() and (w not in gb_places() or _fold(w) in world_given_names())


_CONTRACTION_ENDS = frozenset({"ll", "d", "ve", "re", "m", "t", "s"})


def _is_common_word(word: str) -> bool:
    return word.casefold() in common_words()


def _is_town(word: str) -> bool:
    return word.casefold() in gb_places()


def is_known_first_name(word: str) -> bool:
    return word.casefold() in known_first_names()


def is_known_name(word: str) -> bool:
    return word.casefold() in known_names()


_NAME_WORD_RE = regex.compile(NAME_WORD)
_LIST_MARK = regex.compile(r"(?:,|\band\b|&)")
_POSSESSIVE_AFTER = regex.compile(r"['’]s\b")
# Names this close (characters) with a list mark between them sit side by side in a list.
_LIST_GAP = 8


def _word_without_evidence(
    text: str, start: int, end: int, vouched: set[str], spans: list[tuple[int, int]], longest: int
) -> bool:
    """A lone word that is also a common word ("Hope", "Sky", "Summer") is a name only
    with evidence: a rule vouched for it somewhere in the text, a possessive follows it,
    or another name sits right beside it in a list."""
    value = text[start:end]
    if " " in value or value.casefold() not in common_words() or value.casefold() in vouched:
        return False
    if _POSSESSIVE_AFTER.match(text, end):
        return False
    # `spans` is sorted by start and none is longer than `longest`: only those starting
    # in this window can start or end near this one.
    first = bisect_left(spans, (start - _LIST_GAP - longest,))
    for s, e in spans[first : bisect_right(spans, (end + _LIST_GAP, len(text) + 1))]:
        if (s, e) != (start, end) and (abs(s - end) <= _LIST_GAP or abs(start - e) <= _LIST_GAP):
            if _LIST_MARK.search(text, min(e, end), max(s, start)):
                return False
    return True


def _unlikely_guess(text: str, start: int, end: int) -> bool:
    """An NER guess the text argues against: lower-case words in a line whose writer
    capitalises ("showed grace and hope", "with arrears"), or a run of capitalised
    common words with no known name in it ("Credit Control", "Appendix D")."""
    value = text[start:end]
    all_words = _WORD_IN_SPAN.findall(value)
    words = [w for w in all_words if len(w) > 1]  # an initial says nothing either way
    if not words:
        return False
    if all(w.islower() for w in words):
        return writer_capitalises(text, start)
    if len(all_words) > 1 and not value.isupper():
        common, names = common_words(), known_names()
        if all(w.casefold() in common for w in words) and not any(w.casefold() in names for w in words):
            return True
        # "Amazon Rainforest": a name's last word is rarely a common word unless it is a
        # known surname, and then a known first name usually comes with it.
        last = words[-1].casefold()
        return last in common and last not in names and not any(w.casefold() in known_first_names() for w in words)
    return False


_LINE_PREFIX = regex.compile(r"[ \t>]*(?:(?i:subject)[ \t]*:[ \t]*)?(?:(?i:re|fw|fwd)[ \t]*:[ \t]*)*[-*•·]?[ \t]*")


def writer_capitalises(text: str, pos: int) -> bool:
    """The line at `pos` starts with a capital after any label, reply prefix or bullet:
    its writer capitalises, so a name in it would be capitalised too."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _LINE_PREFIX.match(text, line_start)
    first = m.end() if m else line_start
    while first < pos and not text[first].isalpha():
        first += 1
    return first < pos and text[first].isupper()


# Storms are given people's names: "Hurricane Beryl", "Storm Ciarán".
_STORM = regex.compile(r"(?i)\b(?:hurricane|storm|typhoon|cyclone|tropical\s+storm)[ \t]+$")
_STORM_HEAD = regex.compile(r"(?i)(?:hurricane|storm|typhoon|cyclone|tropical\s+storm)[ \t]")


# Festivals and holy days the NER reads as names ("Rosh Hashanah", "Yom Kippur", "Eid al-Adha").
_FESTIVAL_NAMES = (
    r"rosh\s+hashanah|yom\s+kippur|sukkot|purim|pesach|passover|hanukkah|chanukah|shavuot|simchat\s+torah"
    r"|eid(?:\s+al[\s-](?:fitr|adha))?|ramadan|ramadhan|lailat\s+al[\s-]qadr|mawlid|ashura|diwali|deepavali|holi|navratri"
    r"|raksha\s+bandhan|janmashtami|vaisakhi|baisakhi|bandi\s+chhor\s+divas|gurpurab|wesak|vesak|losar|lent|easter"
    r"|advent|epiphany|pentecost|whitsun|christmas|shrove\s+tuesday|ash\s+wednesday|chinese\s+new\s+year|lunar\s+new\s+year"
)
_FESTIVALS = regex.compile(rf"(?i)(?:{_FESTIVAL_NAMES})")
_FESTIVAL_WORDS = regex.compile(rf"(?i)\b(?:{_FESTIVAL_NAMES})\b")


_AN_ISM = regex.compile(r"\p{Lu}\p{Ll}{2,}ism")


def festival_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Festivals and holy days written in text[start:end]."""
    return [m.span() for m in _FESTIVAL_WORDS.finditer(text, start, end)]


def _names_something_else(text: str, start: int, end: int) -> bool:
    """A street, a firm, a storm, a festival or an acronym, not a person."""
    if _FESTIVALS.fullmatch(text, start, end):
        return True
    if _AN_ISM.fullmatch(text, start, end):
        return True  # "Judaism", "Sikhism", "Impressionism": a belief or a movement
    if is_acronym(text, start, end) and not is_known_name(text[start:end]):
        return True
    if (_STORM_HEAD.match(text, start) or _STORM.search(text, max(0, start - 20), start)) and not CLASS_CODE.match(
        text, end
    ):
        return True  # not "Storm Leighton (Y9)", "Storm Ellis in 8R": a pupil of that name
    # "Name, DOB, ULN": a header of field acronyms, listed with commas or slashes, read as one span.
    words = list(_WORD_IN_SPAN.finditer(text, start, end))
    listed = any(text[a.end() : b.start()].strip() for a, b in zip(words, words[1:]))
    if listed and all(is_acronym(text, w.start(), w.end()) and not is_known_name(w.group()) for w in words):
        return True
    return in_street(text, start, end) or in_firm(text, start, end)


# --- lists of names -------------------------------------------------------------------
#
# "Statements from Harvey Cole and Amelia Shah": a name-like word joined by "and", "or",
# "&" or a comma to a name is a name too, in the same case as its neighbour.

# A wrapped line may fall after the join: "Shortlisted: Faith Okonjo, Lucy Ashdown and\nTobias Weber."
_LIST_JOIN = r"(?:[ \t]+(?:and|&)[ \t]*\n?[ \t]*(?<=\s)|[ \t]*[&,][ \t]*\n?[ \t]*)"
_GREETING_WORDS = frozenset("hi hiya hello hey dear thanks cheers regards morning afternoon evening ta".split())
_LISTED_BEFORE = regex.compile(rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}){_LIST_JOIN}$")
_LISTED_AFTER = regex.compile(rf"{_LIST_JOIN}(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})")


def listed_with_names(
    text: str, names: list[tuple[int, int]], sure: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Name-like words joined to a name by "and", "&" or a comma (see above), from names that
    vouch for their words (as in other_mentions)."""
    found: list[tuple[int, int]] = []
    todo = [(s, e) for s, e in names if _vouches(text, s, e, sure)]
    taken = Covered(names)
    while todo:
        start, end = todo.pop()
        cased = _case_of(text[start:end])
        if cased == "lower" and not lower_case_line(text, start):
            continue
        candidates = []
        near_before = text[max(0, start - 7) : start]
        before = (
            _LISTED_BEFORE.search(text, max(0, start - 60), start)
            if "&" in near_before or "and" in near_before or "," in near_before
            else None
        )
        if before:
            words = list(_NAME_WORD_RE.finditer(text[before.start("name") : before.end("name")]))
            # Keep the words nearest the join that look like a name.
            kept = []
            for w in reversed(words):
                if not (could_be_name(w.group()) and _case_of(w.group()) == cased) or w.group().casefold() in _GREETING_WORDS:
                    break
                kept.insert(0, w)
            if kept:
                base = before.start("name")
                join = "," if text[before.end("name") : start].strip() == "," else "and"
                candidates.append((base + kept[0].start(), base + kept[-1].end(), join))
        near_after = text[end : end + 7]
        after = _LISTED_AFTER.match(text, end) if "&" in near_after or "and" in near_after or "," in near_after else None
        if after:
            words = list(_NAME_WORD_RE.finditer(after.group("name")))
            kept = []
            for i, w in enumerate(words):
                # "Zara Bhatt, Noor Abdi, Kit Holloway": a given name that is also a word ("Kit",
                # "Will") leads a full name in a list of full names.
                word_name = (
                    i == 0 and len(words) > 1 and " " in text[start:end].strip() and _is_given_name(w.group())
                    and _surname_like(words[1].group()) and _case_of(words[1].group()) == cased
                ) or (i > 0 and bool(kept) and _is_given_name(kept[0].group()) and _surname_like(w.group()))
                if not ((could_be_name(w.group()) or word_name) and _case_of(w.group()) == cased) or w.group().casefold() in _GREETING_WORDS:
                    break
                kept.append(w)
            if kept:
                base = after.start("name")
                join = "," if text[end : after.start("name")].strip() == "," else "and"
                candidates.append((base + kept[0].start(), base + kept[-1].end(), join))
        single_source = len(_NAME_WORD_RE.findall(text[start:end])) == 1
        for a, b, join in candidates:
            if taken.overlaps(a, b):
                continue
            value = text[a:b]
            # A comma joins more than names ("Lorraine Pike, HR Officer"): there the words
            # must hold a known name or be a full name's shape (two or more name-like words),
            # and none be in capitals unless the source is.
            words = _NAME_WORD_RE.findall(value)
            if join == "," and not (
                (any(is_known_name(w) for w in words)
                 or (len(words) > 1 and (all(could_be_name(w) for w in words)
                                         or (_is_given_name(words[0]) and all(_surname_like(w) for w in words[1:])))))
                and (cased == "upper" or not any(w.isupper() and len(w) > 1 for w in words))
            ):
                continue
            if single_source and " " not in value.strip() and value.casefold() not in known_first_names():
                continue  # "Garcia and Adams": a firm as often as two people
            if _names_something_else(text, a, b) or is_public_figure(text, a, b) or is_place(text, a, b):
                continue
            if names_a_place_or_body(text[a:b], text, a):
                continue
            found.append((a, b))
            taken.add(a, b)
            todo.append((a, b))
    return found


def _vouches(text: str, start: int, end: int, sure: list[tuple[int, int]]) -> bool:
    """A name vouches for its words when a rule found it, it has two or more words, it
    holds a known name, or it was found where capitals say something."""
    parts = _NAME_WORD_RE.findall(text[start:end])
    if not parts or (len(parts) == 1 and parts[0].isupper() and len(parts[0]) <= 5):
        return False
    if (start, end) in sure or len(parts) > 1 or is_known_name(parts[0]):
        return True
    return not capitals_say_nothing(text, start)


def _case_of(value: str) -> str:
    letters = [c for c in value if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    if letters and all(c.islower() for c in letters):
        return "lower"
    return "title"


# --- one sense per text -----------------------------------------------------------
#
# A name found once is a name at its other mentions, in any case: the subject "Certificate
# for Ngaio" and the body's "ngaio earned her 100 merits" are the same girl. A word that
# is also a common word ("Will", "Hope") counts again only where it is capitalised and
# the capital says something (not at the start of a sentence or in a subject line).

_MENTION_END = r"(?=['’][sS]\b|[^\p{L}\p{M}\d'’-]|['’](?!\p{L})|$)"


# A word of the text, as the mentions are looked for: "Amara's" gives "Amara".
_MENTION = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’-]){NAME_WORD}" + _MENTION_END)


def other_mentions(text: str, names: list[tuple[int, int]], sure: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the other mentions of the words of the names found, adjacent words merged.

    A name vouches for its words when it is `sure` (a rule's evidence), has two or more
    words, holds a known name, or was found where capitals say something; a lone unknown
    word in a subject line ("Eid and Diwali celebrations") does not.
    """
    words: set[str] = set()
    for start, end in names:
        value = text[start:end]
        parts = _NAME_WORD_RE.findall(value)
        if not parts or only_common_words(value) or (len(parts) == 1 and value.isupper() and len(value) <= 5):
            continue
        if not _vouches(text, start, end, sure):
            continue
        words.update(p.casefold() for p in parts if could_be_name(p))
    if not words:
        return []
    common = common_words()
    named = Covered(names)
    spans: list[tuple[int, int]] = []
    # NOTE: one pass over the words of the text, not a pattern of the names: compiling
    # a case-insensitive alternation cost more than everything else here.
    for m in _MENTION.finditer(text):
        if m.group().casefold() not in words:
            continue
        start, end = m.span()
        if named.overlaps(start, end):
            continue
        value = m.group()
        if value.islower() and not lower_case_line(text, start):
            continue  # "the holly and ivy display" in a text that capitalises its names
        if value.casefold() in common:
            if not value[0].isupper() or value.isupper() or capitals_say_nothing(text, start):
                continue
        if _names_something_else(text, start, end) or is_public_figure(text, start, end):
            continue
        if spans and not text[spans[-1][1] : start].strip(" \t") and spans[-1][1] < start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
