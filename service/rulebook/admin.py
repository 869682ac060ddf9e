"""Changing rules and the organisation file: validate first, then store a new audited version.

Shared by the admin API and `sendguard rules`; nothing here takes effect until it is stored,
and nothing is stored that did not validate.
"""

from service.rulebook.build import ExampleChecker
from service.rulebook.store import ORG, RULE, RuleStore, StoredVersion
from service.rulebook.texts import ORGANISATION, RuleRejected, declared_id, parse_organisation, with_status
from service.rules.model import Status

MIN_REASON_CHARS = 3
MAX_REASON_CHARS = 500


class RuleNotFound(LookupError):
    pass


class RuleExists(Exception):
    pass


def _reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if len(cleaned) < MIN_REASON_CHARS:
        raise RuleRejected(["give a reason for the change (--reason, or \"reason\" in the request)"])
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in cleaned):
        raise RuleRejected(["the reason contains control characters"])
    if len(cleaned) > MAX_REASON_CHARS:
        raise RuleRejected([f"the reason is longer than {MAX_REASON_CHARS} characters"])
    return cleaned


class RuleAdmin:
    def __init__(self, store: RuleStore, checker: ExampleChecker) -> None:
        self.store = store
        self.checker = checker

    def current(self, rule_id: str) -> StoredVersion:
        version = self.store.latest(RULE, rule_id)
        if version is None or version.deleted:
            raise RuleNotFound(rule_id)
        return version

    def apply(
        self, text: str, *, actor: str, reason: str, rule_id: str | None = None, create_only: bool = False
    ) -> tuple[StoredVersion, bool]:
        """Create or replace a rule from its YAML; returns the version in force and whether it changed."""
        why = _reason(reason)
        name = rule_id or declared_id(text)
        rule = self.checker.validate(text, name)
        previous = self.store.latest(RULE, rule.id)
        live = previous is not None and not previous.deleted
        if create_only and live:
            raise RuleExists(rule.id)
        if live and previous is not None and previous.yaml_text == text:
            return previous, False
        change = "update" if live else "create"
        return self.store.record(RULE, rule.id, change, text, rule.status.value, actor, why), True

    def set_status(self, rule_id: str, status: Status, *, actor: str, reason: str) -> tuple[StoredVersion, bool]:
        why = _reason(reason)
        current = self.current(rule_id)
        text = with_status(current.yaml_text or "", status)
        if text == current.yaml_text:
            return current, False
        rule = self.checker.validate(text, rule_id)
        return self.store.record(RULE, rule_id, status.value, text, rule.status.value, actor, why), True

    def delete(self, rule_id: str, *, actor: str, reason: str) -> StoredVersion:
        why = _reason(reason)
        self.current(rule_id)
        return self.store.record(RULE, rule_id, "delete", None, None, actor, why)

    def organisation(self) -> StoredVersion:
        version = self.store.latest(ORG, ORGANISATION)
        if version is None or version.deleted:
            raise RuleNotFound(ORGANISATION)
        return version

    def apply_organisation(self, text: str, *, actor: str, reason: str) -> tuple[StoredVersion, bool]:
        why = _reason(reason)
        parse_organisation(text)
        previous = self.store.latest(ORG, ORGANISATION)
        if previous is not None and previous.yaml_text == text:
            return previous, False
        return self.store.record(ORG, ORGANISATION, "update", text, None, actor, why), True
