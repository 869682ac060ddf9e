"""Evaluating rules over MessageFacts: pure, no I/O, no detectors.

Administrators' patterns share one time budget per evaluation (PatternBudget). A pattern
check that was skipped or timed out leaves its condition unknown, and conditions combine
in three values (all/any/not over True, False and unknown). A rule whose answer is unknown
is reported with a plain "could not be fully checked" finding at warn (info for an info
rule) rather than passed over in silence.

NOTE: the fail-safe chosen is a warning, not a block and not silence. Silence would let
anyone who pads a draft with attachments switch off a pattern rule; a block would let one
slow pattern make ordinary mail unsendable. A warning tells the sender, who knows what the
draft holds, exactly as an unscannable attachment does.
"""

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import regex

from service.context.about import same_person
from service.context.greeting import names_a_team
from service.context.recipients import RecipientClass, RecipientInfo
from service.history import RecipientSeen
from service.rules.facts import MessageFacts, PartFacts
from service.rules.model import Condition, Rule, Status, Where, compile_pattern
from service.rules.wording import describe_entities, join_words, where_words
from service.schemas.entities import EntityType
from service.schemas.scan import Action, Finding

log = logging.getLogger(__name__)

_LOCATION_ORDER = {"subject": 0, "body": 1, "recipients": 2}

# The time all pattern checks of one draft may take together (each text also has its own limit).
PATTERN_BUDGET_SECONDS = 0.5

NOT_FULLY_CHECKED = (
    "SendGuard ran out of time checking this email against this rule, so it could not tell "
    "whether the rule applies."
)
NOT_FULLY_CHECKED_FIX = (
    "Check the email and its attachments yourself before sending; tell your IT team if this keeps happening."
)

# True, False, or None when a pattern could not be checked in time.
Truth = bool | None


@dataclass
class PatternBudget:
    """The time all pattern checks of one evaluation may take together, and how it was spent."""

    seconds: float
    clock: Callable[[], float] = time.perf_counter
    spent: float = 0.0
    searches: int = 0
    # Checks not run because the budget was spent, and checks cut off by their time limit.
    skipped: int = 0
    timed_out: int = 0

    @property
    def remaining(self) -> float:
        return self.seconds - self.spent

    def search(self, compiled: "regex.Pattern[str]", text: str, per_text_seconds: float) -> Truth:
        """Whether the pattern occurs in the text; None when there was no time to find out."""
        if self.remaining <= 0:
            self.skipped += 1
            return None
        started = self.clock()
        try:
            return compiled.search(text, timeout=min(per_text_seconds, self.remaining)) is not None
        except TimeoutError:
            self.timed_out += 1
            return None
        finally:
            self.searches += 1
            self.spent += self.clock() - started


@dataclass
class Evidence:
    """Why a condition held: where, what (counts and masked forms), which files and domains."""

    locations: set[str] = field(default_factory=set)
    entities: Counter[EntityType] = field(default_factory=Counter)
    masked: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    lookalikes: list[str] = field(default_factory=list)
    count: int = 0
    # Misdirected email (CONTRACT section 8): who is greeted, who the email goes to, new
    # addresses, "Sarah Jones at oakfield.sch.uk", whom the email and an attachment are about.
    greeted: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    usual: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def merge(self, other: "Evidence") -> None:
        self.locations |= other.locations
        self.entities |= other.entities  # the larger count of each type
        self.count = max(self.count, other.count)
        for mine, theirs in (
            (self.masked, other.masked),
            (self.attachments, other.attachments),
            (self.domains, other.domains),
            (self.lookalikes, other.lookalikes),
            (self.greeted, other.greeted),
            (self.to, other.to),
            (self.addresses, other.addresses),
            (self.usual, other.usual),
            (self.about, other.about),
            (self.others, other.others),
        ):
            mine.extend(x for x in theirs if x not in mine)


