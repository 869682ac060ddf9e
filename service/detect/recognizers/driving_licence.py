"""UK_DRIVING_LICENCE: DVLA driving licence numbers (MORGA753116SM9IJ)."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkDrivingLicenceRecognizer as PresidioDrivingLicence

from service.detect.recognizers._context import WindowContextMixin


class SendGuardUkDrivingLicenceRecognizer(WindowContextMixin, PresidioDrivingLicence):
    """Presidio's DVLA pattern (surname, birth date, initials), enabled and scored.

    The layout is specific enough to report alone: five surname letters padded with
    9s, a decade digit, a month (51-62 for women), a day, a year digit, initials.
    Spaces between the three blocks, and the two-digit issue number after, are allowed.
    """

    PATTERNS = [
        Pattern(
            "UK driving licence",
            r"\b[A-Z9]{5} ?[0-9](?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]"
            r" ?[A-Z9]{2}[A-Z0-9][A-Z]{2}\b",
            0.9,
        ),
    ]
    CONTEXT = ["driving licence", "driving license", "driver's licence", "dvla", "licence number", "licence no"]

    def __init__(self) -> None:
        super().__init__(
            patterns=list(self.PATTERNS), context=list(self.CONTEXT), name="SendGuardUkDrivingLicenceRecognizer"
        )
        self.global_regex_flags = 0

    def validate_result(self, pattern_text: str) -> bool | None:
        return super().validate_result(pattern_text.replace(" ", ""))
