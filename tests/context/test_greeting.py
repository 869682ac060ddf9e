"""Who the greeting names, and whether a To recipient is that person (CONTRACT section 8)."""

import pytest

from service.context.greeting import greeted_people, greeting_mismatches
from service.schemas.scan import Recipient


def _to(*recipients: tuple[str, str | None]) -> list[Recipient]:
    return [Recipient(address=a, name=n) for a, n in recipients]


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("Dear Sarah,\n\nThanks for today.", ["Sarah"]),
        ("Hi Mr Patel\nThe coach leaves at 8.", ["Mr Patel"]),
        ("Morning Liz, quick one", ["Liz"]),
        ("Dear Mrs Smith-Jones,", ["Mrs Smith-Jones"]),
        ("Good morning Dr S. Hughes,", ["Dr S. Hughes"]),
        ("Dear Mr. Patel,", ["Mr. Patel"]),
        ("Dear Mr and Mrs Patel,", ["Mr and Mrs Patel"]),
        ("Hi Sarah and Tom,", ["Sarah", "Tom"]),
        ("Hi Sam just to say the trip is on", ["Sam"]),
        ("hi sarah, quick one", ["sarah"]),
        ("Sarah,\n\nThe minutes are attached.", ["Sarah"]),
        ("Dear Ms Ní Bhriain,", ["Ms Ní Bhriain"]),
    ],
)
def test_names_greeted(body: str, written: list[str]) -> None:
    assert [p.written for p in greeted_people(body)] == written


@pytest.mark.parametrize(
    "body",
    [
        "Dear parents,",
        "Dear Parents and Carers,",
        "Hi all,",
        "Hello everyone",
        "Dear Sir or Madam,",
        "Dear Sir/Madam,",
        "Dear Year 6 team,",
        "Dear Colleagues,",
        "Hi there,",
        "Hello again,",
        "Dear SENCo,",
        "Dear Headteacher,",
        "To whom it may concern,",
        "Thanks,",
        "Please see the attached minutes.",
        "Hi both,",
        "",
    ],
)
def test_group_role_and_no_greeting_name_no_one(body: str) -> None:
    assert greeted_people(body) == ()


def test_the_greeting_is_read_from_the_top_of_the_senders_own_text() -> None:
    assert greeted_people("Please see below.\n\nDear Sarah,") == ()
    assert greeted_people("> Dear Sarah,\n> quoted") == ()


@pytest.mark.parametrize(
    ("body", "to"),
    [
        ("Dear Sarah,", [("s.hughes@gmail.com", "Susan Hughes")]),
        ("Hi Mr Patel,", [("r.khan@outlook.com", "Rahul Khan")]),
        ("Dear Emma,", [("emily.clarke@gmail.com", "Emily Clarke")]),
        ("Hi Tom,", [("sarahjones@gmail.com", None)]),
        ("Dear Mrs Smith,", [("j.brown@gmail.com", None)]),
        ("Dear Sarah Jones,", [("sarah.hughes@gmail.com", "Sarah Hughes")]),
        ("Dear Mr Harper,", [("tom.bright@brightlaw.co.uk", "Tom Bright")]),  # the domain is his firm's
    ],
)
def test_mismatches(body: str, to: list[tuple[str, str | None]]) -> None:
    found = greeting_mismatches(body, _to(*to))
    assert len(found) == 1
    assert found[0].to == tuple(n or a for a, n in to)


@pytest.mark.parametrize(
    ("body", "to"),
    [
        ("Morning Liz,", [("e.walker@oakfield.sch.uk", "Elizabeth Walker")]),
        ("Hi Bill,", [("w.smith@gmail.com", "William Smith")]),
        ("Dear Maddie,", [("m.ross@gmail.com", "Madeleine Ross")]),
        ("Hi Chris,", [("c.obi@gmail.com", "Christopher Obi")]),
        ("Dear Mrs Smith-Jones,", [("jane.jones@btinternet.com", "Jane Jones")]),
        ("Dear Mrs Jones,", [("jane.smith-jones@btinternet.com", None)]),
        ("Dear Mrs Smith,", [("john.smith@gmail.com", "John Smith")]),  # a shared family surname
        ("Dear Sarah,", [("s.hughes@gmail.com", None)]),  # the initial fits
        ("Dear Sarah,", [("sjones@gmail.com", None)]),  # cannot be read for a name
        ("Dear Sarah,", [("sarah.jones@gmail.com", None)]),
        ("Hi Mr Patel,", [("patel.family@gmail.com", None)]),
        ("Dear Dr S. Hughes,", [("susan.hughes@nhs.net", "Hughes, Susan")]),
        ("Dear Mark,", [("accounts@officesupplies.co.uk", None)]),  # a role mailbox
        ("Dear Mark,", [("m.ward@gmail.com", "Mark Ward"), ("office@oakfield.sch.uk", None)]),
        ("Dear Sarah,", [("team@oakfield.sch.uk", "Year 6 Team")]),
        ("Dear parents,", [("s.hughes@gmail.com", "Susan Hughes")]),
        ("Dear Ms Harper,", [("family@harperlaw.co.uk", "Litigation")]),  # a department's mailbox
        ("Dear Mr Okafor,", [("info@okaforandco.com", "Info")]),  # the firm named in its domain
    ],
)
def test_no_mismatch(body: str, to: list[tuple[str, str | None]]) -> None:
    assert greeting_mismatches(body, _to(*to)) == ()


def test_only_to_counts_and_a_list_is_never_called_a_mismatch() -> None:
    assert greeting_mismatches("Dear Sarah,", []) == ()
    dl = [Recipient(address="y6parents@oakfield.sch.uk", name="Y6 Parents", type="distributionList")]
    assert greeting_mismatches("Dear Sarah,", dl) == ()


def test_mail_to_oneself_with_the_recipients_in_bcc() -> None:
    to = _to(("t.jones@oakfield.sch.uk", "Tom Jones"))
    assert greeting_mismatches("Dear Sarah,", to, "T.Jones@oakfield.sch.uk") == ()
    assert len(greeting_mismatches("Dear Sarah,", to)) == 1


def test_one_greeted_person_in_to_is_enough() -> None:
    to = _to(("sarah.jones@gmail.com", "Sarah Jones"))
    assert greeting_mismatches("Hi Sarah and Tom,", to) == ()
    assert [m.greeted for m in greeting_mismatches("Hi Priya and Tom,", to)] == ["Priya", "Tom"]


@pytest.mark.parametrize(
    ("body", "to"),
    [
        ("Dear Sarah,", [("jones.family@btinternet.com", None)]),  # a surname, no given name
        ("Dear Mrs Smith,", [("sarah@gmail.com", None)]),  # a given name, no surname
        ("Dear Mohammed,", [("m.khan@gmail.com", "Muhammad Khan")]),  # another spelling
        ("Hi Kuba,", [("jakub.nowak@gmail.com", None)]),
        ("Dear Sarah,", [("hughes77@gmail.com", None)]),
    ],
)
def test_too_little_known_to_refute(body: str, to: list[tuple[str, str | None]]) -> None:
    assert greeting_mismatches(body, _to(*to)) == ()
