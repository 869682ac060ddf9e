"""The four misdirected-email rules (CONTRACT section 8) over hand-built facts: no detector."""

from collections import Counter
from pathlib import Path

import pytest

from service.context.about import PersonRef
from service.context.greeting import NameMismatch
from service.context.recipients import RecipientClass, RecipientInfo
from service.history import InMemoryHistory, SenderHistory, SentTo
from service.rules.engine import RuleEngine
from service.rules.facts import MessageFacts, PartFacts
from service.rules.loader import load_rules
from service.schemas.entities import EntityType as E
from service.schemas.scan import Finding

BUNDLED = Path(__file__).resolve().parents[2] / "rules"
SENDER = "t.jones@oakfield.sch.uk"
EXT, INT, SEC = RecipientClass.EXTERNAL, RecipientClass.INTERNAL, RecipientClass.SECURE
# As the scanner offers them: the organisation's domains and the draft's own recipient domains.
ORGANISATION_DOMAINS = ("oakfield.sch.uk", "oakfieldtrust.org.uk", "kent.gov.uk")


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    rules, errors = load_rules(BUNDLED)
    assert not errors
    return RuleEngine(rules)


def recipient(address: str, klass: RecipientClass, name: str | None = None, field: str = "to") -> RecipientInfo:
    return RecipientInfo(address=address, name=name, field=field, domain=address.split("@")[1], klass=klass)  # type: ignore[arg-type]


def history(sent: list[SentTo], times: int, recipients: list[RecipientInfo]) -> SenderHistory:
    store = InMemoryHistory()
    for _ in range(times):
        store.record_sent(SENDER, sent)
    candidates = {*ORGANISATION_DOMAINS, *(r.domain for r in recipients)}
    return store.for_draft(SENDER, [SentTo(r.address, r.name) for r in recipients], candidates)


def facts(recipients: list[RecipientInfo], *, guarded: bool = False, sender_history: SenderHistory | None = None,
          mismatches: tuple[NameMismatch, ...] = (), body_about: tuple[str, ...] = (),
          attachments: tuple[PartFacts, ...] = ()) -> MessageFacts:
    body = PartFacts(
        location="body", kind="body",
        entities=Counter({E.DATE_OF_BIRTH: 1}) if guarded else Counter(),
        about=tuple(r for r in (PersonRef.of(n) for n in body_about) if r is not None),
    )
    return MessageFacts(
        parts=(PartFacts(location="subject", kind="subject"), body, *attachments),
        recipients=tuple(recipients),
        sender_history=sender_history or SenderHistory(),
        name_mismatches=mismatches,
    )


def found(engine: RuleEngine, f: MessageFacts) -> dict[str, Finding]:
    return {x.rule: x for x in engine.evaluate(f)}


def test_name_mismatch_says_what_looks_wrong(engine: RuleEngine) -> None:
    f = facts([recipient("s.hughes@gmail.com", EXT, "Susan Hughes")],
              mismatches=(NameMismatch("Sarah", ("Susan Hughes",)),))
    got = found(engine, f)["recipient-name-mismatch"]
    assert got.action == "warn"
    assert got.message == "You greet Sarah, but this goes to Susan Hughes."
    assert "section 4" in got.policy


def test_no_mismatch_no_finding(engine: RuleEngine) -> None:
    assert "recipient-name-mismatch" not in found(engine, facts([recipient("s.hughes@gmail.com", EXT)]))


def test_new_external_recipient_needs_history_and_personal_data(engine: RuleEngine) -> None:
    to = [recipient("s.hughes@gmail.com", EXT)]
    known_other = [SentTo("claire.smith@gmail.com", "Claire Smith")]
    established = history(known_other, 20, to)
    got = found(engine, facts(to, guarded=True, sender_history=established))["new-external-recipient"]
    assert got.message.startswith("You have not emailed s.hughes@gmail.com before")
    # Below 20 sent messages there is no history: silent.
    assert "new-external-recipient" not in found(engine, facts(to, guarded=True, sender_history=history(known_other, 19, to)))
    # Nothing personal: silent.
    assert "new-external-recipient" not in found(engine, facts(to, sender_history=established))
    # Written to before: silent.
    seen = history([SentTo("s.hughes@gmail.com")], 20, to)
    assert "new-external-recipient" not in found(engine, facts(to, guarded=True, sender_history=seen))


