"""Greetings, signatures and quoted headers name the conversation's own people.

Entities are placed at the offsets where the values stand in the text, as a
detector would report them; one test runs the real Presidio + spaCy detector.
"""

import re

import pytest
from hypothesis import given, settings, strategies as st

from service.context.participants import (
    Participants,
    address_name_tokens,
    conversation_spans,
    display_name_tokens,
    participants_of,
    third_party,
)
from service.detect.types import DetectedEntity
from service.schemas import EntityType, Message

MESSAGE = Message.model_validate(
    {
        "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
        "to": [{"address": "amara.okafor@example.com", "name": "Okafor, Amara"}],
        "cc": [{"address": "jsmith@kent.gov.uk"}, {"address": "s.patel@oakfield.sch.uk", "name": "Mr S Patel"}],
        "bcc": [{"address": "office@oakfield.sch.uk", "name": "Oakfield Office"}],
    }
)
PEOPLE = participants_of(MESSAGE)


def entity(text: str, value: str, kind: EntityType = EntityType.PERSON, occurrence: int = 0) -> DetectedEntity:
    starts = [m.start() for m in re.finditer(re.escape(value), text)]
    start = starts[occurrence]
    return DetectedEntity(type=kind, start=start, end=start + len(value), score=0.85, text=value)


def spans_text(text: str) -> list[str]:
    return [text[start:end] for start, end in conversation_spans(text)]


def kept_values(text: str, entities: list[DetectedEntity], people: Participants = PEOPLE) -> list[str]:
    return [e.text for e in third_party(text, entities, people)]


# --- who the participants are -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Okafor, Amara", {"okafor", "amara"}),
        ("Mrs A Okafor", {"okafor", "a."}),
        ("Dr. Zoë Smith-Jones (Year 5)", {"zoe", "smith-jones", "smith", "jones"}),
        ("O’Brien, Seán", {"o'brien", "sean"}),
        ("t.jones@oakfield.sch.uk", {"t.", "jones"}),
    ],
)
def test_display_name_tokens(name: str, tokens: set[str]) -> None:
    assert display_name_tokens(name) == tokens


@pytest.mark.parametrize(
    ("address", "tokens"),
    [
        ("t.jones@oakfield.sch.uk", {"t.", "jones"}),
        ("amara.okafor@example.com", {"amara", "okafor"}),
        ("jsmith@kent.gov.uk", {"jsmith", "j.", "smith"}),
        ("sam_patel2@x.com", {"sam", "patel"}),
        ("office@oakfield.sch.uk", set()),
        ("head+trips@oakfield.sch.uk", set()),
    ],
)
def test_address_name_tokens(address: str, tokens: set[str]) -> None:
    assert address_name_tokens(address) == tokens


def test_participants_of() -> None:
    assert PEOPLE.addresses == {
        "t.jones@oakfield.sch.uk",
        "amara.okafor@example.com",
        "jsmith@kent.gov.uk",
        "s.patel@oakfield.sch.uk",
        "office@oakfield.sch.uk",
    }
    assert PEOPLE.sender_domain == "oakfield.sch.uk"
    assert {"tom", "jones", "amara", "okafor", "smith", "patel"} <= PEOPLE.name_tokens
    assert PEOPLE.is_named("Mrs Okafor")
    assert PEOPLE.is_named("Amara")
    assert PEOPLE.is_named("AMARA OKAFOR")
    assert PEOPLE.is_named("Mr Smith")
    assert PEOPLE.is_named("Tom Jones's")
    assert not PEOPLE.is_named("Amara Jones")  # two participants' words, nobody's name
    assert PEOPLE.is_named("John Smith")  # jsmith@: the initial and the surname
    assert PEOPLE.is_named("A. Okafor")
    assert not PEOPLE.is_named("B. Okafor")
    assert not PEOPLE.is_named("John")  # an initial alone is not enough
    assert not PEOPLE.is_named("Olivia Okafor")  # the recipient's child, a third party
    assert not PEOPLE.is_named("Mrs")
    assert not PEOPLE.is_named("")


def test_address_that_spells_the_display_name() -> None:
    people = participants_of(Message.model_validate({"to": [{"address": "liam@ep.co.uk", "name": "Liam Doherty"}]}))
    assert people.people == (frozenset({"liam", "doherty"}),)


def test_no_sender_and_no_names() -> None:
    people = participants_of(Message.model_validate({"to": [{"address": "parent@example.com"}]}))
    assert people.sender_domain is None
    assert people.addresses == {"parent@example.com"}
    assert people.people == ()
    assert not people.is_named("Parent")


# --- where they stand in the text ------------------------------------------


