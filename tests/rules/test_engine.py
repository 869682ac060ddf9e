"""The engine over hand-built facts: the contract's rule semantics without any detector."""

from collections import Counter
from pathlib import Path

import pytest

from service.context.lookalike import LookalikeMatch
from service.context.recipients import RecipientClass, RecipientInfo
from service.rules.engine import RuleEngine
from service.rules.facts import MessageFacts, PartFacts
from service.rules.loader import load_rules
from service.schemas.entities import EntityType as E
from service.schemas.scan import Action

BUNDLED = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    rules, errors = load_rules(BUNDLED)
    assert not errors
    return RuleEngine(rules)


def person(address: str, klass: RecipientClass, field: str = "to") -> RecipientInfo:
    return RecipientInfo(address=address, name=None, field=field, domain=address.split("@")[1], klass=klass)


EXT = RecipientClass.EXTERNAL
INT = RecipientClass.INTERNAL
SEC = RecipientClass.SECURE


def facts(
    *,
    subject: Counter[E] | None = None,
    body: Counter[E] | None = None,
    subject_names: int = 0,
    body_names: int = 0,
    recipients: list[RecipientInfo] | None = None,
    attachments: list[PartFacts] | None = None,
    lookalikes: tuple[LookalikeMatch, ...] = (),
    confidential: bool = False,
    group_disclosure: bool = False,
) -> MessageFacts:
    def names(n: int) -> frozenset[str]:
        return frozenset(f"person {i}" for i in range(n))

    sub = Counter(subject or {})
    bod = Counter(body or {})
    if subject_names:
        sub[E.PERSON] = subject_names
    if body_names:
        bod[E.PERSON] = body_names
    return MessageFacts(
        parts=(
            PartFacts(location="subject", kind="subject", entities=sub, names=names(subject_names), masked=("O***** S****",)),
            PartFacts(location="body", kind="body", entities=bod, names=names(body_names)),
            *(attachments or []),
        ),
        recipients=tuple(recipients or []),
        lookalikes=lookalikes,
        marked_confidential=confidential,
        dpo_contact="dpo@example.org",
        group_disclosure=group_disclosure,
    )


def fired(engine: RuleEngine, f: MessageFacts) -> dict[str, str]:
    return {x.rule: x.action.value for x in engine.evaluate(f)}


def test_a_name_in_the_subject_warns_even_internally(engine: RuleEngine) -> None:
    got = fired(engine, facts(subject_names=1, recipients=[person("a@oakfield.sch.uk", INT)]))
    assert got == {"subject-personal-data": "warn"}


def test_an_identifier_in_the_subject_to_an_outsider_blocks(engine: RuleEngine) -> None:
    got = fired(engine, facts(subject=Counter({E.UK_UPN: 1}), recipients=[person("a@x.com", EXT)]))
    assert got["subject-personal-data"] == "block"
    # An identifier is guarded data, so the outside rules fire too.
    assert got["personal-data-external"] == "warn"
    assert got["confidential-flag-missing"] == "info"


def test_a_phone_number_in_the_subject_to_an_outsider_only_warns(engine: RuleEngine) -> None:
    got = fired(engine, facts(subject=Counter({E.PHONE_NUMBER: 1}), recipients=[person("a@x.com", EXT)]))
    assert got["subject-personal-data"] == "warn"


def test_two_names_are_not_guarded_but_three_are(engine: RuleEngine) -> None:
    outsider = [person("a@x.com", EXT)]
    assert "personal-data-external" not in fired(engine, facts(body_names=2, recipients=outsider))
    assert fired(engine, facts(body_names=3, recipients=outsider))["personal-data-external"] == "warn"


def test_secure_partners_are_not_external(engine: RuleEngine) -> None:
    got = fired(engine, facts(body=Counter({E.SPECIAL_CATEGORY: 1}), recipients=[person("x@kent.gov.uk", SEC)]))
    assert got == {}


def test_special_category_to_an_outsider_blocks(engine: RuleEngine) -> None:
    got = fired(engine, facts(body=Counter({E.SPECIAL_CATEGORY: 2}), recipients=[person("a@x.com", EXT)]))
    assert got["special-category-external"] == "block"


def test_visible_outsiders(engine: RuleEngine) -> None:
    two_visible = [person("a@x.com", EXT), person("b@y.com", EXT, "cc")]
    assert fired(engine, facts(recipients=two_visible)) == {"external-recipients-visible": "warn"}
    in_bcc = [person("a@x.com", EXT), person("b@y.com", EXT, "bcc")]
    assert fired(engine, facts(recipients=in_bcc)) == {}
    sensitive = fired(engine, facts(body=Counter({E.SPECIAL_CATEGORY: 1}), recipients=two_visible))
    assert sensitive["external-recipients-visible"] == "block"


