"""The development corpus parses and its annotations follow corpus/README.md."""

import re

import pytest

from bench.corpus import (
    MISDIRECTED_RULE_IDS,
    RULE_IDS,
    CorpusError,
    Draft,
    EntityText,
    load_drafts,
    load_entity_texts,
    parse_marked,
)
from bench.identifiers import is_valid_identifier, make_nhs, make_uln, make_upn
from service.schemas.entities import EntityType
from service.schemas.scan import ScanRequest

_TITLE = re.compile(r"^(mr|mrs|ms|miss|mx|dr|prof|rev|sgt|pc|nurse)\b\.?\s", re.IGNORECASE)
_DOB_HAS_LABEL = re.compile(r"born|birth|dob|d\.o\.b", re.IGNORECASE)
_PASSWORD_HAS_LABEL = re.compile(r"password|passcode|pin|code|key|passphrase", re.IGNORECASE)

TEXTS = load_entity_texts()
MISDIRECTED_FILE = "misdirected.yaml"
DRAFTS = load_drafts(exclude=[MISDIRECTED_FILE])
MISDIRECTED = load_drafts(files=[MISDIRECTED_FILE])


def test_entity_corpus_is_large_and_varied() -> None:
    assert len(TEXTS) >= 250
    sources = {t.source for t in TEXTS}
    assert len(sources) >= 10
    types = {s.type for t in TEXTS for s in t.spans}
    assert types == {t.value for t in EntityType}, "every CONTRACT section 6 type appears"
    negatives = [t for t in TEXTS if not t.spans]
    assert len(negatives) >= 40, "plenty of texts with nothing to find"


@pytest.mark.parametrize("item", TEXTS, ids=lambda t: t.id)
def test_spans_are_well_formed(item: EntityText) -> None:
    previous_end = 0
    for span in item.spans:
        assert item.text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert "\n" not in span.text
        assert span.start >= previous_end, "spans do not overlap"
        previous_end = span.end
        if span.type == EntityType.PERSON:
            assert not _TITLE.match(span.text), f"title inside PERSON span {span.text!r}"
            assert not span.text.endswith("'s")


@pytest.mark.parametrize("item", TEXTS, ids=lambda t: t.id)
def test_checksummed_identifiers_are_valid(item: EntityText) -> None:
    for span in item.spans:
        verdict = is_valid_identifier(span.type, span.text)
        assert verdict is not False, f"{item.id}: {span.type} fails its checksum"


def test_dates_of_birth_and_passwords_have_their_cue_nearby() -> None:
    for item in TEXTS:
        for span in item.spans:
            before = item.text[max(0, span.start - 80) : span.start]
            if span.type == EntityType.DATE_OF_BIRTH:
                # A DOB is a date given as a birth date: the cue is before it or it is in a
                # list whose header or neighbours say so.
                window = item.text[max(0, span.start - 200) : span.end + 40]
                assert _DOB_HAS_LABEL.search(window), f"{item.id}: DOB without a birth cue"
            if span.type == EntityType.PASSWORD:
                assert _PASSWORD_HAS_LABEL.search(before), f"{item.id}: PASSWORD without a cue"


def test_parse_marked_strips_markup_and_rejects_bad_markup() -> None:
    text, spans = parse_marked("Dear Mrs [[Okafor|PERSON]], DOB [[01/02/2015|DATE_OF_BIRTH]].")
    assert text == "Dear Mrs Okafor, DOB 01/02/2015."
    assert [(s.type, text[s.start : s.end]) for s in spans] == [
        ("PERSON", "Okafor"),
        ("DATE_OF_BIRTH", "01/02/2015"),
    ]
    for bad in ("[[Okafor|PEOPLE]]", "[[Okafor|PERSON]", "[[ Okafor|PERSON]]", "x ]] y"):
        with pytest.raises(CorpusError):
            parse_marked(bad)


def test_identifier_helpers_agree_with_the_checks() -> None:
    upn = make_upn(886, 2041, 18, 971)
    assert is_valid_identifier("UK_UPN", upn)
    assert not is_valid_identifier("UK_UPN", ("A" if upn[0] != "A" else "B") + upn[1:])
    uln = make_uln("532319487")
    assert uln == "5323194870" and is_valid_identifier("UK_ULN", uln)
    assert not is_valid_identifier("UK_ULN", "5323194871")
    nhs = make_nhs("463726516")
    assert nhs == "4637265169" and is_valid_identifier("UK_NHS", "463 726 5169")
    assert not is_valid_identifier("UK_NHS", "4637265162")


