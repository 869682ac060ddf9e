"""EMAIL_ADDRESS: e-mail addresses."""

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer as PresidioEmailRecognizer

# The suffix list bundled with tldextract; an empty URL list means it never fetches.
_OFFLINE_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class SendGuardEmailRecognizer(PresidioEmailRecognizer):
    """Presidio's e-mail pattern, checked against the bundled public suffix list.

    Presidio checks the whole address with tldextract's default extractor, which
    downloads the suffix list on first use and, because "*.sch.uk" is itself a public
    suffix, rejects every school address (name@oakfield.sch.uk). Here only the
    domain is checked, offline: it must end in a known suffix.
    """

    def __init__(self) -> None:
        super().__init__(name="SendGuardEmailRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        domain = pattern_text.rpartition("@")[2]
        return bool(_OFFLINE_SUFFIXES(domain).suffix)