class RuleEngine:
    """Evaluates a set of rules; one instance per rule set, safe to share across threads."""

    def __init__(
        self, rules: Sequence[Rule], pattern_timeout: float = 0.2, pattern_budget: float = PATTERN_BUDGET_SECONDS
    ) -> None:
        self.rules = [r for r in rules if r.status is not Status.DISABLED]
        # NOTE: rules in force spend the pattern budget first; shadow rules get what is left.
        self._in_budget_order = sorted(self.rules, key=lambda r: r.status is Status.SHADOW)
        self.pattern_timeout = pattern_timeout
        self.pattern_budget = pattern_budget
        self._compiled: dict[tuple[str, bool], regex.Pattern[str]] = {}

    def new_budget(self) -> PatternBudget:
        return PatternBudget(self.pattern_budget)

    def evaluate(
        self, facts: MessageFacts, *, include_shadow: bool = False, budget: PatternBudget | None = None
    ) -> list[Finding]:
        """Every rule's finding; one pattern budget for the whole draft (a new one unless given)."""
        budget = budget or self.new_budget()
        findings = []
        for rule in self._in_budget_order:
            if rule.status is Status.SHADOW and not include_shadow:
                continue
            finding = self.evaluate_rule(rule, facts, budget)
            if finding is not None:
                findings.append(finding)
        return sorted(findings, key=lambda f: -f.action.rank)

    def evaluate_rule(self, rule: Rule, facts: MessageFacts, budget: PatternBudget | None = None) -> Finding | None:
        budget = budget or self.new_budget()
        held, evidence = self._check(rule.when, facts, budget)
        if held is None:
            return _not_fully_checked(rule)
        if not held:
            return None
        action = Action(rule.action)
        for step in rule.escalate:
            # An escalation that could not be checked leaves the rule at its own action.
            ok, extra = self._check(step.when, facts, budget)
            if ok and step.action.rank > action.rank:
                action = step.action
                evidence.merge(extra)
        values = _template_values(evidence, facts)
        return Finding(
            rule=rule.id,
            action=action,
            title=rule.title,
            message=_fill(rule.message, values),
            locations=sorted(evidence.locations, key=lambda loc: (_LOCATION_ORDER.get(loc, 3), loc)),
            entities={t.value: n for t, n in sorted(evidence.entities.items())},
            policy=rule.policy,
            fix=_fill(rule.fix, values),
        )

    # --- conditions -------------------------------------------------------

    def _check(self, cond: Condition, facts: MessageFacts, budget: PatternBudget) -> tuple[Truth, Evidence]:
        if cond.all is not None:
            evidence, unknown = Evidence(), False
            for sub in cond.all:
                ok, ev = self._check(sub, facts, budget)
                if ok is False:
                    return False, Evidence()
                if ok is None:
                    unknown = True
                    continue
                evidence.merge(ev)
            return (None, Evidence()) if unknown else (True, evidence)
        if cond.any is not None:
            evidence, held, unknown = Evidence(), False, False
            for sub in cond.any:
                ok, ev = self._check(sub, facts, budget)
                if ok:
                    held = True
                    evidence.merge(ev)
                elif ok is None:
                    unknown = True
            if held:
                return True, evidence
            return (None if unknown else False), evidence
        if cond.not_ is not None:
            ok, _ = self._check(cond.not_, facts, budget)
            return (None if ok is None else not ok), Evidence()
        if cond.entities is not None:
            test = cond.entities
            return _entities(_parts(facts, test.where), set(test.types), test.min)
        if cond.third_party_names is not None:
            return _names(_parts(facts, cond.third_party_names.where), cond.third_party_names.min)
        if cond.guarded_data is not None:
            return _guarded(_parts(facts, cond.guarded_data.where))
        if cond.recipients is not None:
            test = cond.recipients
            found = facts.recipients_of(RecipientClass(test.klass), set(test.fields))
            addresses = {r.address for r in found}
            ev = Evidence(
                locations={"recipients"},
                domains=sorted({r.domain for r in found}),
                count=len(addresses),
            )
            return len(addresses) >= test.min, ev
        if cond.attachments is not None:
            test = cond.attachments
            chosen = [
                p
                for p in facts.attachments
                if (test.protected is None or p.protected == test.protected)
                and (test.readable is None or p.readable == test.readable)
                and (test.ctf is None or p.ctf == test.ctf)
            ]
            ev = Evidence(locations={p.location for p in chosen}, attachments=[p.name for p in chosen])
            return len(chosen) >= test.min, ev
        if cond.lookalike_domain is not None:
            ev = Evidence(
                locations={"recipients"},
                domains=[m.domain for m in facts.lookalikes],
                lookalikes=[f"{m.domain}, which looks like {m.resembles} ({m.reason})" for m in facts.lookalikes],
            )
            return bool(facts.lookalikes), ev
        if cond.marked_confidential is not None:
            return facts.marked_confidential, Evidence()
        if cond.group_disclosure is not None:
            return facts.group_disclosure, Evidence()
        if cond.pattern is not None:
            return self._pattern(cond, facts, budget)
        if cond.greeting_mismatch is not None:
            return _greeting_mismatch(facts)
        if cond.attachment_about_other_person is not None:
            return _attachment_about_other_person(facts)
        if cond.new_external_recipient is not None:
            return _new_external_recipient(facts)
        if cond.recipient_address_changed is not None:
            return _recipient_address_changed(facts)
        raise AssertionError("Condition validated with no predicate")  # pragma: no cover

    def _pattern(self, cond: Condition, facts: MessageFacts, budget: PatternBudget) -> tuple[Truth, Evidence]:
        test = cond.pattern
        assert test is not None
        key = (test.regex, test.ignore_case)
        if key not in self._compiled:
            self._compiled[key] = compile_pattern(test.regex, test.ignore_case)
        compiled = self._compiled[key]
        ev, unknown = Evidence(), False
        for part in _parts(facts, test.where):
            found = budget.search(compiled, part.text, self.pattern_timeout)
            if found:
                ev.locations.add(part.location)
                if part.kind == "attachment":
                    ev.attachments.append(part.name)
            elif found is None:
                unknown = True
        if unknown:
            # NOTE: neither the text nor the pattern is logged: an administrator's pattern may name someone.
            log.warning("pattern not fully checked in time")
        if ev.locations:
            return True, ev
        return (None if unknown else False), ev


