"""Contact details and identifiers the text gives as a participant's own are not a third party's.

"Please confirm your bank details are still sort code 40-11-62, account 71029384",
"Your account is ready: c.eze@oakfield.sch.uk" and, quoted back to the parent who
wrote it, "> Our new address is 14 Linden Close, ME20 7HP. My mobile is now 07700
900502" give the recipient's (or the sender's) own details to that same person.
So do "we tried to call you on 07700 900502" and "you can reach me on ...". CONTRACT
section 7 counts only third parties' data, so these are set aside.

Who "your", "my" and "our" stand for depends on who wrote the words: in the sender's
own text and in a quoted message whose author is a participant, all three name a
participant. In a quoted or forwarded message from anyone else ("> My address is
..." from a parent who is not on this email), or in ">" quoted text whose author is
unknown, they may be anyone's, and the details stay.

The cue must stand right before the details, with nothing between that could make
them someone else's ("your son's address", "your address for Jakub", "his mobile"),
and only contact details and the reader's own identifiers count (an address, phone,
email, bank account; "your NI number", "your date of birth"): a child's NHS number or
date of birth ("your son's NHS number") is the child's, whoever is told it.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from service.context.participants import Participants, _lines, _quoted_headers
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType

_OWN_DETAIL_TYPES = frozenset(
    {
        EntityType.EMAIL_ADDRESS,
        EntityType.PHONE_NUMBER,
        EntityType.STREET_ADDRESS,
        EntityType.UK_POSTCODE,
        EntityType.UK_BANK_ACCOUNT,
        EntityType.IBAN_CODE,
        # "Your NI number on our records is ...", "your date of birth": told to its owner.
        EntityType.UK_NINO,
        EntityType.UK_NHS,
        EntityType.UK_PASSPORT,
        EntityType.UK_DRIVING_LICENCE,
        EntityType.DATE_OF_BIRTH,
    }
)

# "your new home address", "my mobile", "our bank details", "your account".
_CUE = regex.compile(
    r"\b(?:your|my|our)\s+"
    r"(?:(?:new|current|home|mobile|work|personal|updated|old|bank|email|e-mail|contact|postal|correct|"
    r"preferred|main|landline|direct|own|full|school|login|log-in|phone|telephone|"
    r"ni|national\s+insurance|nhs|passport|driving\s+licence|licence|payroll|staff|employee)\s+){0,3}"
    r"(?:address(?:es)?(?!\s*book)|phone(?:\s+numbers?)?|numbers?|mobile|telephone|tel|email|e-mail|"
    r"details|account(?:\s+(?:number|details))?|postcode|landline|line|sort\s+code|date\s+of\s+birth|dob)\b"
    # "call you on", "contact me on", "post it to you at", "reach us at".
    r"|\b(?:call|ring|phone|text|contact|reach|email|e-mail|write\s+to|(?:post|send)(?:\s+\w+){0,3}\s+to)"
    r"\s+(?:you|me|us)\s+(?:on|at)\b",
    regex.IGNORECASE,
)
# Bank details need less: "please confirm the account on your letterhead is still sort code
# ..." asks the reader about their own account however the sentence runs.
_BANK_TYPES = frozenset({EntityType.UK_BANK_ACCOUNT, EntityType.IBAN_CODE})
# "... to the UK account you paid from: sort code ...": the reader's own account by what they did with it.
_BANK_CUE = regex.compile(
    _CUE.pattern + r"|\b(?:your|our)\b|\baccount\s+you\s+(?:paid|pay|used|use|gave|registered|set\s+up)\b",
    regex.IGNORECASE,
)
# Between the cue and the first detail: a verb and a label at most, on the same sentence.
_CUE_REACH = 40
# Anything in the way that makes the details someone else's.
_SOMEONE_ELSE = regex.compile(
    r"(?:'s|’s)\b|\b(?:his|her|their|for|of|about)\b|[.!?](?:\s|$)|\n\s*\n", regex.IGNORECASE
)
# Between one own detail and the next in the same run ("14 Linden Close, Aylesford,
# Kent, ME20 7HP", "sort code 40-11-62, account 71029384"): towns and labels only.
_CHAIN_REACH = 40
_CHAIN_GAP = regex.compile(
    r"[\s,;:/&|()-]*(?:(?:\p{Lu}[\p{L}'’\-]*|and|or|account|sort|code|number|no|tel|telephone|phone|mobile|"
    r"email|e-mail|postcode|iban|landline|home|work)\.?[\s,;:/&|()-]*){0,4}",
)


def _author_is_participant(header: str, participants: Participants) -> bool:
    """Whether a quoted-reply header names a participant as the quoted message's author."""
    first = header.strip().splitlines()[0] if header.strip() else ""
    from_line = regex.search(r"(?im)^[\s>*]*(?:from|de|von)\*?:\s*(?P<who>.*)$", header)
    who = from_line.group("who") if from_line else ""
    if not who:
        wrote = regex.search(r"(?is)^[\s>]*on\b(?P<who>.{0,250}?)\s*wrote:", header)
        who = wrote.group("who") if wrote else first
    address = regex.search(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", who)
    if address:
        return participants.has_address(address.group())
    # "On 3 Jan, Abdul Bello wrote:", "From: Abdul Bello": the name after the last comma.
    name = who.rsplit(",", 1)[-1].strip(" *<>\"'")
    return bool(name) and participants.is_named(name)


def _own_voice(text: str, participants: Participants) -> list[tuple[int, int]]:
    """Character ranges whose "your", "my" and "our" stand for participants: the sender's
    own text above any quoted message, and quoted messages a participant wrote."""
    lines = _lines(text)
    headers = _quoted_headers(lines)
    ranges: list[tuple[int, int]] = []
    own_end = lines[headers[0][0]].start if headers else len(text)
    for line in lines:
        if line.start >= own_end:
            break
        if text[line.start : line.end].lstrip().startswith(">"):
            own_end = line.start
            break
    ranges.append((0, own_end))
    for n, (first, last) in enumerate(headers):
        header = text[lines[first].start : lines[last].end]
        if not _author_is_participant(header, participants):
            continue
        end = lines[headers[n + 1][0]].start if n + 1 < len(headers) else len(text)
        ranges.append((lines[last].end, end))
    return ranges


def without_own_details(
    text: str, entities: Sequence[DetectedEntity], participants: Participants
) -> list[DetectedEntity]:
    """`entities` less the contact details the text gives as a participant's own."""
    contacts = sorted((e for e in entities if e.type in _OWN_DETAIL_TYPES), key=lambda e: e.start)
    if not contacts:
        return list(entities)
    voice = _own_voice(text, participants)
    people = sorted((e for e in entities if e.type is EntityType.PERSON), key=lambda e: e.start)
    own: set[int] = set()
    previous_end: int | None = None
    for entity in contacts:
        if not any(a <= entity.start < b for a, b in voice):
            previous_end = None
            continue
        if (
            _cued(text, entity, people)
            or _chained(text, entity, previous_end, people)
            or (entity.type in _BANK_TYPES and _a_participants_firm(text, entity, participants, people))
        ):
            own.add(id(entity))
            previous_end = entity.end
        else:
            previous_end = None
    return [e for e in entities if id(e) not in own]


# "new bank details for Brightwell Roofing (sort code ...)": the account of a firm named in the
# sentence, asked about at that firm's own domain (accounts@brightwell-roofing.co.uk).
_FIRM_BEFORE = regex.compile(r"\b(?:for|of|from|to)\s+(?P<firm>(?:\p{Lu}[\p{L}&'’\-]*\s+){0,3}\p{Lu}[\p{L}&'’\-]*)")
_DOMAIN_WORD = regex.compile(r"[a-z]{4,}")
_FIRM_REACH = 80


def _a_participants_firm(
    text: str, entity: DetectedEntity, participants: Participants, people: Sequence[DetectedEntity]
) -> bool:
    """Bank details given as a firm's (not a person's), whose name is in a participant's mail domain."""
    start = max(0, entity.start - _FIRM_REACH)
    sentence = max(text.rfind(". ", start, entity.start), text.rfind("\n", start, entity.start))
    firms = [
        m.group("firm") for m in _FIRM_BEFORE.finditer(text, max(start, sentence + 1), entity.start)
        if not _people_between(people, m.start("firm"), m.end("firm") + 1)
    ]
    if not firms:
        return False
    domain_words = {
        word for address in participants.addresses
        for word in _DOMAIN_WORD.findall(address.rpartition("@")[2].casefold())
    }
    return any(
        len(word) >= 4 and word.casefold() in domain_words
        for firm in firms for word in regex.findall(r"\p{L}+", firm)
    )


def _cued(text: str, entity: DetectedEntity, people: Sequence[DetectedEntity]) -> bool:
    window_start = max(0, entity.start - _CUE_REACH - 60)
    cue = None
    cues = _BANK_CUE if entity.type in _BANK_TYPES else _CUE
    for match in cues.finditer(text, window_start, entity.start):
        cue = match
    if cue is None or entity.start - cue.end() > _CUE_REACH:
        return False
    gap = text[cue.end() : entity.start]
    if _SOMEONE_ELSE.search(gap):
        return False
    return not _people_between(people, cue.end(), entity.start)


def _chained(text: str, entity: DetectedEntity, previous_end: int | None, people: Sequence[DetectedEntity]) -> bool:
    """The next detail in a run that began with a participant's own ("..., Kent, ME20 7HP")."""
    if previous_end is None or entity.start - previous_end > _CHAIN_REACH:
        return False
    if _CHAIN_GAP.fullmatch(text, previous_end, entity.start) is None:
        return False
    # A town the name finder took for a person is one word; a person named in between is not.
    return not any(len(p.text.split()) > 1 for p in _people_between(people, previous_end, entity.start))


def _people_between(people: Sequence[DetectedEntity], start: int, end: int) -> list[DetectedEntity]:
    """The names (sorted by start) that begin in [start, end)."""
    first = _bisect(people, start)
    found = []
    for person in people[first:]:
        if person.start >= end:
            break
        found.append(person)
    return found


def _bisect(people: Sequence[DetectedEntity], start: int) -> int:
    low, high = 0, len(people)
    while low < high:
        middle = (low + high) // 2
        if people[middle].start < start:
            low = middle + 1
        else:
            high = middle
    return low
