"""Check-digit helpers for the corpus: make valid UPNs, ULNs and NHS numbers, and check them.

UPN and NHS checks come from python-stdnum (gb.upn, gb.nhs). python-stdnum has no ULN
module, so the ULN check is written here from the ESFA rule: weights 10..2 on the first
nine digits, remainder mod 11; a remainder of 0 is invalid, otherwise the tenth digit is
10 minus the remainder.
"""

from stdnum.gb import nhs, upn

_ULN_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def upn_is_valid(value: str) -> bool:
    return bool(upn.is_valid(value))


def nhs_is_valid(value: str) -> bool:
    return bool(nhs.is_valid(value))


def uln_is_valid(value: str) -> bool:
    digits = value.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit() or digits[0] == "0":
        return False
    check = _uln_check(digits[:9])
    return check is not None and check == int(digits[9])


def _uln_check(first_nine: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(first_nine, _ULN_WEIGHTS)) % 11
    return None if remainder == 0 else 10 - remainder


def make_upn(la_code: int, establishment: int, year: int, serial: int) -> str:
    """A permanent UPN: check letter, LA code, DfE establishment number, year, serial."""
    body = f"{la_code:03d}{establishment:04d}{year % 100:02d}{serial:03d}"
    return upn.calc_check_digit(body) + body


def make_uln(first_nine: str) -> str | None:
    """Complete nine digits into a ULN, or None when no check digit exists for them."""
    check = _uln_check(first_nine)
    return None if check is None else first_nine + str(check)


def make_nhs(first_nine: str) -> str | None:
    """Complete nine digits into an NHS number, or None when the check would be 10."""
    total = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS))
    check = 11 - total % 11
    if check == 10:
        return None
    return first_nine + str(0 if check == 11 else check)


def is_valid_identifier(entity_type: str, value: str) -> bool | None:
    """Checksum verdict for the checksummed types; None for every other type."""
    compact = "".join(ch for ch in value if ch.isalnum())
    if entity_type == "UK_UPN":
        return upn_is_valid(compact)
    if entity_type == "UK_ULN":
        return uln_is_valid(compact)
    if entity_type == "UK_NHS":
        return nhs_is_valid(compact)
    return None
