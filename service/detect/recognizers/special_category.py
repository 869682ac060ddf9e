"""SPECIAL_CATEGORY: health, SEN, safeguarding, care, FSM, exclusion, ethnicity,
religion, sexuality or offending, said about a person."""

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc, Token

from service.detect.covered import Covered
from service.detect.nlp import fine_tags
from service.detect.recognizers._person_evidence import addressing_spans
from service.detect.sentence_classifier import SentenceClassifier, classifier_of
from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import phrase_regex, scored_result, subject_line_end
from service.detect.recognizers.person import (
    calendar_word_as_modifier,
    festival_spans,
    is_public_figure,
    is_acronym_plural,
    is_common_words_span,
    lower_case_line,
    only_common_words,
)
from service.detect.recognizers._special_category_evidence import (
    column_evidence_spans,
    flagged_rows,
    is_empty_label,
    medicine_spans,
    table_heading_spans,
    word_column_headings,
)
from service.detect.recognizers._special_category_forms import (
    block_lines,
    faith_food_in_named_lines,
    faith_food_in_tables,
    form_fields,
)
from service.detect.recognizers._special_category_safeguarding import REFERRED_TO, for_someone, for_those_listed
from service.detect.recognizers._special_category_safeguarding import generic_use as generic_safeguarding
from service.detect.recognizers._special_category_terms import GENERIC_FOLLOWERS, GENERIC_PRECEDERS, TOPICS
from service.detect.recognizers._health_evidence import everyday_health_spans, in_general_talk

# "my" for the writer's own health ("since I disclosed my Crohn's disease"); not "I" or
# "me", which come with every "I've updated the SEN register".
PRONOUNS = frozenset(
    {"he", "she", "him", "his", "her", "hers", "himself", "herself", "they", "them", "their", "my"}
)
PERSON_NOUNS = frozenset({
    "pupil", "child", "student", "learner", "son", "daughter", "boy", "girl", "stepson",
    "stepdaughter", "grandson", "granddaughter", "nephew", "niece", "brother", "sister",
    "sibling", "mum", "dad", "mother", "father", "parent", "carer",
})
# "a pupil", "any child", "every student": someone in general, not a person.
_GENERAL_DETERMINERS = frozenset({"a", "an", "any", "each", "every", "all", "no", "which", "whichever"})
# Capitalised words spaCy may tag as proper nouns that are not people.
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "school", "trust", "academy", "college", "council",
    "team", "department", "office", "policy", "week", "day", "month", "year", "term",
    "primary", "secondary", "nursery", "awareness", "dear", "thanks", "regards", "hi",
    "hello", "kind", "best", "please", "key", "stage", "ofsted", "dfe", "nhs", "local",
    "authority", "county", "borough", "city", "england", "kent", "london", "uk", "britain",
    "parents", "parent", "carers", "families", "staff", "colleagues", "governors", "everyone",
    "all", "sir", "madam", "head", "headteacher", "teacher", "teachers", "senco", "dsl",
    "reminder", "update", "note", "re", "fw", "fwd", "subject", "ps", "nb",
    # Day and month abbreviations of timetables ("Tue: Y2 | Wed: nurture group"), Reception class.
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "reception",
})
# "doesn't need an EHCP", "no longer on a CP plan": said not to apply.
_NEGATION = regex.compile(
    r"(?i)\b(?:doesn't|does\s+not|don't|do\s+not|didn't|did\s+not|isn't|is\s+not|aren't|are\s+not"
    r"|wasn't|was\s+not|no\s+longer|not|never|without)"
    r"(?:\s+(?!and\b|but\b|or\b|because\b|so\b|although\b)[\w'’-]+){0,3}\s+$"
)
# Sentences that talk about whoever it may concern: "If your child has an EHCP, ...".
_HEDGE = regex.compile(r"(?i)^\s*if\b|\b(?:whether|may be eligible|might be eligible|could be eligible)\b")


def _topic_regexes() -> tuple["regex.Pattern[str]", tuple["regex.Pattern[str]", ...], "regex.Pattern[str]"]:
    """The phrase trie, each pattern on its own, and the case-sensitive acronyms.

    NOTE: the patterns are not joined to the trie or to each other: an alternation whose
    branches start with a lookbehind is tried at every position of the text, which made
    the lexicon pass several times slower than the trie alone.
    """
    phrases = tuple(p for topic in TOPICS.values() for p in topic.phrases)
    acronyms = sorted({a for topic in TOPICS.values() for a in topic.acronyms}, key=len, reverse=True)
    patterns = tuple(regex.compile(p, regex.IGNORECASE) for topic in TOPICS.values() for p in topic.patterns)
    case_sensitive = regex.compile(
        r"(?<![\w])(?:" + "|".join(regex.escape(a) for a in acronyms) + r")(?![\w])"
    )
    return phrase_regex(phrases), patterns, case_sensitive


_TERMS, _TERM_PATTERNS, _ACRONYMS = _topic_regexes()

# "(?<=\b(?:diagnosed\s+with|diagnosis\s+of|diagnosis:)\s+...": a pattern that opens with a
# lookbehind over alternatives, and the letters every alternative starts with.
_OPENING_LOOKBEHIND = regex.compile(r"\(\?<=\\b\(\?:((?:[a-z]+[^|()]*\|)*[a-z]+[^|()]*)\)")


def _needed_word(pattern: "regex.Pattern[str]") -> "regex.Pattern[str] | None":
    """What a pattern opening with a lookbehind needs in the text to match at all.

    NOTE: such a pattern has no literal for the engine to look for first, so it is tried at
    every position (5 ms over 50,000 characters for "diagnosed with ..."); the letters its
    lookbehind's alternatives all start with are searched for first, with the pattern's
    own flags (case-insensitive), and the pattern runs only where they occur.
    """
    opening = _OPENING_LOOKBEHIND.match(pattern.pattern)
    if opening is None:
        return None
    words = [regex.match(r"[a-z]+", alternative).group() for alternative in opening.group(1).split("|")]
    common = words[0]
    for word in words[1:]:
        while not word.startswith(common):
            common = common[:-1]
    return regex.compile(regex.escape(common), pattern.flags) if len(common) >= 4 else None


_TERM_PATTERNS_NEEDING = tuple((pattern, _needed_word(pattern)) for pattern in _TERM_PATTERNS)


def _lexicon_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the lexicon's phrases and patterns (not the acronyms), in order of start."""
    return list(_lexicon_spans_once(text))


