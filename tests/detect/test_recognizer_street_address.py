from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("They live at 12 Acacia Avenue.", "12 Acacia Avenue"),
        ("Flat 3, 45 High Street", "Flat 3, 45 High Street"),
        ("The Old Rectory, Church Lane, Bearsted", "The Old Rectory, Church Lane"),
        ("12 Acacia Avenue, Maidstone ME14 1XX", "12 Acacia Avenue"),
        ("Oakfield Primary School\nSutton Road, Maidstone, Kent ME15 9AZ", "Sutton Road"),
        ("Temporary address: Room 4, 112 London Road, ME16 0DR", "112 London Road"),
        ("Address: 7b Mill Rd\nMaidstone", "7b Mill Rd"),
        ("12 St Mary's Road", "12 St Mary's Road"),
        ("Rose Cottage, Green Lane", "Rose Cottage, Green Lane"),
    ],
)
def test_address_found(found: Found, text: str, address: str) -> None:
    assert found(text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "St Mary's School is closed on Friday.",
        "Year 6 went to the park.",
        "3 Ways to revise for SATs",
        "Meet in Room 12 Court side",
        "See you at 10 Downing",
        "Year 6 Science Park trip",
        "Dear Sir, Park Lane is closed",
        "We spent £12 High Street vouchers",
        "Key Stage 2 Maths Park",
        "Oakfield Academy, Tonbridge Road is closed for resurfacing.",  # a bare street needs a postcode
    ],
)
def test_not_an_address(found: Found, text: str) -> None:
    assert found(text, "STREET_ADDRESS") == []
