"""The people in the conversation are not data to guard.

A greeting to the recipient ("Dear Mrs Okafor,"), the sender's own signature
(name, job title, school address, phone) and the headers of quoted replies name
the people taking part in the conversation. CONTRACT section 7 counts only
third parties; this module tells the two apart, by who the participants are
(sender and recipients) and by where in the text a name stands.

Quoted text itself is still being sent and may hold anyone's data: only the
quoted *headers* are the conversation's, never the quoted body.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum, auto
from typing import Iterable, Sequence

import regex

from service.context.recipients import bare_address, domain_of
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType
from service.schemas.scan import Message, Recipient

_TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame rev revd reverend fr lady lord "
    "master mstr cllr councillor".split()
)
# Shared mailboxes: their local parts are no one's name.
ROLE_WORDS = frozenset(
    "admin administrator office info enquiries enquiry head headteacher reception finance "
    "hr dpo noreply no-reply donotreply postmaster school contact mail senco sendco "
    "bursar attendance safeguarding dsl governors clerk support helpdesk it staff "
    "parent parents carer carers family students pupils team all hello".split()
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
_BRACKETED = regex.compile(r"\([^)]*\)|\[[^\]]*\]")


def _fold(word: str) -> str:
    """Casefolded, accents dropped, curly apostrophes straightened: 'Zoë' -> 'zoe'."""
    word = word.replace("’", "'").casefold()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    words: list[str] = []
    for match in _WORD.finditer(text):
        word = _fold(match.group()).strip("'-")
        for suffix in ("'s", "'"):
            if word.endswith(suffix):
                word = word[: -len(suffix)]
        if word:
            words.append(word)
    return words


def _significant(words: Iterable[str]) -> set[str]:
    """Words that can identify someone: no titles; an initial kept as "a."."""
    tokens: set[str] = set()
    for word in words:
        if word in _TITLES:
            continue
        if len(word) == 1:
            tokens.add(word + ".")
            continue
        tokens.add(word)
        if "-" in word:
            tokens.update(part for part in word.split("-") if len(part) > 1)
    return tokens


def _is_initial(token: str) -> bool:
    return token.endswith(".")


def display_name_tokens(name: str) -> frozenset[str]:
    """'Okafor, Amara' and 'Mrs A Okafor (Year 5)' -> {'okafor', 'amara'} / {'okafor', 'a.'}."""
    if "@" in name:
        return address_name_tokens(name)
    return frozenset(_significant(_words(_BRACKETED.sub(" ", name))))


def address_name_tokens(address: str) -> frozenset[str]:
    """'t.jones@…' -> {'t.', 'jones'}; 'amara.okafor@…' -> {'amara', 'okafor'}; 'jsmith@…' -> {'jsmith', 'j.', 'smith'}."""
    local = address.strip().strip("<>").rsplit("@", 1)[0].split("+", 1)[0]
    parts = [regex.sub(r"\d+", "", part) for part in regex.split(r"[._\-]+", _fold(local))]
    parts = [part for part in parts if part and part not in ROLE_WORDS]
    tokens = _significant(parts)
    if len(parts) == 1 and len(parts[0]) >= 4 and parts[0].isalpha():
        # One run of letters is often an initial and a surname (jsmith, tjones).
        tokens.update((parts[0][0] + ".", parts[0][1:]))
    return frozenset(tokens)


@dataclass(frozen=True, slots=True)
class Participants:
    """The sender and the recipients: their addresses and the words of their names.

    `people` keeps one token set per person, so "Amara Jones" is not taken for a
    participant just because one is called Amara and another Jones.
    """

    addresses: frozenset[str]
    people: tuple[frozenset[str], ...]
    sender_domain: str | None

    @property
    def name_tokens(self) -> frozenset[str]:
        """Every word of every participant's name (initials left out)."""
        return frozenset(t for person in self.people for t in person if not _is_initial(t))

    def has_address(self, address: str) -> bool:
        return _clean_address(address) in self.addresses

    def is_named(self, name: str) -> bool:
        """Whether `name` is one participant's: every word of it is a word or initial
        of theirs, and at least one whole word matches ("Hannah Kelly" for h.kelly@,
        "Mrs Okafor" for Amara Okafor; not "Hannah" alone for h.kelly@)."""
        tokens = _significant(_words(name))
        whole = {t for t in tokens if not _is_initial(t)}
        return bool(whole) and any(_same_person(tokens, whole, person) for person in self.people)


    def with_person(self, name: str) -> Participants:
        tokens = display_name_tokens(name)
        if not tokens or tokens in self.people:
            return self
        return Participants(self.addresses, (*self.people, tokens), self.sender_domain)


