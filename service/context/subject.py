"""A subject line read with its body: one word, one sense, across the two.

A subject is a few words with no sentence around them, and the NER guesses there
("Eid and Diwali celebrations", "KINGSWOOD final payment", "Hausa and Yoruba names").
The body usually says the same words again in sentences, where the NER reads them
better. A name found in the subject is set aside when the body has the same words
and reads none of them as a name; a subject name the body never repeats, or repeats
as a name, stands.
"""

from collections.abc import Callable, Sequence

import regex

from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType

# Below this the body is a line or two and says too little either way.
_LEAST_BODY_CHARS = 60


# A quoted reply's own "Subject:" line is a subject line too, read no better.
_QUOTED_SUBJECT = regex.compile(r"(?im)^[ \t>]*(?:subject|re|fw|fwd)[ \t]*:.*$")


def _occurrences(name: str, text: str) -> list[tuple[int, int]]:
    """Where the body says `name` again, in sentences (not in a quoted subject line)."""
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
    headers = [m.span() for m in _QUOTED_SUBJECT.finditer(text)]
    return [m.span() for m in pattern.finditer(text) if not any(s <= m.start() < e for s, e in headers)]


def names_read_as_in_body(
    subject: str,
    subject_entities: Sequence[DetectedEntity],
    body: str,
    body_entities: Sequence[DetectedEntity],
    is_participant: Callable[[str], bool],
) -> list[DetectedEntity]:
    """`subject_entities` without the names the body's own reading does not confirm.

    `body_entities` are the body's findings after participants were set aside, so a
    participant's name (set aside in the body, not unread) always stands.
    """
    if len(body) < _LEAST_BODY_CHARS:
        return list(subject_entities)
    body_names = [(e.start, e.end) for e in body_entities if e.type is EntityType.PERSON]
    kept = []
    for entity in subject_entities:
        if entity.type is not EntityType.PERSON or is_participant(entity.text):
            kept.append(entity)
            continue
        again = _occurrences(subject[entity.start : entity.end], body)
        read_as_name = any(s < e2 and s2 < e for s, e in again for s2, e2 in body_names)
        if again and not read_as_name:
            continue
        kept.append(entity)
    return kept
