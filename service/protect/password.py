"""New passwords that are easy to read aloud: four common words and a four-digit number.

e.g. "parcel-tidy-harbour-lemon-4721". Every part is drawn with `secrets`, so the
password's entropy is exactly WORDS_PER_PASSWORD x log2(len(WORDS)) +
DIGITS x log2(10); the module refuses to load if that falls below MIN_ENTROPY_BITS.
"""

import math
import secrets
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.txt")
WORDS_PER_PASSWORD = 4
DIGITS = 4
SEPARATOR = "-"
# CONTRACT section 9: at least 60 bits.
MIN_ENTROPY_BITS = 60.0


def _load_words() -> tuple[str, ...]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    words = tuple(sorted({line.strip() for line in lines if line.strip() and not line.startswith("#")}))
    # NOTE: words of letters only, so the separator cannot make two draws read the same.
    if not all(word.isalpha() and word.isascii() for word in words):
        raise RuntimeError(f"{WORDS_FILE} holds something other than plain words")
    return words


WORDS = _load_words()
ENTROPY_BITS = WORDS_PER_PASSWORD * math.log2(len(WORDS)) + DIGITS * math.log2(10)
if ENTROPY_BITS < MIN_ENTROPY_BITS:
    raise RuntimeError(f"passwords would have {ENTROPY_BITS:.1f} bits of entropy; at least {MIN_ENTROPY_BITS} needed")


def new_password() -> str:
    words = [secrets.choice(WORDS) for _ in range(WORDS_PER_PASSWORD)]
    number = f"{secrets.randbelow(10 ** DIGITS):0{DIGITS}d}"
    return SEPARATOR.join([*words, number])
