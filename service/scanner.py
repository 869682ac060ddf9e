"""One draft in, one verdict out: extract -> detect -> context -> rules.

This is the whole flow of CONTRACT sections 2-4 without HTTP: the CLI, the HTTP
service and the evaluation scripts all call `Scanner.scan`.
"""

import logging
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ulid import ULID

from service.context.about import (
    PersonRef,
    attachment_people,
    file_name_words,
    given_names_in,
    given_names_in_file_name,
    people,
)
from service.context.greeting import greeted_in_letter, greeting_mismatches
from service.context.document_kind import DocumentKind, classify_document, in_context
from service.context.group_disclosure import discloses_about_recipients
from service.context.lookalike import LookalikeMatch, find_lookalike
from service.context.organisation import without_organisation_contacts
from service.context.own_details import without_own_details
from service.context.participants import (
    Participants,
    conversation_spans,
    participants_of,
    signed_by,
    third_party,
)
from service.context.recipients import RecipientClass, RecipientInfo, classify_recipients
from service.context.subject import names_read_as_in_body
from service.detect.analyzer import build_detector
from service.detect.recognizers.password import secrets_for_a_protected_file
from service.detect.types import DetectedEntity, Detector
from service.extract.attachments import AttachmentLimits, reasons
from service.extract.budget import DraftBudget, RecentPace
from service.extract.message import extract_message
from service.extract.types import ExtractedAttachment, ExtractedMessage
from service.history import NO_HISTORY, InMemoryHistory, RecipientHistory, SenderHistory, SentTo
from service.rules.engine import RuleEngine
from service.rules.facts import MessageFacts, PartFacts
from service.rules.loader import RuleFileError, load_organisation, load_rules
from service.rules.model import Example, ExampleRecipient, Rule, Status
from service.schemas.entities import GUARDED_IDENTIFIER_TYPES, EntityType
from service.schemas.org import Organisation
from service.schemas.scan import Action, Body, Finding, Message, Recipient, ScanRequest, ScanResult
from service.settings import REPO_ROOT, Settings, get_settings

log = logging.getLogger(__name__)

EXAMPLES_ORGANISATION = REPO_ROOT / "rules" / "organisation.example.yaml"

# Outlook shows at most 500 characters of the reason in its Smart Alerts dialog.
SUMMARY_LIMIT = 500

TRUNCATED_NOTE = "The email or an attachment is very long: only its first part was checked."

# Detection's cost on the densest text (an identifier, a name and an address in every
# line): a 60,000-character attachment took 1.5 s on a 2-core machine. Near the draft's
# deadline each text gets only as many characters as the time left pays for at this rate.
_DETECT_SECONDS_PER_CHAR = 30e-6
# The subject and body are always analysed this far, whatever the time left ...
_ALWAYS_DETECTED_CHARS = 20_000
# ... while an attachment that would get less than this is reported as not checked.
_LEAST_ATTACHMENT_CHARS = 1_000
# A subject line longer than this says no more as context for its body.
_HEADING_CHARS = 300

# Sensitivity labels that do not mark a message as confidential.
_NOT_CONFIDENTIAL_LABELS = {"public", "general", "unrestricted", "official", "non-business", "personal"}


