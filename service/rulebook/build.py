"""Turning stored YAML into a Scanner, with every rule checked against its own examples."""

import hashlib
import logging
import threading
from collections.abc import Iterable

from service.detect.types import Detector
from service.rulebook.store import Snapshot
from service.rulebook.texts import RuleRejected, parse_organisation, parse_rule
from service.rules.loader import load_organisation
from service.rules.model import Rule
from service.scanner import EXAMPLES_ORGANISATION, Scanner
from service.settings import Settings

log = logging.getLogger(__name__)

# Answers remembered per worker; dry-run candidates and refused drafts add to them too.
_REMEMBERED = 1000


class ExampleChecker:
    """Runs a rule's examples through the real detector; remembers the answer per exact YAML,
    so a reload re-checks only the rules that changed."""

    def __init__(self, detector: Detector, settings: Settings) -> None:
        self.detector = detector
        self.settings = settings
        self._organisation = load_organisation(EXAMPLES_ORGANISATION)
        self._known: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def failures(self, rule: Rule, text: str) -> list[str]:
        key = hashlib.sha256(text.encode()).hexdigest()
        with self._lock:
            known = self._known.get(key)
        if known is not None:
            return known
        checker = Scanner(self.detector, [rule], self._organisation, self.settings)
        found = checker.example_failures(rule)
        with self._lock:
            while len(self._known) >= _REMEMBERED:
                del self._known[next(iter(self._known))]
            self._known[key] = found
        return found

    def validate(self, text: str, rule_id: str | None = None) -> Rule:
        """Schema, entity names, regex safety, then the examples; RuleRejected names what failed."""
        rule = parse_rule(text, rule_id)
        failures = self.failures(rule, text)
        if failures:
            raise RuleRejected([f"{rule.id}.yaml: {f}" for f in failures])
        return rule


def scanner_from_snapshot(snapshot: Snapshot, checker: ExampleChecker, fallback: Scanner) -> Scanner:
    """A scanner with the snapshot's rules; a stored rule that no longer passes is left out and
    reported in `rule_errors`, as build_scanner does for rules/."""
    organisation = fallback.organisation
    errors: list[str] = []
    if snapshot.organisation is not None and snapshot.organisation.yaml_text is not None:
        try:
            organisation = parse_organisation(snapshot.organisation.yaml_text)
        except RuleRejected as exc:
            errors.extend(exc.problems)
    rules = list(_good_rules(((v.name, v.yaml_text or "") for v in snapshot.rules.values()), checker, errors))
    for error in errors:
        log.error("rule not loaded: %s", error)
    return Scanner(checker.detector, rules, organisation, checker.settings, rule_errors=errors)


def _good_rules(texts: Iterable[tuple[str, str]], checker: ExampleChecker, errors: list[str]) -> Iterable[Rule]:
    for name, text in texts:
        try:
            yield checker.validate(text, name)
        except RuleRejected as exc:
            errors.append("; ".join(exc.problems))
