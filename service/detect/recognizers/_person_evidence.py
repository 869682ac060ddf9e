"""Evidence for and against a name, from the words around it (used by person.py).

The NER judges each mention on its own, from a few words either side. A reader adds
up more than that, and so do these rules:

For a name (each gives the span of the name itself):
- a greeting or a sign-off: "Hi Sam,", "thanks priya, ok for fri", "Kind regards,\nSky";
- a rota or timetable line: "3.30-3.40 Mateusz Zieliński";
- a parent who signs as one: "Parent of Tomi (3R)", "Mum of Precious";
- a class code after it: "Rose (Y6)", "Tomi (3R)";
- a possessive with a school or family noun: "Hope's reading book", "Amara's mum";
- a pronoun that refers back: "Ngaio earned her 100 merits".

Against one (the span is some other kind of proper noun):
- a street: "Kevin Street", "12 Orchard Close", "Rue Marie Curie";
- an organisation or venue: "Davis and Reed Ltd", "Davis Orchestra", "Müller AG";
- an acronym in mixed-case text: "EWO referral", "FGB agenda".

Each rule looks at a few words, never at a list of names: a word counts as name-like
when it is not a common English word, or is one that is also a known first name or
surname (see person.could_be_name).

This module starts with an underscore so that recognizer discovery skips it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from service.context.public_figures import CAST_CUE
from service.detect.recognizers._anchored import line_and_sentence_starts, line_starts, matches_at

_STOP_LIKE = frozenset(STOP_WORDS) | {"mr", "mrs", "ms", "miss", "dr", "sir", "madam"}

# One word of a name: letters (with marks), inner hyphens and apostrophes
# ("O'Connor-Hughes"); a possessive "'s" is not part of it.
NAME_WORD = r"\p{L}[\p{L}\p{M}]*(?:(?:['’](?![sS]\b)|-)\p{L}[\p{L}\p{M}]*)*"
_WORDS = rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}"
# Where a name may start: not inside a word. Patterns that open with a name start with
# this, so that the regex engine tries each word once, not each letter.
_AT_WORD = r"(?<![\p{L}\p{M}'’-])"
_WORD_RE = regex.compile(NAME_WORD)

NameTest = Callable[[str], bool]

# --- greetings and sign-offs ------------------------------------------------------

_GREETING = regex.compile(
    r"(?im)(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))[ \t>]*"
    r"(?:hi|hiya|hello|hey|dear|morning|afternoon|evening|good\s+(?:morning|afternoon|evening)"
    r"|thanks|thank\s+you|many\s+thanks|thanks\s+again|cheers|ta|ty|thx"
    # A reply that answers its reader by name: "Of course Huw.", "No worries Lorraine, ...".
    r"|of\s+course|no\s+worries|no\s+problem|sorry|yes|sure)"
    rf"[ \t]*,?[ \t]+(?P<name>{_WORDS})"
)


def _greetings(text: str) -> Iterator["regex.Match[str]"]:
    """`_GREETING.finditer(text)`, tried only where the pattern can start (_anchored.py)."""
    return matches_at(_GREETING, text, line_and_sentence_starts(text))


# Words that follow a greeting without being a name: "Hi all", "Dear Parents".
_GROUP_WORDS = frozenset(
    """all everyone everybody team folks guys there both you colleagues parents parent carers carer
    families family staff governors governor class year sir madam ladies gentlemen gents friends
    again so very much lots loads head headteacher teacher teachers trustees members committee
    office admin for in advance thanks thank cheers regards wishes best love hello hi hiya hey dear morning
    afternoon evening sincerely faithfully governors pupils students children customer customers guest guests traveller travellers member members client
    clients resident residents applicant applicants user users subscriber reader friend neighbour homeowner""".split()
)

_CLOSING = (
    r"(?:(?:many|kind|best|warm|warmest|with\s+(?:best|kind))\s+(?:regards|wishes|thanks)|regards|thanks|thank\s+you"
    r"|cheers|best|love|yours\s+(?:sincerely|faithfully|truly)|all\s+the\s+best|speak\s+soon|take\s+care|thx|ta)"
)
_SIGN_OFF = regex.compile(
    rf"(?im)^[ \t>]*{_CLOSING}[ \t]*[,.!]*[ \t]*(?:\n[ \t>]*)?(?P<name>{_WORDS})[ \t]*(?=[,(\-–]|$)"
)
# A name alone on the last line of a message, or of the part above a quoted reply, or
# with the writer's office after a comma, a bar or in brackets ("Lorraine, Trips Office").
# Offices a sign-off names in lower case: "Mutsa, finance office", "Mutsa - office".
_OFFICE_WORDS = (
    r"(?i:office|finance|reception|admin|attendance|data|exams|hr|payroll|it|site|catering|sen|send|pastoral"
    r"|safeguarding|dsl|senco|head|deputy|bursar|business|school\s+office|front\s+office)"
)
_LAST_LINE = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_WORDS})[ \t]*(?:(?:[,|][ \t]*\p{{Lu}}|[,|][ \t]*(?=(?:{_OFFICE_WORDS})\b)|[ \t]+[-–][ \t]+(?=(?:{_OFFICE_WORDS})\b))"
    rf"[^\W\d_]*(?:[ \t&]+[^\W\d_]+){{0,3}}[ \t]*"
    rf"|\([^\d()\n]{{1,30}}\)[ \t]*)?"
    rf"(?=\n?\Z|\n[ \t]*\n(?:[ \t]*(?:On\s.{{0,80}}wrote:|From:|-{{2,}}[ \t]*Original)))"
)
# "Moira, MASH rang back about ...": a message that opens with the reader's given name and a
# comma, with no "Hi" (the first line of a text, or the line after its "Subject:" line).
_BARE_GREETING = regex.compile(
    rf"(?:[ \t]*Subject:[^\n]*\n)?\s*(?P<name>(?=\p{{Lu}}){NAME_WORD})[ \t]*,(?=[ \t]*\n|[ \t]+\S)"
)
# "Please give Tinashe 5ml of Calpol", "give Amara two puffs": the one given a dose.
_GIVEN_A_DOSE = regex.compile(
    rf"(?i:\b(?:give|gave|giving|gives)\s+)(?P<name>(?-i:\p{{Lu}}){NAME_WORD})"
    r"(?=\s+(?:\d+(?:\.\d+)?\s?(?:ml|mls|mg|mcg)\b|(?:one|two|three|four|\d)\s+(?:puffs?|tablets?|drops?|sachets?|spoonfuls?)\b))"
)
# "Will" where the modal verb cannot stand: before a possessive or a verb that already
# carries its tense ("Will's spellings", "Will got 8/10", "Will has moved up a band").
_WILL_AS_A_NAME = regex.compile(
    r"\bWill(?=['’]s\b|[ \t]+(?:has|had|was|got|did|went|came|said|scored|made|wrote|loved|enjoyed|seemed|needs"
    r"|wants|likes|loves|isn['’]t|wasn['’]t|hasn['’]t|doesn['’]t|didn['’]t)\b)"
)
# A cover list's cells: "Okoro out", "Bianchi absent", "cover: Summers", "covered by Mr Wilde".
_COVER_CELL = regex.compile(
    rf"(?m)(?:^|(?<=\t)|(?<=\|[ \t]))[ \t]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]+"
    r"(?:out|absent|off(?:[ \t]+sick)?|away|on[ \t]+(?:a[ \t]+)?course)[ \t]*(?=\t|[ \t]\|[ \t]|$)"
    rf"|(?i:\bcover(?:ed)?(?:[ \t]+by)?)[ \t]*[:\-–][ \t]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*(?=\t|[ \t]\|[ \t]|,|$)"
)
# "... im at work xx amber"
_KISSES = regex.compile(rf"(?im)\bx{{1,4}}[ \t]+(?P<name>{NAME_WORD})[ \t]*$")

_CLAUSE_END = regex.compile(r"[ \t]*(?:[,!.:;\-–]|\n|$)")

# A cast list: "Scrooge - Eitan; Bob Cratchit - Rahul; Tiny Tim - Poppy M". Parts before the
# dash are characters, the names after it pupils; only in a text that talks of a cast or parts.
_CAST_PAIR = regex.compile(
    rf"(?:^|(?<=[;\n:]))[ \t]*(?P<part>[^;\n:]{{1,40}}?)[ \t]+[-–][ \t]+(?P<name>{_WORDS})[ \t]*(?=[;\n.]|$)",
    regex.MULTILINE,
)


def cast_list(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(characters, pupils) of a cast list of three or more "Part - Name" pairs, or two empty lists."""
    if not CAST_CUE.search(text):
        return [], []
    pairs = list(_CAST_PAIR.finditer(text))
    if len(pairs) < 3:
        return [], []
    return [m.span("part") for m in pairs], [m.span("name") for m in pairs]