@lru_cache(maxsize=8)
def _lexicon_spans_once(text: str) -> tuple[tuple[int, int], ...]:
    # The recognizer, the group-disclosure check and group_terms read the same text.
    spans = [m.span() for m in _TERMS.finditer(text)]
    for pattern, needed in _TERM_PATTERNS_NEEDING:
        if needed is not None and needed.search(text) is None:
            continue
        spans += [m.span() for m in pattern.finditer(text)]
    return tuple(sorted(spans))
# "the "Ethnicity" field": a closing quote may stand between the term and its follower.
_FOLLOWER = regex.compile(
    r"[\s\-\"'”’]*(?:" + "|".join(regex.escape(w) for w in GENERIC_FOLLOWERS) + r")(?![\w])", regex.IGNORECASE
)
# "WBRI 61%", "FSM: 23%", "SEN 14.5%": a share of a group, not a fact about a person.
_FIGURE_AFTER = regex.compile(r"[ \t]*[:=]?[ \t]*\d[\d,.]*[ \t]?%")
# " - Aaliyah", ": Tom Reed" and nothing more on the line.
_THEN_A_NAME_ENDS_THE_LINE = regex.compile(r"[ \t]*[-–:][ \t]*\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?[ \t]*(?:\n|\Z)")
# "several pupils have severe allergies", "some of our children are on SEN support": a share of a group.
_SOME_OF_A_GROUP = regex.compile(
    r"(?i)\b(?:several|some|many|a\s+few|a\s+number\s+of|most|other|few)\s+(?:of\s+(?:our|the)\s+)?"
    r"(?:pupils|children|students|learners|staff|families|parents|people)\s+(?:[\w'’-]+\s+){0,5}$"
)
_HEADER_LINE = regex.compile(r"(?i)[ \t>]*(?:from|to|cc|bcc|sent|reply-to)[ \t]*:")
# "18% SEN support", "12% of pupils are FSM", "31 per cent with an EHCP": a share of a group.
_FIGURE_BEFORE = regex.compile(
    # Spaces only: a tab is a cell break ("78.9%<TAB>CIN" is a pupil's attendance, then a status).
    r"(?i)\d[\d,.]*[ ]?(?:%|per[ ]?cent)[ ]*(?:of[ ]+(?:our[ ]+|the[ ]+)?(?:pupils|children|students|learners|staff|cohort)[ ]*)?"
    r"(?:(?:are|is|were|on|with|have|has|eligible[ ]+for|receive|receiving)[ ]+)?(?:an?[ ]+|the[ ]+)?$"
)
# "Thanks for telling me about the bedwetting", "for letting us know about his epilepsy".
_TOLD_ABOUT = regex.compile(
    r"(?i)\b(?:telling|told|tell|letting\s+(?:me|us)\s+know|let\s+(?:me|us)\s+know|mentioning|mentioned|explaining"
    r"|explained)\b(?:\s+(?:me|us))?\s+(?:about|of)\s+(?:the|her|his|their|your\s+\w+['’]s)\s+(?:[\w'’-]+\s+){0,2}$"
)
# "his asthma", "her back surgery": the term as the person's own, said, not supposed.
_THEIR_OWN = regex.compile(r"(?i)\b(?:his|her)\s+(?:[\w'’-]+\s+)?$")
_CASES_BEFORE = regex.compile(r"(?i)\b(?:an?\s+(?:\w+\s+)?cases?|(?:\w+\s+)?cases|an\s+outbreak|outbreaks?)\s+of\s+$")
# What goes round a class: said "in Year 3" it is an outbreak notice, not anyone's illness.
_CATCHING = regex.compile(
    r"(?i)head\s+lice|nits|chickenpox|chicken\s+pox|norovirus|scarlet\s+fever|impetigo|threadworms?|hand,?\s+foot"
    r"\s+and\s+mouth|slapped\s+cheek|measles|mumps|whooping\s+cough|conjunctivitis|sickness\s+bug|covid|flu"
)
_HAS_IT = regex.compile(r"(?i)\b(?:has|have|had|got|caught|with|from)\s+(?:the\s+)?$")
_IN_A_GROUP = regex.compile(
    r"(?i)\s+(?:in|across|among|amongst|within)\s+(?:the\s+|our\s+|your\s+child['’]s\s+)?"
    r"(?:class|classes|year|years|y\d|reception|nursery|school|key\s+stage|ks\d|form|tutor\s+group|group|setting|\d{1,2}\s?[A-Z]\b)"
)
_FAITH_WORD = regex.compile(
    r"(?i)muslims?|jewish|jews|hindus?|sikhs?|buddhists?|catholics?|christians?|jehovah['’]s\s+witness(?:es)?"
    r"|rastafarians?|atheists?|orthodox|pentecostals?|mormons?"
)
# "As Jehovah's Witnesses we", "we are Sikh", "as a Muslim family we", "we're Catholic".
_OUR_FAITH = regex.compile(
    r"(?i)\bas\s+(?:a\s+)?(?:[\w'’]+\s+){1,3}(?:family\s+)?(?:we|our\s+family)\b"
    r"|\b(?:we\s+are|we['’]re|our\s+family\s+(?:is|are))\s+(?:a\s+|practising\s+|devout\s+)?(?:[\w'’]+\s+){0,2}?"
    r"(?:muslims?|jewish|jews|hindus?|sikhs?|buddhists?|catholics?|christians?|jehovah['’]s|rastafarians?|atheists?)"
)
_YOUR_OWN = regex.compile(r"(?i)\byour\s+(?:[\w'’-]+\s+)?$")
_ASKS_OF_ALL = regex.compile(
    r"(?i)\b(?:tell|let|inform|update|share|notify|advise|remind)\s+(?:us|me|the\s+\w+)\b|\bany\b|\bif\b|\bwhether\b"
    r"|\bplease\s+(?:list|give|state|note|declare|record|add)\b|\?"
)
_CLASS_BEFORE = regex.compile(r"(?i)\b(?:the|our|my|your|whole)[ ]+class[ ]+$")
_PRECEDER = regex.compile(phrase_regex(GENERIC_PRECEDERS).pattern + r"[\s\-]*$", regex.IGNORECASE)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int


