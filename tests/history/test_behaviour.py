"""One behaviour suite for every RecipientHistory: in memory, SQLite and PostgreSQL must agree."""

from datetime import UTC, datetime, timedelta

from service.history import MIN_SENT_MESSAGES, RecipientHistory, SentTo

TEACHER = "t.jones@oakfield.sch.uk"
START = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
SARAH_AT_SCHOOL = SentTo("sarah.jones@oakfield.sch.uk", "Sarah Jones")


def _send(history: RecipientHistory, count: int, *recipients: SentTo, sender: str = TEACHER) -> None:
    for n in range(count):
        history.record_sent(sender, list(recipients), START + timedelta(hours=n))


def test_a_sender_needs_twenty_messages_for_a_history(history: RecipientHistory) -> None:
    assert not history.for_draft(TEACHER, [SARAH_AT_SCHOOL]).established
    _send(history, MIN_SENT_MESSAGES - 1, SARAH_AT_SCHOOL, SentTo("office@oakfield.sch.uk"))
    below = history.for_draft(TEACHER, [SARAH_AT_SCHOOL])
    # Messages are counted, not recipients.
    assert below.sent_messages == MIN_SENT_MESSAGES - 1 and not below.established
    _send(history, 1, SARAH_AT_SCHOOL)
    assert history.for_draft(TEACHER, [SARAH_AT_SCHOOL]).established


def test_known_and_new_addresses_whatever_their_case_or_form(history: RecipientHistory) -> None:
    _send(history, 20, SARAH_AT_SCHOOL)
    seen = history.for_draft(TEACHER, [SentTo("Sarah.Jones@Oakfield.sch.uk", "Sarah Jones"),
                                       SentTo("s.hughes@gmail.com", "Susan Hughes")])
    assert [(r.address, r.address_known) for r in seen.recipients] == [
        ("sarah.jones@oakfield.sch.uk", True), ("s.hughes@gmail.com", False)]
    assert seen.seen("S.Hughes@gmail.com") is not None and seen.seen("S.Hughes@gmail.com").name == "susan hughes"


def test_the_same_name_at_another_address_and_its_usual_domain(history: RecipientHistory) -> None:
    _send(history, 25, SARAH_AT_SCHOOL)
    draft = [SentTo("sarahj1984@gmail.com", "Jones, Sarah")]
    offered = history.for_draft(TEACHER, draft, ["oakfield.sch.uk", "gmail.com", "kent.gov.uk"])
    (slip,) = offered.recipients
    assert slip.name == "sarah jones" and not slip.address_known
    assert slip.name_known_elsewhere and slip.usual_domains == ("oakfield.sch.uk",)
    # A domain the scan did not offer cannot be named (the store holds only its hash).
    (unnamed,) = history.for_draft(TEACHER, draft, ["gmail.com"]).recipients
    assert unnamed.name_known_elsewhere and unnamed.usual_domains == ()


def test_the_usual_address_is_not_elsewhere(history: RecipientHistory) -> None:
    _send(history, 25, SARAH_AT_SCHOOL, SentTo("head@oakfield.sch.uk"))
    seen = history.for_draft(TEACHER, [SARAH_AT_SCHOOL, SentTo("head@oakfield.sch.uk")], ["oakfield.sch.uk"])
    assert [(r.address_known, r.name_known_elsewhere, r.usual_domains) for r in seen.recipients] == [
        (True, False, ()), (True, False, ())]


def test_one_senders_history_is_not_anothers(history: RecipientHistory) -> None:
    _send(history, 30, SARAH_AT_SCHOOL)
    other = history.for_draft("office@oakfield.sch.uk", [SARAH_AT_SCHOOL, SentTo("x@gmail.com", "Sarah Jones")],
                              ["oakfield.sch.uk"])
    assert other.sent_messages == 0 and not other.established
    assert [(r.address_known, r.name_known_elsewhere) for r in other.recipients] == [(False, False), (False, False)]


def test_a_name_sent_to_at_two_addresses_names_both_domains(history: RecipientHistory) -> None:
    _send(history, 12, SARAH_AT_SCHOOL)
    _send(history, 12, SentTo("sjones@oakfieldtrust.org.uk", "Sarah Jones"))
    (seen,) = history.for_draft(TEACHER, [SentTo("sj@hotmail.co.uk", "SARAH  JONES")],
                                ["oakfield.sch.uk", "oakfieldtrust.org.uk", "hotmail.co.uk"]).recipients
    assert seen.usual_domains == ("oakfield.sch.uk", "oakfieldtrust.org.uk")
    (known,) = history.for_draft(TEACHER, [SARAH_AT_SCHOOL], ["oakfield.sch.uk", "oakfieldtrust.org.uk"]).recipients
    assert known.address_known and known.name_known_elsewhere and known.usual_domains == ("oakfieldtrust.org.uk",)


def test_a_recipient_without_a_name_has_no_name_to_match(history: RecipientHistory) -> None:
    _send(history, 20, SentTo("sarah.jones@oakfield.sch.uk"))
    (seen,) = history.for_draft(TEACHER, [SentTo("sarah@gmail.com")], ["oakfield.sch.uk"]).recipients
    assert seen.name == "" and not seen.name_known_elsewhere and not seen.address_known