def _reader_named(text: str, m: "regex.Match[str]") -> bool:
    """The greeting's words are a name that ends its clause: capitalised, or on a line all in lower case."""
    return _CLAUSE_END.match(text, m.end("name")) is not None and _name_shaped(text, m)


def _name_shaped(text: str, m: "regex.Match[str]") -> bool:
    """One to three words, capitalised, or on a line all in lower case ("thanks priya")."""
    words = m.group("name").split()
    if not 1 <= len(words) <= 3:
        return False
    return all(w[:1].isupper() for w in words) or lower_case_line(text, m.start("name"))


def addressing_spans(text: str) -> list[tuple[int, int]]:
    """Where a greeting names the reader or a sign-off the writer ("Hi Sue,", "Thanks, Kate").

    These are the email's own parties: a fact in the message is not about them because
    their name is near it (CONTRACT section 7: recipients and sender are not third parties).
    """
    # "Good morning, Zofia is sick": a greeting runs into the message; only a name that
    # ends its clause ("Hi Sue,", "Morning Tom!") is the reader's.
    lines = line_starts(text)
    spans = [m.span("name") for m in _greetings(text) if _reader_named(text, m)]
    spans += [m.span("name") for m in matches_at(_SIGN_OFF, text, lines) if _name_shaped(text, m)]
    spans += [m.span("name") for m in matches_at(_LAST_LINE, text, lines) if _name_shaped(text, m)]
    return sorted(spans)


