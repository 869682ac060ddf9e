"""Recipient domains that are near misses of the organisation's own or secure domains."""

import idna
import pytest

from service.context import lookalike
from service.context.lookalike import (
    DIFFERENT_ENDING,
    LOOKALIKE_CHARACTERS,
    ONE_LETTER,
    TWO_LETTERS,
    find_lookalike,
)

TRUSTED = ["oakfield.sch.uk", "oakfieldtrust.org.uk", "kent.gov.uk"]


@pytest.mark.parametrize(
    ("domain", "resembles", "reason"),
    [
        ("oakfeild.sch.uk", "oakfield.sch.uk", ONE_LETTER),  # transposition counts as one
        ("oakfeld.sch.uk", "oakfield.sch.uk", ONE_LETTER),
        ("oakfields.sch.uk", "oakfield.sch.uk", ONE_LETTER),
        ("mail.oakfeld.sch.uk", "oakfield.sch.uk", ONE_LETTER),
        ("oakfieldtrus.org.uk", "oakfieldtrust.org.uk", ONE_LETTER),
        ("okfieldtrst.org.uk", "oakfieldtrust.org.uk", TWO_LETTERS),
        ("oakfie1d.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),
        ("0akfield.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),
        ("oakfieid.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),
        ("oakfie1d.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),
        ("oakfíeld.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),
        ("o\u0430kfield.sch.uk", "oakfield.sch.uk", LOOKALIKE_CHARACTERS),  # Cyrillic a
        ("k\u0435nt.gov.uk", "kent.gov.uk", LOOKALIKE_CHARACTERS),  # short names too
        ("oakfield-sch.uk", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("oakfieldsch.uk", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("oakfield.sch.uk.com", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("oakfield.co.uk", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("oakfieldtrust.org", "oakfieldtrust.org.uk", DIFFERENT_ENDING),
        ("oakfieldtrust.org.uk.evil.com", "oakfieldtrust.org.uk", DIFFERENT_ENDING),
        ("kent.gov.uk.co", "kent.gov.uk", DIFFERENT_ENDING),
        ("oakfield.kent.sch.uk", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("www.oakfield.co.uk", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("a.b.oakfeild.sch.uk", "oakfield.sch.uk", ONE_LETTER),
        # The public suffix changed or extended, at any length of name (CONTRACT section 7).
        ("kent.gov.co.uk", "kent.gov.uk", DIFFERENT_ENDING),
        ("kent.gov.com", "kent.gov.uk", DIFFERENT_ENDING),
        ("secure.kent.gov.com", "kent.gov.uk", DIFFERENT_ENDING),
        ("oakfield.sch.com", "oakfield.sch.uk", DIFFERENT_ENDING),
        ("oakfield.sch.uk.mail-portal.net", "oakfield.sch.uk", DIFFERENT_ENDING),
        # A short name with a letter doubled or two neighbours swapped: a slip, not another body.
        ("kentt.gov.uk", "kent.gov.uk", ONE_LETTER),
        ("keent.gov.uk", "kent.gov.uk", ONE_LETTER),
        ("ketn.gov.uk", "kent.gov.uk", ONE_LETTER),
        # An ending one letter from the real one and no public suffix at all.
        ("kent.gov.ukk", "kent.gov.uk", DIFFERENT_ENDING),
        ("oakfield.sch.ku", "oakfield.sch.uk", DIFFERENT_ENDING),
    ],
)
def test_near_misses(domain: str, resembles: str, reason: str) -> None:
    match = find_lookalike(domain, TRUSTED)
    assert match is not None
    assert (match.resembles, match.reason) == (resembles, reason)
    assert match.domain == domain.lower()


def test_schools_under_a_local_authority_domain() -> None:
    trusted = ["riverside.kent.sch.uk"]
    assert find_lookalike("staff.riverside.kent.sch.uk", trusted) is None
    assert find_lookalike("other.kent.sch.uk", trusted) is None
    typo = find_lookalike("rivreside.kent.sch.uk", trusted)
    assert typo is not None and typo.reason == ONE_LETTER
    namesake = find_lookalike("riverside.medway.sch.uk", trusted)
    assert namesake is not None and namesake.reason == DIFFERENT_ENDING


def test_punycode_is_decoded_before_comparing() -> None:
    spoof = idna.encode("o\u0430kfield.sch.uk", uts46=True).decode()
    assert spoof.startswith("xn--")
    match = find_lookalike(spoof, TRUSTED)
    assert match is not None and match.reason == LOOKALIKE_CHARACTERS


def test_rn_for_m() -> None:
    match = find_lookalike("rnaidstone.sch.uk", ["maidstone.sch.uk"])
    assert match is not None and match.reason == LOOKALIKE_CHARACTERS


@pytest.mark.parametrize(
    "domain",
    [
        "oakfield.sch.uk",
        "staff.oakfield.sch.uk",
        "kent.gov.uk",
        "socialcare.kent.gov.uk",
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.co.uk",
        "btinternet.com",
        "education.gov.uk",
        "medway.gov.uk",
        "surrey.gov.uk",
        "nhs.net",
        "oakwood.sch.uk",
        "oakfieldschool.org.uk",
        "bbc.co.uk",
        # Short names: one letter from another real body is not a warning (module doc).
        "kent.sch.uk",
        "kent.ac.uk",
        "kant.gov.uk",
        "kemt.gov.uk",
        "ken.gov.uk",
        "kent.police.uk",
        "kent.nhs.uk",
        "kent.org.uk",
        "kentgov.co.uk",
        "",
        "localhost",
        "not a domain",
    ],
)
def test_no_false_alarms(domain: str) -> None:
    assert find_lookalike(domain, TRUSTED) is None


def test_short_label_rule_is_the_length_of_the_trusted_name() -> None:
    assert find_lookalike("hive.sch.uk", ["hove.sch.uk"]) is None  # 4 letters: too short
    assert find_lookalike("h0ve.sch.uk", ["hove.sch.uk"]) is not None  # look-alikes at any length
    assert find_lookalike("hovels.sch.uk", ["hovel.sch.uk"]) is not None  # 5 letters: one edit
    assert find_lookalike("hoveles.sch.uk", ["hovel.sch.uk"]) is None  # 5 letters: not two
    assert find_lookalike("wickhamm.sch.uk", ["wickham.sch.uk"]) is not None
    assert find_lookalike("wickhammm.sch.uk", ["wickham.sch.uk"]) is None  # 7 letters: not two


def test_no_network_suffix_list() -> None:
    extractor = lookalike.suffix_extractor()
    assert extractor.suffix_list_urls == ()
    assert extractor._cache.enabled is False


def test_works_with_the_network_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    lookalike.suffix_extractor.cache_clear()
    try:
        match = find_lookalike("oakfeild.sch.uk", TRUSTED)
    finally:
        lookalike.suffix_extractor.cache_clear()
    assert match is not None and match.reason == ONE_LETTER
