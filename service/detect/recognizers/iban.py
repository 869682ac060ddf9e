"""IBAN_CODE: international bank account numbers (ISO 13616 check digits)."""

from presidio_analyzer.predefined_recognizers import IbanRecognizer as PresidioIbanRecognizer


class SendGuardIbanRecognizer(PresidioIbanRecognizer):
    """Presidio's IBAN recognizer as it is: per-country layout and mod 97 check."""

    def __init__(self) -> None:
        super().__init__(name="SendGuardIbanRecognizer")