# --- rotas, parents, class codes, possessives, pronouns ------------------------------

_TIME = r"\d{1,2}[.:]\d{2}(?:[ \t]*[ap]\.?m\.?)?|\d{1,2}[ \t]*[ap]\.?m\.?"
_ROTA = regex.compile(
    rf"(?<![\w.:])(?:{_TIME})(?:[ \t]*[-–][ \t]*(?:{_TIME}|\d{{1,2}}))?[ \t]*[:\-–]?[ \t]+(?P<name>{_WORDS})"
)
_PARENT_OF = regex.compile(
    r"(?i:\b(?:parent|mum|mom|mam|mummy|mother|dad|daddy|father|carer|guardian|grandma|grandmother|grandad"
    r"|grandfather|nan|nana|nanny|gran|step-?mum|step-?dad|stepmother|stepfather|aunt|auntie|uncle|foster\s+carer)"
    rf"\s+(?:of|to)\s+)(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)"
)
# A pupil's class code after a name: "Tomi (3R)", "bilal in 6S".
CLASS_CODE = regex.compile(
    r"[ \t]*\((?:Y(?:ea)?r?[ \t]?\d{1,2}[A-Za-z]{0,2}|\d{1,2}[ \t]?[A-Z]{1,3}\d?|R[A-Z]{0,2}|Rec(?:eption)?|Nursery)\)"
    # "bilal in 6S is nut allergy", "Tomi in Y4": in a class given by its code.
    r"|[ \t]+in[ \t]+(?:Y\d{1,2}[A-Z]{0,2}|\d{1,2}[A-Z]{1,3}\d?)\b(?![-/]\d)"
)
_POSSESSIVE = regex.compile(
    r"['’]s[ \t]+(?:\p{Ll}+[ \t]+){0,3}"
    r"(?i:mum|mummy|mam|dad|daddy|mother|father|parents?|carers?|grandma|grandad|nan|nana|gran|brother|sister|"
    r"twin|teacher|class|reading|book|books|bag|kit|coat|jumper|shoes|lunch|lunchbox|water\s+bottle|review|ehcp|"
    r"plan|report|behaviour|attendance|progress|work|homework|medication|inhaler|epipen|application|file|"
    r"records?|results?|appointment|birthday|party|place|transition|assessment|needs|diagnosis|referral|"
    r"absence|exclusion|mark|marks|grade|grades|essay|project|drawing|painting|violin|swimming|pe)\b"
)
_RELATIONS = (
    r"mum|mummy|mam|mom|mother|dad|daddy|father|son|daughter|brother|sister|sibling|twin|nan|nana|gran|grandma|"
    r"grandmother|grandad|grandfather|aunt|auntie|uncle|cousin|niece|nephew|step-?mum|step-?dad|stepmother|"
    r"stepfather|husband|wife|partner|fiancée?|carer|foster\s+carer|kinship\s+carer|guardian|pupil|student|"
    r"learner|interpreter|social\s+worker|sw|key\s*worker|new\s+starter|colleague|friend|classmate"
)
# "my son Szymon", "foster carer Linda Morris", "Mum (Mihaela)", "SW Mohamed Yusuf".
_RELATION_BEFORE = regex.compile(rf"(?i:\b(?:{_RELATIONS})\b)[ \t]*[(:,]?[ \t]*(?P<name>{_WORDS})")
# "Kalaivani Sivakumar (mum)", "Ms Duffy (class teacher)".
_RELATION_AFTER = regex.compile(rf"[ \t]*\((?i:{_RELATIONS}|class\s+teacher|teacher|ta|senco|form\s+tutor)\)")
_SPEECH_AFTER = regex.compile(
    r"[ \t]+(?:said|says|told|tells|asked|asks|replied|explained|mentioned|shouted|cried|laughed)\b"
)
# "Ciarán is in Reception", "Saoirse is in Year 2".
_IN_A_CLASS = regex.compile(r"[ \t]+(?:is|was|will\s+be|are)[ \t]+(?:now[ \t]+)?in[ \t]+(?:Year|Reception|Nursery|Y\d|\d[A-Z])")
# "Dev has been on sertraline": a known name that has or had something.
_HAS = regex.compile(r"[ \t]+(?:has|had|hasn['’]t|hadn['’]t)\b")
# "the Dumitru children", "The three Marsh sisters".
_FAMILY_OF = regex.compile(
    rf"(?i:\bthe)[ \t]+(?:(?i:two|three|four|five)[ \t]+)?(?P<name>{NAME_WORD})[ \t]+"
    r"(?i:children|sisters|brothers|siblings|twins|triplets|family|boys|girls)\b"
)
_PRONOUN_AFTER = regex.compile(r"[ \t]+(?:his|her|him|himself|herself|he|she)\b")
# The name (up to three words) or the one word right before a trigger, and the one word
# a few lower-case words before a pronoun.
_NAMES_AT_END = regex.compile(rf"{_AT_WORD}(?P<name>{_WORDS})$")
_NAME_AT_END = regex.compile(rf"{_AT_WORD}(?P<name>{NAME_WORD})$")
_NAME_THEN_WORDS_AT_END = regex.compile(rf"{_AT_WORD}(?P<name>{NAME_WORD})(?:[ \t]+\p{{Ll}}[\p{{Ll}}'’]*){{1,5}}$")
_LOOK_BACK = 80