@dataclass
class Scanner:
    detector: Detector
    rules: list[Rule]
    organisation: Organisation
    settings: Settings = field(default_factory=get_settings)
    # Rules that failed to load or failed their own examples, with the reason.
    rule_errors: list[str] = field(default_factory=list)
    # Who each sender has written to (CONTRACT section 8); None: history rules stay silent.
    history: RecipientHistory | None = None

    def __post_init__(self) -> None:
        self.engine = RuleEngine(
            self.rules, self.settings.pattern_timeout_seconds, self.settings.draft_pattern_seconds
        )
        self.attachment_limits = AttachmentLimits(max_text_chars=self.settings.attachment_text_chars)
        # The detection pace earlier drafts saw: the first long text of a draft is sized by it.
        self.recent_pace = RecentPace()

    def scan(
        self, request: ScanRequest, sender: str | None = None, history: RecipientHistory | None = None
    ) -> ScanResult:
        return self.scan_with_facts(request, sender, history)[0]

    def scan_with_facts(
        self, request: ScanRequest, sender: str | None = None, history: RecipientHistory | None = None
    ) -> tuple[ScanResult, MessageFacts, list[Finding]]:
        """The verdict, the facts it rests on, and the findings of shadow rules (never shown).

        `sender`: whose recipient history applies. The HTTP service passes the signed-in
        user (never the draft's own `from`); None reads no history.
        `history`: read instead of the scanner's own (the corpus and `simulate`'s replay).
        The facts hold text and masked values: use them for counts, never store them.
        """
        draft = DraftBudget.start(
            self.settings.draft_deadline_seconds, self.settings.draft_text_chars, recent=self.recent_pace
        )
        extracted = extract_message(request.message, self.attachment_limits, draft)
        facts = self.facts_for(request.message, extracted, draft, sender=sender, history=history)
        findings = self.engine.evaluate(facts, include_shadow=True)
        shadow_ids = {r.id for r in self.rules if r.status is Status.SHADOW}
        shown = [f for f in findings if f.rule not in shadow_ids]
        shadow = [f for f in findings if f.rule in shadow_ids]
        truncated = self._truncated(extracted) or draft.cut
        return make_result(shown, truncated=truncated), facts, shadow

    def _truncated(self, extracted: ExtractedMessage) -> bool:
        # Extraction stops at the cap, so a text that reached it was cut short.
        return len(extracted.body) > self.settings.max_text_chars or any(
            a.truncated or len(a.text) >= self.settings.attachment_text_chars for a in _flatten(extracted.attachments)
        )

    # --- facts ------------------------------------------------------------

    def facts_for(
        self,
        message: Message,
        extracted: ExtractedMessage,
        draft: DraftBudget | None = None,
        *,
        sender: str | None = None,
        history: RecipientHistory | None = None,
    ) -> MessageFacts:
        """`draft`: past its deadline, attachments not yet analysed are reported unscannable."""
        participants = participants_of(message)
        signer = signed_by(extracted.body)
        if signer:
            participants = participants.with_person(signer)
        recipients = classify_recipients(message, self.organisation)
        # Whom an attachment's file name is about matters only for mail leaving the trust.
        outbound = any(r.klass is RecipientClass.EXTERNAL for r in recipients)
        subject_entities = self._text_entities(extracted.subject, participants, draft)
        heading_terms: list[DetectedEntity] = []
        body_entities = self._text_entities(
            extracted.body, participants, draft, heading=extracted.subject, heading_terms=heading_terms
        )
        subject_entities = names_read_as_in_body(
            extracted.subject, subject_entities, extracted.body, body_entities, participants.is_named
        )
        # A term the subject states of someone on its own is the subject's already.
        heading_terms = [t for t in heading_terms if not any(e.start < t.end and t.start < e.end for e in subject_entities)]
        if any(a.protected for a in _flatten(extracted.attachments)):
            subject_entities += secrets_for_a_protected_file(extracted.subject, subject_entities)
            body_entities += secrets_for_a_protected_file(extracted.body, body_entities)
        # The subject names the body's kind as a file name names an attachment's.
        body_kind = classify_document(extracted.subject, extracted.body, body_entities, name_is_a_file=False)
        parts = [
            _part("subject", "subject", extracted.subject, in_context(body_kind, extracted.subject, subject_entities),
                  body_kind),
            # The subject's terms the body makes someone's count with the body that does so, not as
            # personal data in the subject line (which names no one).
            _part("body", "body", extracted.body,
                  in_context(body_kind, extracted.body, body_entities)
                  + in_context(body_kind, extracted.subject, heading_terms), body_kind),
        ]
        for attachment in _flatten(extracted.attachments):
            chars = None
            if draft is not None and attachment.readable and not attachment.protected:
                chars = _affordable_chars(attachment.text, draft, 0)
                if chars is not None and chars < _LEAST_ATTACHMENT_CHARS:
                    attachment = replace(attachment, readable=False, reason=reasons.OUT_OF_TIME)
            parts.append(self._attachment_part(attachment, participants, chars, name_people=outbound, draft=draft))
        if outbound and not any(p.about for p in parts[:2]):
            parts[1] = replace(parts[1], about=_given_names_about(extracted.subject, extracted.body, participants))
        return MessageFacts(
            parts=tuple(parts),
            recipients=tuple(recipients),
            lookalikes=tuple(self._lookalikes(r.domain for r in recipients if r.klass is RecipientClass.EXTERNAL)),
            marked_confidential=_marked_confidential(message),
            dpo_contact=self.organisation.dpo_contact,
            group_disclosure=discloses_about_recipients(f"{extracted.subject}\n{extracted.body}"),
            sender_history=self._sender_history(history or self.history, sender, message, recipients),
            name_mismatches=greeting_mismatches(
                extracted.body, message.to, message.sender.address if message.sender else ""
            ),
        )

    def _sender_history(
        self, history: RecipientHistory | None, sender: str | None, message: Message, recipients: Sequence[RecipientInfo]
    ) -> SenderHistory:
        """One lookup a draft: what the sender's history says about these recipients."""
        if history is None or not sender:
            return NO_HISTORY
        candidates = {
            *self.organisation.internal_domains,
            *self.organisation.secure_domains,
            *(r.domain for r in recipients if r.domain),
        }
        drafted = [SentTo(r.address, r.name) for r in (*message.to, *message.cc, *message.bcc) if r.address]
        return history.for_draft(sender, drafted, candidates)

    def _lookalikes(self, domains: Sequence[str] | object) -> list[LookalikeMatch]:
        trusted = [*self.organisation.internal_domains, *self.organisation.secure_domains]
        found = []
        for domain in sorted(set(domains)):  # type: ignore[call-overload]
            match = find_lookalike(domain, trusted)
            if match is not None:
                found.append(match)
        return found

    def _entities(
        self,
        text: str,
        participants: Participants,
        *,
        ner_chars: int,
        by_position: bool = True,
        chars: int | None = None,
        draft: DraftBudget | None = None,
        heading: str = "",
        heading_terms: list[DetectedEntity] | None = None,
    ) -> list[DetectedEntity]:
        """`heading_terms`, if given, receives the heading's special-category terms the text makes someone's."""
        text = text[: min(self.settings.max_text_chars, chars if chars is not None else len(text))]
        started = time.monotonic()
        found, terms = self._analyze_with_heading(heading, text, ner_chars)
        if heading_terms is not None:
            heading_terms += terms
        if draft is not None:
            draft.note_detection(len(text), time.monotonic() - started)
        found = third_party(text, found, participants, by_position=by_position)
        if by_position:
            # "your new address is ...", "> My mobile is ..." from the parent replied to.
            found = without_own_details(text, found, participants)
        return without_organisation_contacts(text, found, self.organisation)

    def _analyze_with_heading(
        self, heading: str, text: str, ner_chars: int
    ) -> tuple[list[DetectedEntity], list[DetectedEntity]]:
        """(the text's entities, special-category terms of the heading that the text makes someone's).

        The text is read under its subject line, as the corpus writes a message: "Subject:
        CERN trip - passports" is the context of the body's "Imogen - 538106294" as much as
        a word in the body would be. Other findings in the subject line are the subject's
        own part's business (analysed on its own); but "Subject: RE: Operation Encompass
        notification" over "Both children are ours: Noah Bell (Year 1) and ..." names no one
        alone and is theirs over its body, so its terms come back, with offsets into the heading.
        """
        one_line = " ".join(heading.split())[:_HEADING_CHARS]
        if not one_line:
            return self.detector.analyze(text, ner_chars=ner_chars), []
        label = "Subject: "
        prefix = f"{label}{one_line}\n"
        shift = len(prefix)
        found = self.detector.analyze(prefix + text, ner_chars=ner_chars + shift)
        body = [replace(e, start=e.start - shift, end=e.end - shift) for e in found if e.start >= shift]
        if one_line != heading:
            return body, []  # offsets into the heading as written would not hold
        terms = [
            replace(e, start=e.start - len(label), end=e.end - len(label)) for e in found
            if e.type is EntityType.SPECIAL_CATEGORY and len(label) <= e.start and e.end < shift
        ]
        return body, terms

    def _text_entities(
        self, text: str, participants: Participants, draft: DraftBudget | None = None, heading: str = "",
        heading_terms: list[DetectedEntity] | None = None,
    ) -> list[DetectedEntity]:
        chars = _affordable_chars(text, draft, _ALWAYS_DETECTED_CHARS) if draft is not None else None
        return self._entities(
            text, participants, ner_chars=self.settings.ner_chars, chars=chars, draft=draft, heading=heading,
            heading_terms=heading_terms,
        )

    def _file_name_people(self, name: str, participants: Participants, draft: DraftBudget | None = None) -> list[str]:
        """Third parties named in a file name ('Jack_Brown_report.pdf').

        Past the draft's deadline only the given-name lexicon reads the name: a zip of a
        thousand entries would otherwise run the whole pipeline a thousand times.
        """
        words = file_name_words(name)
        if not words:
            return []
        found = []
        if draft is None or not draft.expired():
            found = [e.text for e in self.detector.analyze(words, ner_chars=len(words)) if e.type is EntityType.PERSON]
        if not found:
            from service.detect.recognizers.person import common_words

            found = given_names_in_file_name(words, common_words().__contains__)
        return [name for name in found if not participants.is_named(name)]

    def _attachment_part(
        self, att: ExtractedAttachment, participants: Participants, chars: int | None = None,
        *, name_people: bool = False, draft: DraftBudget | None = None,
    ) -> PartFacts:
        # NOTE: a greeting in an attached letter greets someone outside this email, so
        # only the participants' own names are set aside there, not positions.
        readable = att.readable and not att.protected
        entities = (
            self._entities(
                att.text, participants, ner_chars=self.settings.attachment_ner_chars, by_position=False, chars=chars,
                draft=draft,
            )
            if readable
            else []
        )
        kind = classify_document(att.name, att.text, entities)
        # Characters in a lesson plan are nobody the attachment is about either.
        entities = in_context(kind, att.text, entities)
        if readable and _letter_to_a_participant(att.text, participants) and not any(
            e.type is EntityType.PERSON and not _in_closing_lines(att.text, e) for e in entities
        ):
            # A letter to the reader that names no one else ("Dear Lowri, ... your MATB1"): its
            # health and other facts are the reader's own, as their address in it is.
            entities = [e for e in entities if e.type is not EntityType.SPECIAL_CATEGORY]
        base = _part(f"attachment:{att.name}", "attachment", att.text, entities, kind)
        about = (
            attachment_people(
                att.text if readable else "", entities, self._file_name_people(att.name, participants, draft),
                participants.is_named,
            )
            if name_people
            else ()
        )
        return PartFacts(
            location=base.location,
            kind="attachment",
            entities=base.entities,
            names=base.names,
            people_count=att.people_count or 0,
            masked=base.masked,
            text=att.text,
            protected=att.protected,
            readable=att.readable,
            ctf=att.is_ctf,
            unreadable_reason=att.reason,
            about=about,
            document_kind=kind,
        )

    # --- a rule's own examples -----------------------------------------------

    def example_failures(self, rule: Rule) -> list[str]:
        """Run the rule on its examples; say which ones it gets wrong."""
        failures = []
        for example in rule.examples:
            message, extracted = _example_message(example)
            sender, history = _example_history(example)
            facts = self.facts_for(message, extracted, sender=sender, history=history)
            finding = self.engine.evaluate_rule(rule, facts)
            got = finding.action.value if finding else "none"
            if got != example.expect:
                failures.append(f"example {example.name!r} should give {example.expect!r} but gave {got!r}")
        return failures


