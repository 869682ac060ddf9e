"""The rule schema: what an administrator may write in rules/<rule-id>.yaml.

A rule is a condition over facts about the message (never over detectors), an
action, plain words for the sender, and examples it must and must not fire on.
Conditions are built from a closed set of predicates combined with all/any/not,
so a typo is a load error, not a rule that silently never fires.
"""

import string
import time
from enum import StrEnum
from typing import Literal, Self

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from service.schemas.entities import EntityType
from service.schemas.scan import Action

RULE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Where(StrEnum):
    """Which parts of the message a predicate looks at."""

    SUBJECT = "subject"
    BODY = "body"
    # Every attachment that could be read (protected or not).
    ATTACHMENTS = "attachments"
    # Readable attachments that are not password-protected or encrypted.
    UNPROTECTED_ATTACHMENTS = "unprotected_attachments"


class Status(StrEnum):
    ENABLED = "enabled"
    # Evaluated and recorded, never shown to the sender: to measure a rule first.
    SHADOW = "shadow"
    DISABLED = "disabled"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class EntitiesTest(_Strict):
    """Third-party entities of the given types, at least `min` of them."""

    where: list[Where] = Field(alias="in", min_length=1)
    types: list[EntityType] = Field(min_length=1)
    min: int = Field(default=1, ge=1)


class NamesTest(_Strict):
    """At least `min` distinct third-party names."""

    where: list[Where] = Field(alias="in", min_length=1)
    min: int = Field(default=1, ge=1)


class GuardedDataTest(_Strict):
    """Guarded personal data (CONTRACT section 7): a third party's identifier or
    contact detail, special-category data about a person, or three or more names."""

    where: list[Where] = Field(alias="in", min_length=1)


class RecipientsTest(_Strict):
    """At least `min` recipients of a class in the given address fields."""

    klass: Literal["internal", "external", "secure"] = Field(alias="class")
    fields: list[Literal["to", "cc", "bcc"]] = Field(default=["to", "cc", "bcc"], min_length=1)
    min: int = Field(default=1, ge=1)


class AttachmentsTest(_Strict):
    """At least `min` attachments with all the given properties."""

    protected: bool | None = None
    readable: bool | None = None
    ctf: bool | None = None
    min: int = Field(default=1, ge=1)


# Strings a safe pattern must get through quickly; a pattern that backtracks
# catastrophically on any of them is refused at load. Fixed probes, plus probes built
# from the pattern's own characters (see _probes).
_REDOS_PROBES = ("a" * 5000 + "!", "1" * 5000 + "x", " " * 5000 + "x", "aA1 -_." * 800 + "\n")
_PROBE_LENGTH = 5000
# A character the probes end with, so that a pattern anchored at the end or needing one
# more literal fails only after trying every way through the run before it.
_PROBE_TAIL = "\x00"
_PROBE_SECONDS = 0.05
_PROBES_TOTAL_SECONDS = 0.25
_MAX_PROBE_CHARACTERS = 16
# What an escape or a wildcard stands for in a probe.
_ESCAPE_SAMPLES = {"d": "1", "w": "a", "s": " ", "D": "a", "W": "!", "S": "a", "h": " ", "N": "a"}
_SYNTAX = set("^$|?*+()[]{}")


def compile_pattern(pattern: str, ignore_case: bool) -> "regex.Pattern[str]":
    """The pattern as the engine runs it: the load-time check must use the very same flags."""
    return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)


def _probe_characters(pattern: str) -> list[str]:
    """The characters the pattern itself names: literals, escaped characters, samples of \\d, \\w, \\s and '.'."""
    found: dict[str, None] = {}
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            sample = _ESCAPE_SAMPLES.get(escaped, "" if escaped.isalnum() else escaped)
            i += 2
        else:
            sample = "a" if char == "." else "" if char in _SYNTAX else char
            i += 1
        if sample:
            found[sample] = None
    return list(found)[:_MAX_PROBE_CHARACTERS]


