"""UK_ULN: Unique Learner Numbers (ten digits, Learning Records Service check digit)."""

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from service.detect.recognizers._context import REFERENCE_WORDS, ChecksumRunMixin, WindowContextMixin, subject_line_end


def uln_check_digit(first_nine: str) -> int | None:
    """The LRS check digit for the first nine digits, or None when none exists.

    Weights 10 down to 2, sum mod 11 = r; the check digit is 10 - r, and r = 0 has
    no valid ULN. Put another way, all ten digits weighted 10 down to 1 sum to 10
    mod 11, where an NHS number sums to 0, so no number is both.
    """
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("nine digits expected")
    remainder = sum(w * int(d) for w, d in zip(range(10, 1, -1), first_nine)) % 11
    return None if remainder == 0 else 10 - remainder


def is_valid_uln(value: str) -> bool:
    uln = value.replace(" ", "").replace("-", "")
    if len(uln) != 10 or not uln.isdigit() or uln[0] == "0":
        return False
    return uln_check_digit(uln[:9]) == int(uln[9])


class UkUlnRecognizer(ChecksumRunMixin, WindowContextMixin, PatternRecognizer):
    """Ten digits with a valid check digit, reported next to "ULN" or "learner".

    One ten-digit number in eleven passes the check, so without a context word (or
    a ULN column header, or a list of them) the match stays below the reporting
    threshold. Numbers with a trunk 0 are phone numbers and never match.
    """

    # Written whole, or grouped by spaces or hyphens ("7688 356 015", "76883 56015"); a
    # grouped number must still hold exactly ten digits (checked with the check digit), and
    # digits after a "+country" prefix are a phone number's.
    _GROUPED = r"(?<![\d+][- ]?)(?<!\+\d{1,4}[ -]?)\b[1-9]\d{1,4}(?:[- ]\d{2,5}){1,2}\b(?![- ]?\d)"
    PATTERNS = [Pattern("ULN", r"\b[1-9]\d{9}\b", 0.3), Pattern("ULN (grouped)", _GROUPED, 0.3)]
    CONTEXT = [
        "uln", "ulns", "unique learner number", "learner number", "learner no", "lrs", "learning records service",
    ]
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("nhs", "phone", "tel", "mobile", "account")
    CONTEXT_BOOST = 0.6
    RUN_CANDIDATE = rf"\b[1-9]\d{{9}}\b|{_GROUPED}"

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_ULN",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            name="UkUlnRecognizer",
            global_regex_flags=0,
        )

    # "Three ULNs were missing from the upload: Tyrell Campbell 6812483043, ...": the label
    # heads a sentence that lists the numbers, further back than the usual window. One valid
    # number in eleven passes by chance, so the label must be in the same sentence.
    SENTENCE_CHARS_BEFORE = 160

    def context_found(self, text: str, start: int, end: int) -> bool:
        if super().context_found(text, start, end):
            return True
        window_start = max(0, start - self.SENTENCE_CHARS_BEFORE)
        breaks = list(_SENTENCE_BREAK.finditer(text, window_start, start))
        sentence_start = breaks[-1].end() if breaks else window_start
        if _LABEL.search(text, sentence_start, start) is not None:
            return True
        # "Subject: Two more ULNs" over "Aarav Thapa<TAB>7659783903": the subject labels the message's numbers.
        subject_end = subject_line_end(text)
        return 0 < subject_end < start and _LABEL.search(text, 0, subject_end) is not None

    def invalidate_result(self, pattern_text: str) -> bool:
        return not is_valid_uln(pattern_text)


_SENTENCE_BREAK = regex.compile(r"[.!?](?:\s|$)|\n[ \t]*\n")
# Only the label itself, not "learner" or "LRS", for the longer reach.
_LABEL = regex.compile(r"\b(?:ULNs?|unique\s+learner\s+numbers?)\b", regex.IGNORECASE)
