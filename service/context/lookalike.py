"""Recipient domains that are near misses of the organisation's own or secure domains.

A typo or a spoof ("oakfie1d.sch.uk", "oakfield-sch.uk", "oakfield.sch.uk.com")
sends pupil data outside while the sender believes it stays inside.

Edit-distance matches need a long enough name: one letter different is flagged
only when the trusted name (the label before the public suffix, "oakfield" in
oakfield.sch.uk) has at least 5 characters, two letters only from 8. Short
names are one letter away from other real organisations ("kent" / "kant",
"hove" / "hive"), and a warning that fires on genuine partners teaches staff to
ignore it; only a slip of the keyboard is flagged for them, a letter doubled or two
neighbours swapped ("kentt", "ketn"), which no real body's name is. The same name
with another ending (oakfield.co.uk, kent.ac.uk) needs 5 letters too: Kent's council
and Kent's university are both real. Look-alike characters, and the trusted domain with its dots changed or something added
after it (oakfield-sch.uk, oakfield.sch.uk.com), are flagged at any length:
those are never an accident of two real names being close.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import idna
import tldextract
from confusable_homoglyphs import confusables
from rapidfuzz.distance import DamerauLevenshtein

from service.context.recipients import ascii_domain, is_within

MIN_LABEL_FOR_ONE_EDIT = 5
MIN_LABEL_FOR_TWO_EDITS = 8

ONE_LETTER = "one letter different"
TWO_LETTERS = "two letters different"
LOOKALIKE_CHARACTERS = "look-alike characters"
DIFFERENT_ENDING = "different ending"

# Spellings that read as another letter at a glance, mapped to one canonical form.
_ASCII_TRICKS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"))


@dataclass(frozen=True, slots=True)
class LookalikeMatch:
    domain: str
    resembles: str
    reason: str


@lru_cache(maxsize=1)
def suffix_extractor() -> tldextract.TLDExtract:
    # The public suffix list bundled with tldextract: never fetched, never cached on disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True, slots=True)
class _Parts:
    label: str  # the registrable name: "oakfield" in mail.oakfield.sch.uk
    suffix: str  # "sch.uk"


def _parts(domain: str) -> _Parts:
    """The registrable name and public suffix, by the bundled public suffix list.

    When the whole domain is itself a public suffix (oakfield.sch.uk, under the
    list's wildcard *.sch.uk), its first label is taken as the name.
    """
    result = suffix_extractor()(domain)
    if result.domain:
        return _Parts(label=result.domain, suffix=result.suffix)
    head, _, tail = (result.suffix or domain).partition(".")
    return _Parts(label=head, suffix=tail)


def _unicode_form(domain: str) -> str:
    try:
        return idna.decode(domain)
    except (idna.IDNAError, UnicodeError):
        return domain


def _skeleton(text: str) -> str:
    """The text with every look-alike character replaced by the plain letter it imitates."""
    chars = []
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    for ch in stripped:
        if ch.isascii():
            chars.append(ch)
            continue
        found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=False)
        replacement = ch
        if found:
            for glyph in found[0]["homoglyphs"]:
                candidate = glyph["c"].lower()
                if candidate.isascii() and candidate.isalnum():
                    replacement = candidate
                    break
        chars.append(replacement)
    plain = "".join(chars).lower()
    for trick, letter in _ASCII_TRICKS:
        plain = plain.replace(trick, letter)
    return plain


def _starts_with_ignoring_separators(candidate: str, target: str) -> bool:
    """oakfield-sch.uk, oakfield.sch.uk.com, oakfieldschuk.net against oakfield.sch.uk.

    The target's letters must be followed by a label boundary in the candidate, so
    btcomputers.co.uk does not imitate bt.com.
    """
    letters = target.replace(".", "").replace("-", "")
    position = 0
    for ch in letters:
        while position < len(candidate) and candidate[position] in ".-":
            position += 1
        if position >= len(candidate) or candidate[position] != ch:
            return False
        position += 1
    return position == len(candidate) or candidate[position] in ".-"


def _ending_tampered(candidate: str, target: str) -> bool:
    """The trusted domain's own labels kept, its public suffix changed or extended.

    kent.gov.co.uk and kent.gov.uk.co keep every label of kent.gov.uk in order with
    one slipped in or added; kent.gov.com keeps "kent.gov" and swaps the last label.
    Neither happens between two real bodies' domains, so short names count too
    (kent.ac.uk keeps neither and stays silent).
    """
    wanted = target.split(".")
    labels = candidate.split(".")
    if len(labels) < len(wanted):
        return False
    tail = labels[-len(wanted):]
    if len(wanted) >= 3 and tail[:-1] == wanted[:-1] and tail[-1] != wanted[-1]:
        return True
    remaining = iter(labels)
    return len(labels) > len(wanted) and all(label in remaining for label in wanted)


def find_lookalike(domain: str, trusted: Sequence[str]) -> LookalikeMatch | None:
    """The trusted domain that `domain` imitates, and how; None for trusted or unrelated domains."""
    candidate = ascii_domain(domain)
    trusted_ascii = [t for t in (ascii_domain(t) for t in trusted) if t]
    if not candidate or "." not in candidate or is_within(candidate, trusted_ascii):
        return None
    for target in trusted_ascii:
        reason = _resemblance(candidate, target)
        if reason:
            return LookalikeMatch(domain=domain.strip().lower(), resembles=target, reason=reason)
    return None


def _resemblance(candidate: str, target: str) -> str | None:
    target_parts = _parts(target)
    # The candidate's labels lined up with the target's ("mail.oakfie1d.sch.uk"
    # against "oakfield.sch.uk" compares "oakfie1d.sch.uk"); a subdomain in front
    # does not hide a near miss.
    depth = target_parts.suffix.count(".") + 2 if target_parts.suffix else 1
    aligned = ".".join(candidate.split(".")[-depth:])
    target_skeleton = _skeleton(_unicode_form(target))
    if target_skeleton in (_skeleton(_unicode_form(candidate)), _skeleton(_unicode_form(aligned))):
        return LOOKALIKE_CHARACTERS
    if _starts_with_ignoring_separators(candidate, target) or _ending_tampered(candidate, target):
        return DIFFERENT_ENDING
    long_label = len(target_parts.label) >= MIN_LABEL_FOR_ONE_EDIT
    candidate_parts = _parts(candidate)
    if long_label and candidate_parts.label == target_parts.label:
        return DIFFERENT_ENDING  # same name, another ending: oakfield.co.uk, oakfieldtrust.org
    aligned_label, _, aligned_suffix = aligned.partition(".")
    if long_label and aligned_suffix == target_parts.suffix:
        distance = DamerauLevenshtein.distance(aligned_label, target_parts.label)
        if distance == 1:
            return ONE_LETTER
        if distance == 2 and len(target_parts.label) >= MIN_LABEL_FOR_TWO_EDITS:
            return TWO_LETTERS
    if aligned_suffix == target_parts.suffix and _slip_of_the_keyboard(aligned_label, target_parts.label):
        return ONE_LETTER
    # "nhs.nett", "kent.gov.ukk": a letter added to, dropped from or changed in an ending that
    # is then no public suffix at all.
    if (
        not suffix_extractor()(candidate).suffix
        and DamerauLevenshtein.distance(aligned, target) == 1
        and aligned.split(".")[0] == target.split(".")[0]
    ):
        return DIFFERENT_ENDING
    return None


def _slip_of_the_keyboard(candidate: str, target: str) -> bool:
    """A short name (under MIN_LABEL_FOR_ONE_EDIT letters) with a letter doubled or two
    neighbours swapped: "kentt", "keent", "ketn" for "kent". Any other single edit of a
    name this short is as likely another body's name ("kemp", "kest") as a typo."""
    if len(target) < 3 or len(target) >= MIN_LABEL_FOR_ONE_EDIT or len(candidate) not in (len(target), len(target) + 1):
        return False
    if len(candidate) == len(target) + 1:
        return any(
            candidate[: i + 1] + candidate[i + 2 :] == target and candidate[i] == candidate[i + 1]
            for i in range(len(candidate) - 1)
        )
    differences = [i for i, (a, b) in enumerate(zip(candidate, target)) if a != b]
    return (
        len(differences) == 2
        and differences[1] == differences[0] + 1
        and candidate[differences[0]] == target[differences[1]]
        and candidate[differences[1]] == target[differences[0]]
    )