def test_invalid_look_alikes_in_the_corpus_are_not_annotated() -> None:
    # The hard negatives quote identifiers that fail their checksums; none may be marked.
    marked = {s.text.replace(" ", "") for t in TEXTS for s in t.spans}
    for bad in ("B886204118971", "5323194871", "4637265162", "6276018953", "9612220291"):
        assert bad not in marked
        assert any(bad in t.text.replace(" ", "") for t in TEXTS), f"{bad} missing from corpus"


def test_draft_corpus_is_large_and_covers_every_rule_both_ways() -> None:
    assert len(DRAFTS) >= 120
    actions = [d.expect.action for d in DRAFTS]
    assert actions.count("allow") >= 30
    assert actions.count("warn") >= 20 and actions.count("block") >= 20
    for rule in RULE_IDS:
        firing = [d for d in DRAFTS if rule in d.expect.rules]
        assert len(firing) >= 2, f"{rule} fires in too few drafts"
    assert any(a.content_base64 for d in DRAFTS for a in d.request.message.attachments)


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.id)
def test_drafts_are_scan_requests_with_contract_rules(draft: Draft) -> None:
    round_trip = ScanRequest.model_validate(draft.request.model_dump(by_alias=True))
    assert round_trip == draft.request
    assert set(draft.expect.rules) <= RULE_IDS
    assert draft.why.strip()
    assert _action_fits_rules(draft.expect.action, draft.expect.rules), (
        f"{draft.id}: {draft.expect.action} cannot come from {draft.expect.rules}"
    )


# CONTRACT section 7: rules that always block, rules that warn but may escalate to
# block, and the one info rule. The expected verdict must be one the rules can give.
_ALWAYS_BLOCK = {"special-category-external", "unprotected-attachment-external", "ctf-attachment"}
_MAY_BLOCK = {"subject-personal-data", "external-recipients-visible", "password-in-message"}
_INFO = {"confidential-flag-missing"}


def _action_fits_rules(action: str, rules: list[str]) -> bool:
    fired = set(rules)
    if action == "allow":
        return fired <= _INFO
    if action == "warn":
        return not fired & _ALWAYS_BLOCK and bool(fired - _INFO)
    return bool(fired & (_ALWAYS_BLOCK | _MAY_BLOCK))


def test_misdirected_corpus_covers_each_rule_with_hard_negatives() -> None:
    assert len(MISDIRECTED) >= 50
    for rule in MISDIRECTED_RULE_IDS:
        firing = [d for d in MISDIRECTED if rule in d.expect.rules]
        assert len(firing) >= 4, f"{rule} fires in too few drafts"
    negatives = [d for d in MISDIRECTED if "hard-negative" in d.tags]
    assert len(negatives) >= 25
    assert sum(d.history is not None for d in MISDIRECTED) >= 15, "history rules need drafts with a history"


@pytest.mark.parametrize("draft", MISDIRECTED, ids=lambda d: d.id)
def test_misdirected_drafts_expect_contract_rules(draft: Draft) -> None:
    assert set(draft.expect.rules) <= RULE_IDS | MISDIRECTED_RULE_IDS
    # The four section 8 rules warn.
    section7 = [r for r in draft.expect.rules if r not in MISDIRECTED_RULE_IDS]
    if set(draft.expect.rules) & MISDIRECTED_RULE_IDS and not set(section7) & (_ALWAYS_BLOCK | _MAY_BLOCK):
        assert draft.expect.action == "warn", draft.id
    else:
        assert _action_fits_rules(draft.expect.action, section7), draft.id


def test_a_draft_history_replays_into_an_in_memory_history() -> None:
    draft = next(d for d in MISDIRECTED if d.id == "md-changed-colleague-personal")
    sender, history = draft.recipient_history()
    assert sender == "d.hart@oakfield.sch.uk" and history is not None
    from service.history import SentTo

    seen = history.for_draft(sender, [SentTo("sarahjones77@gmail.com", "Sarah Jones")], ["oakfield.sch.uk"])
    assert seen.established and seen.recipients[0].usual_domains == ("oakfield.sch.uk",)
    assert next(d for d in MISDIRECTED if d.id == "md-neg-new-external-no-history").recipient_history() == (None, None)


def test_history_shorthands() -> None:
    from bench.corpus import expand_history

    assert expand_history({"sent": 5, "to": ["A <a@x.com>"]}) == [
        {"to": [{"address": "a@x.com", "type": "externalUser", "name": "A"}]},
        {"times": 4},
    ]
    assert expand_history(["a@x.com"]) == [{"to": [{"address": "a@x.com", "type": "externalUser"}]}]
    assert expand_history([{"to": "a@x.com", "count": 3}])[0]["times"] == 3
    assert expand_history({"messages": [{"recipients": ["a@x.com"], "when": "2025-01-02"}]}) == [
        {"to": [{"address": "a@x.com", "type": "externalUser"}], "cc": [], "bcc": [], "date": "2025-01-02"}
    ]
    with pytest.raises(CorpusError):
        expand_history([{"to": "a@x.com", "body": "no"}])