def _before(text: str, trigger: "regex.Pattern[str]", name: "regex.Pattern[str]") -> Iterator["regex.Match[str]"]:
    """Matches of `name` ending right where `trigger` matches.

    Searching for the trigger first and the name in a short window before it is much
    cheaper than a pattern that opens with a name, which the engine tries at every word.
    """
    for t in trigger.finditer(text):
        m = name.search(text, max(0, t.start() - _LOOK_BACK), t.start())
        if m:
            yield m

# Where a sentence's subject starts: a line, a sentence or a clause.
_CLAUSE_START = regex.compile(r"(?:^|\n|[.!?:;,(][ \t]*|[ \t][-–][ \t]*|\b(?:and|but|so|because|when|as)[ \t]+)[ \t>]*$")


def evidence_spans(
    text: str, could_be_name: NameTest, is_known_name: NameTest, is_given_name: NameTest = lambda _w: False
) -> Iterator[tuple[int, int, str]]:
    """(start, end, why) of each name the context vouches for."""
    lines = line_starts(text)
    bare = _BARE_GREETING.match(text)
    if bare and could_be_name(bare.group("name")) and is_given_name(bare.group("name")):
        yield (*bare.span("name"), "Name greeted at the start")
    for m in _greetings(text):
        span = _greeted(text, m, could_be_name)
        if span:
            yield (*span, "Name after a greeting")
    for m in matches_at(_SIGN_OFF, text, lines):
        span = _leading_names(text, m, could_be_name, strict=True)
        if span and _whole_line_taken(text, m, span):
            yield (*span, "Name in a sign-off")
    for m in _KISSES.finditer(text):
        span = _leading_names(text, m, could_be_name, strict=True)
        if span:
            yield (*span, "Name in a sign-off")
    for m in _ROTA.finditer(text):
        span = _leading_names(text, m, could_be_name, strict=True)
        if span and _rota_name(text[span[0] : span[1]], is_known_name):
            yield (*span, "Name in a rota or timetable")
    if "\t" in text or "cover" in text.casefold():
        for m in _COVER_CELL.finditer(text):
            span = _leading_names(text, m, could_be_name, strict=True)
            if span == m.span("name") and text[span[0]].isupper():
                yield (*span, "Name in a cover list")
    for m in _GIVEN_A_DOSE.finditer(text):
        span = _leading_names(text, m, could_be_name, strict=True)
        if span == m.span("name"):
            yield (*span, "Name of someone given a dose")
    for m in _WILL_AS_A_NAME.finditer(text):
        yield (*m.span(), "A name that is also a modal verb")
    for m in _PARENT_OF.finditer(text):
        span = _leading_names(text, m, could_be_name, strict=False)
        if span:
            yield (*span, "Name of a parent's child")
    for m in _before(text, CLASS_CODE, _NAMES_AT_END):
        span = _trailing_names(text, m, could_be_name)
        if span:
            yield (*span, "Name before a class code")
    for m in _RELATION_BEFORE.finditer(text):
        span = _leading_names(text, m, could_be_name, strict=True)
        if span and _capitalised_or_lower_line(text, span):
            yield (*span, "Name after a family or school relation")
    for m in _before(text, _RELATION_AFTER, _NAMES_AT_END):
        span = _trailing_names(text, m, could_be_name)
        if span:
            yield (*span, "Name before a family or school relation")
    for m in matches_at(_LAST_LINE, text, lines):
        # A sign-off closes something: a text that is only this line ("Harvest", a subject) is not signed.
        if not text[: m.start()].strip():
            continue
        span = _leading_names(text, m, could_be_name, strict=True)
        if span and _whole_line_taken(text, m, span) and _capitalised_or_lower_line(text, span):
            # With an office after it ("Lorraine, Trips Office") every word must be name-like:
            # "Summer Fair, Saturday" is an event's line.
            with_office = bool(text[m.end("name") : m.end()].strip())
            if with_office and not all(could_be_name(w) for w in _WORD_RE.findall(text, span[0], span[1])):
                continue
            yield (*span, "Name signing off")
    for start, end in name_column_cells(text):
        cell = _WORD_RE.finditer(text, start, end)
        words = [w.group() for w in cell]
        if words and any(could_be_name(w) for w in words) and all(w[0].isupper() or lower_case_line(text, start) for w in words):
            yield (start, end, "Name in a column headed as names")
    for m in _before(text, _POSSESSIVE, _NAME_AT_END):
        if could_be_name(m.group("name")) and _capitalised_or_uncommon(m.group("name"), could_be_name):
            yield (m.start("name"), m.end("name"), "Name with a possessive")
    for m in _before(text, _SPEECH_AFTER, _NAME_AT_END):
        word = m.group("name")
        if _CLAUSE_START.search(text[max(0, m.start() - 12) : m.start()]) and _person_word(word, could_be_name):
            yield (m.start("name"), m.end("name"), "Name of someone who speaks")
    for m in _before(text, _IN_A_CLASS, _NAME_AT_END):
        if _person_word(m.group("name"), could_be_name):
            yield (m.start("name"), m.end("name"), "Name of someone in a class")
    for m in _before(text, _HAS, _NAME_AT_END):
        word = m.group("name")
        if _CLAUSE_START.search(text[max(0, m.start() - 12) : m.start()]) and _person_word(word, could_be_name):
            if is_known_name(word):
                yield (m.start("name"), m.end("name"), "Name of someone who has")
    for m in _FAMILY_OF.finditer(text):
        if _person_word(m.group("name"), could_be_name):
            yield (m.start("name"), m.end("name"), "Family name")
    for m in _before(text, _PRONOUN_AFTER, _NAME_THEN_WORDS_AT_END):
        word = m.group("name")
        if not _CLAUSE_START.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "moved from Trinidad and now he", "Kent Young Carers and told his"
        if not word.isupper() and _person_word(word, could_be_name):
            yield (m.start("name"), m.end("name"), "Name a pronoun refers back to")