def _same_person(tokens: set[str], whole: set[str], person: frozenset[str]) -> bool:
    if not whole & person:
        return False
    for token in tokens:
        if token in person:
            continue
        if _is_initial(token):  # "A Okafor": the A must start one of their names
            if not any(t.startswith(token[0]) for t in person):
                return False
        elif token[0] + "." not in person:  # "Hannah" for the h. of h.kelly@
            return False
    return True


def participants_of(message: Message) -> Participants:
    people: list[frozenset[str]] = []
    addresses: set[str] = set()
    everyone: list[Recipient] = [*message.to, *message.cc, *message.bcc]
    if message.sender is not None:
        everyone.insert(0, message.sender)
    for person in everyone:
        address = _clean_address(person.address)
        if address:
            addresses.add(address)
        tokens = address_name_tokens(address) if "@" in address else frozenset()
        named = display_name_tokens(person.name) if person.name else frozenset()
        # When the address spells the display name (liam@ for Liam Doherty), the
        # display name is the better source: no guessed "iam" from l-iam.
        tokens = named if tokens & named else tokens | named
        if tokens:
            people.append(tokens)
    sender_domain = (domain_of(message.sender.address) or None) if message.sender else None
    return Participants(
        addresses=frozenset(addresses), people=tuple(people), sender_domain=sender_domain
    )


def _clean_address(address: str) -> str:
    """The bare address, lower case, without punctuation a detector may have taken with it."""
    return bare_address(address.strip().strip("()[]\"',;:.")).strip("<>").lower()


# --- Where in the text the conversation's own people stand -------------------


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # before the line break
    content: str  # without any ">" quoting in front


_QUOTE_PREFIX = regex.compile(r"^(?:[ \t]*>)+[ \t]?")


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    for raw in text.split("\n"):
        end = position + len(raw)
        content = _QUOTE_PREFIX.sub("", raw).strip()
        lines.append(_Line(position, end, content))
        position = end + 1
    return lines


# Quoted-reply headers.
_WROTE_ONE_LINE = regex.compile(r"^On\b.{4,250}\bwrote:$", regex.IGNORECASE)
_ON_START = regex.compile(r"^On\s+\S", regex.IGNORECASE)
_WROTE_END = regex.compile(r"\bwrote:$", regex.IGNORECASE)
_FROM_LINE = regex.compile(r"^\*?(?:From|De|Von)\*?:\s*\S", regex.IGNORECASE)
_HEADER_LINE = regex.compile(
    r"^\*?(?P<key>From|Sent|Date|To|Cc|Bcc|Subject|Importance|Attachments|Reply-To)\*?:",
    regex.IGNORECASE,
)
_SEPARATOR_LINE = regex.compile(
    r"^(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|_{10,}|Begin forwarded message:)$",
    regex.IGNORECASE,
)
_MAX_HEADER_LINES = 14


