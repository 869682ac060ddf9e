"""Passwords in tables and lists, codes shaped like dates or spaced digits, phone numbers
that are never codes (helper "passwords3", session 8). Real detector, real text."""

import time
from collections.abc import Callable

import pytest

from service.detect.recognizers.password import digit_codes, secrets_by_evidence, secrets_in_tables

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # A password column: every cell under it, plain words too when a user name is beside them.
        ("Child\tUser\tPassword\nNoah\tnoah4c\tgiraffe\nMia\tmia4c\tzebra88\n", ["giraffe", "zebra88"]),
        ("| Name | Login | Password |\n|---|---|---|\n| Ms Akers | akers | Frost!Bite3 |\n", ["Frost!Bite3"]),
        ("Account,Email,Password\nLibrary PC,lib@oakfield.sch.uk,Shelf#2026\n", ["Shelf#2026"]),
        ("User   Pass\nkhan7   Otter!55\nlowe7   Badger!19\n", ["Otter!55", "Badger!19"]),
        # An empty cell keeps its place; a two-column form gives the value beside the label.
        ("Name\tUsername\tPassword\nAmy\t\tTulip42\n", ["Tulip42"]),
        ("Username\tjsmith\nPassword\tmeadowlark\n", ["meadowlark"]),
        ("Name\tPassword\nAmy\ttulip\nBen\tdaisy\n", ["tulip", "daisy"]),
        # A PIN or code column; a bare "Code" says what it opens in the header beside it.
        ("Device\tUser\tPIN\nTablet 1\tdrama1\t6620\nTablet 2\tdrama2\t0931\n", ["6620", "0931"]),
        ("Door\tCode\nFront entrance\t3807\nBoiler room\t5512#\n", ["3807", "5512#"]),
        ("Padlock\tCombination\nShed\t19 44 07\n", ["19 44 07"]),
        # A heading of secrets over a list of "label - value" lines.
        ("Locker combinations for 8R:\nLocker 3 - 2245\nLocker 4 - 9031\n", ["2245", "9031"]),
        ("Subject: Gate codes\nCar park - 1160\nField gate - 8743", ["1160", "8743"]),
        ("Reading app logins:\nUser\tPassword\nzara5\tpebble\ntom5\tacorn\n", ["pebble", "acorn"]),
        # A code cue makes the digit group after it a code, date-shaped or spaced.
        ("the safe combination is 31-07-88", ["31-07-88"]),
        ("Your backup code is 738 201 556.", ["738 201 556"]),
        ("FYI the cabinet code has changed to 4417.", ["4417"]),
        ("The strongroom combination is 04/11/63, turn left first.", ["04/11/63"]),
        ("the padlock code is 1 9 8 4 then pull", ["1 9 8 4"]),
        # A padlock of three dials.
        ("Stationery cupboard padlock: 852", ["852"]),
        # An answer to a question about the code further down the thread.
        ("It's 6031 now, they changed it.\n\n> Does anyone know the code for the staff toilet?", ["6031"]),
        # Two secrets in one sentence, after accounts reset for two people.
        ("Both accounts reset: Ella is Otter2025 and Sam is Badger2025.", ["Otter2025", "Badger2025"]),
        # A reply about a login or the Wi-Fi answers with the secret.
        ("Subject: Re: wifi\nIt's Lantern77 now.", ["Lantern77"]),
    ],
)
def test_secret_found(found: Found, text: str, secrets: list[str]) -> None:
    assert found(text, "PASSWORD") == secrets


