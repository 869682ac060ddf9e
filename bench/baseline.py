"""Plain Presidio as a baseline: AnalyzerEngine with its default recognizers on the
same spaCy pipeline as SendGuard, loaded with all its default components."""

import spacy
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UkPassportRecognizer,
    UkPostcodeRecognizer,
)

from service.settings import Settings

# Presidio's names -> ours, where they mean the same thing. Everything else Presidio
# reports (DATE_TIME, LOCATION, NRP, URL, US_* ...) has no CONTRACT counterpart.
PRESIDIO_TO_CONTRACT = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "UK_NHS": "UK_NHS",
    "NHS": "UK_NHS",
    "UK_NINO": "UK_NINO",
    "UK_PASSPORT": "UK_PASSPORT",
    "UK_DRIVING_LICENCE": "UK_DRIVING_LICENCE",
    "UK_POSTCODE": "UK_POSTCODE",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
}


class PresidioBaseline:
    """`analyze(text)` -> Presidio's own results, for scoring or timing.

    NOTE: Presidio finds its default recognizer classes by class name among all
    EntityRecognizer subclasses, so SendGuard's own recognizers must never reuse one
    of Presidio's class names (they are prefixed SendGuard... where they subclass).
    """

    def __init__(self, model: str | None = None, *, uk_recognizers: bool = False) -> None:
        _keep_tldextract_offline()
        name = model or Settings().spacy_model
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
        # Set the pipeline ourselves so Presidio never tries to download one.
        engine.nlp = {"en": spacy.load(name)}  # type: ignore[assignment]
        self.engine = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        if uk_recognizers:
            # Shipped with Presidio but disabled in its default configuration.
            for recognizer in (
                UkNinoRecognizer(),
                UkPassportRecognizer(),
                UkPostcodeRecognizer(),
                UkDrivingLicenceRecognizer(),
            ):
                self.engine.registry.add_recognizer(recognizer)

    def analyze(self, text: str) -> list[RecognizerResult]:
        return self.engine.analyze(text=text, language="en")


def _keep_tldextract_offline() -> None:
    # Presidio's EmailRecognizer calls tldextract.extract(), whose default extractor
    # fetches the public suffix list from the internet on first use. Point it at the
    # list bundled with tldextract instead (this process only: bench runs).
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
