"""UK_PASSPORT: UK passport numbers, only where the text says "passport"."""

import regex
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPassportRecognizer as PresidioUkPassportRecognizer

from service.detect.recognizers._context import REFERENCE_WORDS, WindowContextMixin


class SendGuardUkPassportRecognizer(WindowContextMixin, PresidioUkPassportRecognizer):
    """Nine characters (two letters and seven digits since 2015, nine digits before).

    Both shapes are common for reference numbers, so a passport number is reported
    only with a word such as "passport" or "HMPO" nearby.
    """

    PATTERNS = [
        Pattern("UK passport (2015 on)", r"\b[A-Z]{2}\d{7}\b", 0.2),
        Pattern("UK passport (nine digits)", r"\b\d{9}\b", 0.2),
    ]
    # A travel company's passenger manifest lists passports by the traveller's name.
    CONTEXT = ["passport", "passports", "passport no", "passport number", "travel document", "hmpo", "manifest"]
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    # Far enough back for a list under its heading: "passport numbers:\nA - 1234...".
    CONTEXT_CHARS_BEFORE = 120
    CONTEXT_BOOST = 0.7

    def __init__(self) -> None:
        super().__init__(patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkPassportRecognizer")
        self.global_regex_flags = 0

    def context_found(self, text: str, start: int, end: int) -> bool:
        # "Leila Haddad  127760493  exp 08/2030": a document number given with its expiry.
        return super().context_found(text, start, end) or _EXPIRY_AFTER.match(text, end) is not None


_EXPIRY_AFTER = regex.compile(
    r"[ \t,;|(-]{0,4}(?i:exp(?:iry|ires|\.)?|valid\s+(?:to|until))[ \t:]*\d{1,2}[/.-](?:\d{1,2}[/.-])?\d{2,4}\b"
)