def _quoted_headers(lines: Sequence[_Line]) -> list[tuple[int, int]]:
    """Line ranges [first, last] of quoted-reply headers."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        content = lines[i].content
        if _WROTE_ONE_LINE.match(content):
            found.append((i, i))
        elif (
            _ON_START.match(content)
            and i + 1 < len(lines)
            and _WROTE_END.search(lines[i + 1].content)
            and len(content) + len(lines[i + 1].content) < 300
        ):
            found.append((i, i + 1))
            i += 1
        elif _FROM_LINE.match(content):
            last = _outlook_header_end(lines, i)
            if last is not None:
                first = i - 1 if i > 0 and _SEPARATOR_LINE.match(lines[i - 1].content) else i
                found.append((first, last))
                i = last
        i += 1
    return found


def _outlook_header_end(lines: Sequence[_Line], first: int) -> int | None:
    keys: set[str] = set()
    last = first
    continuation = 0
    for j in range(first + 1, min(first + _MAX_HEADER_LINES, len(lines))):
        content = lines[j].content
        match = _HEADER_LINE.match(content)
        if match:
            key = match.group("key").lower()
            if key == "from":
                break
            keys.add(key)
            last, continuation = j, 0
        elif content and continuation < 4 and keys & {"to", "cc", "bcc"}:
            continuation += 1  # a long To/Cc list wrapped onto the next line
        else:
            break
    if keys & {"sent", "date"} and keys & {"to", "subject"}:
        return last
    return None


# Greetings: the names in them are the recipients' by definition.
_GREETING = regex.compile(
    r"^(?:dear|hi|hiya|hello|hey|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"morning|afternoon|evening|to\s+whom\s+it\s+may\s+concern)\b",
    regex.IGNORECASE,
)
_GREETING_END = regex.compile(r"[,!:;.]")
_GREETING_JOINERS = frozenset({"and", "&", "/", "all", "both", "everyone", "team", "there"})
_MAX_GREETING_WORDS = 7


def _greeting_span(line: _Line, text: str) -> tuple[int, int] | None:
    match = _GREETING.match(line.content)
    if not match:
        return None
    offset = text.index(line.content, line.start) if line.content else line.start
    rest = line.content[match.end() :]
    end_mark = _GREETING_END.search(rest)
    addressed = rest[: end_mark.start()] if end_mark else rest
    if len(addressed.split()) <= _MAX_GREETING_WORDS:
        length = match.end() + (end_mark.end() if end_mark else len(rest))
        return offset, offset + length
    # "Hi Sam just to say ...": only the capitalised words straight after the greeting.
    length = match.end()
    for word in regex.finditer(r"\S+", addressed):
        token = word.group()
        if token[0].isupper() or token.casefold() in _GREETING_JOINERS | _TITLES:
            length = match.end() + word.end()
        else:
            break
    return offset, offset + length


# Sign-offs and the signature block after them.
_SIGN_OFF = regex.compile(
    r"^(?i:(?:kind(?:est)?|best|warm(?:est)?|many|with\s+(?:kind|best|many|warm))\s+"
    r"(?:regards|wishes|thanks)|regards|thanks(?:\s+(?:again|so\s+much|very\s+much|all))?|"
    r"thank\s+you(?:\s+(?:again|so\s+much|very\s+much))?|cheers|best|all\s+the\s+best|"
    r"yours\s+(?:sincerely|faithfully|truly)|take\s+care|speak\s+soon|sincerely|"
    r"respectfully|with\s+thanks|ta|thx)"
    # An optional name on the same line ("Thanks, Tom"): capitalised words only.
    r"\s*[,.!]*(?P<name>\s*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})?\s*[,.!]*$"
)
_SIGNATURE_DELIMITER = regex.compile(r"^--\s*$")
_LIST_ITEM = regex.compile(r"^(?:[-*•·▪◦‣]|\d{1,3}[.)])\s+")
_MAX_SIGNATURE_LINES = 8  # lines with content after the sign-off
_MAX_SIGNATURE_WINDOW = 12  # lines counting blank ones
_LONG_LINE = 80
_POSTSCRIPT = regex.compile(r"^(?:p\.?\s?s\.?|n\.?\s?b\.?)(?:[\s:,]|$)", regex.IGNORECASE)

_SIGNATURE_WORDS = frozenset(
    """teacher teaching assistant ta head headteacher deputy principal vice manager
    officer administrator admin coordinator co-ordinator lead leader director senco sendco
    dsl bursar clerk secretary receptionist business office finance governor trustee ceo
    cfo coo chair department faculty school academy trust primary secondary infant
    junior nursery college university council federation preschool pre-school learning
    education services ltd limited plc nhs road street lane avenue close drive way
    crescent place hill gardens court grove park square terrace walk green row house
    building campus tel telephone phone mobile mob fax email e-mail web website
    pronouns working days hours monday tuesday wednesday thursday friday part-time
    safeguarding designated ext extension direct dial switchboard www http https
    he/him she/her they/them""".split()
)
_ORGANISATION_WORDS = frozenset(
    """school academy trust primary secondary infant junior nursery college university
    council federation preschool pre-school services ltd limited plc nhs""".split()
)
_POSTCODE = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")
_CONTACT = regex.compile(r"@|www\.|https?://|^[tmefw]\s*:", regex.IGNORECASE)
_NAME_WORD = regex.compile(r"^(?:\p{Lu}[\p{L}'’\-]*\.?|&|and|of|de|van|von|le|la)$")
# "Olivia Smith, 14 Maple Road": a person named at the start of a line with more after.
_PERSON_RECORD = regex.compile(r"^\p{Lu}[\p{L}'’\-]+\s+\p{Lu}[\p{L}'’\-]+\s*[,\t|:(\-–]\s*\S")


class _Kind(Enum):
    BLANK = auto()
    SIGNATURE = auto()  # contact details, job title, school, address
    NAME = auto()  # a few capitalised words, nothing else
    STOP = auto()  # ordinary writing, a list, a long line: the signature is over


def _kind(content: str) -> _Kind:
    if not content:
        return _Kind.BLANK
    if len(content) > _LONG_LINE or _LIST_ITEM.match(content) or _GREETING.match(content):
        return _Kind.STOP
    if "\t" in content:
        kinds = [_kind(cell.strip()) for cell in content.split("\t") if cell.strip()]
        if _Kind.SIGNATURE in kinds and _Kind.STOP not in kinds:
            return _Kind.SIGNATURE
        return _Kind.NAME if kinds and all(k is _Kind.NAME for k in kinds) else _Kind.STOP
    if _POSTSCRIPT.match(content):
        return _Kind.STOP
    words = [w.strip(",.;:|()") for w in content.split()]
    if _CONTACT.search(content) or _POSTCODE.search(content):
        return _Kind.SIGNATURE
    if any(w.casefold() in _SIGNATURE_WORDS for w in words if w):
        return _Kind.SIGNATURE
    digits = len(_DIGIT.findall(content))
    if digits >= 7 and digits >= len(content.replace(" ", "")) * 0.6:
        return _Kind.SIGNATURE  # a bare phone number
    if len(words) <= 4 and all(_NAME_WORD.match(w) for w in words if w):
        return _Kind.NAME
    return _Kind.STOP


def _is_person_record(content: str) -> bool:
    match = _PERSON_RECORD.match(content)
    if not match:
        return False
    leading = content[: match.end()].casefold().split()
    return not any(word.strip(",|:(-–") in _ORGANISATION_WORDS for word in leading)


def _signature_end(lines: Sequence[_Line], sign_off: int, stops: set[int], named: bool) -> int:
    """The last line of the signature that starts at line `sign_off`."""
    block: list[tuple[int, _Kind]] = []
    for j in range(sign_off + 1, min(sign_off + 1 + _MAX_SIGNATURE_WINDOW, len(lines))):
        if j in stops:
            break
        kind = _kind(lines[j].content)
        if kind is _Kind.STOP:
            break
        if kind is not _Kind.BLANK:
            block.append((j, kind))
            if len(block) >= _MAX_SIGNATURE_LINES:
                break
    # Several lines that each start with a person's name are a list, not a signature.
    records = [j for j, _ in block if _is_person_record(lines[j].content)]
    if len(records) >= 2:
        block = [(j, kind) for j, kind in block if j < records[0]]

    last = sign_off
    leading_names = 0
    for _, kind in block:
        if kind is not _Kind.NAME:
            break
        leading_names += 1
    if not named and leading_names == 1:
        last = block[0][0]  # the signer's name under the sign-off
    elif leading_names >= 3 or (
        leading_names == 2 and (len(block) == 2 or block[2][1] is not _Kind.SIGNATURE)
    ):
        return sign_off  # names straight after "Thanks,": a list of people
    # Further lines count when they are signature lines, or a short run of names
    # (a town, a county) between signature lines.
    pending_names = 0
    for j, kind in block:
        if kind is _Kind.SIGNATURE:
            last, pending_names = j, 0
        else:
            pending_names += 1
            if pending_names > 2:
                break
    return last


def conversation_spans(text: str, participants: Participants | None = None) -> list[tuple[int, int]]:
    """Character ranges of greetings, sign-offs with signatures, and quoted-reply headers.

    Given the participants, a signature with no sign-off above it counts too when
    its name line is a participant's name: without that check, "Sharon Smith /
    07700 900123" at the end of a message could be anyone's contact details.
    """
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    header_ranges = _quoted_headers(lines)
    header_starts = {first for first, _ in header_ranges}
    for first, last in header_ranges:
        spans.append((lines[first].start, lines[last].end))
    for i, line in enumerate(lines):
        if not line.content:
            continue
        greeting = _greeting_span(line, text)
        if greeting is not None:
            spans.append(greeting)
            continue
        sign_off = _SIGN_OFF.match(line.content)
        if sign_off or _SIGNATURE_DELIMITER.match(line.content):
            if participants is not None and _written_by_outsider(text, lines, header_ranges, i, participants):
                continue  # a forwarded parent's signature is that parent's data
            named = bool(sign_off and sign_off.group("name"))
            last = _signature_end(lines, i, header_starts, named)
            spans.append((line.start, lines[last].end))
            footer = _footer_end(lines, last, header_starts)
            if footer is not None:
                spans.append((lines[last].end, lines[footer].end))
    if participants is not None:
        spans.extend(_inline_signatures(text, participants))
    unsigned = _unsigned_signature(lines, min(header_starts, default=len(lines)))
    if unsigned is not None and participants is not None:
        if participants.is_named(lines[unsigned[0]].content):
            spans.append((lines[unsigned[0]].start, lines[unsigned[1]].end))
            footer = _footer_end(lines, unsigned[1], header_starts)
            if footer is not None:
                spans.append((lines[unsigned[1]].end, lines[footer].end))
    return _merged(spans)


# "... Regards, Dan Hughes, Bookings Manager, Maidstone Coaches Ltd, 01622 555123": a
# signature run into the text, as quoted replies often flatten them.
_INLINE_SIGN_OFF = regex.compile(
    r"(?i:\b(?:kind(?:est)?\s+regards|best\s+regards|warm\s+regards|regards|many\s+thanks|"
    r"best\s+wishes|yours\s+sincerely|sincerely|cheers))[,.]?\s+"
    r"(?P<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,2})"
)
_INLINE_SIGNATURE_CHARS = 200


def _inline_signatures(text: str, participants: Participants) -> list[tuple[int, int]]:
    """A sign-off and a participant's name inside a line, to the end of that line."""
    spans = []
    for match in _INLINE_SIGN_OFF.finditer(text):
        if not participants.is_named(match.group("name")):
            continue
        line_end = text.find("\n", match.end())
        end = len(text) if line_end < 0 else line_end
        spans.append((match.start(), min(end, match.end() + _INLINE_SIGNATURE_CHARS)))
    return spans