def _not_fully_checked(rule: Rule) -> Finding:
    """A rule whose answer is unknown: said so plainly, at warn at most (see the module's note)."""
    action = Action.INFO if rule.action == "info" else Action.WARN
    return Finding(rule=rule.id, action=action, title=rule.title, message=NOT_FULLY_CHECKED, locations=[],
                   policy=rule.policy, fix=NOT_FULLY_CHECKED_FIX)


def _parts(facts: MessageFacts, where: Iterable[Where]) -> list[PartFacts]:
    wanted = set(where)
    out = []
    for part in facts.parts:
        if part.kind == "subject" and Where.SUBJECT in wanted:
            out.append(part)
        elif part.kind == "body" and Where.BODY in wanted:
            out.append(part)
        elif part.kind == "attachment" and part.readable:
            if Where.ATTACHMENTS in wanted or (Where.UNPROTECTED_ATTACHMENTS in wanted and not part.protected):
                out.append(part)
    return out


def _part_evidence(part: PartFacts, entities: Counter[EntityType]) -> Evidence:
    return Evidence(
        locations={part.location},
        entities=Counter(entities),
        masked=list(part.masked[:3]),
        attachments=[part.name] if part.kind == "attachment" else [],
    )


def _entities(parts: list[PartFacts], types: set[EntityType], minimum: int) -> tuple[bool, Evidence]:
    evidence, total = Evidence(), 0
    for part in parts:
        counts = Counter({t: n for t, n in part.entities.items() if t in types})
        if counts:
            total += sum(counts.values())
            evidence.merge(_part_evidence(part, counts))
    return total >= minimum, evidence


def _names(parts: list[PartFacts], minimum: int) -> tuple[bool, Evidence]:
    evidence, names = Evidence(), set()
    for part in parts:
        if part.names:
            names |= part.names
            evidence.merge(_part_evidence(part, Counter({EntityType.PERSON: len(part.names)})))
    return len(names) >= minimum, evidence


def _guarded(parts: list[PartFacts]) -> tuple[bool, Evidence]:
    evidence = Evidence()
    for part in parts:
        guarded = part.guarded_types()
        if guarded:
            evidence.merge(_part_evidence(part, guarded))
    return bool(evidence.locations), evidence


# --- misdirected email (CONTRACT section 8) ------------------------------------------