def attachment(name: str, **kw: object) -> PartFacts:
    return PartFacts(location=f"attachment:{name}", kind="attachment", **kw)  # type: ignore[arg-type]


def test_visible_outsiders_told_what_they_have_in_common_blocks(engine: RuleEngine) -> None:
    two_visible = [person("a@x.com", EXT), person("b@y.com", EXT, "cc")]
    assert fired(engine, facts(recipients=two_visible, group_disclosure=True))["external-recipients-visible"] == "block"
    in_bcc = [person("a@x.com", EXT), person("b@y.com", EXT, "bcc")]
    assert "external-recipients-visible" not in fired(engine, facts(recipients=in_bcc, group_disclosure=True))


def test_unprotected_list_blocks_and_protected_does_not(engine: RuleEngine) -> None:
    outsider = [person("a@x.com", EXT)]
    plain = attachment("list.xlsx", people_count=30, entities=Counter({E.DATE_OF_BIRTH: 30}))
    got = fired(engine, facts(recipients=outsider, attachments=[plain]))
    assert got["unprotected-attachment-external"] == "block"
    finding = next(f for f in engine.evaluate(facts(recipients=outsider, attachments=[plain])) if f.rule == "unprotected-attachment-external")
    assert "attachment:list.xlsx" in finding.locations
    assert "list.xlsx" in finding.message
    locked = attachment("list.xlsx", protected=True)
    assert fired(engine, facts(recipients=outsider, attachments=[locked])) == {}


def test_password_escalates_only_with_a_protected_attachment(engine: RuleEngine) -> None:
    pw = Counter({E.PASSWORD: 1})
    assert fired(engine, facts(body=pw))["password-in-message"] == "warn"
    locked = attachment("list.xlsx", protected=True)
    assert fired(engine, facts(body=pw, attachments=[locked]))["password-in-message"] == "block"


def test_ctf_blocks_whoever_the_recipient(engine: RuleEngine) -> None:
    ctf = attachment("pupil.xml", ctf=True)
    got = fired(engine, facts(recipients=[person("a@oakfield.sch.uk", INT)], attachments=[ctf]))
    assert got == {"ctf-attachment": "block"}


def test_unreadable_attachment_to_an_outsider_warns(engine: RuleEngine) -> None:
    broken = attachment("scan.heic", readable=False, unreadable_reason="a picture")
    assert fired(engine, facts(recipients=[person("a@x.com", EXT)], attachments=[broken])) == {
        "unscannable-attachment": "warn"
    }
    assert fired(engine, facts(recipients=[person("a@oakfield.sch.uk", INT)], attachments=[broken])) == {}


def test_lookalike_domain_warns(engine: RuleEngine) -> None:
    match = LookalikeMatch(domain="oakfeld.sch.uk", resembles="oakfield.sch.uk", reason="one letter different")
    got = engine.evaluate(facts(recipients=[person("a@oakfeld.sch.uk", EXT)], lookalikes=(match,)))
    assert [f.rule for f in got] == ["lookalike-recipient-domain"]
    assert "oakfeld.sch.uk" in got[0].message and "oakfield.sch.uk" in got[0].message


def test_confidential_flag_silences_the_tip(engine: RuleEngine) -> None:
    f = facts(body=Counter({E.UK_NHS: 1}), recipients=[person("a@x.com", EXT)], confidential=True)
    assert "confidential-flag-missing" not in fired(engine, f)


def test_findings_carry_counts_and_masked_values_but_never_raw_values(engine: RuleEngine) -> None:
    f = facts(subject=Counter({E.UK_UPN: 1}), recipients=[person("a@x.com", EXT)])
    finding = next(x for x in engine.evaluate(f) if x.rule == "subject-personal-data")
    assert finding.action is Action.BLOCK
    assert finding.entities == {"UK_UPN": 1}
    assert finding.locations == ["subject", "recipients"]
    assert "O***** S****" in finding.message
    assert "section 4" in finding.policy


def test_strongest_first(engine: RuleEngine) -> None:
    f = facts(subject=Counter({E.UK_UPN: 1}), recipients=[person("a@x.com", EXT)])
    ranks = [x.action.rank for x in engine.evaluate(f)]
    assert ranks == sorted(ranks, reverse=True)
