from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("They live at 12 Acacia Avenue.", "12 Acacia Avenue"),
        ("Flat 3, 45 High Street", "Flat 3, 45 High Street"),
        # No street word: the town and postcode after it say it is a street.
        ("we've moved to 3 The Paddocks, Bearsted me14 4ll from next week", "3 The Paddocks"),
        ("The Old Rectory, Church Lane, Bearsted", "The Old Rectory, Church Lane"),
        ("12 Acacia Avenue, Maidstone ME14 1XX", "12 Acacia Avenue"),
        ("Oakfield Primary School\nSutton Road, Maidstone, Kent ME15 9AZ", "Sutton Road"),
        ("Temporary address: Room 4, 112 London Road, ME16 0DR", "112 London Road"),
        ("Address: 7b Mill Rd\nMaidstone", "7b Mill Rd"),
        ("12 St Mary's Road", "12 St Mary's Road"),
        ("Rose Cottage, Green Lane", "Rose Cottage, Green Lane"),
        # Other countries' streets: suffixes of North America, the street word first (Romance,
        # Slavic), the street word as the end of a word (Germanic, Nordic) or after the name.
        ("Ship it to 580 Parsons Gateway Apt. 215, Denver", "580 Parsons Gateway"),
        ("Flat 12, Clarke Alley", "Flat 12, Clarke Alley"),
        ("14 MacAleavy Street, Sligo", "14 MacAleavy Street"),
        ("Grandma lives at 95, avenue Diallo, Lyon", "95, avenue Diallo"),
        ("Neue Adresse: Hauptstraße 12, 10115 Berlin", "Hauptstraße 12"),
        ("Dziadkowie: ul. Słowicza 3, Kraków", "ul. Słowicza 3"),
        ("Via Achille, 3 Appartamento 8", "Via Achille, 3"),
        ("Calle de Juan Bravo 12, Madrid", "Calle de Juan Bravo 12"),
        ("She moved to Storgatan 12 in Malmö", "Storgatan 12"),
        ("Kerkstraat 5, Utrecht", "Kerkstraat 5"),
        ("Petőfi utca 12., Budapest", "Petőfi utca 12"),
        ("PO Box 293, Wellington", "PO Box 293"),
    ],
)
def test_address_found(found: Found, text: str, address: str) -> None:
    assert found(text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "St Mary's School is closed on Friday.",
        "Year 6 went to the park.",
        "Room 3 The Library, Maidstone ME14 1AA is where we meet.",
        "3 Ways to revise for SATs",
        "Meet in Room 12 Court side",
        "See you at 10 Downing",
        "Year 6 Science Park trip",
        "Dear Sir, Park Lane is closed",
        "We spent £12 High Street vouchers",
        "Key Stage 2 Maths Park",
        "Oakfield Academy, Tonbridge Road is closed for resurfacing.",  # a bare street needs a postcode
        "Spring 2025 data drop",
        "Katie 5, Tom 4, Aisha 6",
        "In 2019 Harrison Ford visited the school.",
        "Checks done via the DVLA service on 12 January.",
        "Westgate 5 aside football on Friday",
        "On Fri, 27 Jun 2025 at 15:40, Joanne Pike wrote:",
        "Catering 3 and Training 4 are in the hall.",
        "Use the rue Becker entrance",  # French street word with no house number: not enough
        "Cost £12 via ParentPay by 28 January.",  # English "via", an amount
        "Year 5 via Teams on Friday",
        "We need 2 place settings for Governors",
    ],
)
def test_not_an_address(found: Found, text: str) -> None:
    assert found(text, "STREET_ADDRESS") == []


# --- the pattern's opening (bench.attachments speed work) ----------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_ADDRESS_PIECES = [
    "12 Acacia Avenue", "Flat 3, 45 High Street", "The Old Rectory, Green Lane", "Rose Cottage, Mill Lane",
    "3 The Paddocks, Bearsted ME14 4LL", "Kevin Street, Maidstone, ME14 2QT", "H.No 12 Gandhi Nagar",
    "St. John's Road", "McDonald Close", "O'Neill Way", "\u0663 High Street", "2 Elm Grove", "x", "£", "$", "€",
    ".", ",", "/", ":", "-", "_", " ", "\n", "é", "12", "Year 6 Park", "a", "Road",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=12))
def test_the_address_opening_finds_what_the_lookbehind_found(pieces: list[str]) -> None:
    import regex

    from service.detect.recognizers.street_address import ADDRESS_OPENING, ADDRESS_REGEX

    old = regex.compile(r"(?<![\w£$€.,/:-])" + ADDRESS_REGEX.pattern[len(ADDRESS_OPENING) :], ADDRESS_REGEX.flags)
    text = "".join(pieces)
    assert [m.span() for m in ADDRESS_REGEX.finditer(text)] == [m.span() for m in old.finditer(text)]