def _letter_to_a_participant(text: str, participants: Participants) -> bool:
    """An attached letter whose greeting names someone in this conversation."""
    return any(participants.is_named(person.written) for person in greeted_in_letter(text))


def _in_closing_lines(text: str, entity: DetectedEntity, lines: int = 3) -> bool:
    """A name in a letter's last few lines: its signatory ("Nia Roberts\nHR Business Partner").
    A text of a few lines is all body: none of its names is only a signatory."""
    closing = text.rstrip()
    if closing.count("\n") < 2 * lines:
        return False
    for _ in range(lines):
        closing = closing[: max(closing.rfind("\n"), 0)].rstrip()
    return entity.start >= len(closing)


def _part(
    location: str, kind: str, text: str, entities: list[DetectedEntity],
    document_kind: DocumentKind = DocumentKind.CORRESPONDENCE,
) -> PartFacts:
    counts = Counter(e.type for e in entities)
    names = _distinct_people(" ".join(e.text.casefold().split()) for e in entities if e.type is EntityType.PERSON)
    shown = [e for e in entities if e.type in GUARDED_IDENTIFIER_TYPES or e.type is EntityType.PERSON]
    masked = tuple(dict.fromkeys(e.masked() for e in shown))
    about = (
        people(e.text for e in entities if e.type is EntityType.PERSON and not _signs_off(text, e))
        if kind != "attachment"
        else ()
    )
    return PartFacts(
        location=location, kind=kind, entities=counts, names=names, masked=masked, text=text,  # type: ignore[arg-type]
        about=about, document_kind=document_kind,
    )


