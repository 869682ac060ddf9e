"""Whether a message says something special-category about its recipients as a group.

An invitation to "a support group for parents of autistic children", or a note to
"families on free school meals", names no one; but sent with the recipients visible
to each other in To and Cc, the list itself tells every recipient which families
have an autistic child or claim free meals (the ICO fined HIV Scotland and the IICSA
for exactly this). CONTRACT section 7: `external-recipients-visible` blocks then.

Evidence, in one sentence that is not hedged ("If your child has an EHCP, ..."
speaks to whoever it may concern): a special-category term that is not policy talk,
and the recipients addressed as the people it is about, either in the second person
("as your child has an EHCP") or as a group defined by it ("parents of autistic
children", "families on free school meals") in a message that addresses its readers
("you", "your", an invitation).
"""

import regex

from service.detect.recognizers.special_category import group_terms, is_hedged, special_category_terms

# "your child has", "your son is", "you have been identified": the reader is the person.
_SECOND_PERSON = regex.compile(
    r"(?i)\b(?:your\s+(?:child|children|son|daughter|family|little\s+one)|you)\b"
    r"(?:['’]s)?\s+(?:has|have|is|are|was|were|receives?|gets?|needs?|attends?|takes?|uses?|been|now)\b"
)
# "parents of", "carers whose", "families on", "mums with": a group defined by what follows.
_GROUP = (
    r"(?:parents?|carers?|parents\s+and\s+carers|families|family|mums|dads|mothers|fathers|guardians)"
    r"\s+(?:of|whose|with|on|receiving|eligible\s+for|who\s+(?:have|receive|claim|are))\b"
)
# The readers are that group: greeted as it ("Dear parents of pupils with diabetes",
# "To families on free school meals:") or invited as it ("a support group for parents of ...").
_GREETED_AS_GROUP = regex.compile(rf"(?i)^\W*(?:dear|hi|hello|to|for|attention)\s+(?:all\s+)?(?:(?:of\s+)?our\s+)?{_GROUP}")
_INVITED_AS_GROUP = regex.compile(
    rf"(?i)\b(?:invite|invited|invitation|welcome|join|support\s+group|coffee\s+morning|group|session|workshop"
    rf"|meeting|evening|club)\b[^.!?\n]{{0,80}}\b{_GROUP}"
)
# The group named by the term itself, as an adjective or a modifier: "Dear Jewish families",
# "our SEN parents", "autistic pupils' families".
_NAMED_BY_TERM = regex.compile(
    r"(?i)['’]?s?\s+(?:parents\s+and\s+carers|families|family|parents|carers|pupils|children|students"
    r"|mums|dads|mothers|fathers|guardians)\b"
)
_GREETING_BEFORE_TERM = regex.compile(
    r"(?i)^\W*(?:dear|hi|hello|to|for|attention)\s+(?:all\s+)?(?:(?:of\s+)?(?:our|the)\s+)?\Z"
)
_OUR_BEFORE_TERM = regex.compile(r"(?i)\b(?:our|all|the)\s+\Z")
_INVITATION = regex.compile(
    r"(?i)\b(?:invite|invited|invitation|welcome|join|support\s+group|coffee\s+morning|session|workshop"
    r"|meeting|evening|club)\b"
)
# Said to whoever it may concern: "if your child has", "should your child need".
_HEDGED_BEFORE = regex.compile(r"(?i)\b(?:if|whether|should|in\s+case|any|unless|where)\b")
_SENTENCE = regex.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


# "Dear families", "Dear parents and carers": the readers greeted as the families of a group.
_FAMILIES_GREETED = regex.compile(
    r"(?im)^\W*(?:dear|hi|hello|to)\s+(?:all\s+)?(?:families|parents(?:\s+and\s+carers)?|carers|mums\s+and\s+dads)\b"
)
_WELCOMED_INTO = regex.compile(r"(?i)\b(?:welcome|welcoming|join|joining|invite|invited|invitation)\b")


def discloses_about_recipients(text: str) -> bool:
    """True when the text says something special-category about its readers as a group."""
    # "Dear families, Welcome to our young carers' group": the readers' children are its members.
    if _FAMILIES_GREETED.search(text):
        for start, end in group_terms(text):
            sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= start < m.end()), None)
            if sentence is not None and _WELCOMED_INTO.search(sentence.group()) and not is_hedged(sentence.group()):
                return True
    terms = special_category_terms(text)
    if not terms:
        return False
    for sentence in _SENTENCE.finditer(text):
        start, end = sentence.span()
        inside = [t_start - start for t_start, _ in terms if start <= t_start < end]
        words = sentence.group()
        if not inside or is_hedged(words):
            continue
        second_person = _SECOND_PERSON.search(words)
        if second_person and not _HEDGED_BEFORE.search(words, 0, second_person.start()):
            return True
        if _GREETED_AS_GROUP.search(words) or _INVITED_AS_GROUP.search(words):
            return True
        if any(_group_named_by_term(words, offset, terms, start) for offset in inside):
            return True
    return False


def _group_named_by_term(words: str, offset: int, terms: list[tuple[int, int]], start: int) -> bool:
    """The readers greeted or invited as a group the term names: "Dear Muslim parents",
    "we would like to invite our autistic pupils' families"."""
    term_end = next(e for s, e in terms if s - start == offset) - start
    if not _NAMED_BY_TERM.match(words, term_end):
        return False
    before = words[:offset]
    if _GREETING_BEFORE_TERM.search(before):
        return True
    return bool(_OUR_BEFORE_TERM.search(before)) and _INVITATION.search(words) is not None
