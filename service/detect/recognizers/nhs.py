"""UK_NHS: NHS numbers (ten digits, mod 11 check digit)."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import NhsRecognizer
from stdnum.gb import nhs

from service.detect.recognizers._context import REFERENCE_WORDS, ChecksumRunMixin, WindowContextMixin


class SendGuardUkNhsRecognizer(ChecksumRunMixin, WindowContextMixin, NhsRecognizer):
    """Presidio's NHS recognizer with the check digit from python-stdnum.

    Written 943 476 5919 (the NHS's own grouping) a valid number is reported alone,
    scored above a guess of the name recognizer; ten digits run together are only
    reported near a word such as "NHS" or in a list of them, since one ten-digit
    reference number in eleven passes the check by chance.
    """

    PATTERNS = [
        # Not the national part of an international phone number (+1 415 555 2671).
        Pattern("NHS (grouped 3-3-4)", r"(?<!\+\d{1,4}[ -]?)\b\d{3}[- ]\d{3}[- ]\d{4}\b", 0.9),
        Pattern("NHS (ten digits)", r"(?<!\+\d{1,4}[ -]?)\b\d{10}\b", 0.3),
    ]
    CONTEXT = ["nhs", "nhs no", "nhs number", "national health service", "health number", "gp", "hospital"]
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("uln", "learner", "upn", "account", "tel", "phone", "mobile")
    CONTEXT_BOOST = 0.6
    CONTEXT_CHARS_BEFORE = 120  # "NHS numbers for three children: Kalani 9838483729, ..."
    RUN_CANDIDATE = r"(?<!\+\d{1,4}[ -]?)\b(?:\d{3}[- ]\d{3}[- ]\d{4}|\d{10})\b"

    def __init__(self) -> None:
        super().__init__(patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkNhsRecognizer")

    # Presidio scores every match with a valid check digit 1.0; here a valid check
    # digit keeps the pattern's score, and an invalid one drops the match.
    def validate_result(self, pattern_text: str) -> bool | None:  # type: ignore[override]
        return None

    def invalidate_result(self, pattern_text: str) -> bool:
        return not nhs.is_valid(pattern_text)
