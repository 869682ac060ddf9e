"""UK_POSTCODE: UK postcodes (ME14 1XX, SW1A 1AA)."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer as PresidioUkPostcodeRecognizer

from service.detect.recognizers._context import WindowContextMixin

# Presidio's position rules for the outward and inward codes.
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?"
    r"|[A-PR-UWYZ][0-9]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{2})"
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
# A written postcode (capitals, with its space), for other recognizers to anchor on.
POSTCODE = rf"(?:GIR 0AA|{_OUTWARD} {_INWARD})"


class SendGuardUkPostcodeRecognizer(WindowContextMixin, PresidioUkPostcodeRecognizer):
    """Presidio's postcode rules, scored so that a written postcode is reported.

    Presidio scores every postcode 0.1 (too low to report without a context word).
    Here a postcode in capitals with its space is reported alone; run together
    (ME141XX) or in lower case it needs a word such as "postcode" or "address".
    """

    PATTERNS = [
        Pattern("UK postcode", rf"\b(?:GIR ?0AA|{_OUTWARD} {_INWARD})\b", 0.7),
        Pattern("UK postcode (no space)", rf"\b{_OUTWARD}{_INWARD}\b", 0.3),
        Pattern("UK postcode (lower case)", rf"(?i:\b{_OUTWARD} ?{_INWARD}\b)", 0.2),
    ]
    CONTEXT = [
        "postcode", "post code", "address", "live", "lives", "living", "moved", "road", "street", "avenue", "lane",
    ]
    CONTEXT_CHARS_BEFORE = 80

    def __init__(self) -> None:
        super().__init__(patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkPostcodeRecognizer")
        self.global_regex_flags = 0