# The standard paragraphs a school's mail system adds under every signature: the
# disclaimer, the registered office, the safeguarding statement and its contacts.
# They name the organisation and its role holders, not a third party.
_FOOTER_CUE = regex.compile(
    r"\b(?:registered\s+(?:office|address|in\s+england|company|charity)|"
    r"(?:company|charity|registration|registered)\s+(?:number|no\b)|exempt\s+charity|"
    r"limited\s+by\s+guarantee|intended\s+(?:recipient|solely|only\s+for)|addressee|"
    r"received\s+(?:this|it)\s+(?:e-?mail\s+|message\s+)?in\s+error|"
    r"(?:views|opinions)\s+(?:expressed|contained)|viruse?s?\b|"
    r"committed\s+to\s+safeguarding|safeguarding\s+and\s+promoting|"
    r"designated\s+safeguarding\s+lead|deputy\s+dsl|consider\s+the\s+environment|"
    r"follow\s+us|(?:on\s+)?our\s+website|privacy\s+notice|may\s+be\s+monitored|senco\b|"
    r"this\s+(?:e-?mail|message)\s+(?:and\s+any|is\s+confidential|may\s+contain|contains))",
    regex.IGNORECASE,
)
_MAX_FOOTER_LINES = 30


def _footer_end(lines: Sequence[_Line], after: int, stops: set[int]) -> int | None:
    """The last line of the footer paragraphs straight after line `after` (a signature's
    end), or None. Each paragraph must carry a footer cue; a paragraph without one
    (a "P.S.", a new message) ends the footer."""
    last = None
    j = after + 1
    limit = min(len(lines), after + 1 + _MAX_FOOTER_LINES)
    while j < limit:
        while j < limit and not lines[j].content:
            j += 1
        first = j
        while j < limit and lines[j].content and j not in stops:
            j += 1
        if first == j or first in stops:
            break
        paragraph = " ".join(lines[k].content for k in range(first, j))
        if not _FOOTER_CUE.search(paragraph):
            break
        last = j - 1
    return last


