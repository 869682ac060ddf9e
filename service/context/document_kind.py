"""What kind of document a text is: teaching and planning material, or a record about people.

A lesson plan, scheme of work or reading list names characters ("Lennie has a
learning disability") and historical figures ("Anne Frank was Jewish"); an RE or
PSHE resource, a health-week newsletter or a "child protection training" notice uses
special-category words about no one. None of that is a real person's sensitive
fact, and it should not stop an email. A register, a care plan or a letter about a
pupil is the opposite, whatever its file is called.

The kind is read from the file name (or the subject, for the body), the headings and
the structure: the headings a lesson plan has ("Learning objective", "Success
criteria", "Plenary"), a risk assessment's "Hazard" and "Control measures"; against
them, what records about people have ("Pupil name:", "DOB", a UPN, a register's
present/absent columns). Evidence about people always wins: a "lesson plan" with a
column of dates of birth is a register.

`in_context` then drops from teaching and planning material the findings that are
characters and topic words, while keeping a named pupil's needs written in it
("Differentiation: Jack (ADHD) to sit near the front").
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache

import regex

from service.detect.types import DetectedEntity
from service.schemas.entities import IDENTIFIER_TYPES, EntityType


class DocumentKind(StrEnum):
    LESSON_PLAN = "lesson plan"
    SCHEME_OF_WORK = "scheme of work"
    READING_LIST = "reading list"
    RISK_ASSESSMENT = "risk assessment"
    NEWSLETTER = "newsletter"
    POLICY = "policy"
    TRAINING_NOTICE = "training notice"
    # A register, care plan, report, referral or letter about a pupil: records about people.
    ABOUT_PEOPLE = "about people"
    # Ordinary correspondence: nothing said either way.
    CORRESPONDENCE = "correspondence"

    @property
    def teaching(self) -> bool:
        """Names in it are characters and historical figures, not people the school knows."""
        return self in _TEACHING

    @property
    def planning(self) -> bool:
        """Material about topics and groups in general, not about a person."""
        return self in _PLANNING


_TEACHING = frozenset({DocumentKind.LESSON_PLAN, DocumentKind.SCHEME_OF_WORK, DocumentKind.READING_LIST})
_PLANNING = _TEACHING | {
    DocumentKind.RISK_ASSESSMENT, DocumentKind.NEWSLETTER, DocumentKind.POLICY, DocumentKind.TRAINING_NOTICE
}

_SEP = r"[\s_.\-]*"
# Said in a file name or a subject: "Y5 RE lesson plan.docx", "SoW_PSHE_autumn.pdf".
_NAMED: tuple[tuple[DocumentKind, "regex.Pattern[str]"], ...] = tuple(
    (kind, regex.compile(rf"(?i)(?<![a-z])(?:{pattern})(?![a-z])"))
    for kind, pattern in (
        (DocumentKind.LESSON_PLAN, rf"lesson{_SEP}plans?|lesson{_SEP}\d+|lesson{_SEP}resources?|worksheets?"
                                   rf"|knowledge{_SEP}organi[sz]ers?|(?:re|pshe|rshe?|rse){_SEP}(?:lesson|unit|resources?)"
                                   rf"|starter{_SEP}activit(?:y|ies)|teaching{_SEP}(?:notes|slides|resources?)"),
        (DocumentKind.SCHEME_OF_WORK, rf"schemes?{_SEP}of{_SEP}work|sow|medium{_SEP}term{_SEP}plans?|mtp"
                                      rf"|long{_SEP}term{_SEP}plans?|curriculum{_SEP}(?:map|plan|overview|letter)s?"
                                      rf"|unit{_SEP}(?:plan|overview)s?|topic{_SEP}(?:web|letter|overview)"
                                      rf"|(?:spring|summer|autumn|term){_SEP}(?:\d{_SEP})?topic"),
        (DocumentKind.READING_LIST, rf"reading{_SEP}lists?|book{_SEP}club|book{_SEP}list|class{_SEP}reader"
                                    rf"|set{_SEP}texts?|summer{_SEP}reading"),
        (DocumentKind.RISK_ASSESSMENT, rf"risk{_SEP}assessments?|(?<![a-z])ra(?=[\s_.\-]|$)|evc{_SEP}form|trip{_SEP}plan"),
        (DocumentKind.NEWSLETTER, rf"newsletters?|news{_SEP}bulletin|weekly{_SEP}update|parent{_SEP}bulletin"
                                  rf"|dates{_SEP}for{_SEP}(?:your|the){_SEP}diary"),
        (DocumentKind.POLICY, rf"polic(?:y|ies)|procedures?{_SEP}document|guidance{_SEP}document"),
        (DocumentKind.TRAINING_NOTICE, rf"training|inset|cpd|twilight{_SEP}session|briefing{_SEP}slides"),
    )
)
# Said in a file name or a subject about records of people: these win over the above.
_NAMED_ABOUT_PEOPLE = regex.compile(
    rf"(?i)(?<![a-z])(?:registers?|care{_SEP}plans?|ihcp|health{_SEP}care{_SEP}plans?|ehcp|referral|chronology"
    rf"|pep|iep|pupil{_SEP}(?:profile|passport|list)s?|one{_SEP}page{_SEP}profile|class{_SEP}list|incident"
    rf"|cpoms|mash|exclusion|suspension|medical{_SEP}(?:list|needs{_SEP}list|form)|allergy{_SEP}list"
    rf"|sen{_SEP}(?:register|list|support{_SEP}plan)|ctf|attendance|report{_SEP}for|annual{_SEP}review)(?![a-z])"
)

# Headings and the words structured material is built from, each line on its own.
_HEADINGS: tuple[tuple[DocumentKind, "regex.Pattern[str]"], ...] = tuple(
    (kind, regex.compile(rf"(?im)^[\s#*•\-\d.]*(?:{pattern})(?!\w)"))
    for kind, pattern in (
        (DocumentKind.LESSON_PLAN, r"learning\s+(?:objectives?|intentions?|outcomes?)|(?:lo|walt|wilf)\s*:|success\s+criteria"
                                   r"|key\s+(?:vocabulary|questions?|words)|starter|main\s+activit(?:y|ies)|plenary"
                                   r"|resources\s*:|assessment\s+for\s+learning|lesson\s+\d+|lesson\s+plan|extension\s+task"),
        (DocumentKind.SCHEME_OF_WORK, r"scheme\s+of\s+work|unit\s+\d+|week\s+\d+\s*[:\-–]|half[\s-]term\s+\d|medium[\s-]term\s+plan"
                                      r"|prior\s+learning|national\s+curriculum|key\s+concepts"),
        (DocumentKind.READING_LIST, r"reading\s+list|book\s+club|recommended\s+reads?|chapters?\s+\d+|discussion\s+questions"
                                    # "Wonder by R.J. Palacio", "Holes - by Louis Sachar (1998)"
                                    r"|[^\n]{2,60}?\s[-–]?\s?by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[-–(:,]|$)"),
        (DocumentKind.RISK_ASSESSMENT, r"risk\s+assessment|hazards?\b|control\s+measures|who\s+(?:might|could)\s+be\s+harmed"
                                       r"|likelihood|severity|risk\s+rating|residual\s+risk|emergency\s+procedures?"),
        (DocumentKind.NEWSLETTER, r"newsletter|dates\s+for\s+(?:your|the)\s+diary|headteacher'?s\s+message|news\s+from"
                                  r"|diary\s+dates|celebrations|this\s+week\s+in"),
        (DocumentKind.POLICY, r"(?:\d+\.?\s+)?(?:purpose|scope|aims|roles\s+and\s+responsibilities|definitions|legislation"
                              r"|monitoring\s+and\s+review|review\s+date|date\s+of\s+next\s+review|policy)\b"),
        (DocumentKind.TRAINING_NOTICE, r"(?:\w+\s+){0,3}training\b|inset\b|cpd\b|venue\s*:|facilitator|book\s+your\s+place"
                                       r"|(?:date|time)\s*:.*(?:training|session)"),
    )
)
# Said anywhere in a curriculum letter to families: "this term our history topic is ...",
# "we will be learning about Grace Darling ...".
_CURRICULUM_SENTENCES = regex.compile(
    r"(?i)\b(?:our\s+(?:\w+\s+){0,2}topic\s+(?:this\s+(?:half\s+)?term\s+|for\s+the\s+\w+\s+term\s+)?is"
    r"|we\s+will\s+be\s+(?:learning|studying|reading|finding\s+out)\s+about"
    r"|(?:pupils|the\s+children|year\s+\d+|we)\s+will\s+(?:learn|study|explore|read)\s+(?:about\s+)?"
    r"|our\s+class\s+(?:book|reader|novel)\s+(?:is|will\s+be))"
)
# Said anywhere in arrangements for a training session or course: "Topics as agreed:
# Prevent, FGM ...", "the session will cover county lines", "the agenda includes ...".
_TRAINING_SENTENCES = regex.compile(
    r"(?i)\b(?:(?:topics?|content|agenda|sessions?|course|training|module|modules)\s+"
    r"(?:as\s+agreed|covered|to\s+(?:be\s+)?cover(?:ed)?|will\s+(?:cover|include|be)|includes?|covers?)\s*:"
    r"|(?:the|this|our)\s+(?:session|course|training|workshop|briefing)\s+(?:will\s+)?(?:covers?|includes?)\b)"
)
_ABOUT_PEOPLE_LINES = regex.compile(
    r"(?im)^[\s#*•\-]*(?:pupil'?s?\s+name|child'?s?\s+name|student\s+name|name\s+of\s+(?:pupil|child|student)|d\.?o\.?b\.?"
    r"|date\s+of\s+birth|upn|uln|nhs\s+number|address\s*:|parent(?:/carer)?'?s?\s+name|emergency\s+contacts?"
    r"|diagnosis|medical\s+condition|medication\s*:|allergies\s*:|gp\s*:|social\s+worker|key\s+worker"
    r"|present|absent|am\s*\t|attendance\s*%|dear\s+(?:mr|mrs|ms|miss|mx|dr)\b)"
)
# A letter about a pupil: "I am writing about Jack", "following your son's".
_LETTER_ABOUT_A_PUPIL = regex.compile(
    r"(?i)\b(?:writing\s+(?:to\s+you\s+)?(?:about|regarding|to\s+(?:let\s+you\s+know|inform\s+you))"
    r"|your\s+(?:son|daughter|child)(?:'s)?\b)"
)

# Enough evidence for a kind: a name counts for two, each heading line for one.
_ENOUGH = 2
_HEADING_LINES = 80


def classify_document(
    name: str, text: str, entities: Sequence[DetectedEntity] = (), *, name_is_a_file: bool = True
) -> DocumentKind:
    """The kind of a document from its file name (or subject), its headings and its identifiers.

    A subject ("Re: training day cover") says less than a file name: it counts half.
    """
    head = "\n".join(text.splitlines()[:_HEADING_LINES])
    if _about_people(name, head, entities):
        return DocumentKind.ABOUT_PEOPLE
    weights: dict[DocumentKind, int] = {}
    for kind, pattern in _NAMED:
        if pattern.search(name):
            weights[kind] = weights.get(kind, 0) + (2 if name_is_a_file else 1)
    for kind, weight in _head_weights(head):
        weights[kind] = weights.get(kind, 0) + weight
    if not weights:
        return DocumentKind.CORRESPONDENCE
    kind, weight = max(weights.items(), key=lambda item: (item[1], item[0] in _TEACHING))
    return kind if weight >= _ENOUGH else DocumentKind.CORRESPONDENCE


def _about_people(name: str, head: str, entities: Sequence[DetectedEntity]) -> bool:
    if _NAMED_ABOUT_PEOPLE.search(name):
        return True
    # Identifiers (UPN, NHS number, date of birth...) are only ever about real people.
    if any(e.type in IDENTIFIER_TYPES or e.type is EntityType.DATE_OF_BIRTH for e in entities):
        return True
    lines = _people_lines(head)
    if lines >= 2 or (_LETTER_ABOUT_A_PUPIL.search(head[:600]) is not None and lines >= 1):
        return True
    return _named_for_someone(name, head, entities)


def _named_for_someone(name: str, head: str, entities: Sequence[DetectedEntity]) -> bool:
    """The file is named after a person its first lines name ("practice_record_Esme_Hartley.txt"
    headed "Practice record - Esme Hartley (6S)"): a record of that person, whatever its
    weeks and units look like."""
    file_words = " ".join(regex.split(r"[\W_]+", name.casefold()))
    first_lines_end = len("\n".join(head.splitlines()[:3]))
    for entity in entities:
        if entity.type is not EntityType.PERSON or entity.start >= first_lines_end:
            continue
        words = entity.text.casefold().split()
        if len(words) >= 2 and f" {' '.join(words)} " in f" {file_words} ":
            return True
    return False


# NOTE: the detector classifies a text, then the scanner the same text under its file
# name: what the head alone says is worked out once (a long attachment's head is up to
# 80 paragraphs, and the sentence patterns read all of it).
@lru_cache(maxsize=8)
def _people_lines(head: str) -> int:
    """Lines of the head that records about people have (counted to two)."""
    return _count_at_line_starts(_ABOUT_PEOPLE_LINES, head, _line_starts(head), most=2)


@lru_cache(maxsize=8)
def _head_weights(head: str) -> tuple[tuple[DocumentKind, int], ...]:
    """The weight the head's headings and sentences give each kind, in the order they count."""
    weights: list[tuple[DocumentKind, int]] = []
    starts = _line_starts(head)
    for kind, pattern in _HEADINGS:
        found = _count_at_line_starts(pattern, head, starts, most=3)
        if found:
            weights.append((kind, min(found, 3)))
    curriculum = len(_CURRICULUM_SENTENCES.findall(head))
    if curriculum:
        weights.append((DocumentKind.SCHEME_OF_WORK, min(curriculum, 2)))
    training = len(_TRAINING_SENTENCES.findall(head))
    if training:
        weights.append((DocumentKind.TRAINING_NOTICE, min(training, 2)))
    return tuple(weights)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _count_at_line_starts(pattern: "regex.Pattern[str]", text: str, starts: Sequence[int], most: int) -> int:
    """`len(pattern.findall(text))`, at most `most`, for a pattern that can start only at a
    line start ("(?m)^..."): tried at those positions alone.

    NOTE: `findall` tries such a pattern at every position of the text; a report whose 80
    heading lines are long paragraphs made each of the eight patterns cost 1.5-2.5 ms.
    """
    found, resume = 0, 0
    for start in starts:
        if start < resume:
            continue  # inside the previous match, as findall would skip it
        match = pattern.match(text, start)
        if match is not None:
            found += 1
            if found >= most:
                break
            resume = match.end()
    return found