@pytest.mark.parametrize(
    ("line", "span"),
    [
        ("Dear Mrs Okafor,", "Dear Mrs Okafor,"),
        ("Hi Sam,", "Hi Sam,"),
        ("Hi Sam, Olivia Smith was absent today.", "Hi Sam,"),
        ("Hi Sam just to say Olivia Smith was absent today", "Hi Sam"),
        ("Good morning Mr Patel", "Good morning Mr Patel"),
        ("Morning all", "Morning all"),
        ("Dear Parent/Carer,", "Dear Parent/Carer,"),
        ("Hello Mrs Okafor and Mr Okafor!", "Hello Mrs Okafor and Mr Okafor!"),
        ("> Dear Mr Jones,", "Dear Mr Jones,"),
    ],
)
def test_greetings(line: str, span: str) -> None:
    text = f"{line}\nThe trip is on Friday."
    assert spans_text(text) == [span]


def test_not_greetings() -> None:
    assert spans_text("Hillary Brown joined Year 5.\nThe trip is on Friday.") == []
    assert spans_text("Olivia said hi to Jack.") == []


SIGNED = """Dear Mrs Okafor,

Olivia has settled in well this term.

Kind regards,

Tom Jones
Year 5 Teacher
Oakfield Primary School
Maple Road
Maidstone
Kent ME14 1AA
Tel: 01622 000000

Oakfield Learning Trust is a charitable company limited by guarantee, registered in England and Wales."""


def test_signature_without_a_sign_off() -> None:
    text = (
        "Dear Mrs Okafor, Olivia's reading book is in her bag.\n\n"
        "Hannah Kelly\nClass Teacher, 3K\nOakfield Primary School, Sutton Road, Maidstone ME15 9AB\n01622 000400"
    )
    sender = participants_of(Message.model_validate({"from": {"address": "h.kelly@oakfield.sch.uk"}}))
    signature = text[text.index("Hannah Kelly") :]
    assert [text[s:e] for s, e in conversation_spans(text, sender)][-1] == signature
    # Without knowing who sent it, a name and a phone number at the end could be anyone's.
    assert signature not in spans_text(text)
    postcode = entity(text, "ME15 9AB", EntityType.UK_POSTCODE)
    assert third_party(text, [postcode], sender) == []
    assert third_party(text, [postcode], PEOPLE) == [postcode]


def test_contact_details_at_the_end_are_not_a_signature() -> None:
    text = "Olivia's mum asked us to use her sister's number:\n\nSharon Smith\nMobile 07700 900123"
    phone = entity(text, "07700 900123", EntityType.PHONE_NUMBER)
    assert third_party(text, [phone], PEOPLE) == [phone]
    assert conversation_spans(text, PEOPLE) == []


def test_lists_at_the_end_are_not_a_signature() -> None:
    people = participants_of(Message.model_validate({"from": {"address": "o.smith@oakfield.sch.uk", "name": "Olivia Smith"}}))
    ending_in_names = "Please add these to the register:\n\nOlivia Smith\nJack Brown\nAmelia Jones"
    assert conversation_spans(ending_in_names, people) == []
    ending_in_records = "New starters:\n\nOlivia Smith\nJack Brown, 3 Elm Close, ME15 2BB\nAmy Li, 4 Elm Close, ME15 2BB"
    assert conversation_spans(ending_in_records, people) == []


def test_signature_with_address_and_phone() -> None:
    spans = spans_text(SIGNED)
    assert spans[0] == "Dear Mrs Okafor,"
    # The signature, and the trust's footer under it.
    assert spans[1].startswith("Kind regards,") and spans[1].endswith("registered in England and Wales.")
    assert "Olivia" not in "".join(spans)
    assert "charitable" in spans[1]
    entities = [
        entity(SIGNED, "Okafor"),
        entity(SIGNED, "Olivia"),
        entity(SIGNED, "Tom Jones"),
        entity(SIGNED, "Maple Road", EntityType.STREET_ADDRESS),
        entity(SIGNED, "ME14 1AA", EntityType.UK_POSTCODE),
        entity(SIGNED, "01622 000000", EntityType.PHONE_NUMBER),
    ]
    assert kept_values(SIGNED, entities, participants_of(Message())) == ["Olivia"]


@pytest.mark.parametrize(
    "sign_off",
    ["Thanks,", "Many thanks", "Best wishes,", "Regards", "Cheers", "Kind regards", "Thank you!", "--", "Yours sincerely,"],
)
def test_sign_off_variants(sign_off: str) -> None:
    text = f"See you on Friday.\n\n{sign_off}\nSam Patel\nSENCo\n07700 900123"
    [span] = spans_text(text)
    assert span.startswith(sign_off) and span.endswith("07700 900123")