def _probes(pattern: str) -> list[str]:
    """Long runs of each of the pattern's own characters (alone and mixed with a letter), and of
    all of them together, each ending where the pattern cannot match: the inputs that make
    nested or overlapping repeats try every way of splitting the run."""
    chars = _probe_characters(pattern)
    probes = list(_REDOS_PROBES)
    for char in chars:
        probes.append(char * _PROBE_LENGTH + _PROBE_TAIL)
        probes.append(("a" + char) * (_PROBE_LENGTH // 2) + _PROBE_TAIL)
    if len(chars) > 1:
        together = "".join(chars)
        probes.append(together * (_PROBE_LENGTH // len(together)) + _PROBE_TAIL)
    return probes


def check_pattern_speed(compiled: "regex.Pattern[str]", pattern: str) -> None:
    """Refuse a pattern that is slow on any probe, or on all of them together."""
    spent = 0.0
    for probe in _probes(pattern):
        started = time.perf_counter()
        try:
            compiled.search(probe, timeout=_PROBE_SECONDS)
        except TimeoutError:
            raise ValueError(
                "the pattern is too slow on long input (catastrophic backtracking); simplify it"
            ) from None
        spent += time.perf_counter() - started
        if spent > _PROBES_TOTAL_SECONDS:
            raise ValueError("the pattern is too slow on long input; simplify it")


class PatternTest(_Strict):
    """An administrator's regular expression, run with a time limit."""

    where: list[Where] = Field(alias="in", min_length=1)
    regex: str = Field(min_length=1, max_length=2000)
    ignore_case: bool = True

    @model_validator(mode="after")
    def _compiles_and_is_safe(self) -> Self:
        # NOTE: checked with the flags it runs with: (A|A)+B is harmless on "aaa" only without ignore-case.
        try:
            compiled = compile_pattern(self.regex, self.ignore_case)
        except regex.error as exc:
            raise ValueError(f"the pattern does not compile: {exc}") from None
        check_pattern_speed(compiled, self.regex)
        return self


class Condition(_Strict):
    """Exactly one of the keys below."""

    all: list["Condition"] | None = None
    any: list["Condition"] | None = None
    not_: "Condition | None" = Field(default=None, alias="not")
    entities: EntitiesTest | None = None
    third_party_names: NamesTest | None = None
    guarded_data: GuardedDataTest | None = None
    recipients: RecipientsTest | None = None
    attachments: AttachmentsTest | None = None
    lookalike_domain: Literal[True] | None = None
    marked_confidential: Literal[True] | None = None
    group_disclosure: Literal[True] | None = None
    pattern: PatternTest | None = None
    # CONTRACT section 8, misdirected email. The greeting names someone who is none of the To recipients.
    greeting_mismatch: Literal[True] | None = None
    # The email is about one named third party and an attachment names someone else.
    attachment_about_other_person: Literal[True] | None = None
    # An external address this sender (with history) has never written to.
    new_external_recipient: Literal[True] | None = None
    # An external address for a display name this sender (with history) writes to at another address.
    recipient_address_changed: Literal[True] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            keys = ", ".join(f.alias or n for n, f in type(self).model_fields.items())
            raise ValueError(f"a condition needs exactly one of: {keys}")
        if given[0] in ("all", "any") and not getattr(self, given[0]):
            raise ValueError(f"'{given[0]}' needs at least one condition")
        return self


class Escalation(_Strict):
    action: Action
    when: Condition


class ExampleRecipient(_Strict):
    address: str
    name: str | None = None


class ExampleAttachment(_Strict):
    """An attachment as extraction would describe it (rules never read files)."""

    name: str
    text: str = ""
    protected: bool = False
    readable: bool = True
    ctf: bool = False


class ExampleMessage(_Strict):
    subject: str = ""
    body: str = ""
    body_type: Literal["text", "html"] = "text"
    sender: ExampleRecipient = Field(
        default=ExampleRecipient(address="t.jones@oakfield.sch.uk", name="Tom Jones"), alias="from"
    )
    to: list[ExampleRecipient | str] = Field(default_factory=list)
    cc: list[ExampleRecipient | str] = Field(default_factory=list)
    bcc: list[ExampleRecipient | str] = Field(default_factory=list)
    attachments: list[ExampleAttachment] = Field(default_factory=list)
    flagged_confidential: bool = False
    sensitivity_label: str | None = None


class SentMessage(_Strict):
    """One message the example's sender sent before: who it went to, `times` over."""

    to: list[ExampleRecipient | str] = Field(default_factory=list)
    cc: list[ExampleRecipient | str] = Field(default_factory=list)
    bcc: list[ExampleRecipient | str] = Field(default_factory=list)
    times: int = Field(default=1, ge=1, le=1000)


class Example(_Strict):
    name: str
    # What this rule must answer: "none" means it must not fire.
    expect: Literal["none", "info", "warn", "block"]
    message: ExampleMessage
    # What the sender (the message's `from`) sent before this draft, oldest first: replayed
    # into an in-memory recipient history before the example is scanned (CONTRACT section 8).
    history: list[SentMessage] | None = None


# Placeholders a rule's message and fix may use (filled by service/rules/engine.py).
TEMPLATE_FIELDS = frozenset(
    {
        "found", "where", "masked", "attachments", "domains", "lookalikes", "count", "dpo",
        # Misdirected email (CONTRACT section 8).
        "greeted", "to", "addresses", "usual", "about", "others",
    }
)


class Rule(_Strict):
    id: str = Field(pattern=RULE_ID)
    title: str = Field(min_length=3, max_length=120)
    description: str = ""
    # The part of the trust's policy the rule enforces, as staff know it.
    policy: str = Field(min_length=3)
    action: Literal["info", "warn", "block"]
    status: Status = Status.ENABLED
    when: Condition
    escalate: list[Escalation] = Field(default_factory=list)
    message: str = Field(min_length=10)
    fix: str = Field(min_length=5)
    examples: list[Example] = Field(min_length=2)

    @field_validator("message", "fix")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        for _, field, _, _ in string.Formatter().parse(value):
            if field is not None and field not in TEMPLATE_FIELDS:
                known = ", ".join("{" + f + "}" for f in sorted(TEMPLATE_FIELDS))
                raise ValueError(f"unknown placeholder {{{field}}}; use one of {known}")
        return value

    @model_validator(mode="after")
    def _examples_both_ways(self) -> Self:
        if not any(e.expect != "none" for e in self.examples):
            raise ValueError("give at least one example the rule must fire on")
        if not any(e.expect == "none" for e in self.examples):
            raise ValueError("give at least one example the rule must not fire on (expect: none)")
        allowed = {self.action} | {e.action.value for e in self.escalate}
        for ex in self.examples:
            if ex.expect != "none" and ex.expect not in allowed:
                raise ValueError(
                    f"example {ex.name!r} expects {ex.expect!r}, which this rule never answers"
                )
        return self
