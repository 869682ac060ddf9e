"""PHONE_NUMBER: UK numbers as written in the UK, and numbers of every other country."""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import phonenumbers
import regex
from phonenumbers import Leniency, PhoneNumberMatch
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import (
    REFERENCE_WORDS,
    WindowContextMixin,
    line_bounds,
    phrase_regex,
    scored_result,
)

# UK national numbers that are written with their trunk 0: 01/02 geographic,
# 03 non-geographic, 07 mobile, 08 freephone and shared cost.
_UK_NATIONAL_PREFIXES = ("01", "02", "03", "07", "08")

# A number as people write a foreign one without its country code: an optional
# bracketed area code, then two to five groups of digits joined by spaces, dots or
# hyphens (555-201-7788, 06.12.34.56.78, (02) 9374 4000), or one unbroken run.
# An extension after it ("x792", "ext. 214") belongs to the number.
_EXTENSION_BODY = r"[ \t]*(?:x|ext\.?|extn\.?)[ \t]*\d{1,6}"
_EXTENSION = rf"(?:{_EXTENSION_BODY})?"
_TRAILING_EXTENSION = regex.compile(rf"{_EXTENSION_BODY}$")
_NATIONAL_FORM = regex.compile(
    rf"(?<![\w+\-./])(?:\(\d{{1,5}}\)[ .\-]?)?\d{{1,5}}(?:[ .\-/]\d{{2,5}}){{1,5}}{_EXTENSION}(?![\w]|[.\-/]\d)"
    rf"|(?<![\w+\-./])\d{{8,12}}{_EXTENSION}(?![\w]|[.\-/]\d)"
)
# Shapes only a phone number has, so that no phone word is needed: a bracketed area
# code ("(02) 9374 4000"), the North American 3-3-4 ("883.347.0174", "(363) 204-9403"),
# or four or more groups after a trunk 0, one separator throughout ("05 61 19 34 51").
# Three plain groups ("601 234 567") may be a sum, a centre number or a reference, and
# groups without the 0 marks or amounts ("12 15 18 20 22", "1 640.00 640.00"): those
# need a phone word.
_PHONE_ONLY_SHAPE = regex.compile(
    r"\(\d{1,5}\)[ .\-]?\d[\d .\-/]*"
    r"|\d{3}([.\-])\d{3}\1\d{4}"
    r"|0\d{0,4}([ .\-])\d{2,5}(?:\2\d{2,5}){2,}"
)
# Dates and times that look like groups of digits: "06.12.2024", "09.00-10.30".
_DATE_OR_TIME = regex.compile(
    r"\d{1,3}(?:\.\d{1,3}){3}"  # an IP address
    r"|\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}"
    r"|\d{1,2}[.:]\d{2}(?:[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2})?"
)

# Countries most families and partners of English schools write from, tried in this
# order when the text names none; a country named on the number's line goes first.
_LIKELY_REGIONS = (
    "US", "CA", "IE", "FR", "DE", "ES", "IT", "PT", "NL", "BE", "CH", "AT", "PL", "RO", "LT", "LV",
    "BG", "HU", "CZ", "SK", "GR", "TR", "AU", "NZ", "IN", "PK", "BD", "LK", "NG", "GH", "KE", "ZA",
    "CN", "HK", "VN", "PH", "AE", "SA",
)


# How far from the number a country's name still says where the number is from.
_COUNTRY_WINDOW = 40


_COUNTRY_REGIONS_FILE = Path(__file__).with_name("_country_regions.txt")


@lru_cache(maxsize=1)
def _countries() -> tuple["regex.Pattern[str]", dict[str, str]]:
    """A regex of country names (phonenumbers' own English names) and name -> region."""
    by_name: dict[str, str] = {}
    for line in _COUNTRY_REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            region, name = line.split("\t")
            by_name[name.casefold()] = region
    return phrase_regex(tuple(sorted(by_name))), by_name


# Digits straight after a code, PIN or password word are that code ("backup code 731 604 228",
# "PIN: 4471 662"), not a number written without its country code. Area and dialling codes
# stay phone words.
_CODE_BEFORE = regex.compile(
    r"(?i)(?<!\b(?:area|dialling|dialing|country|post|sort)[ \t])\b(?:codes?|pin|passcode|password)"
    r"(?:[ \t]+(?:is|was|will[ \t]+be))?[ \t]*[:=]?[ \t]*\Z"
)