def test_sign_off_with_name_on_the_same_line() -> None:
    text = "See you then.\nThanks, Tom\nOlivia Smith and Jack Brown still owe money for the trip."
    assert spans_text(text) == ["Thanks, Tom"]


CLASS_LIST = """Hi all,

Here is the group for Friday's trip.

Thanks,
Olivia Smith
Jack Brown
Amelia Jones
Noah Williams
Isla Taylor"""


def test_class_list_after_thanks_stays_third_party() -> None:
    assert spans_text(CLASS_LIST) == ["Hi all,", "Thanks,"]
    names = ["Olivia Smith", "Jack Brown", "Amelia Jones", "Noah Williams", "Isla Taylor"]
    entities = [entity(CLASS_LIST, name) for name in names]
    assert kept_values(CLASS_LIST, entities) == names


def test_two_names_after_thanks_are_not_a_signature() -> None:
    text = "Who is missing?\nThanks,\nOlivia Smith\nJack Brown"
    assert spans_text(text) == ["Thanks,"]


def test_list_of_people_with_addresses_after_thanks() -> None:
    text = "Addresses for the minibus:\nThanks,\nOlivia Smith, 14 Maple Road, ME14 1AA\nJack Brown, 3 Elm Close, ME15 2BB"
    assert spans_text(text) == ["Thanks,"]
    entities = [entity(text, "ME14 1AA", EntityType.UK_POSTCODE), entity(text, "ME15 2BB", EntityType.UK_POSTCODE)]
    assert kept_values(text, entities) == ["ME14 1AA", "ME15 2BB"]


def test_signature_stops_at_a_bulleted_list_and_at_long_text() -> None:
    text = "Thanks,\nTom\n- Olivia Smith (EHCP)\n- Jack Brown"
    assert spans_text(text) == ["Thanks,\nTom"]
    text = "Regards\nTom\n\nPlease also note that Olivia Smith will be collected early on Friday by her aunt."
    assert spans_text(text) == ["Regards\nTom"]


def test_signature_stops_at_the_next_greeting() -> None:
    text = "Thanks\nTom\n\n> Dear Mr Jones,\n> Can Jack Brown sit with Olivia?"
    assert spans_text(text) == ["Thanks\nTom", "Dear Mr Jones,"]


def test_signature_in_an_outlook_table_row() -> None:
    text = "Best wishes\nTom Jones\tYear 5 Teacher\nTel\t01622 000000"
    assert spans_text(text) == [text]


def test_signature_is_at_most_eight_lines() -> None:
    lines = [f"Tel {i}: 01622 00000{i}" for i in range(12)]
    text = "Regards\n" + "\n".join(lines)
    [span] = spans_text(text)
    assert span.endswith(lines[7])


GMAIL_REPLY = """Hi Sam,

Olivia Smith has a peanut allergy, please tell the kitchen.

Thanks, Tom

On Tue, 3 Mar 2026 at 09:12, Amara Okafor <amara.okafor@example.com>
wrote:
> Dear Mr Jones,
> Can Jack Brown sit with Olivia on the coach?
> Amara"""


def test_quoted_reply_gmail_style() -> None:
    spans = spans_text(GMAIL_REPLY)
    assert "On Tue, 3 Mar 2026 at 09:12, Amara Okafor <amara.okafor@example.com>\nwrote:" in spans
    assert "Dear Mr Jones," in spans
    quoted_header_people = [
        entity(GMAIL_REPLY, "Amara Okafor"),
        entity(GMAIL_REPLY, "amara.okafor@example.com", EntityType.EMAIL_ADDRESS),
        entity(GMAIL_REPLY, "Jack Brown"),  # in the quoted body: still being sent
        entity(GMAIL_REPLY, "Olivia Smith"),
        entity(GMAIL_REPLY, "Olivia", occurrence=1),
        entity(GMAIL_REPLY, "Amara", occurrence=1),  # the quoted sign-off name, a participant
    ]
    assert kept_values(GMAIL_REPLY, quoted_header_people) == ["Jack Brown", "Olivia Smith", "Olivia"]


OUTLOOK_REPLY = """Good morning Mr Patel

Please see below.

Cheers
Tom
________________________________
From: Amara Okafor <amara.okafor@example.com>
Sent: 03 March 2026 09:12
To: Sam Patel <s.patel@oakfield.sch.uk>; Tom Jones <t.jones@oakfield.sch.uk>;
 Grace Hopper <g.hopper@oakfield.sch.uk>
Cc: Office
Subject: Re: Year 5 trip

Jack Brown's EHCP review is next week."""