def _distinct_people(names: Iterable[str]) -> frozenset[str]:
    """One entry a person: "mia" beside "mia smith" is Mia Smith again, not a second person
    (three names make a list of people, CONTRACT section 7). A name is dropped when every
    word of it is a word of a longer name in the same part."""
    found = set(names)
    words = {name: frozenset(name.replace("'s", "").split()) for name in found}
    return frozenset(
        name for name in found
        if not any(other != name and words[name] < words[other] for other in found)
    )


def _given_names_about(subject: str, body: str, participants: Participants) -> tuple[PersonRef, ...]:
    """Whom the subject and body are about when the name finder found nobody: known given
    names inside sentences, outside greetings and signatures, that are no participant's."""
    from service.detect.recognizers.person import common_words

    ordinary = common_words()
    names = [*given_names_in(subject, ordinary.__contains__),
             *given_names_in(body, ordinary.__contains__, conversation_spans(body, participants))]
    return people(n for n in names if not participants.is_named(n))


def _signs_off(text: str, entity: DetectedEntity) -> bool:
    """A name with nothing after it but punctuation: the sender signing ("... on the phone. Rachel")."""
    return not text[entity.end :].strip(" \t\r\n.,!-–")


def _affordable_chars(text: str, draft: DraftBudget, floor: int) -> int | None:
    """How much of `text` detection can read before the draft's deadline (None: all of it)."""
    affordable = max((draft.deadline - time.monotonic()) / draft.seconds_per_char(_DETECT_SECONDS_PER_CHAR), floor)
    if affordable >= len(text):
        return None
    draft.cut = True
    return int(affordable)


