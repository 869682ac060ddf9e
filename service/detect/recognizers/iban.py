"""IBAN_CODE: international bank account numbers (ISO 13616 check digits)."""

import string

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IbanRecognizer as PresidioIbanRecognizer

# Upper-cases ASCII letters only, so every offset in the copy is the offset in the text.
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


class SendGuardIbanRecognizer(PresidioIbanRecognizer):
    """Presidio's IBAN recognizer (per-country layout and mod 97 check), in any case.

    People type "gb29 nwbk 6016 1331 9268 19" as often as the printed form; the
    checksum and the country's layout, not the capitals, are the evidence.
    """

    def __init__(self) -> None:
        super().__init__(name="SendGuardIbanRecognizer")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        return super().analyze(text.translate(_ASCII_UPPER), entities, nlp_artifacts, regex_flags)
