import random
from collections.abc import Callable

import pytest
from stdnum.gb import upn as stdnum_upn

from service.detect.recognizers.upn import UPN_LETTERS, is_valid_upn, upn_check_letter

Found = Callable[[str, str], list[str]]


def make_upn(rng: random.Random, la: str | None = None, temporary: bool = False) -> str:
    la = la or f"{rng.randrange(1000):03d}"
    body = la + "".join(rng.choice("0123456789") for _ in range(8))
    body += rng.choice(UPN_LETTERS) if temporary else rng.choice("0123456789")
    return upn_check_letter(body) + body


def test_known_valid_upns() -> None:
    # python-stdnum's documented example, and a temporary UPN worked by hand from the
    # DfE rule (2*8+3*0+4*1+5*2+6*0+7*0+8*0+9*0+10*5+11*0+12*0+13*value('A')=0 -> 80 % 23 = 11 -> M).
    assert is_valid_upn("B801200005001")
    assert is_valid_upn("M80120000500A")


def test_wrong_check_letter_is_rejected() -> None:
    assert not is_valid_upn("A801200005001")  # stdnum's documented invalid example
    assert not is_valid_upn("B80120000500A")


def test_check_letter_agrees_with_stdnum() -> None:
    rng = random.Random(7)
    for _ in range(500):
        body = "".join(rng.choice("0123456789") for _ in range(11)) + rng.choice("0123456789" + UPN_LETTERS)
        assert upn_check_letter(body) == stdnum_upn.calc_check_digit(body)


def test_any_la_code_passes_when_the_check_letter_is_right() -> None:
    # 001 and 701 are DfE pseudo-LA codes that stdnum's list of LA numbers rejects.
    for la in ("001", "701", "999", "886"):
        upn = make_upn(random.Random(la), la=la)
        assert is_valid_upn(upn)
    assert not stdnum_upn.is_valid(make_upn(random.Random(1), la="001"))


def test_bad_shapes() -> None:
    assert not is_valid_upn("I801200005001")  # I is never a check letter
    assert not is_valid_upn("B8012000050011")
    assert not is_valid_upn("B80120000500S")


def test_upn_found_in_text(found: Found) -> None:
    rng = random.Random(3)
    upn, temp = make_upn(rng), make_upn(rng, temporary=True)
    text = f"Olivia's UPN is {upn} and her former UPN was {temp}."
    assert found(text, "UK_UPN") == [upn, temp]


def test_upn_without_context_word_is_still_found(found: Found) -> None:
    upn = make_upn(random.Random(11))
    assert found(f"Olivia Smith {upn} 5B", "UK_UPN") == [upn]


def test_wrong_check_letter_is_not_a_upn(found: Found) -> None:
    rng = random.Random(5)
    misses = 0
    for _ in range(40):
        upn = make_upn(rng)
        wrong = next(c for c in UPN_LETTERS if c != upn[0])
        misses += len(found(f"UPN: {wrong}{upn[1:]}", "UK_UPN"))
    assert misses == 0


@pytest.mark.parametrize(
    "text",
    ["Invoice INV-20394 for order A1234567890123", "Ref K12345678901", "Tracking QX1234567890123Z"],
)
def test_upn_lookalikes(found: Found, text: str) -> None:
    assert found(text, "UK_UPN") == []
