from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me on 07700 900123 after four.", "07700 900123"),
        ("DPO: dpo@oakfieldtrust.org.uk, 01622 000000", "01622 000000"),
        ("Tel +44 20 7946 0958", "+44 20 7946 0958"),
        ("Office (020) 7946 0958", "(020) 7946 0958"),
        ("Her dad's mobile is 07911 123456.", "07911 123456"),
        ("In France: +33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ("US office +1 415 555 2671", "+1 415 555 2671"),
        ("Ring 0044 20 7946 0958", "0044 20 7946 0958"),
        ("Mum: +44 (0) 7700 900123", "+44 (0) 7700 900123"),
        ("Mob: 07700-900-123", "07700-900-123"),
        ("Helpline 0300 123 4567", "0300 123 4567"),
        ("Her mum (07723 456789) will call.", "07723 456789"),
        ("They live under a care order. New contact: 01634 000277.", "01634 000277"),
        # Numbers abroad written without their country code, where the text says they are numbers.
        ("Dad is in the States, call him on 555-201-7788 after 3.", "555-201-7788"),
        ("Mum's mobile: 06.12.34.56.78", "06.12.34.56.78"),
        ("her number is 06 12 34 56 78", "06 12 34 56 78"),
        ("ring Nan on (02) 9374 4000 after 6", "(02) 9374 4000"),
        ("tel 087 123 4567", "087 123 4567"),
        ("Grandma in Poland, tel 601 234 567", "601 234 567"),
        ("Tel: +41 (0)44 668 18 00", "+41 (0)44 668 18 00"),
        ("cell (415) 555-0132", "(415) 555-0132"),
        # An extension belongs to the number; more words that say "phone".
        ("mobile 387.978.9328x792", "387.978.9328x792"),
        ("You can reach her at 883.347.0174.", "883.347.0174"),
        # Written with its +, a number is a phone number even if its country's plan says no.
        ("Dad: +1-911-311-4656", "+1-911-311-4656"),
        # Shapes only phone numbers have, with no phone word: a bracketed area code, the North
        # American 3-3-4, four or more groups after a trunk 0 with one separator throughout.
        ("Kevin Sanchez, (02) 3269 9102, Sydney", "(02) 3269 9102"),
        ("Our contacts abroad: Ana Ruiz 394-597-2979 and Tom Berg", "394-597-2979"),
        ("Stéphanie Lebrun, 04 88 01 42 17, Lyon", "04 88 01 42 17"),
    ],
)
def test_phone_found(found: Found, text: str, number: str) -> None:
    assert found(text, "PHONE_NUMBER") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Olivia was born on 12/03/2015.",
        "The meeting is on 2025-03-12 at 10:30.",
        "Invoice INV-20394, PO 4500012345",
        "Order 01234 567890 has been dispatched.",
        "ULN 9276308686",
        "UPN B801200005001",
        "Sort code 12-34-56",
        "URN 118234, DfE 886/2145",
        "Total £1,234.56 (20%)",
        "NHS number 943 476 5919",
        "Ref 0123456789",
        "Room 12, Year 6",
        "Order number 555-201-7788",
        "Candidate number 12345678",
        "The trip costs 601 234 567 pence in total.",
        "Exam board centre 601 234 567",
        "Meeting 06.12.2024 at 10.30",
        "Jordan Price's ULN should be 6276018952, not 6276018953.",
        "Version 10.2.3.4567",
        # No phone word and no shape of its own: marks, amounts, IP addresses, a sort code
        # before its account number, three plain groups.
        "Spelling scores: 12 15 18 20 22",
        "Additional waiting time (1 hour) 1 45.00 45.00",
        "The server is 10.20.30.40 now.",
        "Please pay 12-34-56 12345678 by Friday.",
        "Year 6 raised 601 234 567 pennies, not really.",
        "Session 09.00-10.30 in the hall",
    ],
)
def test_not_a_phone(found: Found, text: str) -> None:
    assert found(text, "PHONE_NUMBER") == []


def test_country_names_come_from_a_small_file_not_the_geocoder() -> None:
    # phonenumbers.geocoder's data costs ~100 MB a worker; the names are read from a file
    # built from it, which must still say what the library says.
    import subprocess
    import sys

    from phonenumbers.geocoder import _region_display_name

    from service.detect.recognizers.phone import _COUNTRY_REGIONS_FILE

    rows = [line.split("\t") for line in _COUNTRY_REGIONS_FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) > 200
    assert all(_region_display_name(region, "en") == name for region, name in rows)
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from service.detect.recognizers import phone; phone._countries();"
         " print('phonenumbers.geodata.locale' in sys.modules)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert loaded == "False"