def _greeted(text: str, m: "regex.Match[str]", could_be_name: NameTest) -> tuple[int, int] | None:
    first = _WORD_RE.match(text, m.start("name"))
    if first is None or first.group().casefold() in _GROUP_WORDS:
        return None
    return _leading_names(text, m, could_be_name, strict=False)


def _leading_names(text: str, m: "regex.Match[str]", could_be_name: NameTest, *, strict: bool) -> tuple[int, int] | None:
    """The name-like words at the start of the match's `name` group.

    Two or three capitalised words together ("Sky Okafor") are a name when one of them
    is name-like, even if another is also a word.
    """
    start = m.start("name")
    words = list(_WORD_RE.finditer(text, start, m.end("name")))
    if len(words) >= 2 and all(_capitalised(w.group()) for w in words):
        if any(could_be_name(w.group()) for w in words) and all(w.group().casefold() not in _GROUP_WORDS for w in words):
            if all(could_be_name(w.group()) or w.group().casefold() not in _STOP_LIKE for w in words):
                return start, words[-1].end()
    end = None
    for word in words:
        value = word.group()
        if not could_be_name(value) or value.casefold() in _GROUP_WORDS or (strict and value.islower() and not lower_case_line(text, word.start())):
            break
        end = word.end()
    return (start, end) if end is not None else None


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word[1:].isupper() or len(word) > 3)