_ADDRESS = regex.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _written_by_outsider(
    text: str, lines: Sequence[_Line], headers: Sequence[tuple[int, int]], at: int, participants: Participants
) -> bool:
    """Whether line `at` lies in a quoted or forwarded message whose header gives its
    author's address, and that author is not in this conversation."""
    above = [(first, last) for first, last in headers if first < at]
    if not above:
        return False
    first, last = above[-1]
    header = text[lines[first].start : lines[last].end]
    from_line = next((m for m in _FROM_IN_HEADER.finditer(header)), None)
    authors = _ADDRESS.findall(from_line.group() if from_line else header)
    return bool(authors) and not any(participants.has_address(a) for a in authors[:1])


_FROM_IN_HEADER = regex.compile(r"(?im)^[\s>]*\*?(?:from|de|von)\*?:.*$|^[\s>]*on\b.*\bwrote:")


def signed_by(text: str) -> str | None:
    """The name the sender signs with under their own sign-off ("Kind regards, / Femi
    Adeyemi"), above any quoted message: the sender, whatever their mailbox is called
    ("Headteacher <head@...>")."""
    lines = _lines(text)
    end = min((first for first, _ in _quoted_headers(lines)), default=len(lines))
    for i in range(end):
        if text[lines[i].start : lines[i].end].lstrip().startswith(">"):
            break  # the quoted part has begun
        sign_off = _SIGN_OFF.match(lines[i].content)
        if not sign_off:
            continue
        if sign_off.group("name"):
            return sign_off.group("name").strip()
        for j in range(i + 1, min(end, i + 3)):
            content = lines[j].content
            if not content:
                continue
            if _kind(content) is _Kind.NAME and not _is_person_record(content):
                return content
            break
        return None
    return None


