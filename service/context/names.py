"""Whether two ways of writing a name can be the same person.

Given names: equal, a known short form of one another (Liz and Elizabeth, Bill and
William) from the maintained `nicknames` dataset (Apache-2.0, shipped in the package,
read offline) plus a small supplement of British short forms (_short_forms.txt), or a
clipped form (Chris for Christopher, Maddie for Madeleine). Surnames: equal, or one
part of a double-barrelled name (Smith for Smith-Jones).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from nicknames import NickNamer

_SHORT_FORMS = Path(__file__).with_name("_short_forms.txt")
# A clipped form must keep at least this many letters of the full name (Chris, Kath, not Ma).
_MIN_CLIPPED = 3
_DIMINUTIVE_ENDINGS = ("ie", "ey", "y", "i", "ee")


@cache
def _variants() -> dict[str, frozenset[str]]:
    """Every known given name -> the names it may stand for or be short for (itself included)."""
    namer = NickNamer()
    groups: dict[str, set[str]] = {}

    def link(full: str, short: str) -> None:
        groups.setdefault(full, {full}).add(short)
        groups.setdefault(short, {short}).add(full)

    for full, shorts in namer.nickname_lookup.items():
        for short in shorts:
            link(full, short)
    separate: list[tuple[str, str]] = []
    for line in _SHORT_FORMS.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0] == "!":
            separate.append((words[1], words[2]))
            continue
        for short in words[1:]:
            link(words[0], short)
    for a, b in separate:
        groups.get(a, set()).discard(b)
        groups.get(b, set()).discard(a)
    # NOTE: only direct links. Joining two short forms of one full name (Liz and Beth of
    # Elizabeth) would also join Emma and Emily, Olivia and Oliver: mismatches to catch.
    return {name: frozenset(linked) for name, linked in groups.items()}


def is_given_name(word: str) -> bool:
    """Whether `word` (folded) is in the given-name lists."""
    return word in _variants()


def _stem(word: str) -> str:
    """'maddie' -> 'mad', 'georgie' -> 'georg', 'nicky' -> 'nic': a short form without its pet ending."""
    for ending in _DIMINUTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_CLIPPED:
            word = word[: -len(ending)]
            break
    if word.endswith("ck"):
        word = word[:-1]
    if len(word) > _MIN_CLIPPED and word[-1] == word[-2]:
        word = word[:-1]
    return word


def _clipped(short: str, full: str) -> bool:
    # Jane is not clipped from Janet: a clipped form drops at least two letters.
    if len(short) + 2 > len(full):
        return False
    if len(short) >= _MIN_CLIPPED and full.startswith(short):
        return True
    stem = _stem(short)
    return len(stem) >= _MIN_CLIPPED and stem != short and full.startswith(stem)


_VOWELS = frozenset("aeiouyhw")
_SOUNDS_ALIKE = (("ph", "f"), ("v", "f"), ("c", "k"), ("q", "k"), ("z", "s"))
# Spellings are compared only for names this long: Tom and Tim, Jane and June are different people.
_MIN_SPELLING_LENGTH = 5


def _skeleton(word: str) -> str:
    """The first letter and the consonants after it, like sounds merged and doubles collapsed:
    'mohammed' and 'muhammad' -> 'md', 'rachael' and 'rachel' -> 'rkl'."""
    for a, b in _SOUNDS_ALIKE:
        word = word.replace(a, b)
    letters = word[0] + "".join(ch for ch in word[1:] if ch not in _VOWELS)
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])


def _first_sound(word: str) -> str:
    """`_skeleton(word)[0]` without the rest: 'philip' -> 'f', 'catherine' -> 'k'."""
    if word.startswith("ph"):
        return "f"
    first = word[0]
    return _FIRST_SOUNDS.get(first, first)


# What _SOUNDS_ALIKE makes of a first letter (bar "ph", handled above).
_FIRST_SOUNDS = {"v": "f", "c": "k", "q": "k", "z": "s"}


def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name: Mohammed and Muhammad, Rachael and Rachel, Catherine and Katherine."""
    if max(len(a), len(b)) < _MIN_SPELLING_LENGTH or min(len(a), len(b)) < 4:
        return False
    # Skeletons start with the first sound: most pairs differ there, and no skeleton is needed.
    if _first_sound(a) != _first_sound(b):
        return False
    ka, kb = _skeleton(a), _skeleton(b)
    # NOTE: a two-letter skeleton is too common (Ellie and Ella, Louise and Lewis) unless both are long.
    return ka == kb and (len(ka) >= 3 or min(len(a), len(b)) >= 6)


# Pure on two strings, and asked for every pair of names a draft mentions, often twice.
@lru_cache(maxsize=65_536)
def same_given_name(a: str, b: str) -> bool:
    """Folded given names that may be the same person's: 'liz' and 'elizabeth', 'chris' and 'christopher'."""
    if a == b:
        return True
    if b in _variants().get(a, frozenset()):
        return True
    return _clipped(a, b) or _clipped(b, a) or _spelled_alike(a, b)


def same_surname(a: str, b: str) -> bool:
    """Folded surnames: equal, or sharing a part of a double-barrelled name ('smith-jones' and 'jones')."""
    if a == b:
        return True
    if "-" not in a and "-" not in b:
        return False  # each is its only part, and they differ
    parts_a = {p for p in a.split("-") if len(p) > 1}
    parts_b = {p for p in b.split("-") if len(p) > 1}
    return bool(parts_a & parts_b)