def test_quoted_reply_outlook_style() -> None:
    spans = spans_text(OUTLOOK_REPLY)
    assert spans[0] == "Good morning Mr Patel"
    assert spans[1] == "Cheers\nTom"
    assert spans[2].startswith("________________________________\nFrom: Amara Okafor")
    assert spans[2].endswith("Subject: Re: Year 5 trip")
    entities = [
        entity(OUTLOOK_REPLY, "Grace Hopper"),  # a Cc of the quoted mail: header, not data
        entity(OUTLOOK_REPLY, "g.hopper@oakfield.sch.uk", EntityType.EMAIL_ADDRESS),
        entity(OUTLOOK_REPLY, "Jack Brown"),
    ]
    assert kept_values(OUTLOOK_REPLY, entities) == ["Jack Brown"]


def test_from_line_alone_is_not_a_header() -> None:
    text = "From: Olivia Smith's mum\nShe says Olivia is unwell."
    assert spans_text(text) == []


# --- third_party ------------------------------------------------------------


def test_participants_anywhere_in_the_text() -> None:
    text = "As discussed with Mrs Okafor and Mr Smith, Olivia Okafor will join Jack Brown's group. Email amara.okafor@example.com or olivia@example.com."
    entities = [
        entity(text, "Mrs Okafor"),
        entity(text, "Mr Smith"),
        entity(text, "Olivia Okafor"),
        entity(text, "Jack Brown"),
        entity(text, "amara.okafor@example.com", EntityType.EMAIL_ADDRESS),
        entity(text, "olivia@example.com", EntityType.EMAIL_ADDRESS),
    ]
    assert kept_values(text, entities) == ["Olivia Okafor", "Jack Brown", "olivia@example.com"]


def test_entities_other_than_people_are_kept_outside_spans() -> None:
    text = "Hi Sam,\nOlivia's NHS number is 943 476 5919.\nThanks,\nTom"
    nhs = entity(text, "943 476 5919", EntityType.UK_NHS)
    assert third_party(text, [nhs], PEOPLE) == [nhs]


def test_attached_letters_are_judged_by_participants_only() -> None:
    letter = "Dear Mr Brown,\nJack's EHCP review is on Friday.\nYours sincerely,\nTom Jones\nYear 5 Teacher"
    entities = [entity(letter, "Mr Brown"), entity(letter, "Jack"), entity(letter, "Tom Jones")]
    assert kept_values(letter, entities) == ["Jack"]
    kept = third_party(letter, entities, PEOPLE, by_position=False)
    assert [e.text for e in kept] == ["Mr Brown", "Jack"]


def test_dear_parent_carer_and_unnamed_recipients() -> None:
    message = Message.model_validate({"to": [{"address": "parents@oakfield.sch.uk"}]})
    text = "Dear Parent/Carer,\nOlivia Smith in Year 5 has head lice.\nMany thanks\nOakfield Office"
    entities = [entity(text, "Olivia Smith"), entity(text, "Oakfield Office")]
    assert kept_values(text, entities, participants_of(message)) == ["Olivia Smith"]


@pytest.mark.spacy
def test_with_the_real_detector() -> None:
    from service.detect.analyzer import build_detector
    from service.settings import Settings

    detector = build_detector(Settings())
    text = SIGNED + "\n\n" + CLASS_LIST
    found = detector.analyze(text)
    kept = third_party(text, found, participants_of(Message()))
    kept_values = {e.text for e in kept}
    assert {"Tom Jones", "01622 000000", "ME14 1AA"} <= {e.text for e in found}
    assert not {"Tom Jones", "01622 000000", "ME14 1AA", "Okafor"} & kept_values
    class_list_start = text.index("Thanks,\nOlivia")
    in_class_list = [e for e in found if e.start > class_list_start]
    assert len(in_class_list) >= 3
    assert all(e in kept for e in in_class_list)


def test_windows_line_ends() -> None:
    text = SIGNED.replace("\n", "\r\n")
    spans = spans_text(text)
    assert spans[0] == "Dear Mrs Okafor,"
    assert spans[1].startswith("Kind regards,") and spans[1].rstrip("\r").endswith("registered in England and Wales.")


_LINES = st.sampled_from(
    [
        "", "Dear Mrs Okafor,", "Thanks,", "Kind regards", "--", "Tom Jones", "Year 5 Teacher",
        "Tel: 01622 000000", "- Olivia Smith", "Olivia Smith, 14 Maple Road, ME14 1AA",
        "From: Amara <a@x.com>", "Sent: Tuesday", "To: Tom", "Subject: Re: trip",
        "On Tue, 3 Mar 2026, Amara wrote:", "> quoted", "Hi Sam just to say", "x" * 200,
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=30))
def test_spans_are_sorted_disjoint_and_in_bounds(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans = conversation_spans(text)
    previous_end = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start > previous_end
        previous_end = end
    found = [entity(text, "Tom")] if "Tom" in text else []
    assert set(third_party(text, found, PEOPLE)) <= set(found)