def _unsigned_signature(lines: Sequence[_Line], end: int) -> tuple[int, int] | None:
    """A signature with no sign-off above it: the last paragraph of the sender's own
    text, a name line followed straight away by a job title, school or contact line."""
    last = end - 1
    while last >= 0 and not lines[last].content:
        last -= 1
    first = last
    while first > 0 and lines[first - 1].content:
        first -= 1
    if last < 0 or first + 1 > last or last - first >= _MAX_SIGNATURE_LINES:
        return None
    kinds = [_kind(lines[j].content) for j in range(first, last + 1)]
    if kinds[0] is not _Kind.NAME or kinds[1] is not _Kind.SIGNATURE:
        return None
    if _Kind.STOP in kinds or _Kind.BLANK in kinds:
        return None
    if sum(_is_person_record(lines[j].content) for j in range(first, last + 1)) >= 2:
        return None
    return first, last


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_MAX_ADDRESS_LINES = 5


def addressee_blocks(text: str, participants: Participants) -> list[tuple[int, int]]:
    """A participant's name on a line of its own and the address lines under it, as a
    letter to them is addressed ("Mrs H. Achterberg / 27 Bower Lane / ME16 8BJ"): their
    own address, in the body or in an attached letter alike."""
    lines = _lines(text)
    spans = []
    for i, line in enumerate(lines):
        if _kind(line.content) is not _Kind.NAME or not participants.is_named(line.content):
            continue
        last = i
        for j in range(i + 1, min(len(lines), i + 1 + _MAX_ADDRESS_LINES)):
            if _kind(lines[j].content) not in (_Kind.SIGNATURE, _Kind.NAME):
                break
            last = j
        if last > i:
            spans.append((line.start, lines[last].end))
    return spans


# --- Putting it together ----------------------------------------------------


def third_party(
    text: str,
    entities: Sequence[DetectedEntity],
    participants: Participants,
    *,
    by_position: bool = True,
) -> list[DetectedEntity]:
    """The entities that are about someone other than the conversation's participants.

    `by_position` False skips greetings and signatures: right for an attached
    letter, whose "Dear Mr Brown," greets someone outside this conversation.
    """
    spans = conversation_spans(text, participants) if by_position else []
    spans = [*spans, *addressee_blocks(text, participants)]
    kept: list[DetectedEntity] = []
    for entity in entities:
        if _mostly_inside(entity, spans):
            continue
        if entity.type is EntityType.PERSON and participants.is_named(entity.text):
            continue
        if entity.type is EntityType.EMAIL_ADDRESS and participants.has_address(entity.text):
            continue
        kept.append(entity)
    return kept


def _mostly_inside(entity: DetectedEntity, spans: Sequence[tuple[int, int]]) -> bool:
    length = max(entity.end - entity.start, 1)
    for start, end in spans:
        overlap = min(end, entity.end) - max(start, entity.start)
        if overlap * 2 >= length:
            return True
    return False
