"""Short forms of given names and double-barrelled surnames."""

import pytest

from service.context.names import is_given_name, same_given_name, same_surname


@pytest.mark.parametrize(
    ("a", "b"),
    [("liz", "elizabeth"), ("bill", "william"), ("peggy", "margaret"), ("sue", "susan"), ("kate", "catherine"),
     ("maddie", "madeleine"), ("chris", "christopher"), ("georgie", "georgina"), ("nicky", "nicola"),
     ("kasia", "katarzyna"), ("sarah", "sarah")],
)
def test_short_forms(a: str, b: str) -> None:
    assert same_given_name(a, b) and same_given_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("sarah", "susan"), ("emma", "emily"), ("mark", "martin"), ("tom", "tim"), ("susan", "hannah"),
     ("olivia", "oliver"), ("jane", "janet")],
)
def test_different_names(a: str, b: str) -> None:
    assert not same_given_name(a, b)


def test_surnames() -> None:
    assert same_surname("smith-jones", "jones")
    assert same_surname("jones", "smith-jones")
    assert not same_surname("smith", "smithson")


def test_given_name_list_is_read_offline() -> None:
    assert is_given_name("elizabeth") and is_given_name("liz") and not is_given_name("invoice")


@pytest.mark.parametrize(
    ("a", "b"),
    # Spellings of one name whose first letters differ but sound alike (the spelling
    # check compares first sounds before anything else).
    [("catherine", "katherine"), ("philippa", "filippa"), ("zoltan", "soltan"), ("rachael", "rachel"),
     ("mohammed", "muhammad")],
)
def test_spellings_with_another_first_letter(a: str, b: str) -> None:
    assert same_given_name(a, b) and same_given_name(b, a)


def test_surname_parts() -> None:
    assert same_surname("smith-jones", "jones-brown")
    assert not same_surname("smith-jones", "brown")
    assert not same_surname("brown", "browne")
    assert same_surname("brown", "brown")
