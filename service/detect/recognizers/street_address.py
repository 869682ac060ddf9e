"""STREET_ADDRESS: a UK street address line (12 Acacia Avenue, Flat 3, 45 High Street)."""

from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import phrase_regex, scored_result
from service.detect.recognizers.postcode import POSTCODE

# Royal Mail thoroughfare words, full and abbreviated. Extend here.
STREET_TYPES: tuple[str, ...] = (
    "Road", "Rd", "Street", "St", "Avenue", "Ave", "Lane", "Ln", "Close", "Cl", "Drive", "Dr",
    "Way", "Crescent", "Cres", "Gardens", "Gdns", "Grove", "Gr", "Place", "Pl", "Court", "Ct",
    "Terrace", "Terr", "Tce", "Mews", "Hill", "Row", "Walk", "Square", "Sq", "Park", "View",
    "Rise", "Green", "Parade", "Vale", "Meadow", "Meadows", "Wharf", "Yard", "Boulevard",
    "Chase", "Croft", "End", "Fields", "Gate", "Heights", "Lea", "Mount", "Path", "Ride",
    "Wynd", "Bank", "Brow", "Causeway", "Circus", "Common", "Copse", "Dale", "Glade", "Glen",
    "Grange", "Hollow", "Orchard", "Passage", "Quay", "Reach", "Spinney", "Approach", "Embankment",
)
# Last words of a house name written without "The": "Rose Cottage, Green Lane".
HOUSE_NAME_ENDINGS: tuple[str, ...] = (
    "House", "Cottage", "Farm", "Lodge", "Barn", "Rectory", "Vicarage", "Hall", "Manor", "Mill",
)
# Words just before a number that make "<number> <Words> <type>" something else:
# "Year 6 Park visit", "Room 12 Court".
_NOT_A_HOUSE_NUMBER = regex.compile(
    phrase_regex((
        "year", "yr", "room", "class", "key stage", "ks", "page", "chapter", "set", "group",
        "table", "level", "grade", "step", "unit", "week", "term", "lesson", "period", "question",
        "section", "item", "no", "number", "bus", "route", "platform", "gate", "floor",
    )).pattern + r"[\s.:#-]*$",
    regex.IGNORECASE,
)

_TYPES = "|".join(sorted(STREET_TYPES, key=len, reverse=True))
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’][a-z]+)?|St\.?|[A-Z][a-z]*-[A-Z][a-z]+)"
_STREET = rf"(?:{_NAME_WORD}[ ]){{1,3}}(?:{_TYPES})(?![\w'’])"
_HOUSE_NUMBER = r"\d{1,4}[A-Za-z]?(?:[-–]\d{1,4}[A-Za-z]?)?"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Unit)\.?\s+\d{1,4}[A-Za-z]?,?\s+)"
_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
# "The Old Rectory", "Rose Cottage"; not "Dear Sir" or "Oakfield Academy".
_HOUSE_NAME = (
    r"(?:The[ ]+(?:[A-Z][a-z]+[ ]){0,2}[A-Z][a-z]+"
    rf"|(?:[A-Z][a-z]+[ ]){{1,2}}(?:{'|'.join(HOUSE_NAME_ENDINGS)}))"
)

ADDRESS_REGEX = regex.compile(
    rf"(?<![\w£$€.,/-])(?:"
    rf"(?P<numbered>{_FLAT}?{_HOUSE_NUMBER},?[ ]+{_STREET})"
    rf"|(?P<named>{_HOUSE_NAME},[ ]+{_STREET})"
    rf"|(?P<bare>{_STREET})(?=,[ ]*{_PLACE}(?:,[ ]*{_PLACE})?,?[ ]+{POSTCODE}\b)"
    rf")",
)


class StreetAddressRecognizer(OneEntityRecognizer):
    """A street line: a house number, or a house name and a comma, then a street.

    The street is one to three capitalised words ending in a thoroughfare word from
    STREET_TYPES. A street with no number counts when a town and a postcode follow
    it ("Sutton Road, Maidstone, Kent ME15 9AZ"). The span is the street line only,
    not the town or postcode (corpus/README.md). "St Mary's School" (no number),
    "Year 6", "3 Ways" (no street word) and "Room 12 Court" (a room, not a house)
    are not addresses.
    """

    CONTEXT: ClassVar[list[str]] = ["address", "lives at", "live at", "home", "moved to"]
    # Above spaCy's flat 0.85 for PERSON, which often claims a town or house name.
    NUMBERED_SCORE = 0.9
    NAMED_SCORE = 0.87

    ENTITY = "STREET_ADDRESS"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in ADDRESS_REGEX.finditer(text):
            start, end = match.span()
            if match.group("numbered") is not None:
                if _NOT_A_HOUSE_NUMBER.search(text, max(0, start - 16), start):
                    continue
                score = self.NUMBERED_SCORE
            else:
                score = self.NAMED_SCORE
            results.append(self._result(start, end, score))
        return results

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "STREET_ADDRESS", start, end, score, "street address line")