_SUBJECT_LINE = regex.compile(r"(?i)\A\s*subject\s*:\s*([^\n]*)")


def classify_text(text: str, entities: Sequence[DetectedEntity] = ()) -> DocumentKind:
    """The kind of a text met on its own (`sendguard analyze`): a "Subject:" first line is its name."""
    subject = _SUBJECT_LINE.match(text)
    return classify_document(subject.group(1) if subject else "", text, entities, name_is_a_file=False)


def in_context(
    kind: DocumentKind,
    text: str,
    entities: Sequence[DetectedEntity],
    types: frozenset[EntityType] = frozenset({EntityType.PERSON, EntityType.SPECIAL_CATEGORY}),
) -> list[DetectedEntity]:
    """The findings (of `types`) that stand as personal data in a document of this kind.

    Teaching material (lesson plans, schemes of work, reading lists): its names are
    characters and historical figures and its special-category words topics, so both
    go, except in a note about the real pupils of the class (a differentiation or
    support line or section). Other planning material (risk assessments,
    newsletters, policies, training notices): names stay (staff, trip leaders), and a
    special-category word stays only where it is said of someone by name, as the
    detector's highest score says ("Jack Smith: asthma, inhaler in bag"); "pupils
    with asthma" is planning, not a fact about a person.
    """
    if not kind.planning:
        return list(entities)
    names = sorted(e.start for e in entities if e.type is EntityType.PERSON)
    notes = _PupilNotes(text)
    out = []
    for entity in entities:
        if entity.type not in types:
            out.append(entity)
        elif entity.type is EntityType.SPECIAL_CATEGORY or (kind.teaching and entity.type is EntityType.PERSON):
            if notes.covers(entity.start):
                out.append(entity)
            elif (
                not kind.teaching
                and entity.type is EntityType.SPECIAL_CATEGORY
                and entity.score >= NAMED_SCORE
                and _third_party_near(text, entity, names)
            ):
                out.append(entity)
            continue
        out.append(entity)
    return out


# A sentence ends at ., ! or ? before a space, or at a line break (a greeting line).
_SENTENCE_BREAK = regex.compile(r"[.!?](?=\s)|\n")


def _third_party_near(text: str, entity: DetectedEntity, names: Sequence[int]) -> bool:
    """A third party is named in the term's sentence or the one before, as the detector's
    highest score claims. `names`: the start positions, sorted, of third parties' names
    only: the trainer greeted on the line above ("Hi Paul,") is a participant, and
    topics written to them name no one."""
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text, max(0, entity.start - 400), entity.start)]
    start = breaks[-2] + 1 if len(breaks) >= 2 else max(0, entity.start - 400)
    end_match = _SENTENCE_BREAK.search(text, entity.end, entity.end + 400)
    end = end_match.start() if end_match else min(len(text), entity.end + 400)
    i = bisect_left(names, start)
    return i < len(names) and names[i] < end


# The detector's score for a special-category term with a person named in its sentence
# (SpecialCategoryRecognizer.NAMED_SCORE; a test holds the two together). Not imported:
# the rules read DocumentKind, and rules never import detectors.
NAMED_SCORE = 0.92


# Where a teaching or planning document speaks of the real pupils in the class: a
# differentiation or support note ("Differentiation: Jack (ADHD) ...", "SEN: ...").
_REAL_PUPIL_NOTE = regex.compile(
    r"(?im)^[\s#*•\-]*(?:differentiation|adaptations?|adaptive\s+teaching|send?\b|sen\s+support|support\s+for|additional\s+needs"
    r"|individual\s+needs|provision|pupil\s+notes|pupils?\s+(?:to\s+note|needing|requiring)|ta\s+(?:deployment|support)"
    r"|medical\s+(?:needs|information)|named\s+pupils?|group\s+list|pupils?\s+with\s+(?:medical|additional)\s+needs\s*:)"
)
_SECTION_BREAK = regex.compile(r"\n\s*\n")


class _PupilNotes:
    """Where a text's support lines and sections are, found once: each question is then a
    lookup, so a long planning document with many terms stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.end() for m in _SECTION_BREAK.finditer(text)]
        # Where each support heading ends: its words lie after any blank lines its
        # leading spaces ran over, so the end says which section it heads.
        self.note_ends = [m.end() for m in _REAL_PUPIL_NOTE.finditer(text)]

    def covers(self, position: int) -> bool:
        """The position lies on a support line, or in the paragraph under a support heading."""
        line_start = self.text.rfind("\n", 0, position) + 1
        if _REAL_PUPIL_NOTE.match(self.text, line_start) is not None:
            return True
        i = bisect_left(self.breaks, position + 1) - 1
        section_start = self.breaks[i] if i >= 0 and self.breaks[i] <= position else 0
        j = bisect_right(self.note_ends, section_start)
        return j < len(self.note_ends) and self.note_ends[j] <= position