class SpecialCategoryRecognizer(OneEntityRecognizer):
    """A lexicon hit that is about a person and not policy talk.

    About a person: the same sentence (cut at a blank line) holds, outside the hit
    itself, a PERSON entity, a name-like proper noun, a pronoun (he, she, they...),
    or a person noun not used in general ("the pupil", "your child", not "a pupil").
    Not policy talk: the hit is not followed by "policy", "training", "strategy",
    "Awareness Week" and the like, nor preceded by "our", "national", "DBS"...
    Failing that, a person named in the sentence before (same paragraph) will do.
    A safeguarding, care or SEN term in policy, training, admissions, a role, a group
    or a count is about no one, whoever is named (_special_category_safeguarding.py).
    Sentences that only speak in general ("If your child has an EHCP...") are
    skipped. The span is the phrase. In forms and needs lists a special label's value is
    the span instead of the label ("Religion: Sikh"), about the form's named person
    (_special_category_forms.py).
    """

    CONTEXT: ClassVar[list[str]] = []
    # Both above spaCy's flat 0.85 for PERSON: where a name guess overlaps a lexicon
    # phrase ("buccal midazolam" read as a name), the phrase is the better reading.
    NAMED_SCORE = 0.92
    REFERRED_SCORE = 0.86
    # Below the reporting threshold: kept only if enhance_using_context finds a name.
    NEEDS_A_NAME_SCORE = 0.1
    # The sentence classifier (service/detect/sentence_classifier.py): from SPECIAL_AT a
    # sentence with no lexicon hit is reported when it is about a person (models/README.md
    # gives the figures behind both thresholds). Its phrase is a guess at the words that
    # carry the fact, so a name found over it (0.85) wins.
    # NOTE: the classifier does not veto lexicon hits. Dropping hits in sentences it
    # scored below 0.02-0.1 lost 5-7 true hits on the tuning corpus ("his ADHD
    # medication", an "FSM  PP" table header) and removed no false one there.
    SPECIAL_AT = 0.9
    # The phrase on its own must read as special too: a sentence that scores high only
    # as a whole ("Zainab won't be in today") has no phrase to report.
    PHRASE_AT = 0.3
    # A phrase of one word must read as special on its own: an unknown word scores about
    # 0.22, "roll" in "once he is on roll" 0.37, "fasting" 0.42, "chemo" 0.49.
    ONE_WORD_PHRASE_AT = 0.4
    # A sentence from LEANING_AT to SPECIAL_AT is reported only through a clause that
    # scores LEANING_PHRASE_AT alone (chosen on the dev split, models/README.md).
    LEANING_AT = 0.5
    LEANING_PHRASE_AT = 0.9
    CLASSIFIED_NAMED_SCORE = 0.8
    CLASSIFIED_REFERRED_SCORE = 0.75

    ENTITY = "SPECIAL_CATEGORY"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        doc = nlp_artifacts.tokens if nlp_artifacts is not None else None
        classifier = classifier_of(doc)
        # Health in everyday words (_health_evidence.py) joins the lexicon's hits here only,
        # not special_category_terms(), which the group-disclosure check shares.
        everyday = _everyday_health(text)
        hits = _outermost(special_category_terms(text) + everyday)
        everyday_spans = set(everyday)
        # Forms and needs lists (_special_category_forms.py): a labelled value replaces its label's hits.
        results, covered = self._form_results(text, hits, nlp_artifacts)
        hits = _uncovered(hits, covered)
        placed = [(r.start, r.end) for r in results if r.score > self.NEEDS_A_NAME_SCORE]
        if not hits and classifier is None:
            return results
        sentences = _sentences(text, doc)
        starts = [s.start for s in sentences]
        subject_end = subject_line_end(text)
        unplaced_in_subject: list[tuple[int, int]] = []
        for start, end in hits:
            index = max(0, bisect.bisect_right(starts, start) - 1)
            sentence = sentences[index]
            if (start, end) in everyday_spans and in_general_talk(text[sentence.start : sentence.end], start - sentence.start):
                continue  # "Any child who bumps their head...", "If he feels sick on the coach..."
            # A safeguarding or care term in policy, training, admissions or a count
            # ("looked after children have priority") is about no one, named or not.
            if generic_safeguarding(text, start, end, sentence.start, sentence.end):
                continue
            score = self._about_a_person(text, sentences, index, start, end, nlp_artifacts)
            if score is not None:
                results.append(self._result(start, end, score))
            if score is not None and score > self.NEEDS_A_NAME_SCORE:
                placed.append((start, end))
            elif end <= subject_end:
                unplaced_in_subject.append((start, end))
        if classifier is not None and doc is not None:
            # A sentence whose lexicon hits found no one yet is still read whole: "The family
            # keep kosher" has the hit "keep kosher", but only the sentence has "the family".
            results += self._classified(text, doc, classifier, sentences, placed, nlp_artifacts)
        # "Subject: IVF appointments" over a body that states someone's special facts: the
        # subject line is the message's, and the message is about that person.
        if unplaced_in_subject and (
            any(r.start >= subject_end and r.score > self.NEEDS_A_NAME_SCORE for r in results)
            or _names_someone_after(text, subject_end, nlp_artifacts)
        ):
            results += [self._result(start, end, self.REFERRED_SCORE) for start, end in unplaced_in_subject]
        return results

    def _form_results(
        self, text: str, hits: list[tuple[int, int]], nlp_artifacts: NlpArtifacts | None
    ) -> tuple[list[RecognizerResult], list[tuple[int, int]]]:
        """Values of special form labels and faith food in name-led lines, and the spans they cover.

        About a person: a name in the line outside the field, or on a line of the same
        block (up to a blank line) that is not itself a special field ("Name: ...").
        A value with lexicon hits inside ("Arjun - nut allergy (EpiPen...)") keeps those
        hits, with the form's person, so that no name in the value is taken into the span.
        """
        fields = form_fields(text)
        # (the phrase, where its person is looked for: the name that leads the line, or the row)
        food = list(dict(faith_food_in_named_lines(text) + faith_food_in_tables(text)).items())
        covered = [f.label for f in fields] + [f.value for f in fields if f.value] + [p for p, _ in food]
        covered += word_column_headings(text)  # "Religion" over "Sikh", "Muslim": the cells are the spans
        field_lines = {f.line for f in fields}
        seen: dict[tuple[int, int], bool] = {}  # a block's lines are asked about once per text

        def named_line(a: int, b: int) -> bool:
            if (a, b) not in seen:
                seen[a, b] = _named_person_in(text, _Sentence(a, b), a, a, nlp_artifacts)
            return seen[a, b]

        results = []
        for field in fields:
            if field.value is None:
                continue
            (line_start, line_end), (start, end) = field.line, field.value
            around = [(line_start, field.label[0]), (end, line_end)] + [
                line for line in block_lines(text, line_start) if line not in field_lines
            ]
            named = any(named_line(a, b) for a, b in around if b > a)
            score = self.NAMED_SCORE if named else self.NEEDS_A_NAME_SCORE
            inside = []
            if start > field.label[0]:  # not a flag field, whose span is the label's own
                i = bisect.bisect_left(hits, (start, -1))
                while i < len(hits) and hits[i][0] < end:
                    inside += [hits[i]] if hits[i][1] <= end else []
                    i += 1
            results += [self._result(a, b, score) for a, b in inside or [(start, end)]]
        for (start, end), (name_start, name_end) in food:
            named = _named_person_in(text, _Sentence(name_start, name_end), start, end, nlp_artifacts)
            results.append(self._result(start, end, self.NAMED_SCORE if named else self.NEEDS_A_NAME_SCORE))
        return results, covered

    def _classified(
        self,
        text: str,
        doc: Doc,
        classifier: SentenceClassifier,
        sentences: list[_Sentence],
        hits: list[tuple[int, int]],
        nlp_artifacts: NlpArtifacts | None,
    ) -> list[RecognizerResult]:
        """Sentences the classifier reads as clearly special, with no lexicon hit, about a person.

        About a person as for a lexicon hit: a PERSON entity or name-like proper noun,
        a pronoun or a person noun in the sentence outside the phrase, and here "I"
        too; failing that, a PERSON from the other recognizers (enhance_using_context).
        """
        units = _units(text, sentences)
        out = []
        for unit, p in zip(units, classifier.scores(doc, [(u.start, u.end) for u in units])):
            if p < min(self.SPECIAL_AT, self.LEANING_AT) or any(unit.start <= a < unit.end for a, _ in hits):
                continue
            unit_text = text[unit.start : unit.end]
            if _HEDGE.search(unit_text):
                continue
            # A sentence that only leans special needs a clause that reads clearly special:
            # "Mr X goes to Friday prayers at the mosque at lunchtime, can we keep his period
            # 5 free" (0.69 as a whole, its first clause 0.99).
            phrase_at = self.PHRASE_AT if p >= self.SPECIAL_AT else self.LEANING_PHRASE_AT
            phrase = _phrase(doc, classifier, unit, phrase_at, max(phrase_at, self.ONE_WORD_PHRASE_AT))
            if phrase is None:
                continue
            start, end = phrase
            # "He doesn't need an EHCP at this point": said not to apply, as for a lexicon hit.
            if _NEGATION.search(text, max(unit.start, start - 40), start) or _NEGATED_PHRASE.match(text, start, end):
                continue
            if _named_person_in(text, unit, start, end, nlp_artifacts):
                score = self.CLASSIFIED_NAMED_SCORE
            elif _referred_to(unit_text, start - unit.start, end - unit.start, _FIRST_PERSON) or _A_FAMILY.search(unit_text):
                score = self.CLASSIFIED_REFERRED_SCORE
            elif (before_name := _before_a_closing_name(start, end, nlp_artifacts)) is not None:
                # "Auto-injector training for staff who teach Mia": the phrase ran on over
                # a name the NER did not find; it stops before the name.
                score, end = self.CLASSIFIED_REFERRED_SCORE, before_name
            else:
                score = self.NEEDS_A_NAME_SCORE
            out.append(scored_result(self, "SPECIAL_CATEGORY", start, end, score, _CLASSIFIED))
        return out

    @staticmethod
    def _generic(text: str, start: int, end: int) -> bool:
        follower = _FOLLOWER.match(text, end, end + 40)
        # "Subject: IHP update - Aaliyah": a heading word, but the line ends naming someone;
        # "Leo has been referred to the Early Help team": the team is where someone was sent.
        if (
            follower
            and not _THEN_A_NAME_ENDS_THE_LINE.match(text, follower.end(), follower.end() + 60)
            and not REFERRED_TO.search(text, max(0, start - 40), start)
            and not for_someone(text, start, follower.end())
        ):
            return True
        if _FIGURE_AFTER.match(text, end, end + 20):
            return True
        if _FIGURE_BEFORE.search(text, max(0, start - 60), start) or _SOME_OF_A_GROUP.search(text, max(0, start - 60), start):
            return True
        # A quoted header's From / To / Cc line names mailboxes ("From: SEN Casework <...>").
        line_start = text.rfind("\n", 0, start) + 1
        if _HEADER_LINE.match(text, line_start, start):
            return True
        if _NEGATION.search(text, max(0, start - 40), start):
            return True
        # "the class allergy list": the whole class's (a space before it, not a table's "Class\tFSM").
        if _CLASS_BEFORE.search(text, max(0, start - 20), start):
            return True
        # "a case of head lice in Class 2F", "cases of chickenpox in Year 1", "Subject: Head lice in
        # Class 2F": in a group, not in anyone said.
        if _IN_A_GROUP.match(text, end, end + 40) and (
            _CASES_BEFORE.search(text, max(0, start - 30), start)
            or (_CATCHING.fullmatch(text, start, end) and not _HAS_IT.search(text, max(0, start - 16), start))
        ):
            return True
        return _PRECEDER.search(text, max(0, start - 20), start) is not None

    def _about_a_person(
        self,
        text: str,
        sentences: list[_Sentence],
        index: int,
        start: int,
        end: int,
        nlp_artifacts: NlpArtifacts | None,
    ) -> float | None:
        sentence = sentences[index]
        if _named_person_in(text, sentence, start, end, nlp_artifacts):
            return self.NAMED_SCORE
        # A column heading ("FSM", "Allergies") is about the people of the rows flagged under it.
        for row_start, row_end in flagged_rows(text, start, end):
            if _named_person_in(text, _Sentence(row_start, row_end), row_start, row_start, nlp_artifacts):
                return self.NAMED_SCORE
        sentence_text = text[sentence.start : sentence.end]
        # A hedge governs what follows it ("If your child has an EHCP"), not a fact stated
        # before it ("off with stress since November; we've asked OH whether he is fit");
        # "whether the absence related to her back surgery": "her" makes it someone's fact.
        if _HEDGE.search(text[sentence.start : start]) and not _THEIR_OWN.search(
            text, max(sentence.start, start - 24), start
        ):
            return None
        # "Year 9 learn about Stephen Hawking: motor neurone disease, his voice synthesiser": the
        # pronouns of a sentence about a public figure are the figure's.
        if _a_public_figure_in(text, sentence, nlp_artifacts):
            return None
        if _referred_to(sentence_text, start - sentence.start, end - sentence.start):
            return self.REFERRED_SCORE
        # "Thanks for telling me about the bedwetting": a fact the reader told the writer, so
        # someone's (their child's, their own), though the sentence names no one.
        if _TOLD_ABOUT.search(text, max(sentence.start, start - 60), start):
            return self.REFERRED_SCORE
        # "OH recommended it given your IBS", "I've put this on your reasonable adjustments plan":
        # the reader's own, stated; not "please tell us about your allergies", a request to all.
        if _YOUR_OWN.search(text, max(sentence.start, start - 30), start) and not _ASKS_OF_ALL.search(
            text, max(sentence.start, start - 60), start
        ):
            return self.REFERRED_SCORE
        # "As Jehovah's Witnesses we don't celebrate it", "we're Muslim": the writer's family's faith.
        if _OUR_FAITH.search(text, max(sentence.start, start - 30), min(sentence.end, end + 30)) and _FAITH_WORD.fullmatch(
            text, start, end
        ):
            return self.REFERRED_SCORE
        # "Could you confirm free school meals eligibility for these two?" over a list of names.
        if for_those_listed(text, end):
            return self.REFERRED_SCORE
        # "Jack was seen by the nurse. Possible concussion.": the person named just before.
        previous = _previous_in_paragraph(text, sentences, index)
        if previous is not None and _named_person_in(text, previous, start, end, nlp_artifacts):
            return self.REFERRED_SCORE
        return self.NEEDS_A_NAME_SCORE

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Hits still waiting for a person take one from the PERSON recognizer's results.

        spaCy's own entities miss many names ("Harvey" as a noun); the PERSON
        recognizer (titles, its own rules) finds more, and Presidio hands its results
        to every recognizer here.
        """
        addressed = _addressing(text)
        people = [
            r for r in other_raw_recognizer_results
            if r.entity_type == "PERSON" and not addressed.overlaps(r.start, r.end)
        ]
        for result in [r for r in raw_recognizer_results if _is_classified(r)]:
            _step_off_people(result, people)
        waiting = [r for r in raw_recognizer_results if r.score == self.NEEDS_A_NAME_SCORE]
        if not waiting or not people:
            return raw_recognizer_results
        sentences = _sentences(text, nlp_artifacts.tokens if nlp_artifacts is not None else None)
        starts = [s.start for s in sentences]
        for result in waiting:
            classified = _is_classified(result)
            named, referred = (
                (self.CLASSIFIED_NAMED_SCORE, self.CLASSIFIED_REFERRED_SCORE) if classified
                else (self.NAMED_SCORE, self.REFERRED_SCORE)
            )
            index = max(0, bisect.bisect_right(starts, result.start) - 1)
            sentence = sentences[index]
            previous = _previous_in_paragraph(text, sentences, index)
            row = _table_row(text, result.start, result.end)
            flagged = flagged_rows(text, result.start, result.end)
            for person in people:
                if any(a <= person.start < b for a, b in flagged):
                    result.score = named  # a heading, and someone in a row flagged under it
                    break
                if row is not None and not row[0] <= person.start < row[1]:
                    continue  # in a table, the person must be in the hit's own row
                if person.end <= result.start or person.start >= result.end:
                    if sentence.start <= person.start < sentence.end:
                        result.score = named
                        break
                    if previous is not None and previous.start <= person.start < previous.end and not classified:
                        result.score = referred
        return raw_recognizer_results

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "SPECIAL_CATEGORY", start, end, score, "special category about a person")


_NEAR_CHARS = 300
_ACRONYM_SET = frozenset(a for topic in TOPICS.values() for a in topic.acronyms)
_WORD_BEFORE = regex.compile(r"([A-Za-z]+)[^A-Za-z\n]*$")
_WORD_AFTER = regex.compile(r"[^A-Za-z\n]*([A-Za-z]+)")


def special_category_terms(text: str) -> list[tuple[int, int]]:
    """Spans of the lexicon's terms that are not policy talk, a negation or a shouted word.

    Whether each is about someone is left to the caller (the recognizer asks about a
    person; service/context/group_disclosure.py about the recipients as a group).
    """
    hits = _lexicon_spans(text)
    hits += [m.span() for m in _ACRONYMS.finditer(text) if not _shouted(text, *m.span())]
    # Evidence beyond the lists: a medicine by its dose or stem, a cell under a special heading.
    hits += medicine_spans(text)
    hits += table_heading_spans(text)
    hits += column_evidence_spans(text, hits)
    return [
        h for h in _outermost(hits)
        if not SpecialCategoryRecognizer._generic(text, *h) and not is_empty_label(text, h[1])
    ]


def _names_someone_after(text: str, at: int, nlp_artifacts: NlpArtifacts | None) -> bool:
    """A PERSON the NER found after `at` that is not the reader greeted or the writer signing off."""
    if nlp_artifacts is None:
        return False
    addressed = _addressing(text)
    festivals = Covered(festival_spans(text, at, len(text)))
    terms = _lexicon_covered(text)
    return any(
        ent.label_ == "PERSON" and ent.start_char >= at and _name_like(text, ent.start_char, ent.end_char)
        and " " in ent.text.strip() and not addressed.overlaps(ent.start_char, ent.end_char)
        and not _on_a_header_line(text, ent.start_char)
        and not festivals.overlaps(ent.start_char, ent.end_char) and not terms.overlaps(ent.start_char, ent.end_char)
        and not is_public_figure(text, ent.start_char, ent.end_char)
        for ent in nlp_artifacts.entities
    )


def _a_public_figure_in(text: str, sentence: _Sentence, nlp_artifacts: NlpArtifacts | None) -> bool:
    """The NER found a public figure or a character in the sentence (a name schools teach)."""
    if nlp_artifacts is None:
        return False
    return any(
        ent.label_ == "PERSON" and sentence.start <= ent.start_char < sentence.end
        and is_public_figure(text, ent.start_char, ent.end_char)
        for ent in nlp_artifacts.entities
    )


def _on_a_header_line(text: str, pos: int) -> bool:
    """`pos` is on a quoted header's From / To / Cc / Sent line: a mailbox's name, no one a fact is about."""
    line_start = text.rfind("\n", 0, pos) + 1
    return _HEADER_LINE.match(text, line_start, pos) is not None


# "our young carers' group", "the autism parents' coffee morning": a group the term defines.
_GROUP_FOLLOWER = regex.compile(
    r"(?i)['’]?s?['’]?[ \t]+(?:(?:support|parents['’]?|carers['’]?|peer)[ \t]+)?(?:group|club|coffee[ \t]+morning|session|workshop|meet-?up|network)s?\b"
)


def group_terms(text: str) -> list[tuple[int, int]]:
    """Lexicon terms that name a group by what its members share ("young carers' group")."""
    return [(a, b) for a, b in _lexicon_spans(text) if _GROUP_FOLLOWER.match(text, b)]


def _everyday_health(text: str) -> list[tuple[int, int]]:
    """Everyday-health spans that are not policy talk, a negation or an empty label."""
    return [
        h for h in everyday_health_spans(text)
        if not SpecialCategoryRecognizer._generic(text, *h) and not is_empty_label(text, h[1])
    ]


def is_hedged(sentence: str) -> bool:
    """A sentence that speaks to whoever it may concern: "If your child has an EHCP, ..."."""
    return _HEDGE.search(sentence) is not None


def _shouted(text: str, start: int, end: int) -> bool:
    """An acronym inside capitals ("PLEASE SEND HIM HOME") is just a shouted word."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _WORD_AFTER.match(text, end, end + 30)
    return all(
        m is not None and m.group(1).isupper() and len(m.group(1)) > 1 and m.group(1) not in _ACRONYM_SET
        for m in (before, after)
    )


