"""Public figures and characters in teaching text: names that are not people's data.

Lessons, homework, assemblies, newsletters and book clubs name historical figures,
authors, scientists, artists and characters ("Holes by Louis Sachar", "Newton's laws",
"Mary Anning (1799-1847)", "how does Stevenson present Utterson?"). They are not the
school's pupils, parents or staff, and a draft that names them is not sharing anyone's
data (corpus/README.md, PERSON row). This module weighs, for each name the NER found,
the evidence that it is such a figure against the evidence that it is a real person:

For a figure (each cue says what the words around the name are):
- strong, enough anywhere: a school house named after one ("Seacole house"), life dates "(1820-1910)", "born in 1564", a regnal number or
  an epithet ("Henry VIII", "Alfred the Great"), authorship after a title or a work noun
  ("Holes by Louis Sachar", "poems by ..."), "in the style of X", a descriptor ("the poet
  X", "the scientist X", "King X"), a famous work or deed ("X's laws", "X's novel",
  "X discovered", "X invented"), a literary-analysis question ("how does X present
  Y?": both are figures), a name inside a title ("Katie Morag and the Two Grandmothers");
- weak, enough only in a text about teaching (teaching_text): "learning about X",
  "the life of X", "X wrote/painted/led ...", "X's poem/painting/story", "Who was X?",
  a name listed with a figure ("Watson and Crick"), the gazetteer
  (public_figures.txt) for a name that is also a pupil's first name;
- the gazetteer alone, for a full name, in any text (as person.py always did).

Against (a real person, and this wins): a title or a greeting (those names never reach
this module: person.py vouches for them first), a class code or year group after the
name ("Kofi (4W)", "Callum from Year 9"), a family or school role ("Jamal's mum",
"my son"), praise or thanks addressed to someone ("well done to X"), a cast list
("Zara is Titania": Zara is the pupil).

Once a full name is judged a figure, its last word is a figure elsewhere in the text
too ("Oliver Cromwell ... why Cromwell closed the theatres"); a first name is not
("Isaac Newton" does not make the pupil Isaac a figure).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import regex

_LIST_FILE = Path(__file__).with_name("public_figures.txt")

# --- the text: is it about teaching? --------------------------------------------------

# Words of lessons, homework, assemblies and reading: each distinct one counts once.
_TEACHING_WORDS = regex.compile(
    r"(?i)\b(lessons?|homework|assembl(?:y|ies)|topic|unit|novel|novels|poems?|poets?|poetry|authors?|chapters?"
    r"|characters?|book\s+club|reading\s+list|class\s+reader|stor(?:y|ies)|histor(?:y|ical)|science|scientists?"
    r"|(?-i:RE|PSHE)|learning\s+objectives?|success\s+criteria|key\s+vocabulary|learning\s+about|learn\s+about"
    r"|learned\s+about|learnt\s+about|act\s+\d|scene\s+\d|extracts?|quotations?|revision|revise|essays?|coursework"
    r"|worksheet|starter|plenary|extension|curriculum|anthology|playwright|composers?|artists?|inventors?"
    r"|explorers?|painting|portraits?|biograph(?:y|ies)|famous|diary|myths?|legends?|parables?|workshop"
    r"|in\s+the\s+style\s+of|research(?:ing)?|debate|nativity|pantomime|school\s+play|auditions?|rehearsals?|cast\s+list|gcse|a\s+level|ks[1-5]|key\s+stage|sats|exam\s+question)\b"
)
_ENOUGH_TEACHING_WORDS = 2


def teaching_text(text: str) -> bool:
    """The text is about a lesson, a topic, a book or an assembly: two or more distinct
    teaching words ("homework", "lesson", "novel", "assembly", "learning about")."""
    seen: set[str] = set()
    for m in _TEACHING_WORDS.finditer(text):
        seen.add(regex.sub(r"\s+", " ", m.group(1).casefold()).rstrip("s"))
        if len(seen) >= _ENOUGH_TEACHING_WORDS:
            return True
    return False


# --- set texts and their casts ----------------------------------------------------------

_SET_TEXTS_FILE = Path(__file__).with_name("set_texts.txt")
_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@cache
def _set_texts() -> tuple[tuple["regex.Pattern[str]", frozenset[str], frozenset[str]], ...]:
    """(the title as a pattern, the title's words and the cast and author, folded) for each work of set_texts.txt."""
    works = []
    for line in _SET_TEXTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "|" not in line:
            continue
        title, _, names = line.partition("|")
        words = [regex.escape(w) for w in title.split()]
        pattern = regex.compile(r"(?i)\b" + r"[\s,]+".join(words) + r"\b")
        cast = frozenset(n.strip().casefold() for n in names.split(",") if n.strip())
        works.append((pattern, frozenset(w.casefold() for w in _WORD.findall(title)), cast))
    return tuple(works)


def casts_in(text: str, everyday: Callable[[str], bool]) -> frozenset[str]:
    """The cast and author of every work the text names: by its title, or by a name of its cast
    that is no everyday name ("Birling", "Malvolio"; not "Sheila", "Jack", "Russell").

    `everyday(name)`: a common word or a known given name or surname. One pass over the text's
    words, then set look-ups (about 40 works); the title's pattern only runs when its words are all there.
    """
    words = {w.casefold() for w in _WORD.findall(text)}
    folded = text.casefold()
    names: set[str] = set()
    for title, title_words, cast in _set_texts():
        by_title = title_words <= words and title.search(text) is not None
        by_name = any(
            (name in words if " " not in name else name in folded) and not everyday(name) for name in cast
        )
        if by_title or by_name:
            names |= cast
    return frozenset(names)


# --- the gazetteer --------------------------------------------------------------------


# How a listed name is used (public_figures.txt says it after a bar; "evidence" when it says nothing).
_EVIDENCE = "evidence"  # one piece of evidence among several, weighed here
_ANYWHERE = "anywhere"  # set aside wherever the NER finds it (person.py)


def _read_list() -> list[tuple[str, frozenset[str]]]:
    """The names of public_figures.txt as written, each with its uses."""
    if not _LIST_FILE.is_file():
        return []
    out = []
    for line in _LIST_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, said = line.partition("|")
        uses = frozenset(said.split()) or frozenset({_EVIDENCE})
        if not uses <= {_EVIDENCE, _ANYWHERE}:
            raise ValueError(f"{_LIST_FILE.name}: unknown use {sorted(uses)} for a listed name")
        out.append((name.strip(), uses))
    return out


@cache
def listed_names() -> frozenset[str]:
    """The names of public_figures.txt used as evidence, case-folded, one space between words."""
    return frozenset(" ".join(name.split()).casefold() for name, uses in _read_list() if _EVIDENCE in uses)


@cache
def set_aside_anywhere() -> tuple[str, ...]:
    """The names of public_figures.txt set aside wherever the NER finds them, as written, in order."""
    return tuple(name for name, uses in _read_list() if _ANYWHERE in uses)


@cache
def _listed_words() -> frozenset[str]:
    """Every word of the listed names: a span with a word outside it is inside no listed name."""
    return frozenset(word.rstrip(".") for name in listed_names() for word in name.split())


_MOST_WORDS = 6  # "Danny the Champion of the World"
_LIST_WORD = regex.compile(r"[^\s,;:!?]+")


def listed_around(text: str, start: int, end: int) -> Span | None:
    """The listed name that is the span or holds it ("Sir Francis Drake" around "Francis"), on its line.

    The words either side of the span are looked up in a set: no pattern of the whole list
    runs over the text."""
    names = listed_names()
    if not names:
        return None
    words_listed = _listed_words()
    if any(word.rstrip(".") not in words_listed for word in text[start:end].casefold().split()):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = list(_LIST_WORD.finditer(text, max(line_start, start - 60), start))[-(_MOST_WORDS - 1) :]
    after = list(_LIST_WORD.finditer(text, end, min(line_end, end + 60)))[: _MOST_WORDS - 1]
    for i in range(len(before), -1, -1):
        first = before[len(before) - i].start() if i else start
        for j in range(len(after), -1, -1):
            last = after[j - 1].end() if j else end
            words = text[first:last].split()
            if len(words) > _MOST_WORDS:
                continue
            value = " ".join(words).casefold()
            if value in names or value.rstrip(".") in names:
                return first, last
    return None


def is_listed(text: str, start: int, end: int) -> bool:
    return listed_around(text, start, end) is not None


def titled_figure(text: str, start: int, end: int) -> bool:
    """A name after a title that is part of a listed figure or character ("Sir Francis
    Drake", "Mr Twit"), with nothing around it that marks a real person."""
    around = listed_around(text, start, end)
    return around is not None and not real_person_evidence(text, *around)


# --- cues around a name ---------------------------------------------------------------

_YEAR_OLD = r"(?:1[0-8]\d\d|19[0-7]\d|[1-9]\d{1,2}\s*(?:BC|BCE|AD|CE))"
_LIFE_DATES = regex.compile(
    rf"[ \t]*\((?:c\.?\s*|b\.\s*|born\s+|d\.\s*|died\s+|reigned\s+|ruled\s+)?{_YEAR_OLD}"
    rf"(?:\s*[-–—]\s*(?:c\.?\s*)?\d{{2,4}}(?:\s*(?:BC|BCE|AD|CE))?)?\)"
)
_BORN_OR_DIED = regex.compile(
    rf"[ \t,]+(?:was\s+)?(?:born|died|lived|reigned|ruled|was\s+crowned|became\s+(?:king|queen))\b[^.\n]{{0,40}}?\b{_YEAR_OLD}\b"
)
_REGNAL = regex.compile(r"[ \t]+(?:[IVX]{2,}|I(?=[ \t]+(?:and|of|was|had|to)\b|[,.;:)]))\b")
_EPITHET = regex.compile(r"[ \t]+the[ \t]+(?:Great|Conqueror|Confessor|Red|Bold|Lionheart|Elder|Younger|Magnificent|Terrible|Wise|Good|Unready|Wake)\b")
# "Holes by Louis Sachar", "poems by ...", "written by ...": a work, then "by".
_WORK_NOUNS = (
    r"novels?|books?|poems?|poetry|plays?|stor(?:y|ies)|series|films?|songs?|music|symphon(?:y|ies)|operas?|pieces?"
    r"|paintings?|sculptures?|works?|texts?|extracts?|speech|essays?|short\s+stories|sonnets?|musical|ballet"
)
_AUTHORED_BY = regex.compile(
    rf"(?:\b(?:written|painted|composed|illustrated|sung|directed|drawn|invented|discovered|designed|sculpted"
    rf"|created|published|translated|narrated|adapted)|\b(?:{_WORK_NOUNS})|[\p{{Lu}}\d][\p{{L}}\d'’!?]*[!?]?|[\"”’])"
    rf"[ \t]+by[ \t]+$",
    regex.REVERSE,
)
_STYLE_OF = regex.compile(
    r"(?i:\b(?:in\s+the\s+style\s+of|in\s+the\s+footsteps\s+of|inspired\s+by|after\s+the\s+style\s+of|the\s+works?\s+of|the\s+life\s+and\s+work\s+of"
    r"|the\s+paintings\s+of|the\s+poems\s+of|the\s+poetry\s+of|the\s+novels\s+of|the\s+music\s+of|a\s+portrait\s+of"
    r"|the\s+plays\s+of|the\s+legacy\s+of|the\s+reign\s+of|the\s+theories\s+of|the\s+theory\s+of|the\s+laws\s+of))[ \t]+$",
    regex.REVERSE,
)
_DESCRIPTOR = regex.compile(
    r"(?i:\b(?:poet(?:\s+laureate)?|author|novelist|playwright|dramatist|painter|sculptor|composer"
    r"|scientist|physicist|chemist|biologist|naturalist|inventor|explorer|mathematician|philosopher"
    r"|astronaut|astronomer|olympian|paralympian|footballer|suffragette|abolitionist"
    r"|emperor|empress|pharaoh|tsar|kaiser|prophet|saint|apostle|guru|archduke"
    r"|civil\s+rights\s+(?:leader|campaigner)|character|hero|heroine|protagonist|narrator|villain))[ \t]+$"
    r"|\b(?:King|Queen|Emperor|Empress|Pharaoh|Tsar|Kaiser|Prophet|Saint|St\.?|Guru|Archduke|Pope|Prince|Princess)[ \t]+$",
    regex.REVERSE,
)
# "Newton's laws", "Darwin's finches", "Steinbeck's novel": a possessive with what a figure leaves.
_FAMOUS_WORK = regex.compile(
    r"['’]s?[ \t]+(?:\p{Ll}+[ \t]+)?(?i:laws?(?:\s+of)|novels|symphon(?:y|ies)|sonnets|finches|reign|six\s+wives"
    r"|tomb|empire|legacy|discover(?:y|ies)|principle|equation|paradox|razor|cave|dream\s+speech|death\s+mask"
    r"|statue|assassination|coronation|birthplace|biography|autobiography|memoir)\b"
)
# Said of anyone who can write, paint or travel: a figure only in a teaching text.
_WEAK_WORK = regex.compile(
    r"['’]s?[ \t]+(?:\p{Ll}+[ \t]+)?(?i:laws?|theor(?:y|ies)|novel|plays?|wife|husband|death|downfall|ambition|guilt"
    r"|fate|soliloquy|monologue|character|relationship\s+with|attitude|language|description|quotes?|famous|speech"
    r"|life|wives|army|paintings|sculptures|poetry|works|experiments?|inventions?|ideas|voyages?|expedition)\b"
)
_DEED = regex.compile(
    r"[ \t]+(?:conquered|reigned|ruled|pioneered|abolished|circumnavigated"
    r"|was\s+(?:crowned|assassinated|executed|beheaded|exiled|knighted|canonised|martyred))\b"
)
_WEAK_DEED = regex.compile(
    r"[ \t]+(?:wrote|painted|built|designed|uses|presents|describes|portrays|suggests|depicts|discovered|invented"
    r"|founded|composed|campaigned|proved|sailed|explored|led\s+the|defeated"
    r"|was\s+(?:a|an|the|born|called|known|put|one)|is\s+(?:the|a)\s+(?:boy|girl|man|woman|character|narrator|king|queen))\b"
)
_TEACHING_FRAME = regex.compile(
    r"(?i:\b(?:learn(?:ing|ed|t)?\s+about|find(?:ing)?\s+out\s+about|facts\s+about|research(?:ing)?|studying|study"
    r"|the\s+(?:life|story|work|ideas|journey|achievements|biography)\s+of|who\s+(?:was|is)|compare|comparing"
    r"|debate\s+whether|a\s+talk\s+about|assembly\s+(?:on|about)|topic\s+(?:on|is)|timeline\s+of|famous)"
    r"(?:\s+(?:the|how|why|what|whether))?)[ \t]+$",
    regex.REVERSE,
)
# "how does Stevenson present Utterson", "How does Golding use the conch?"
_ANALYSIS_QUESTION = regex.compile(
    r"(?i:\bhow\s+(?:does|did|do)|\bwhy\s+(?:does|did|do)|\bhow)[ \t]+$",
    regex.REVERSE,
)
_ANALYSIS_VERB_THEN = regex.compile(
    r"[ \t]+(?:present|presents|portray|portrays|show|shows|use|uses|describe|describes|depict|depicts|create|creates)"
    r"[ \t]+(?P<object>\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*)?)"
)
# A capitalised title that holds the name: "Katie Morag and the Two Grandmothers",
# "George's Marvellous Medicine", "Kensuke's Kingdom".
_IN_A_TITLE_AFTER = regex.compile(
    r"(?:[ \t]+and[ \t]+the[ \t]+(?!(?:Year|Reception|Nursery|PTA|Head|Governors?|Friends|Class|Office|Team|School|Staff)\b)\p{Lu}|['’]s[ \t]+\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?(?=[ \t]*(?:by|[-–(,.:;!?]|$))"
    r"|[ \t]+series\b)"
)

# --- cues for a real person -----------------------------------------------------------

_CLASS_AFTER = regex.compile(
    r"(?:[ \t]*\((?:Y(?:ea)?r?[ \t]?\d|\d{1,2}[ \t]?[A-Z]|R[A-Z]?\)|Rec|Nursery"
    # "(mum)", "(site)", "(class teacher)": a role in brackets; not "(c. 1343", "(born 1564"
    r"|(?!c\.|b\.|d\.|born|died|reigned|ruled|pbuh)\p{Ll})"
    r"|,?[ \t]+(?:in|from|of)[ \t]+(?:Year|Yr|Y\d|\d{1,2}[A-Z]{1,2}\b|Reception|Nursery|class|our\s+class|form)"
    r"|['’]s[ \t]+(?i:mum|dad|mother|father|parents?|carers?|grandma|grandad|nan|brother|sister|teacher|class|"
    r"reading\s+book|book\s+bag|lunchbox|homework|ehcp|report|attendance|progress)\b"
    r"|[ \t]+(?:is|as|plays|played|will\s+(?:be|play))[ \t]+(?:the[ \t]+)?\p{Lu}"
    r"|[ \t]+(?:has|had)[ \t]+(?:finished|lost|forgotten|been|left|done|found)\b)"
)
_REAL_BEFORE = regex.compile(
    r"(?i:\b(?:well\s+done|congratulations|congrats|thank\s+you|thanks|shout[\s-]*out|star\s+of\s+the\s+week|welcome"
    r"|my\s+(?:son|daughter|child)|our\s+(?:pupil|student)|pupil|student|dear|hi|hello)(?:\s+to)?[ \t,]*)$",
    regex.REVERSE,
)
_WINDOW = 60

Span = tuple[int, int]


def _after(pattern: "regex.Pattern[str]", text: str, end: int) -> "regex.Match[str] | None":
    return pattern.match(text, end, min(len(text), end + _WINDOW))


def _before(pattern: "regex.Pattern[str]", text: str, start: int) -> bool:
    """`pattern` (compiled with REVERSE, ending in `$`) ends right before `start`, on the same line.

    Searching backwards, the first attempt is the only one that can end at `start`:
    one attempt per name, not one per character of the window."""
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
    return pattern.search(text, max(line_start, start - _WINDOW), start) is not None


def real_person_evidence(text: str, start: int, end: int) -> bool:
    """The words around the name mark a real pupil, parent or member of staff."""
    return _after(_CLASS_AFTER, text, end) is not None or _before(_REAL_BEFORE, text, start)


# "Seacole house won the cup": a school house named after a figure.
_HOUSE_AFTER = regex.compile(r"[ \t]+(?i:house|houses)\b(?![ \t]+(?:of|on|in|at)\b)")


def strong_figure_evidence(text: str, start: int, end: int) -> bool:
    if _after(_LIFE_DATES, text, end) or _after(_BORN_OR_DIED, text, end):
        return True
    if _after(_REGNAL, text, end) or _after(_EPITHET, text, end):
        return True
    if _after(_FAMOUS_WORK, text, end) or _after(_DEED, text, end) or _after(_IN_A_TITLE_AFTER, text, end):
        return True
    if _before(_AUTHORED_BY, text, start) or _before(_STYLE_OF, text, start) or _before(_DESCRIPTOR, text, start):
        return True
    return _before(_ANALYSIS_QUESTION, text, start) and _after(_ANALYSIS_VERB_THEN, text, end) is not None


def weak_figure_evidence(text: str, start: int, end: int) -> bool:
    if _after(_WEAK_WORK, text, end) or _after(_WEAK_DEED, text, end):
        return True
    return _before(_TEACHING_FRAME, text, start)


_CHARACTER_BEFORE = regex.compile(
    r"(?i:\bhow\s+(?:does|did|do)[ \t]+)(?-i:\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*)?)[ \t]+"
    r"(?:present|portray|show|use|describe|depict|create)[ \t]+$"
    r"|(?i:\bhow[ \t]+)(?-i:\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*)?)[ \t]+"
    r"(?:presents|portrays|shows|uses|describes|depicts|creates|treats)[ \t]+$",
    regex.REVERSE,
)


def analysed_character(text: str, start: int) -> bool:
    """The object of a literary-analysis question: "Utterson" in "how does Stevenson present Utterson"."""
    return _before(_CHARACTER_BEFORE, text, start)


_LIST_GAP = regex.compile(r"[ \t]*(?:,|\band\b|\bor\b|&|/)[ \t]*(?:(?:and|or)[ \t]+)?")


def figures(
    text: str,
    spans: Iterable[Span],
    is_first_name: NameTest = lambda _: False,
    is_known_name: NameTest = lambda _: False,
    known: Iterable[Span] = (),
) -> set[Span]:
    """The spans (of names the NER found, not vouched for by a rule) that are public
    figures or characters, by the evidence above.

    `is_first_name`: a listed single word that is also an everyday first name ("Noah",
    "Moses") needs context evidence too. `is_known_name`: the surname of a listed full
    name ("Disraeli" of "Benjamin Disraeli") counts on its own in a teaching text unless
    it is also a known first name or surname ("Johnson"). `known`: figures already set
    aside (by person.py's own list); they vouch for the names listed with them.
    """
    spans = sorted(set(spans))
    if not spans:
        return set()
    teaching = teaching_text(text)
    judged: set[Span] = set()
    real: set[Span] = set()
    for span in spans:
        start, end = span
        if _after(_HOUSE_AFTER, text, end):
            judged.add(span)  # a house is never a person, whoever is congratulated
            continue
        around = listed_around(text, start, end)
        if real_person_evidence(text, start, end) or (around is not None and real_person_evidence(text, *around)):
            real.add(span)  # "Robin Hood (yes, really - supply)": the listed name, then a role
            continue
        if _is_figure(text, start, end, teaching, is_first_name, is_known_name):
            judged.add(span)
        elif "," in text[start:end]:
            # The NER ran over a list ("Pythagoras, Euclid"): a figure when a part is one.
            for part in regex.finditer(r"[^,]+", text[start:end]):
                a, b = start + part.start(), start + part.end()
                while a < b and text[a].isspace():
                    a += 1
                if a < b and _is_figure(text, a, b, teaching, is_first_name, is_known_name):
                    judged.add(span)
                    break
    judged |= _cast_characters(text, spans, real)
    judged |= _listed_with_figures(text, sorted(set(spans) | set(known)), judged | set(known), real) - set(known)
    # One sense per text: a figure's surname is the figure wherever else it is found.
    surnames = {_last_word(text[s:e]) for s, e in judged if len(text[s:e].split()) > 1}
    for span in spans:
        if span in judged or span in real:
            continue
        words = text[span[0] : span[1]].split()
        if len(words) == 1 and _last_word(words[0]) in surnames:
            judged.add(span)
    return judged & set(spans)


NameTest = Callable[[str], bool]


def _last_word(value: str) -> str:
    word = value.split()[-1].casefold()
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_figure(text: str, start: int, end: int, teaching: bool, is_first_name: NameTest, is_known_name: NameTest) -> bool:
    around = listed_around(text, start, end)
    if strong_figure_evidence(text, start, end) or analysed_character(text, start):
        return True
    if around is not None and " " in text[around[0] : around[1]].strip():
        return True  # a listed full name, or a word inside one
    if not teaching:
        return False
    if weak_figure_evidence(text, start, end):
        return True
    value = text[start:end].strip()
    if around is not None:
        return not is_first_name(value)
    return " " not in value and value.casefold() in listed_surnames() and not is_known_name(value)


@cache
def listed_surnames() -> frozenset[str]:
    """The last words of the listed full names of people ("disraeli", "galilei")."""
    out = set()
    for name in listed_names():
        words = name.split()
        if len(words) > 1 and words[-2] not in {"the", "of", "and", "in"} and words[-1].isalpha():
            out.add(words[-1])
    return frozenset(out)


_CAST_GAP = regex.compile(r"[ \t]+(?:is|plays|played|as|will\s+(?:be|play))[ \t]+(?:the[ \t]+)?")
_CAST_END = regex.compile(r"[ \t]*(?:[,.;!]|and\b|\n|$)")


# A text about a cast or its parts (also read by _person_evidence.cast_list).
CAST_CUE = regex.compile(r"(?i)\b(?:cast|casting|parts?|roles?|play|playing|plays|nativity|production|characters?)\b")


def _cast_characters(text: str, spans: Sequence[Span], real: set[Span]) -> set[Span]:
    """In a cast list the part follows the pupil: "Evie is Mary, Josiah is Joseph".

    Two such pairs, or one in a text about a cast or parts: "the group for Ms Bishop is
    Reggie Cook, Hafsa Noor, ..." names a group, not a part.
    """
    pairs = {
        b for a, b in zip(spans, spans[1:])
        if b not in real and _CAST_GAP.fullmatch(text, a[1], b[0]) and _CAST_END.match(text, b[1])
    }
    return pairs if len(pairs) >= 2 or (pairs and CAST_CUE.search(text)) else set()


def _listed_with_figures(text: str, spans: Sequence[Span], judged: set[Span], real: set[Span]) -> set[Span]:
    """Names joined by a comma, "and" or "or" to a figure on the same line, where the list
    goes on or ends ("Watson and Crick", "Pemberton or Achterberg?"); not a name that
    starts a new clause ("... Rosa Parks, and Jayden asked why")."""
    added: set[Span] = set()
    changed = True
    while changed:
        changed = False
        for i in range(len(spans) - 1):
            a, b = spans[i], spans[i + 1]
            gap = text[a[1] : b[0]]
            if "\n" in gap or not gap or not _LIST_GAP.fullmatch(gap):
                continue
            for one, other in ((a, b), (b, a)):
                if other is b and not _LIST_END.match(text, b[1]):
                    continue
                if (one in judged or one in added) and other not in judged and other not in added and other not in real:
                    added.add(other)
                    changed = True
    return added


_LIST_END = regex.compile(r"[ \t]*(?:[,;:.!?)/&]|\band\b|\bor\b|\(|$)", regex.MULTILINE)