def _greeting_mismatch(facts: MessageFacts) -> tuple[bool, Evidence]:
    found = facts.name_mismatches
    ev = Evidence(
        locations={"recipients", "body"} if found else set(),
        greeted=[m.greeted for m in found],
        to=list(dict.fromkeys(r for m in found for r in m.to)),
    )
    return bool(found), ev


def _attachment_about_other_person(facts: MessageFacts) -> tuple[bool, Evidence]:
    """The email is about one named third party and a readable attachment names only someone else."""
    if not facts.recipients_of(RecipientClass.EXTERNAL, {"to", "cc", "bcc"}):
        return False, Evidence()
    if not any(part.about for part in facts.attachments):
        return False, Evidence()  # no attachment names anyone: nothing to compare
    # The body says whom the email is about; the subject only when the body names no one
    # (a short subject is where the name finder guesses most: "Summer term report").
    body = [p for part in facts.parts if part.kind == "body" for p in part.about]
    email = body or [p for part in facts.parts if part.kind == "subject" for p in part.about]
    distinct = []
    for person in sorted(email, key=lambda p: -len(p.words)):
        if not any(same_person(person, d) for d in distinct):
            distinct.append(person)
    if len(distinct) != 1:
        return False, Evidence()
    subject = distinct[0]
    ev = Evidence()
    for part in facts.attachments:
        if not part.about:
            continue
        if any(same_person(subject, other) for other in part.about):
            continue
        ev.locations.add(part.location)
        ev.attachments.append(part.name)
        ev.others.extend(o.masked for o in part.about if o.masked not in ev.others)
    if ev.locations:
        ev.about.append(subject.masked)
    return bool(ev.locations), ev


def _external_unknown(facts: MessageFacts) -> list[tuple[RecipientInfo, RecipientSeen]]:
    """External recipients whose address this sender (with history) has never written to."""
    history = facts.sender_history
    if not history.established:
        return []
    out = []
    for r in facts.recipients:
        if r.klass is not RecipientClass.EXTERNAL:
            continue
        seen = history.seen(r.address)
        if seen is not None and not seen.address_known:
            out.append((r, seen))
    return out


def _new_external_recipient(facts: MessageFacts) -> tuple[bool, Evidence]:
    new = list(dict.fromkeys(r.address for r, _ in _external_unknown(facts)))
    ev = Evidence(locations={"recipients"} if new else set(), addresses=new, count=len(new),
                  domains=sorted({a.rpartition("@")[2] for a in new}))
    return bool(new), ev


def _recipient_address_changed(facts: MessageFacts) -> tuple[bool, Evidence]:
    ev = Evidence()
    for r, seen in _external_unknown(facts):
        if not seen.name_known_elsewhere or names_a_team(r.name) or r.address in ev.addresses:
            continue
        usual = [d for d in seen.usual_domains if d != r.domain]
        shown = " ".join((r.name or "").split())
        ev.usual.append(f"{shown} at {join_words(usual)}" if usual else f"{shown} at a different address")
        ev.addresses.append(r.address)
        if r.domain not in ev.domains:
            ev.domains.append(r.domain)
        ev.locations.add("recipients")
    ev.count = len(ev.addresses)
    return bool(ev.addresses), ev


def _template_values(ev: Evidence, facts: MessageFacts) -> dict[str, str]:
    return {
        "found": describe_entities(ev.entities) or "personal data",
        "where": where_words(ev.locations),
        "masked": join_words(ev.masked[:3]) or "(hidden)",
        "attachments": join_words(ev.attachments) or "the attachment",
        "domains": join_words(ev.domains),
        "lookalikes": join_words(ev.lookalikes),
        "count": str(ev.count),
        "dpo": facts.dpo_contact or "your Data Protection Officer",
        "greeted": join_words(ev.greeted) or "someone",
        "to": join_words(ev.to) or "someone else",
        "addresses": join_words(ev.addresses),
        "usual": join_words(ev.usual),
        "about": join_words(ev.about) or "one person",
        "others": join_words(ev.others) or "someone else",
    }


def _fill(template: str, values: dict[str, str]) -> str:
    return " ".join(template.format_map(values).split())
