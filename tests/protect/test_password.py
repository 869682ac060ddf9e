"""The password: words and digits easy to read aloud, at least 60 bits, new every time."""

import math
import re

from service.protect import password, wordlist
from service.protect.password import ENTROPY_BITS, WORDS, new_password

SHAPE = re.compile(r"^(?:[a-z]{4,6}-){4}[0-9]{4}$")


def test_a_password_is_four_plain_words_and_four_digits() -> None:
    for _ in range(200):
        made = new_password()
        assert SHAPE.fullmatch(made), made
        assert all(word in WORDS for word in made.split("-")[:4])


def test_entropy_is_at_least_60_bits() -> None:
    # Every part is an independent uniform draw: log2 of the number of passwords possible.
    assert len(set(WORDS)) == len(WORDS)
    possible_bits = 4 * math.log2(len(WORDS)) + 4 * math.log2(10)
    assert possible_bits == ENTROPY_BITS >= 60
    assert password.MIN_ENTROPY_BITS == 60


def test_passwords_do_not_repeat() -> None:
    assert len({new_password() for _ in range(2000)}) == 2000


def test_words_are_spread_over_the_whole_list() -> None:
    # 4,000 draws from ~5,800 words: a generator stuck on part of the list would show here.
    seen = {word for _ in range(1000) for word in new_password().split("-")[:4]}
    assert len(seen) > 2000
    assert min(seen) < "c" and max(seen) > "t"


def test_no_unsuitable_or_two_way_spelt_word_is_used() -> None:
    unsuitable = set(wordlist._lines(wordlist.UNSUITABLE_FILE))
    assert not unsuitable & set(WORDS)
    for word in ("colour", "color", "tyre", "tire", "grey", "gray", "centre", "center"):
        assert word not in WORDS


def test_the_shipped_word_list_is_the_one_the_builder_makes() -> None:
    # A change to the common words, the unsuitable words or the rules needs words.txt rebuilt.
    assert list(WORDS) == wordlist.build()