def test_overlap_and_strict_matching_count_what_the_readme_says() -> None:
    from bench.metrics import Found, match, score_by_type

    gold = [Found("PERSON", 0, 12), Found("UK_BANK_ACCOUNT", 20, 28), Found("UK_BANK_ACCOUNT", 30, 38)]
    predicted = [
        Found("PERSON", 0, 6),  # a fragment: found by overlap, not strictly
        Found("PERSON", 7, 12),  # a second fragment of the same name: a hit, not a false positive
        Found("UK_BANK_ACCOUNT", 20, 38),  # one span over sort code and account: finds both
        Found("PHONE_NUMBER", 40, 50),  # touches nothing: false positive
        Found("(unmapped)DATE_TIME", 0, 12),  # a baseline's own type on real data: ignored
    ]
    scored = frozenset({"PERSON", "UK_BANK_ACCOUNT", "PHONE_NUMBER"})
    loose = score_by_type([match(gold, predicted, scored_types=scored)])
    assert (loose["PERSON"].tp, loose["PERSON"].hits, loose["PERSON"].fp) == (1, 2, 0)
    assert (loose["UK_BANK_ACCOUNT"].tp, loose["UK_BANK_ACCOUNT"].fn) == (2, 0)
    assert loose["PHONE_NUMBER"].fp == 1 and loose["PHONE_NUMBER"].precision == 0.0
    assert "(unmapped)DATE_TIME" not in loose
    strict = score_by_type([match(gold, predicted, strict=True, scored_types=scored)])
    assert (strict["PERSON"].tp, strict["PERSON"].fn, strict["PERSON"].fp) == (0, 1, 2)
    assert strict["UK_BANK_ACCOUNT"].fn == 2
    far = match(gold, [Found("(unmapped)US_SSN", 60, 70)], scored_types=scored)
    assert [p.type for p in far.false_pos] == ["(unmapped)US_SSN"]


@pytest.mark.parametrize(("folder", "prefix"), [("sealed", "sx-"), ("sealed2", "sy-"), ("sealed3", "sz-"), ("sealed4", "s4-"), ("sealed5", "s5-"), ("sealed6", "s6-"), ("sealed7", "s7-")])
def test_the_sealed_sets_parse_without_being_read_for_tuning(folder: str, prefix: str) -> None:
    # Format only: each sealed set (its README.md) must load, so that `python -m
    # bench.evaluate --sets` can score it; its contents are never asserted on.
    from bench.corpus import CORPUS_DIR

    texts = load_entity_texts(CORPUS_DIR / folder / "entities")
    drafts = load_drafts(CORPUS_DIR / folder / "drafts")
    assert texts and drafts
    assert all(t.id.startswith(prefix) for t in texts) and all(d.id.startswith(prefix) for d in drafts)
    ids = {t.id for t in TEXTS} | {d.id for d in DRAFTS}
    assert not ids & ({t.id for t in texts} | {d.id for d in drafts}), "no sealed record is in the tuning corpus"


@pytest.mark.parametrize(("folder", "prefix"), [("sealed5", "s5g-"), ("sealed6", "s6g-")])
def test_the_sealed_general_sets_parse_without_being_read_for_tuning(folder: str, prefix: str) -> None:
    # Format only, as above: corpus/sealed*/general/ is scored by `bench.evaluate --sets`.
    from bench.corpus import CORPUS_DIR

    directory = CORPUS_DIR / folder / "general"
    texts = load_entity_texts(directory)
    assert texts and all(t.id.startswith(prefix) for t in texts)


def test_the_password_sentences_load_and_each_secret_is_in_its_sentence() -> None:
    from bench.passwords import load

    rows = load()
    assert len(rows) >= 200
    assert sum(bool(r.secrets) for r in rows) >= 100 and sum(not r.secrets for r in rows) >= 80
    for row in rows:
        assert all(0 <= s < e <= len(row.text) for s, e in row.secrets)


def test_the_second_writers_password_sentences_load_and_each_secret_is_in_its_sentence() -> None:
    from bench.passwords import FILES, load

    rows = load(FILES["dev2"])
    assert len(rows) >= 350
    assert sum(bool(r.secrets) for r in rows) >= 200 and sum(not r.secrets for r in rows) >= 150
    for row in rows:
        assert all(0 <= s < e <= len(row.text) for s, e in row.secrets)