def _uncovered(hits: list[tuple[int, int]], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hits that overlap none of the covered spans (both merged in order: no quadratic scan)."""
    if not covered:
        return hits
    merged: list[list[int]] = []
    for a, b in sorted(covered):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    out = []
    for h in hits:
        i = bisect.bisect_left(starts, h[1]) - 1  # the last covered span starting before the hit ends
        if i < 0 or merged[i][1] <= h[0]:
            out.append(h)
    return out


def _previous_in_paragraph(text: str, sentences: list[_Sentence], index: int) -> _Sentence | None:
    if index == 0 or regex.search(r"\n\s*\n", text[sentences[index - 1].end : sentences[index].start]):
        return None
    return sentences[index - 1]


def _table_row(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the hit's line when it is a row of tab-separated cells, else None."""
    row_start, row_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    row_end = len(text) if row_end < 0 else row_end
    return (row_start, row_end) if "\t" in text[row_start:row_end] else None


def _named_person_in(
    text: str, sentence: _Sentence, start: int, end: int, nlp_artifacts: NlpArtifacts | None
) -> bool:
    """A PERSON entity or a name-like proper noun in the sentence, outside the hit."""
    if nlp_artifacts is None or nlp_artifacts.tokens is None:
        return False
    # A table has no full stops, so its "sentence" can be every row: look near the hit,
    # and in a row of cells (tab-separated) at that row only.
    lo, hi = max(sentence.start, start - _NEAR_CHARS), min(sentence.end, end + _NEAR_CHARS)
    row = _table_row(text, start, end)
    if sentence.start <= start < sentence.end and row is not None:
        lo, hi = max(lo, row[0]), min(hi, row[1])
    if hi <= lo:
        return False
    addressed = _addressing(text)
    festivals = Covered(festival_spans(text, lo, hi))
    terms = _lexicon_covered(text)
    for ent in nlp_artifacts.entities:
        if (
            ent.label_ == "PERSON" and lo <= ent.start_char < hi and _name_like(text, ent.start_char, ent.end_char)
            and not calendar_word_as_modifier(text, ent.start_char, ent.end_char, nlp_artifacts)
            # "How did Stephen Hawking change attitudes to disability?": a public figure's is no one's data.
            and not is_public_figure(text, ent.start_char, ent.end_char)
            and not _on_a_header_line(text, ent.start_char)
            and not festivals.overlaps(ent.start_char, ent.end_char)
            # A term the NER read as a name ("Autumn: Judaism (Shabbat, ...)") is no one.
            and not terms.overlaps(ent.start_char, ent.end_char)
        ):
            if (ent.end_char <= start or ent.start_char >= end) and not addressed.overlaps(ent.start_char, ent.end_char):
                return True
    span = nlp_artifacts.tokens.char_span(lo, hi, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    title_start, title_end = _capitalised_run(tokens, start, end)
    candidates = [
        i for i, tok in enumerate(tokens)
        if tok.is_title and sum(c.isalpha() for c in tok.text) > 1 and tok.lower_ not in _NOT_NAMES and not only_common_words(tok.text)
        and not title_start <= tok.idx < title_end
        and not any(c.isdigit() for c in tok.text)  # "Y1", "Y3": a year group, not a name
        and not addressed.overlaps(tok.idx, tok.idx + len(tok.text))
        # A term is not a name for being capitalised: "Subject: Hayfever season", "Asthma: ..."
        and not terms.overlaps(tok.idx, tok.idx + len(tok.text))
        # Nor is what the NER read as a language or nationality ("in English"); not places or
        # dates, which it also gives names ("June", "Chelsea").
        and tok.ent_type_ not in _NOT_PERSON_ENTITIES
        # "LADO consultation - Oakfield Academy": a word of an organisation's or place's name.
        and not _names_an_organisation(tokens, i)
        and not is_public_figure(text, tok.idx, tok.idx + len(tok.text))
        and not _on_a_header_line(text, tok.idx)
        and not festivals.overlaps(tok.idx, tok.idx + len(tok.text))
        # "Autumn: Judaism (Shabbat ...)", "Spring 2": a term's heading, not a girl called Autumn.
        and not (tok.lower_ in _CALENDAR_HEADINGS and i + 1 < len(tokens) and (tokens[i + 1].text in ":-–" or tokens[i + 1].like_num))
    ]
    if not candidates or span is None:
        return False
    tags = fine_tags(span)
    return any(
        tags[i] in ("NNP", "NNPS")
        # "Autumn census: 418 on roll": a season or month before a noun names a time.
        and not calendar_word_as_modifier(text, tokens[i].idx, tokens[i].idx + len(tokens[i].text), nlp_artifacts)
        for i in candidates
    )


_NOT_PERSON_ENTITIES = frozenset({"NORP", "LANGUAGE"})
_CALENDAR_HEADINGS = frozenset("spring summer autumn winter january february march april may june july august september october november december".split())
# The last word of an organisation's or a place's name: "Oakfield Academy", "Hollowfield Primary".
_ORGANISATION_WORDS = frozenset(
    """academy academies school schools trust college council primary secondary nursery infants juniors church
    hospital university centre center practice surgery clinic federation partnership services service team
    office department house hall road street lane avenue close park ltd limited plc llp group association""".split()
)


def _names_an_organisation(tokens: list[Token], i: int) -> bool:
    """The capitalised word at `i` opens or runs in a name whose last capitalised word is an organisation's."""
    j = i
    while j + 1 < len(tokens) and tokens[j + 1].is_title:
        j += 1
    return j > i and tokens[j].lower_ in _ORGANISATION_WORDS


@lru_cache(maxsize=4)
def _lexicon_covered(text: str) -> Covered:
    """Where the lexicon's phrases and patterns lie in the text, once per text."""
    return Covered(_lexicon_spans(text))


@lru_cache(maxsize=4)
def _addressing(text: str) -> Covered:
    """The names of the reader in a greeting and of the writer in a sign-off: whatever the
    message says, it is not about them for being near their name ("Hi Sue, 12 looked after")."""
    return Covered(addressing_spans(text))


def _name_like(text: str, start: int, end: int) -> bool:
    """Whether the NER's PERSON can be a name: not common words where capitals say nothing,
    and in lower case only on a line written all in lower case ("thanks priya"). The NER
    also reads "ethnic origin" in a policy as a person."""
    value = text[start:end]
    if value.islower() and not lower_case_line(text, start):
        return False
    # "C." (a grade, an initial alone) and "EHCPs", "TAs" (acronyms in the plural) are no one.
    if sum(c.isalpha() for c in value) < 2 or is_acronym_plural(value):
        return False
    return not is_common_words_span(text, start, end)


def _referred_to(sentence_text: str, start: int, end: int, also: frozenset[str] = frozenset()) -> bool:
    """A pronoun, or a person noun not used in general, outside the hit (offsets in the sentence).

    `also`: more words that count as a person here ("I" for a sentence the classifier
    reads as a fact about someone, where "I've updated the SEN register" is not).
    """
    words = [(m.start(), _uncontract(m.group().lower())) for m in regex.finditer(r"[A-Za-z'’]+", sentence_text)]
    # Other terms' own words ("child protection", "children in need") refer to no one.
    terms = _lexicon_spans(sentence_text)
    group_before = False  # "Pupils may bring their own hayfever tablets": "their" is anyone's
    for i, (offset, word) in enumerate(words):
        if word in _GROUP_NOUNS and (words[i - 1][1] if i else "") not in _DEFINITE_GROUP:
            group_before = True
        if start <= offset < end or any(a <= offset < b for a, b in terms):
            continue
        if word in _PLURAL_PRONOUNS and group_before:
            continue
        if word in PRONOUNS or word in also:
            return True
        if (
            word in PERSON_NOUNS
            and (words[i - 1][1] if i else "") not in _GENERAL_DETERMINERS
            and not _COUNTED.search(sentence_text, max(0, offset - 16), offset)
            and (words[i + 1][1] if i + 1 < len(words) else "") not in _NOUN_AS_ADJECTIVE
        ):
            return True
    return False


# People in general, in the plural: a "they" or "their" after them refers to whoever it may be.
_GROUP_NOUNS = frozenset({"pupils", "children", "students", "learners", "parents", "carers", "families", "staff", "everyone"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
# "the pupils", "these children", "both boys": a group the writer has in mind, perhaps named.
_DEFINITE_GROUP = frozenset({"the", "these", "those", "both", "your", "my", "our", "his", "her", "their"})

# "pupil premium", "student council": the person noun names a thing, not a person.
_NOUN_AS_ADJECTIVE = frozenset({"premium", "council", "voice", "number", "numbers", "records", "record"})

# "412 pupils", "23% of pupils", "81 of the children": figures about a group, not a person.
_COUNTED = regex.compile(r"\d[\d,.]*\s*%?\s*(?:of\s+(?:the\s+|our\s+)?)?$")


def _uncontract(word: str) -> str:
    """Drop a clitic: "he's" -> "he", "child's" -> "child", "they're" -> "they"."""
    return regex.sub(r"['’](?:s|re|ll|d|ve|m)$", "", word)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside another ("SEN" inside "SEN register"); keep text order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _capitalised_run(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The capitalised words written together with the hit, as in "SEN Coffee Morning".

    They name an event or a thing, not a person, so they do not count as a name.
    """
    inside = [i for i, tok in enumerate(tokens) if start <= tok.idx < end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    def capitalised(tok: Token) -> bool:
        return tok.is_title or tok.is_upper

    while first > 0 and capitalised(tokens[first - 1]) and tokens[first - 1].whitespace_:
        first -= 1
    while last + 1 < len(tokens) and capitalised(tokens[last + 1]) and tokens[last].whitespace_:
        last += 1
    return tokens[first].idx, tokens[last].idx + len(tokens[last])


def _sentences(text: str, doc: Doc | None) -> list[_Sentence]:
    """Sentences from spaCy when it ran (else from punctuation), cut at blank lines."""
    if doc is not None and doc.has_annotation("SENT_START"):
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        bounds = [(m.start(), m.end()) for m in regex.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text)]
    out: list[_Sentence] = []
    for s_start, s_end in bounds:
        piece_start = s_start
        for blank in regex.finditer(r"\n\s*\n", text[s_start:s_end]):
            out.append(_Sentence(piece_start, s_start + blank.start()))
            piece_start = s_start + blank.end()
        out.append(_Sentence(piece_start, s_end))
    return out or [_Sentence(0, len(text))]


_CLASSIFIED = "special category about a person (sentence classifier)"
# "I" and "the family" count as someone for a sentence the classifier reads as a fact
# ("I'm having a hysterectomy", "the family keep kosher"), not for a lexicon hit. A
# family may sit inside the phrase ("family keep kosher"), so it is looked for apart.
_FIRST_PERSON = frozenset({"i", "me", "myself"})
_A_FAMILY = regex.compile(r"(?i)\b(?:the|his|her|their|your|my|our)\s+family\b")


_LINE = regex.compile(r"[^\n]+")
# Two words at least: two runs of letters with something else between them.
_TWO_WORDS = regex.compile(r"[A-Za-z][^A-Za-z]+[A-Za-z]")


def _units(text: str, sentences: list[_Sentence]) -> list[_Sentence]:
    """What the classifier reads: each sentence cut at line breaks (a table row, a list
    item), without surrounding space; pieces of fewer than two words are left out."""
    out = []
    for sentence in sentences:
        for m in _LINE.finditer(text, sentence.start, sentence.end):
            piece = m.group()
            if not _TWO_WORDS.search(piece):
                continue
            lead = len(piece) - len(piece.lstrip())
            start = m.start() + lead
            out.append(_Sentence(start, start + len(piece.strip())))
    return out


# Words that cut a sentence into clauses, and those trimmed from a phrase's ends.
_CLAUSE_WORDS = frozenset({"so", "but", "because", "as", "and", "although", "while"})
_EDGE_WORDS = frozenset({
    "is", "are", "was", "were", "am", "be", "been", "being", "has", "have", "had", "having", "will", "would",
    "'ll", "'s", "'re", "'ve", "'m", "'d", "’s", "’ll", "now", "just", "currently", "still", "also", "a", "an",
    "the", "to", "on", "with", "for", "of", "that", "who", "in", "at", "from", "by", "since", "after", "please",
    "note", "told", "said", "says", "say", "me", "us", "we", "our", "you", "your", "today", "tomorrow", "yesterday",
    "week", "next", "last", "this", "morning", "afternoon", "again", "be", "can", "could", "may", "might", "very",
    "really", "got", "get", "gets", "getting", "going", "know", "let", "i", "it", "it's", "there", "not", "off",
})
_PERSON_WORDS = PRONOUNS | PERSON_NOUNS | _FIRST_PERSON | {"mr", "mrs", "ms", "miss", "mx", "dr", "mum's", "dad's"}


_NEGATED_PHRASE = regex.compile(
    r"(?i)(?:doesn't|does\s+not|don't|do\s+not|didn't|did\s+not|isn't|is\s+not|aren't|wasn't|no\s+longer|not|never|no)\b"
)


def _phrase(
    doc: Doc, classifier: SentenceClassifier, unit: _Sentence, at: float, one_word_at: float
) -> tuple[int, int] | None:
    """The clause of a sentence that reads most special, without its people and edge words.

    "After his grommets op he can't swim" gives "grommets op"; "Auto-injector training
    for staff who teach Mia" gives "Auto-injector training for staff".
    """
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    if span is None:
        return None
    # NOTE: a lower-case common word the NER took for a name ("is starting chemo") is no person.
    people = {t.i for ent in doc.ents if ent.label_ == "PERSON" and not only_common_words(ent.text) for t in ent}
    # Clauses cut at people too ("Mrs Obi is starting chemo" gives "starting chemo"), and
    # clauses that keep the pronouns and person nouns inside them: "his dad locks him in
    # his room" states its fact only with "dad" and "him" in it.
    runs: list[list[Token]] = [[]]
    groups: list[list[Token]] = [[]]
    for tok in span:
        if tok.i in people or _clause_break(tok):
            for pieces in (runs, groups):
                if pieces[-1]:
                    pieces.append([])
            continue
        groups[-1].append(tok)
        if _person_word(tok):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(tok)
    candidates = []
    for run in runs + [g for g in groups if any(_person_word(t) for t in g)]:
        while run and (run[0].lower_ in _EDGE_WORDS or _person_word(run[0]) or not run[0].is_alpha):
            run = run[1:]
        while run and (
            run[-1].lower_ in _EDGE_WORDS or _person_word(run[-1]) or not (run[-1].is_alpha or run[-1].like_num)
        ):
            run = run[:-1]
        if run and (run[0].idx, run[-1].idx + len(run[-1])) not in candidates:
            candidates.append((run[0].idx, run[-1].idx + len(run[-1])))
    if not candidates:
        return None
    # NOTE: scored without their edge words. With them ("he'll be out at 3.45",
    # "booked for 5.10 on Tuesday") more ordinary clauses passed on the tuning corpus.
    scores = classifier.scores(doc, candidates)
    best = max(range(len(candidates)), key=lambda i: (scores[i], candidates[i][1] - candidates[i][0]))
    start, end = candidates[best]
    one_word = doc.char_span(start, end, alignment_mode="expand") is not None and len(
        doc.char_span(start, end, alignment_mode="expand")
    ) == 1
    return candidates[best] if scores[best] >= (one_word_at if one_word else at) else None


def _before_a_closing_name(start: int, end: int, nlp_artifacts: NlpArtifacts | None) -> int | None:
    """Where the phrase stops when its last word, after "teach", "with", "for"..., is a
    name-like proper noun; None when it is not."""
    if nlp_artifacts is None or nlp_artifacts.tokens is None:
        return None
    span = nlp_artifacts.tokens.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return None
    last, before = span[-1], span[-2]
    if not (last.is_title and len(last.text) > 1) or last.lower_ in _NOT_NAMES or only_common_words(last.text):
        return None
    if before.lower_ not in _BEFORE_A_NAME or fine_tags(span)[-1] not in ("NNP", "NNPS"):
        return None
    return before.idx + len(before.text)


# Words after which a capitalised last word is someone: "teach Mia", "support Oskar".
_BEFORE_A_NAME = frozenset({
    "teach", "teaches", "support", "supports", "supervise", "supervises", "with", "for", "cover", "covers",
    "look", "after", "help", "helps", "about", "and", "to",
})


def _person_word(tok: Token) -> bool:
    return tok.lower_ in _PERSON_WORDS or _uncontract(tok.lower_) in _PERSON_WORDS


def _clause_break(tok: Token) -> bool:
    """A comma, colon, bracket, a spaced dash (not the hyphen of "auto-injector"), "so", "but"..."""
    if tok.lower_ in _CLAUSE_WORDS:
        return True
    if tok.text in "-–—":
        before = tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
        return before or bool(tok.whitespace_)
    return tok.is_punct and tok.text not in "/'’"


def _is_classified(result: RecognizerResult) -> bool:
    explanation = result.analysis_explanation
    return explanation is not None and explanation.textual_explanation == _CLASSIFIED


def _step_off_people(result: RecognizerResult, people: list[RecognizerResult]) -> None:
    """A classified phrase keeps clear of the names found over it: the longer side stays."""
    for person in people:
        if person.end <= result.start or person.start >= result.end:
            continue
        before, after = person.start - result.start, result.end - person.end
        if before >= after:
            result.end = max(result.start, person.start - 1)
        else:
            result.start = min(result.end, person.end + 1)
