"""PHONE_NUMBER: UK numbers as written in the UK, and international numbers."""

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatch
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import REFERENCE_WORDS, WindowContextMixin, scored_result

# UK national numbers that are written with their trunk 0: 01/02 geographic,
# 03 non-geographic, 07 mobile, 08 freephone and shared cost.
_UK_NATIONAL_PREFIXES = ("01", "02", "03", "07", "08")


class SendGuardPhoneRecognizer(WindowContextMixin, OneEntityRecognizer):
    """Phone numbers found by python-phonenumbers with Great Britain as home region.

    A number phonenumbers calls valid is reported (UK: 01622 000000, (020) 7946 0958,
    +44 20 7946 0958; abroad: +33 1 23 45 67 89, as long as it starts with + or 00).
    A number in UK national form that phonenumbers does not know, such as Ofcom's
    drama range 07700 900123, is reported with a lower score when it has the ten
    national digits of a UK number (eleven with the trunk 0). Digit runs without a trunk 0 or + (ULNs,
    purchase orders, sort codes, dates) are left alone, as are numbers written
    after "invoice", "order", "ref" and the like.
    """

    CONTEXT = ["phone", "telephone", "tel", "mobile", "mob", "call", "ring", "contact", "text", "whatsapp", "fax"]
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("uln", "upn", "nhs", "sort code", "account", "acc", "a/c")
    CONTEXT_BOOST = 0.2
    VALID_SCORE = 0.86
    UK_SHAPED_SCORE = 0.6
    REGION = "GB"

    ENTITY = "PHONE_NUMBER"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, self.REGION, leniency=Leniency.POSSIBLE):
            score = self._score(match)
            if score is None:
                continue
            start = match.start
            if match.raw_string.startswith("(") and ")" not in match.raw_string:
                start += 1  # "(07723 456789)": the bracket opens the aside, not an area code
            results.append(scored_result(self, "PHONE_NUMBER", start, match.end, score, "phonenumbers match"))
        return results

    def _score(self, match: PhoneNumberMatch) -> float | None:
        raw = match.raw_string.lstrip("(").strip()
        written_international = raw.startswith("+") or raw.startswith("00")
        written_national = raw.startswith(_UK_NATIONAL_PREFIXES)
        if not (written_international or written_national):
            return None
        if phonenumbers.is_valid_number(match.number):
            return self.VALID_SCORE
        uk_ten_digits = match.number.country_code == 44 and len(str(match.number.national_number)) == 10
        if uk_ten_digits and phonenumbers.is_possible_number(match.number):
            return self.UK_SHAPED_SCORE
        return None
