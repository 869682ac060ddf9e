"""UK_PASSPORT: UK passport numbers, only where the text says "passport"."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPassportRecognizer as PresidioUkPassportRecognizer

from service.detect.recognizers._context import WindowContextMixin


class SendGuardUkPassportRecognizer(WindowContextMixin, PresidioUkPassportRecognizer):
    """Nine characters (two letters and seven digits since 2015, nine digits before).

    Both shapes are common for reference numbers, so a passport number is reported
    only with a word such as "passport" or "HMPO" nearby.
    """

    PATTERNS = [
        Pattern("UK passport (2015 on)", r"\b[A-Z]{2}\d{7}\b", 0.2),
        Pattern("UK passport (nine digits)", r"\b\d{9}\b", 0.2),
    ]
    CONTEXT = ["passport", "passports", "passport no", "passport number", "travel document", "hmpo"]
    # Far enough back for a list under its heading: "passport numbers:\nA - 1234...".
    CONTEXT_CHARS_BEFORE = 120
    CONTEXT_BOOST = 0.7

    def __init__(self) -> None:
        super().__init__(patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkPassportRecognizer")
        self.global_regex_flags = 0
