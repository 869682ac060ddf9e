"""CREDIT_CARD: payment card numbers (Luhn check)."""

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer as PresidioCreditCardRecognizer
from stdnum import luhn

from service.detect.recognizers._context import REFERENCE_WORDS, WindowContextMixin, scored_result

# Card numbers run from 12 digits (some Maestro cards) to 19 (Visa, Maestro, UnionPay);
# Presidio's pattern covers 13 to 17, and not Mastercard's 2221-2720 range. For those a card's issuer prefix (Visa 4,
# Mastercard 2 and 5, Maestro 50 and 56-69, UnionPay 62) and a card word nearby are needed
# as well as the Luhn check: one long number in ten passes it by chance.
_OTHER_LENGTHS = regex.compile(r"(?<![\w.,/-])(?P<number>(?:4|5|6|2[2-7])\d(?:[ -]?\d){10,17})(?![\w.,/-]?\d)")


class SendGuardCreditCardRecognizer(WindowContextMixin, PresidioCreditCardRecognizer):
    """Presidio's card pattern and Luhn check; card numbers of 12 and 18-19 digits and
    Mastercard's 2-series, with a card word nearby.

    One long reference number in ten passes Luhn by chance, so a number written
    after "order", "invoice", "ref" and the like is not reported as a card.
    """

    CONTEXT = PresidioCreditCardRecognizer.CONTEXT + ["debit", "payment card", "card number", "paid by", "charge"]
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("tracking number", "account", "uln", "upn")
    OTHER_LENGTH_SCORE = 0.8

    def __init__(self) -> None:
        super().__init__(name="SendGuardCreditCardRecognizer")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        taken = [(r.start, r.end) for r in results]
        for match in _OTHER_LENGTHS.finditer(text):
            start, end = match.span("number")
            digits = "".join(ch for ch in match.group("number") if ch.isdigit())
            other_length = len(digits) in (12, 18, 19) or (digits[0] == "2" and len(digits) == 16)
            if not other_length or any(s < end and start < e for s, e in taken):
                continue
            if not luhn.is_valid(digits) or not self.context_found(text, start, end):
                continue
            results.append(scored_result(self, "CREDIT_CARD", start, end, self.OTHER_LENGTH_SCORE, "card number, Luhn valid"))
        return results