def _trailing_names(text: str, m: "regex.Match[str]", could_be_name: NameTest) -> tuple[int, int] | None:
    """The name-like words at the end of the match's `name` group."""
    words = list(_WORD_RE.finditer(text, m.start("name"), m.end("name")))
    start = None
    for word in reversed(words):
        if not could_be_name(word.group()) or not _capitalised_or_uncommon(word.group(), could_be_name):
            break
        start = word.start()
    return (start, words[-1].end()) if start is not None else None


def _whole_line_taken(text: str, m: "regex.Match[str]", span: tuple[int, int]) -> bool:
    """A sign-off name is all of what is left of its line, up to a comma, bracket or dash."""
    rest = text[span[1] : text.find("\n", span[1]) if "\n" in text[span[1] :] else len(text)]
    return not rest.strip() or rest.lstrip()[0] in ",(-–"


def _rota_name(value: str, is_known_name: NameTest) -> bool:
    """In a rota a name is capitalised and holds a known name or is at least two words."""
    words = _WORD_RE.findall(value)
    if not all(w[0].isupper() for w in words):
        return False
    return any(is_known_name(w) for w in words) or len(words) >= 2


def _person_word(word: str, could_be_name: NameTest) -> bool:
    """Capitalised, name-like and not a group ("Governors asked")."""
    return word[0].isupper() and could_be_name(word) and word.casefold() not in _GROUP_WORDS


def _capitalised_or_lower_line(text: str, span: tuple[int, int]) -> bool:
    first = text[span[0]]
    return first.isupper() or lower_case_line(text, span[0])


def _capitalised_or_uncommon(word: str, could_be_name: NameTest) -> bool:
    return word[0].isupper() or could_be_name(word)


