"""Whom an email, and each attachment, is about.

CONTRACT section 8, `attachment-about-someone-else`: the email is about one named
third party (Oliver) and an attachment's file name, first heading or "Name:" field
names someone else (Jack Brown's report). The names come from the detector's PERSON
findings, with the conversation's own people already set aside; this module only
decides which of them say whom a text is about, and whether two names can be one person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from service.context.names import is_given_name, same_given_name, same_surname
from service.context.participants import _TITLES, _fold
from service.detect.types import DetectedEntity, mask
from service.schemas.entities import EntityType

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
# "Name: Jack Brown", "Pupil name  Jack Brown", "Child's name: ...": a form's name field.
_NAME_FIELD = regex.compile(
    r"^[ \t]*(?:(?:pupil|child|student|learner|young\s+person)(?:'s|’s)?\s+)?(?:full\s+)?name[ \t]*[:\t][ \t]*(?P<value>[^\n]{2,80})$",
    regex.IGNORECASE | regex.MULTILINE,
)
# How far into an attachment its heading and name field are looked for.
_HEADING_LINES = 3
_NAME_FIELD_CHARS = 2_000
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True, slots=True)
class PersonRef:
    """One person a text names: their folded name words, and a masked form to show."""

    words: tuple[str, ...]
    masked: str

    @classmethod
    def of(cls, name: str) -> PersonRef | None:
        words = tuple(w for w in (_fold(m.group()).strip("'’-") for m in _WORD.finditer(name)) if w not in _TITLES)
        words = tuple(w.removesuffix("'s").removesuffix("’s") for w in words if w)
        return cls(words, mask(name.strip())) if words else None


def same_person(a: PersonRef, b: PersonRef) -> bool:
    """Whether two names can be one person: 'Oliver' and 'Oliver Smith', 'Ollie Smith' and
    'Oliver Smith', 'Mrs Smith-Jones' and 'Jane Jones'; not 'Oliver Smith' and 'Mia Smith'."""
    if len(a.words) >= 2 and len(b.words) >= 2:
        return same_surname(a.words[-1], b.words[-1]) and _given_fits(a.words[0], b.words[0])
    one, other = (a, b) if len(a.words) == 1 else (b, a)
    word = one.words[0]
    return any(same_given_name(word, w) or same_surname(word, w) for w in other.words)


def _given_fits(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return same_given_name(a, b)


def people(names: Iterable[str]) -> tuple[PersonRef, ...]:
    """Distinct people among names, the fuller name kept ('Oliver' folds into 'Oliver Smith')."""
    refs = sorted({r for r in (PersonRef.of(n) for n in names) if r is not None}, key=lambda r: -len(r.words))
    kept: list[PersonRef] = []
    for ref in refs:
        if not any(same_person(ref, k) for k in kept):
            kept.append(ref)
    return tuple(kept)


def the_one_person(names: Iterable[str]) -> PersonRef | None:
    """The one person a text is about, or None when it names nobody or several people."""
    found = people(names)
    return found[0] if len(found) == 1 else None


def file_name_words(file_name: str) -> str:
    """'Jack_Brown-report_2025.docx' -> 'Jack Brown report 2025', for the name finder."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = regex.sub(r"(?<=\p{Ll})(?=\p{Lu})", " ", stem)  # JackBrown -> Jack Brown
    return " ".join(regex.split(r"[\s_.\-+()\[\]]+", stem)).strip()


# A "Name:" field's value that is a name by its shape: two to four capitalised words.
_NAME_SHAPE = regex.compile(r"^\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,3}$")


def attachment_people(
    text: str,
    names_in_text: Sequence[DetectedEntity],
    names_in_file_name: Sequence[str],
    is_participant: Callable[[str], bool] = lambda name: False,
) -> tuple[PersonRef, ...]:
    """Whom an attachment is about: a person in its "Name:" field, in its first heading, or
    in its file name. `names_in_text` are the third-party PERSON findings in its text."""
    persons = [e for e in names_in_text if e.type is EntityType.PERSON]
    # NOTE: a file name or heading is short and the name finder guesses on short text, so
    # only a full name or a known given name counts there; a "Name:" field is trusted.
    chosen: list[str] = [n for n in names_in_file_name if _credible(n)]
    field = _NAME_FIELD.search(text[:_NAME_FIELD_CHARS])
    if field:
        start, end = field.span("value")
        found = [e.text for e in persons if e.start >= start and e.end <= end]
        value = field.group("value").strip()
        if not found and _NAME_SHAPE.match(value) and not is_participant(value):
            found = [value]  # the name finder missed it, but the field says it is a name
        chosen.extend(found)
    heading_end = _heading_end(text)
    if heading_end:
        heading_names = [e.text for e in persons if e.end <= heading_end and _credible(e.text)]
        # A heading names one person ("Annual review: Jack Brown"); several names are a list.
        if len(people(heading_names)) == 1:
            chosen.extend(heading_names)
    return people(chosen)


def _credible(name: str) -> bool:
    ref = PersonRef.of(name)
    return ref is not None and (len(ref.words) >= 2 or is_given_name(ref.words[0]))


def _heading_end(text: str) -> int:
    """Where the attachment's first few short lines end (0 when it opens with prose)."""
    position, seen, end = 0, 0, 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if content and len(content.split()) > _MAX_HEADING_WORDS:
            break
        position += len(line)
        if content:
            seen, end = seen + 1, position
            if seen >= _HEADING_LINES:
                break
    return end


_MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_CAPITALISED = regex.compile(r"(?<![\p{L}'’\-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?=(?:'s|’s)?(?![\p{L}\-]))")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def given_names_in(
    text: str, is_ordinary_word: Callable[[str], bool], skip: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """Known given names written with a capital inside a sentence ("... the form for Theo"):
    for when the name finder found nobody. Not at a sentence start, not a month or day, not
    an ordinary English word ("Will", "May"), not inside `skip` (greetings, signatures)."""
    found = []
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in skip):
            continue
        word = _fold(match.group())
        if word in _MONTHS_AND_DAYS or not is_given_name(word) or is_ordinary_word(word):
            continue
        if _SENTENCE_START.search(text[max(0, start - 3) : start]) or start == 0:
            continue
        found.append(match.group())
    return found
