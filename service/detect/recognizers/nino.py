"""UK_NINO: National Insurance numbers (AB 12 34 56 C)."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer as PresidioUkNinoRecognizer

from service.detect.recognizers._context import WindowContextMixin


class SendGuardUkNinoRecognizer(WindowContextMixin, PresidioUkNinoRecognizer):
    """Presidio's NINO pattern (HMRC's excluded prefixes), upper case only.

    Lower-case NINOs are accepted only beside a word such as "NI number".
    """

    PATTERNS = [
        Pattern(
            "NINO",
            r"\b(?!BG|GB|NK|KN|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
            0.6,
        ),
        Pattern(
            "NINO (lower case)",
            r"\b(?!bg|gb|nk|kn|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d]\b",
            0.45,
        ),
    ]
    CONTEXT = ["national insurance", "ni number", "ni no", "nino", "nin", "ni"]
    CONTEXT_BOOST = 0.5

    def __init__(self) -> None:
        super().__init__(patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkNinoRecognizer")
        self.global_regex_flags = 0  # case matters: see the two patterns