def test_new_addresses_inside_the_trust_or_at_a_secure_partner_are_not_external(engine: RuleEngine) -> None:
    to = [recipient("new.senco@oakfield.sch.uk", INT), recipient("duty@kent.gov.uk", SEC)]
    h = history([SentTo("claire.smith@gmail.com")], 25, to)
    assert "new-external-recipient" not in found(engine, facts(to, guarded=True, sender_history=h))


def test_address_changed_names_the_usual_domain(engine: RuleEngine) -> None:
    to = [recipient("sarahjones77@gmail.com", EXT, "Sarah Jones")]
    h = history([SentTo("sarah.jones@oakfield.sch.uk", "Sarah Jones")], 25, to)
    got = found(engine, facts(to, sender_history=h))["recipient-address-changed"]
    assert got.message == "You usually write to Sarah Jones at oakfield.sch.uk; this address is gmail.com."
    assert got.locations == ["recipients"]


def test_address_changed_silent_cases(engine: RuleEngine) -> None:
    usual = [SentTo("sarah.jones@oakfield.sch.uk", "Sarah Jones")]
    # The new address is inside the trust.
    inside = [recipient("s.jones@oakfieldtrust.org.uk", INT, "Sarah Jones")]
    assert "recipient-address-changed" not in found(engine, facts(inside, sender_history=history(usual, 25, inside)))
    # Not enough history.
    outside = [recipient("sarahjones77@gmail.com", EXT, "Sarah Jones")]
    assert "recipient-address-changed" not in found(engine, facts(outside, sender_history=history(usual, 10, outside)))
    # A role name ("Office") at two schools is not one person.
    office = [recipient("office@elmtree.sch.uk", EXT, "Office")]
    h = history([SentTo("office@oakfield.sch.uk", "Office")], 25, office)
    assert "recipient-address-changed" not in found(engine, facts(office, sender_history=h))


def test_address_changed_between_two_personal_addresses(engine: RuleEngine) -> None:
    to = [recipient("sarah.j@hotmail.co.uk", EXT, "Sarah Jones")]
    h = history([SentTo("sarahjones77@gmail.com", "Sarah Jones")], 25, to)
    got = found(engine, facts(to, sender_history=h))["recipient-address-changed"]
    assert "Sarah Jones at a different address" in got.message


def _attachment(name: str, about: str) -> PartFacts:
    ref = PersonRef.of(about)
    assert ref is not None
    return PartFacts(location=f"attachment:{name}", kind="attachment", about=(ref,))


def test_attachment_about_someone_else(engine: RuleEngine) -> None:
    to = [recipient("claire.smith@gmail.com", EXT, "Claire Smith")]
    wrong = _attachment("Report_Jack_Brown.docx", "Jack Brown")
    got = found(engine, facts(to, body_about=("Oliver Smith", "Oliver"), attachments=(wrong,)))
    finding = got["attachment-about-someone-else"]
    assert "attachment:Report_Jack_Brown.docx" in finding.locations
    assert "O***** S****" in finding.message and "J*** B****" in finding.message
    assert "Oliver" not in finding.message


@pytest.mark.parametrize(
    ("body_about", "attachment_about", "to_class"),
    [
        (("Oliver Smith",), "Ollie Smith", EXT),  # the same child, a short form
        (("Oliver Smith",), "Jack Brown", INT),  # only a colleague
        (("Oliver Smith", "Mia Patel"), "Jack Brown", EXT),  # the email is about two people
        ((), "Jack Brown", EXT),  # about no one
    ],
)
def test_attachment_about_someone_else_silent(
    engine: RuleEngine, body_about: tuple[str, ...], attachment_about: str, to_class: RecipientClass
) -> None:
    to = [recipient("claire.smith@x.org", to_class, "Claire Smith")]
    got = found(engine, facts(to, body_about=body_about, attachments=(_attachment("r.docx", attachment_about),)))
    assert "attachment-about-someone-else" not in got