def lower_case_line(text: str, pos: int) -> bool:
    """The line is typed in lower case throughout (chat, a phone), so names are too."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end == -1 else end]
    return not any(c.isupper() for c in line)


# --- tables ---------------------------------------------------------------------------

_NAME_HEADER = regex.compile(
    r"(?i)^(?:(?:pupil|student|child|learner|staff|parent|carer|contact|legal|preferred|full|first|last|family|given"
    r"|middle|candidate|employee|teacher|member)[ \t]*)?(?:name|names|surname|forename|forenames|first\s+name|"
    r"last\s+name|family\s+name|given\s+name|pupil|student|child|learner|candidate|employee|parent|carer)s?$"
)
_CELL_DELIMITERS = ("\t", "|")
_MAX_CELL_WORDS = 4


def name_column_cells(text: str) -> Iterator[tuple[int, int]]:
    """Cells under a header such as "Surname", "Forename" or "Pupil name" in a table
    pasted from a spreadsheet (tab or | separated): registers and contact lists."""
    if "\t" not in text and "|" not in text:
        return
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        delimiter = next((d for d in _CELL_DELIMITERS if d in lines[i]), None)
        if delimiter is None:
            i += 1
            continue
        header = [c.strip() for c in lines[i].split(delimiter)]
        columns = {k for k, cell in enumerate(header) if _NAME_HEADER.match(cell)}
        j = i + 1
        while j < len(lines) and delimiter in lines[j]:
            if columns:
                cells = lines[j].split(delimiter)
                cell_start = offsets[j]
                for k, cell in enumerate(cells):
                    stripped = cell.strip()
                    if k in columns and stripped and not any(c.isdigit() for c in stripped):
                        if len(stripped.split()) <= _MAX_CELL_WORDS:
                            lead = len(cell) - len(cell.lstrip())
                            yield cell_start + lead, cell_start + lead + len(stripped)
                    cell_start += len(cell) + 1
            j += 1
        i = j


# --- against a name ----------------------------------------------------------------

# Streets whose last word is never a surname; with these a name-like word before is a street.
STREET_WORDS = frozenset(
    """road rd street st avenue ave close drive crescent cres gardens gdns grove place court terrace tce
    mews square sq parade boulevard blvd walk rise wharf yard causeway embankment approach lane ln
    strasse straße str gasse weg allee platz""".split()
)
# Words that open a street name in other countries: "Rue Marie Curie", "ul. Kwiatowa".
_STREET_PREFIX = regex.compile(
    r"(?i:\b(?:rue|via|viale|vicolo|corso|calle|carrer|camino|paseo|avenida|av\.|rua|travessa|largo|praça|praca|"
    r"ul\.|ulica|al\.|aleja|piazza|plaza|boulevard|bd\.|chemin|route|impasse|quai|allée|allee|avenue)"
    r"[ \t]+(?:(?:de|del|della|di|da|do|dos|das|des|du|la|le|von|van)[ \t]+)?)$"
)
_HOUSE_NUMBER_BEFORE = regex.compile(r"(?<![\d.:/-])\d{1,4}[A-Za-z]?,?[ \t]+$")
# Words after a span that make it a firm, a band or a venue: "Davis and Reed Ltd".
BODY_WORDS = frozenset(
    """ltd limited plc llp llc inc incorporated corp corporation gmbh ag oy sa spa srl bv nv ab kg sarl
    group partners associates solicitors accountants consulting consultancy systems solutions services
    holdings industries enterprises foundation institute society association club orchestra band choir
    ensemble quartet trio sinfonia philharmonic hotel restaurant cafe bakery pharmacy dental surgery
    clinic agency studios studio media press publishing logistics motors construction builders
    oyj osk nyrt zrt kht kft bt sro aps asa ohg vof bvba ltda pty pte bhd sdn tbk sas slu snc sapa eood ood
    jsc pjsc ooo kk""".split()
)
_AND_SONS = regex.compile(r"[ \t]*(?:&|and)[ \t]+(?:Sons|Son|Co|Partners)\b")
_FIRM_CHAIN = regex.compile(rf"(?:[ \t]*(?:,|&|\band\b)[ \t]*{NAME_WORD})*[ \t]*(?:&[ \t]*)?(?P<next>{NAME_WORD})?")


def in_street(text: str, start: int, end: int) -> bool:
    """The span is (part of) a street name, not a person."""
    after = _WORD_RE.match(text, _skip_spaces(text, end))
    next_word = after.group().casefold() if after else ""
    if next_word in STREET_WORDS and text[end : after.start()].strip() == "":
        return True
    before = text[max(0, start - 30) : start]
    return bool(_STREET_PREFIX.search(before)) and not before.rstrip().endswith(",")


def in_firm(text: str, start: int, end: int) -> bool:
    """The span opens the name of a firm, band or venue ("Davis and Reed Ltd")."""
    line_end = text.find("\n", end)
    m = _FIRM_CHAIN.match(text, end, len(text) if line_end == -1 else line_end)
    nxt = m.group("next") if m else None
    if nxt and nxt.casefold().rstrip(".") in BODY_WORDS:
        return True
    # "& Sons", "and Co"
    tail = text[end : end + 12]
    return bool(_AND_SONS.match(tail))


def is_acronym(text: str, start: int, end: int) -> bool:
    """A short all-capitals word in a line that has lower case: "EWO", "FGB", "BACS"."""
    value = text[start:end]
    if not (value.isalpha() and value.isupper() and 2 <= len(value) <= 5):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    # "Subject: MEDICINE FORM - ROWAN 2B": the label's own lower case says nothing of the line.
    line = _SUBJECT_HEAD.sub("", line, count=1)
    return any(c.islower() for c in line)


_SUBJECT_HEAD = regex.compile(r"^[ \t>]*(?i:subject)[ \t]*:(?:[ \t]*(?i:re|fw|fwd|aw|sv)[ \t]*:)*")


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos
