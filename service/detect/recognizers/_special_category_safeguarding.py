"""Safeguarding, care and SEN terms used generically: about no one in particular.

The process words of safeguarding ("strategy meeting", "Operation Encompass", "CP
plan", "looked after") say something about a child only when they are said of one.
The same words fill policies, training notes, admission criteria, job adverts,
newsletters and governors' minutes. This module reads the structure around a hit of
the safeguarding, looked-after or SEN topics (TOPICS in _special_category_terms.py)
and says when it is such a generic use (a possessive just before the hit, "his
nurture group worker", "Leo's CP plan", always keeps it about the child):

- a noun of policy, training, events or paperwork after it ("Prevent training",
  "MASH referral form", "TAF training", "an Operation Encompass school"), or a
  document reference ("section 17 of the Children Act");
- a role or an activity before it ("designated teacher for looked after children",
  "Head of Children's Services", "will lead child protection", "Sarah from the MASH",
  "studying domestic violence", "training on section 47 enquiries");
- a group of people rather than one ("looked after children have priority", "pupils
  who are looked after", "children in care");
- a count ("14 CP plans", "23 looked after children", "CIN: 7");
- a sentence that states a rule or the school's standing rather than a fact
  ("we are an Operation Encompass school", admission criteria, "staff should never",
  "everyone's responsibility", a PSHE unit).

Only the recognizer asks this (about a person); service/context/group_disclosure.py
still sees the terms, so "a support group for parents of looked after children" is a
group disclosure. Every regex here is anchored or bounded to a short window.
"""

from functools import lru_cache

import regex

from service.detect.recognizers._context import phrase_regex
from service.detect.recognizers._special_category_terms import TOPICS
from service.detect.recognizers.person import could_be_name, known_names

# SEN too: its plans and interventions are process words of the same kind ("EHCP
# timescales", "SEN transport", "The Nurture Group Handbook").
_TOPICS = ("safeguarding", "looked_after", "sen")
_PHRASES = phrase_regex(tuple(p for t in _TOPICS for p in TOPICS[t].phrases))
_ACRONYMS = frozenset(a for t in _TOPICS for a in TOPICS[t].acronyms)
_PATTERNS = regex.compile("|".join(p for t in _TOPICS for p in TOPICS[t].patterns), regex.IGNORECASE)

# After the term: what a policy, a course, an event or a form is called.
_FOLLOWER = regex.compile(
    r"(?i)['’]?s?[ \t\-]*(?:handbook|module|modules|lessons?|refresher|talk|talks|workshops?|courses?"
    r"|offer|duty|thresholds?|flowchart|leaflets?|resources|pack|appeal|bake\s+sale|coffee\s+morning"
    r"|evening|directorate|committee|board|partnership|project|workers?|helpline|phone\s+line|portal"
    r"|website|front\s+door|categor(?:y|ies)|drop-down|log-ins?|section\s+of"
    r"|referral\s+form|referrals?\s+process|training|policy|procedures?|scheme|school|schools|lead|leads"
    r"|link|champion|awareness|week|day|newsletter|briefing|guidance|template|form|forms|audit|team"
    r"|review\s+process|timescales?|transport|licences?|licenses?|subscriptions?)\b"
)
# "Leo has been referred to the Early Help team", "a referral to the MASH": the service is
# where someone was sent, so the team, service or front door after it makes it no generic.
REFERRED_TO = regex.compile(
    r"(?i)\b(?:referred|referral|referring|refer|signposted|passed)\b(?:\s+(?:him|her|them|[\w'’-]+))?"
    r"\s+(?:on\s+)?to\s+(?:the\s+)?$"
)
# "FSM eligibility for Lina Haddad", "SEN transport - change of pick-up for Mikael": what the
# term's follower names is for someone, later in the clause.
_FOR_A_NAME = regex.compile(
    r"[^.!?;\n]{0,40}?\bfor[ \t]+(?P<name>(?-i:\p{Lu}\p{Ll}+))\b"
    # Not a place's or a body's people: "the Early Help offer for Medway families".
    r"(?![ \t]+(?:families|schools|pupils|children|parents|staff|settings|academies|residents|students"
    r"|learners|teachers|carers|colleagues|area|county|council|primary|secondary)\b)",
    regex.IGNORECASE,
)
# "Subject: Leo T - CP conference outcome": a name heads the line the term is on.
_NAME_HEADS_THE_LINE = regex.compile(
    r"(?-i:\p{Lu}\p{Ll}+)(?:[ \t]+(?-i:\p{Lu})[\p{Ll}'’-]*\.?)?[ \t]*[-–:][ \t]*$"
)
_LINE_HEAD = regex.compile(r"(?i)[ \t>]*(?:subject[ \t]*:[ \t]*)?(?:(?:re|fw|fwd)[ \t]*:[ \t]*)*")


# "eligibility for these two, who live in your area?" then a list of names: the people listed.
_FOR_THOSE_LISTED = regex.compile(
    r"[^.!?;\n]{0,40}?\bfor[ \t]+(?:these|the[ \t]+following|the[ \t]+pupils[ \t]+below|the[ \t]+children[ \t]+below)"
    r"(?:[ \t]+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|pupils|children|students|learners))?\b"
    r"[^\n]{0,80}\n[ \t]*(?-i:\p{Lu}\p{Ll}+)[ \t]+(?-i:\p{Lu})",
    regex.IGNORECASE,
)


_NAMED_JOINS = regex.compile(
    r"\b(?P<name>(?-i:\p{Lu}\p{Ll}+))(?:[ \t]+(?-i:\p{Lu}\p{Ll}+))?[ \t]+(?:(?:can|could|will|to|should|may|might)[ \t]+)?"
    r"(?:join|joins|joined|joining|attend|attends|attended|attending|goes[ \t]+to|go[ \t]+to|went[ \t]+to"
    r"|is[ \t]+in|are[ \t]+in|was[ \t]+in|starts?|started|starting)[ \t]+(?:the|our|a)[ \t]+\Z",
    regex.IGNORECASE,
)


def for_those_listed(text: str, end: int) -> bool:
    """After the term: "for these two ...", "for the following", then a line that starts with a full name."""
    return _FOR_THOSE_LISTED.match(text, end) is not None


def for_someone(text: str, start: int, follower_end: int) -> bool:
    """A term with a generic follower that is still someone's: "FSM eligibility for Lina",
    "... eligibility for these two:" over a list of names, or on a line headed by a name
    ("Subject: Leo T - CP conference outcome")."""
    named = _FOR_A_NAME.match(text, follower_end)
    if named is not None and could_be_name(named.group("name")):
        return True
    if _FOR_THOSE_LISTED.match(text, follower_end):
        return True
    # "could Hawa and Yusuf Osman join the young carers group": a named person joins it.
    joined = _NAMED_JOINS.search(text, max(0, start - 80), start)
    if joined is not None and could_be_name(joined.group("name")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    head = _LINE_HEAD.match(text, line_start, start)
    at = head.end() if head else line_start
    heads = _NAME_HEADS_THE_LINE.fullmatch(text, at, start)
    return heads is not None and could_be_name(text[at:start].split()[0])


# "section 17 of the Children Act", "section 47 of the lettings agreement": a clause of a document.
_DOCUMENT_SECTION = regex.compile(r"(?i)(?:section|s)\s*\d+$")
_OF_A_DOCUMENT = regex.compile(r"[ \t]+of[ \t]+(?:the|our|this|that)\b", regex.IGNORECASE)

# Before the term: a role that is about the term ("designated teacher for", "Head of",
# "Sarah from the MASH"), or an activity that treats it as a subject.
_PRECEDER = regex.compile(
    r"(?i)(?:\b(?:teacher|lead|leads|officer|manager|head|director|champion|coordinator|co-ordinator"
    r"|worker|governor|trainer|expert|specialist|experience)\s+(?:for|of|on|in)\s+(?:the\s+)?"
    r"|\b(?:lead|leads|leading|led|oversee|oversees|overseeing|responsible\s+for)\s+(?:on\s+)?"
    r"|\b(?P<name>(?-i:[A-Z][a-z]+))\s+from\s+(?:the\s+)?"
    r"|\b(?:training|course|courses|briefing|session|talk|module|unit|lessons?|updates?)\s+(?:on|about)\s+"
    r"|\b(?:studying|study|studied|learning\s+about|learn\s+about|teaching\s+about|teach\s+about"
    r"|covered|covers|covering|such\s+as|what\s+is|definition\s+of"
    r"|categories\s+of|forms\s+of|types\s+of)\s+"
    r"|\b(?:an?|the)\s+(?:role|duty|work)\s+of\s+(?:the\s+)?)$"
)
# "Sarah from the MASH": someone who works there; only before an agency, and only after
# a first name ("a call from the MASH about Leo", "Referral from the MASH" are about Leo).
_AGENCIES = frozenset({
    "mash", "children's services", "childrens services", "children's social care", "social care",
    "social services", "early help", "lado", "marac", "mappa", "channel panel", "core group",
})

# A group, not a person: "looked after children", "children in care", "pupils who are
# looked after", "looked after and previously looked after children".
_GROUP_AFTER = regex.compile(
    r"(?i)(?:[ \t]+(?:and|or)[ \t]+(?:previously[ \t]+)?(?:looked[ \t]+after|in[ \t]+care|adopted))?"
    r"[ \t]+(?:children|pupils|students|learners|young\s+people|families)\b"
)
_A_LIST = regex.compile(r"(?i)['’]?[ \t]*(?:list|lists|register|names|details|records)\b")
_GROUP_BEFORE = regex.compile(
    r"(?i)\b(?:children|pupils|students|learners|young\s+people|families)"
    r"(?:\s+(?:who|that)\s+(?:are|were|have\s+been|has\s+been|may\s+be)(?:\s+or\s+have\s+been)?)?\s+$"
)
# "the Walsh children in care": a family named, not a group.
_NAMED_GROUP = regex.compile(r"\b[A-Z][a-z]+\s+(?:children|family)\s+$")
# "two section 47 enquiries": a count before the term; "CIN: 7" a count after it at a line's end.
# Digits then spaces only: "6\tCP" is a table's Year column; and not a number that
# names something ("Year 6 CP", "the Section 47 strategy meeting for Esme").
_COUNT_BEFORE = regex.compile(
    r"(?i)(?:(?<!\b(?:year|yr|y|class|room|aged?|set|group|no\.?|section|s|part|page|para(?:graph)?|unit"
    r"|number|article|rule|regulation)[ \t]*)\b\d[\d,]*[ ]+"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|no|number\s+of|total\s+of|numbers\s+of)\s+)(?:(?:new|open|active|current|more|fewer|of\s+(?:the|our))\s+)?$"
)
_COUNT_AFTER = regex.compile(r"(?i)(?:[ \t]+(?:plans|cases|children|pupils))?[ \t]*:[ \t]*\d[\d,.]*[ \t]*(?:\n|$)")
# A sentence about rules, standing or the curriculum, not a fact about a child.
_GENERIC_SENTENCE = regex.compile(
    r"(?i)\bwe\s+are\s+(?:now\s+)?an?\s+(?:[\w'’-]+\s+){0,6}school\b"
    r"|\b(?:admissions?\s+(?:criteria|policy|arrangements|form)|oversubscription|criterion\s+\d)"
    # Rules for staff, not an instruction about one child ("Dad must never collect Finley").
    r"|\b(?:staff|we|you|adults|everyone|colleagues)\s+(?:should|must)\s+(?:never|always)\b"
    r"|\beveryone['’]s\s+responsibility\b"
    r"|\b(?:PSHE|RSHE|RSE)\b"
    r"|\bkeeping\s+children\s+safe\s+in\s+education\b"
    r"|\bsigned\s+up\s+to\b"
    # "Private fostering: if a child lives with...": a label, then whoever it may concern.
    r"|^[^\n:]{1,40}:\s+if\b"
)
_POSSESSED = regex.compile(r"(?:\b(?i:his|her|their)|\b[A-Z][a-z]+['’]s)\s+$")
_WINDOW = 60
_SENTENCE_REACH = 300


def is_safeguarding_term(text: str, start: int, end: int) -> bool:
    """The hit is one of the safeguarding, looked-after or SEN topics' terms."""
    hit = text[start:end]
    if hit in _ACRONYMS or _PHRASES.fullmatch(hit) is not None:
        return True
    # The patterns look around the hit, so they are matched in the text itself.
    return any(m.span() == (start, end) for m in _PATTERNS.finditer(text, max(0, start - 40), end + 40))


def generic_use(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """A safeguarding, care or SEN term used about no one: policy, training, a group, a count.

    The hit's sentence (the recognizer's bounds) is read for rule-stating cues, up to
    _SENTENCE_REACH characters either side of the hit: a table with no full stops is
    one long "sentence", and it may hold many hits.
    """
    if not is_safeguarding_term(text, start, end):
        return False
    hit = text[start:end].lower()
    before = text[max(0, start - _WINDOW) : start]
    # "his nurture group worker", "Leo's CP plan review": the child's own, whatever follows;
    # "referred to the Early Help team": where someone was sent.
    if _POSSESSED.search(before) or REFERRED_TO.search(before):
        return False
    follower = _FOLLOWER.match(text, end, end + _WINDOW)
    if (follower and not for_someone(text, start, follower.end())) or _COUNT_AFTER.match(text, end, end + 30):
        return True
    if _DOCUMENT_SECTION.search(hit) and _OF_A_DOCUMENT.match(text, end, end + 12):
        return True
    group = _GROUP_AFTER.match(text, end, end + 50)
    # "Looked-after children list for the Virtual School": a list of them follows.
    if group is not None and not _A_LIST.match(text, group.end(), group.end() + 20):
        return True
    if _GROUP_BEFORE.search(before) and not _NAMED_GROUP.search(before):
        return True
    if _COUNT_BEFORE.search(before):
        return True
    preceder = _PRECEDER.search(before)
    if preceder is not None and (
        preceder.group("name") is None
        or (hit in _AGENCIES and preceder.group("name").lower() in known_names())
    ):
        return True
    cues = _sentence_cues(text, sentence_start, sentence_end)
    return any(start - _SENTENCE_REACH <= a and b <= end + _SENTENCE_REACH for a, b in cues)


@lru_cache(maxsize=64)
def _sentence_cues(text: str, sentence_start: int, sentence_end: int) -> tuple[tuple[int, int], ...]:
    """Where the sentence states a rule or the school's standing: read once per sentence."""
    return tuple(
        (sentence_start + m.start(), sentence_start + m.end())
        for m in _GENERIC_SENTENCE.finditer(text[sentence_start:sentence_end])
    )