@pytest.mark.parametrize(
    "text",
    [
        # Tables with no secret in them, or a password column that says where it is.
        "Subject\tCode\nMaths\t8300\nBiology\t8461\n",
        "Room\tCode\nSports hall\tSH12\nLibrary\tLB07\n",
        "Code\tMeaning\nAUT1\tAuthorised\nUNA2\tUnauthorised\n",
        "Product\tCode\tPrice\nPens\tPN4420\t£2.00\n",
        "Name\tUsername\tPassword\nAmira\tamira3b\t(sent by text)\nLeo\tleo3b\t(sent by text)\n",
        "Name\tPassword\tEmail\nAmy\tDone\ta@oakfield.sch.uk\nBen\tDone\tb@oakfield.sch.uk\n",
        "Password\tWhere to get it\nSIMS\tIT office\nWi-Fi\tNotice board\n",
        "Subject\tEntries\tPass\tFail\nMaths\t120\t1104\t16\n",
        "Name\tPassword\nAmy\tPending\n",
        "Username\tPassword\tEmail\n",
        "Login\tLast login\tStatus\nk.white\t12/06/2026 08:14\tActive\n",
        "Here are the codes:\nMaths - 8300\nBiology - 8461\n",
        # Finance and asset codes: public to whoever reads the ledger or the label.
        "Cost centre\tAccount code\tAmount\nScience\t4410\t£230.00\n",
        "Account codes:\nBooks - 4410\nTrips - 4420\n",
        "Laptop\tCode\nDell 5400\tLT-0042\n",
        "Our budget code is 4410 220 for the trip.",
        "The DfE code is 886 4021.",
        "Specification codes:\nMaths - 8300\n",
        # Phone numbers are never codes, whatever is before them.
        "Useful numbers:\nReception / 01632 960 448\nSite team / 07700 900 271\n",
        "x / 01632 960 448",
        "The code is 01632 960448 for the office.",
        # Digits after a code word that are not a code.
        "The course code is 7101 and the sort code 20-45-77.",
        "The combination of 2019 and 2020 results was strong.",
        "The door code is 31/07/2026 from next week.",
        "The meeting has changed to 14:30 on 12/06.",
        "Your ticket reference is 738 201 556 and the booking code is on the email.",
        "The bus code is 417 and it leaves from bay 6.",
        "Padlocks: 120 in stock, £4 each.",
        "The padlock was 850 grams.",
        "The combination of 100 pupils and 12 staff worked well.",
        "Accounts reset this term: 42, see INC2291 for the list.",
        "Your account has been set up for Y6B2 and Y6C1.",
        "Re: the trip - it's Y6B2 going first",
        "Re: login - it's 2025 policy",
        "No, it's 2417 now.",
    ],
)
def test_no_secret(found: Found, text: str) -> None:
    assert found(text, "PASSWORD") == []


def test_a_phone_number_beside_a_code_stays_a_phone_number(detector) -> None:  # type: ignore[no-untyped-def]
    text = "Site team / 07700 900 271, door code 4417."
    found = [(e.type.value, e.text) for e in detector.analyze(text)]
    assert ("PHONE_NUMBER", "07700 900 271") in found
    assert [t for k, t in found if k == "PASSWORD"] == ["4417"]


def test_a_password_column_outranks_a_name_read_in_the_table(detector) -> None:  # type: ignore[no-untyped-def]
    text = "Pupil | Password\nAmy | (on her card)\nBen | Hedgehog"
    found = {e.text: e.type.value for e in detector.analyze(text)}
    assert found["Hedgehog"] == "PASSWORD"
    assert found["Ben"] == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "combination is " + "1-" * 50_000,
        "code is " * 20_000,
        "Password\tPIN\tCode\tKey\n" * 20_000,
        ("| Password | " * 30 + "\n" + "| Ab12!x | " * 30 + "\n") * 500,
        "Door codes:\n" + "Main - 4096\n" * 20_000,
        ("Name   Password   Code   " * 40 + "\n") * 500,
        "Password\t" + "a" * 200_000,
        "- " * 100_000,
    ],
)
def test_bounded_time_on_hostile_text(text: str) -> None:
    started = time.perf_counter()
    secrets_in_tables(text)
    digit_codes(text)
    secrets_by_evidence(text)
    assert time.perf_counter() - started < 3.0


def test_rows_of_one_table_are_capped() -> None:
    text = "Name\tPassword\n" + "amy\tAb12cd34\n" * 1_000
    assert len(secrets_in_tables(text)) == 300
