"""CREDIT_CARD: payment card numbers (Luhn check)."""

from presidio_analyzer.predefined_recognizers import CreditCardRecognizer as PresidioCreditCardRecognizer

from service.detect.recognizers._context import REFERENCE_WORDS, WindowContextMixin


class SendGuardCreditCardRecognizer(WindowContextMixin, PresidioCreditCardRecognizer):
    """Presidio's card pattern and Luhn check.

    One long reference number in ten passes Luhn by chance, so a number written
    after "order", "invoice", "ref" and the like is not reported as a card.
    """

    CONTEXT = PresidioCreditCardRecognizer.CONTEXT
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("tracking number", "account", "uln", "upn")

    def __init__(self) -> None:
        super().__init__(name="SendGuardCreditCardRecognizer")