class SendGuardPhoneRecognizer(WindowContextMixin, OneEntityRecognizer):
    """Phone numbers found by python-phonenumbers, of any country.

    A number phonenumbers calls valid with Great Britain as home region is reported
    (UK: 01622 000000, (020) 7946 0958, +44 20 7946 0958; abroad: +33 1 23 45 67 89,
    as long as it starts with + or 00). A number in UK national form that
    phonenumbers does not know, such as Ofcom's drama range 07700 900123, is reported
    with a lower score when it has the ten national digits of a UK number (eleven
    with the trunk 0).

    A foreign number written without its country code (555-201-7788, 06 12 34 56 78)
    is reported only where the text says it is a phone number: a phone word before it
    or its column's header. It must then be valid, or of the right length (made-up
    555 numbers), for a country named near it or one of the countries families
    commonly write from. A country's name alone is no evidence ("Jordan Price",
    "Georgia"). Digit runs with no phone word (ULNs, purchase orders, sort codes,
    dates) are left alone, as are numbers written after "invoice", "order", "ref".
    """

    CONTEXT = [
        "phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "call", "ring", "contact", "text",
        "whatsapp", "fax", "landline", "my number", "his number", "her number", "their number", "your number",
        "home number", "work number", "reach", "reached", "dial", "helpline", "hotline", "switchboard",
        "reception", "office", "sms", "phone no", "tel no", "contact no", "contact number",
    ]
    NEGATIVE_CONTEXT = REFERENCE_WORDS + ("uln", "upn", "nhs", "sort code", "account", "acc", "a/c")
    CONTEXT_BOOST = 0.2
    VALID_SCORE = 0.86
    UK_SHAPED_SCORE = 0.6
    REGION = "GB"

    ENTITY = "PHONE_NUMBER"

    def compile_ahead(self) -> None:
        """The country-name pattern, built at start-up (service.detect.analyzer.compile_ahead)."""
        _countries()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        taken: list[tuple[int, int]] = []
        for match in phonenumbers.PhoneNumberMatcher(text, self.REGION, leniency=Leniency.POSSIBLE):
            score = self._score(match)
            if score is None:
                continue
            start = match.start
            if match.raw_string.startswith("(") and ")" not in match.raw_string:
                start += 1  # "(07723 456789)": the bracket opens the aside, not an area code
            results.append(scored_result(self, "PHONE_NUMBER", start, match.end, score, "phonenumbers match"))
            taken.append((match.start, match.end))
        for start, end, score in self._foreign_national(text, taken):
            results.append(scored_result(self, "PHONE_NUMBER", start, end, score, "national number of another country"))
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
        # "+1-911-311-4656", "+4428 9018470": a number written with its + is a phone number
        # even where its country's plan does not allow those digits (a typo, or made up).
        if raw.startswith("+") and phonenumbers.is_possible_number(match.number):
            return self.UK_SHAPED_SCORE
        return None

    def _foreign_national(self, text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, float]]:
        for found in _NATIONAL_FORM.finditer(text):
            start, end = found.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if _CODE_BEFORE.search(text, max(0, start - 40), start):
                continue  # "backup code 731 604 228": a code, whatever phone words are near
            raw = found.group()
            number = _TRAILING_EXTENSION.sub("", raw)
            digits = sum(ch.isdigit() for ch in number)
            if not 8 <= digits <= 12 or _DATE_OR_TIME.fullmatch(number):
                continue
            if not self.context_found(text, start, end) and not self._phone_only_shape(text, number, end):
                continue
            named = self._regions_named_near(text, start, end)
            score = self._foreign_score(number, [*named, *_LIKELY_REGIONS])
            if score is not None:
                yield start, end, score

    @staticmethod
    def _phone_only_shape(text: str, number: str, end: int) -> bool:
        """A shape no sum, date or reference has; the run must end there ("12-34-56 12345678"
        is a sort code and an account number)."""
        if regex.match(r"[ \t]?\d", text[end : end + 2]):
            return False
        return _PHONE_ONLY_SHAPE.fullmatch(number) is not None

    @staticmethod
    def _regions_named_near(text: str, start: int, end: int) -> list[str]:
        pattern, by_name = _countries()
        line_start, line_end = line_bounds(text, start, end)
        window = (max(line_start, start - _COUNTRY_WINDOW), min(line_end, end + _COUNTRY_WINDOW))
        return [by_name[m.group().casefold()] for m in pattern.finditer(text, *window)
                if m.group().casefold() in by_name]

    def _foreign_score(self, raw: str, regions: list[str]) -> float | None:
        possible = False
        for region in dict.fromkeys(regions):
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return self.VALID_SCORE
            possible = possible or phonenumbers.is_possible_number(number)
        return self.UK_SHAPED_SCORE if possible else None