def _flatten(attachments: Sequence[ExtractedAttachment]) -> list[ExtractedAttachment]:
    out = []
    for att in attachments:
        out.append(att)
        out.extend(_flatten(att.nested))
    return out


def _marked_confidential(message: Message) -> bool:
    label = (message.sensitivity_label or "").strip().casefold()
    return message.flagged_confidential or (bool(label) and label not in _NOT_CONFIDENTIAL_LABELS)


def _recipient(value: ExampleRecipient | str) -> Recipient:
    if isinstance(value, str):
        return Recipient(address=value)
    return Recipient(address=value.address, name=value.name)


def _example_history(example: Example) -> tuple[str | None, RecipientHistory | None]:
    """The example's sender and the history its `history:` states (None when it states none)."""
    if example.history is None:
        return None, None
    sender = example.message.sender.address
    history = InMemoryHistory()
    for sent in example.history:
        recipients = [_recipient(r) for r in (*sent.to, *sent.cc, *sent.bcc)]
        for _ in range(sent.times):
            history.record_sent(sender, [SentTo(r.address, r.name) for r in recipients])
    return sender, history


def _example_message(example: Example) -> tuple[Message, ExtractedMessage]:
    ex = example.message
    message = Message(
        subject=ex.subject,
        body=Body(content=ex.body, type=ex.body_type),
        sender=_recipient(ex.sender),
        to=[_recipient(r) for r in ex.to],
        cc=[_recipient(r) for r in ex.cc],
        bcc=[_recipient(r) for r in ex.bcc],
        flagged_confidential=ex.flagged_confidential,
        sensitivity_label=ex.sensitivity_label,
    )
    base = extract_message(message)
    attachments = tuple(
        ExtractedAttachment(
            name=a.name, text=a.text, protected=a.protected, readable=a.readable, is_ctf=a.ctf,
            reason="" if a.readable else "it could not be opened",
        )
        for a in ex.attachments
    )
    return message, ExtractedMessage(subject=base.subject, body=base.body, attachments=attachments)


def make_result(findings: list[Finding], *, truncated: bool = False) -> ScanResult:
    shown = [f for f in findings if f.action is not Action.ALLOW]
    strongest = max((f.action for f in shown), key=lambda a: a.rank, default=Action.ALLOW)
    action = strongest if strongest in (Action.WARN, Action.BLOCK) else Action.ALLOW
    return ScanResult(
        scan_id=str(ULID()),
        action=action.value,  # type: ignore[arg-type]
        findings=shown,
        summary=summarise(shown, action, truncated=truncated),
    )


def summarise(findings: list[Finding], action: Action, *, truncated: bool = False) -> str:
    if action is Action.BLOCK:
        lead = "SendGuard has stopped this email."
    elif action is Action.WARN:
        lead = "Please check this email before sending."
    else:
        lead = "No problems found." if not findings else "Sent, with a tip."
    parts = [lead]
    for f in findings:
        if f.action.rank >= Action.WARN.rank or action is Action.ALLOW:
            parts.append(f"{f.title}: {f.fix}")
    if truncated:
        parts.append(TRUNCATED_NOTE)
    text = " ".join(parts)
    if len(text) > SUMMARY_LIMIT:
        text = text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return text


def build_scanner(
    settings: Settings | None = None,
    *,
    organisation_file: Path | None = None,
    rules_dir: Path | None = None,
    detector: Detector | None = None,
) -> Scanner:
    """Load the pipeline, the organisation and the rules; keep only rules that pass their examples."""
    settings = settings or get_settings()
    organisation = load_organisation(organisation_file or settings.organisation_file)
    rules, load_errors = load_rules(rules_dir or settings.rules_dir)
    errors = [str(e) for e in load_errors]
    detector = detector or build_detector(settings)
    # Examples are written for the bundled example organisation, whatever the trust's own.
    checker = Scanner(detector, rules, load_organisation(EXAMPLES_ORGANISATION), settings)
    good = []
    for rule in rules:
        failures = checker.example_failures(rule)
        if failures:
            errors.append(f"{rule.id}.yaml: not loaded: " + "; ".join(failures))
        else:
            good.append(rule)
    for error in errors:
        log.error("rule not loaded: %s", error)  # names the file and example, never message content
    return Scanner(detector, good, organisation, settings, rule_errors=errors)


__all__ = ["Scanner", "build_scanner", "make_result", "RuleFileError"]
