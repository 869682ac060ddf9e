"""STREET_ADDRESS: a street address line, in the UK (12 Acacia Avenue, Flat 3, 45 High Street)
and in the other countries families and partners write from (580 Parsons Gateway,
95, avenue Diallo, Hauptstraße 12, ul. Słowicza 3, Via Achille, 3)."""

import re as stdlib_re
from collections.abc import Iterator
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
    # US, Canadian, Australian and New Zealand suffixes (USPS Publication 28 and the like). Left
    # out: words as often something else ("Club", "Station", "Point", "Centre") and surnames
    # ("2019 Harrison Ford", "15:40, Joanne Pike": Ford, Pike, Cross, Brook, Ferry, Haven, Shore).
    "Alley", "Arcade", "Bend", "Bluff", "Blvd", "Broadway", "Bypass", "Canyon", "Circle", "Cir", "Cliff",
    "Corner", "Cove", "Creek", "Crossing", "Curve", "Dell", "Divide", "Estate", "Expressway", "Extension",
    "Freeway", "Gateway", "Harbor", "Harbour", "Highway", "Hwy", "Inlet", "Junction", "Keys", "Knoll",
    "Landing", "Loop", "Motorway", "Mountain", "Oval", "Parkway", "Pkwy", "Pines", "Plain", "Plaza",
    "Prairie", "Ranch", "Ridge", "Route", "Shoal", "Skyway", "Springs", "Squares", "Stravenue", "Stream",
    "Ter", "Throughway", "Tor", "Trace", "Trafficway", "Trail", "Tunnel", "Turnpike", "Underpass", "Valley",
    "Viaduct", "Village", "Ville", "Vista",
    # India
    "Nagar", "Marg", "Chowk", "Colony", "Vihar", "Enclave", "Puram", "Layout", "Bazar", "Bazaar", "Gali",
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
_NAME_WORD = r"(?:(?:Ma?c|O['’]|D['’])?[A-Z][a-z]+(?:['’][a-z]+)?|St\.?|[A-Z][a-z]*-[A-Z][a-z]+)"
# A plural street word is a street word too ("Bell Junctions", "Crane Walks").
_STREET = rf"(?:{_NAME_WORD}[ ]){{1,3}}(?:{_TYPES})s?(?![\w'’])"
_HOUSE_NUMBER = r"(?:H\.?\s?No\.?\s?)?\d{1,5}[A-Za-z]?(?:[-–/]\d{1,4}[A-Za-z]?)?"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Unit|Studio|Level|Suite)\.?\s+\d{1,4}[A-Za-z]?,?\s+)"
_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
# "The Old Rectory", "Rose Cottage"; not "Dear Sir" or "Oakfield Academy".
_HOUSE_NAME = (
    r"(?:The[ ]+(?:[A-Z][a-z]+[ ]){0,2}[A-Z][a-z]+"
    rf"|(?:[A-Z][a-z]+[ ]){{1,2}}(?:{'|'.join(HOUSE_NAME_ENDINGS)}))"
)

# NOTE: every branch starts with a capital A-Z or a digit: said first, with \b for "no word
# character before", the engine skips other places at once. Written as the lookbehind
# "(?<![\w£$€.,/:-])" alone, it was tried at every character (12.6 ms over 50,000
# characters, now 1.7 ms; tests/detect/test_recognizer_street_address.py checks the same matches).
ADDRESS_OPENING = r"\b(?=[A-Z\d])(?<![£$€.,/:-])"
ADDRESS_REGEX = regex.compile(
    rf"{ADDRESS_OPENING}(?:"
    rf"(?P<numbered>{_FLAT}?{_HOUSE_NUMBER},?[ ]+{_STREET}|{_FLAT}{_STREET})"
    rf"|(?P<named>{_HOUSE_NAME},[ ]+{_STREET})"
    rf"|(?P<bare>{_STREET})(?=,[ ]*{_PLACE}(?:,[ ]*{_PLACE})?,?[ ]+{POSTCODE}\b)"
    # "3 The Paddocks, Bearsted ME14 4LL": a house number and a "The ..." name with no street
    # word, known for a street by the town and postcode after it (in any case).
    rf"|(?P<the_street>{_HOUSE_NUMBER}[ ]+The[ ]+(?:[A-Z][a-z]+[ ])?[A-Z][a-z]+)"
    rf"(?=,[ ]*{_PLACE}(?:,[ ]*{_PLACE})?,?[ ]+(?i:{POSTCODE})\b)"
    rf")",
)


# --- streets of other countries -------------------------------------------------------
#
# Three shapes, each tied to a house number (or, for a few street words no English
# sentence uses, to a capitalised name after them):
# - the street word first, as in French, Spanish, Italian, Portuguese, Polish, Romanian
#   and Ukrainian: "95, avenue Diallo", "Calle Mayor 12", "Via Achille, 3", "ul. Słowicza 3";
# - the street word as the end of one word, as in German, Dutch and the Nordic languages:
#   "Hauptstraße 12", "Kerkstraat 5", "Storgatan 12", "Ormustie 3";
# - the street word after the name, as in Hungarian and Turkish: "Petőfi utca 12.",
#   "Atatürk Cad. No:12".

_NAME = r"\p{Lu}[\p{L}\p{M}'’.\-]*"
_PARTICLE = r"(?:de|del|de\s+la|de\s+los|de\s+las|della|dei|degli|di|da|do|dos|das|du|des|la|le|les|l['’]|d['’]|van|von|der|den)"
_NAME_WORDS = rf"(?:{_PARTICLE}\s+|{_PARTICLE}(?=\p{{Lu}}))?{_NAME}(?:[ ](?:{_PARTICLE}\s+)?(?:{_NAME}|\d{{1,2}}(?=[ ]\p{{Lu}})))" "{0,3}"
_NUMBER = r"(?:N[°ºo]\.?\s*|[Nn]r\.?\s*|No:?\s*|буд\.\s*|д\.\s*)?\d{1,5}[A-Za-z]?(?:\s?[-/]\s?\d{1,4}[A-Za-z]?)?(?![\d,.]\d)"
_WORD_FIRST = (
    # French
    "rue", "avenue", "av.", "boulevard", "bd", "bd.", "chemin", "allée", "impasse", "place", "quai", "route",
    "cours", "square", "passage", "rond-point",
    # Spanish
    "calle", "c/", "avenida", "avda.", "paseo", "plaza", "camino", "carrera", "pasaje", "pasadizo", "ronda",
    "rambla", "travesía", "callejón", "calzada", "carretera", "cañada", "diagonal", "glorieta", "viaducto",
    "continuación", "circuito", "privada", "andador", "cerrada", "prolongación", "periférico", "retorno",
    # Italian
    "via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "contrada", "borgo", "strada", "canale",
    "lungomare", "stretto", "rotonda", "salita", "vico",
    # Portuguese
    "rua", "r.", "travessa", "alameda", "praça", "estrada", "av", "avenida", "ladeira", "largo", "beco",
    "parque", "vila", "viela", "rodovia",
    # Polish, Romanian
    "ul.", "ulica", "al.", "aleja", "pl.", "plac", "os.", "osiedle",
    "str.", "strada", "bulevardul", "bd.", "calea", "aleea", "șoseaua", "soseaua", "drumul", "splaiul",
    "intrarea", "piața", "piata",
    # Ukrainian and Russian
    "вулиця", "вул.", "проспект", "просп.", "провулок", "пров.", "площа", "бульвар", "узвіз", "сквер",
    "шосе", "набережна", "улица", "ул.", "переулок", "пер.",
)
# Street words no English sentence uses before a capitalised name: no house number needed.
_DISTINCT_WORD_FIRST = frozenset({
    "calle", "avenida", "avda.", "rua", "travessa", "alameda", "praça", "ul.", "ulica", "aleja",
    "strada", "bulevardul", "calea", "aleea", "șoseaua", "soseaua", "drumul", "splaiul", "intrarea",
    "vicolo", "viale", "piazza", "piazzale", "contrada", "rambla", "callejón", "calzada", "carretera",
    "вулиця", "вул.", "проспект", "провулок", "площа", "бульвар", "узвіз", "улица", "ул.",
})
# Street words that are English words too: written in lower case after a bare number they
# are English ("£12 via ParentPay", "3 route maps"), unless a comma or a house number after
# the name says otherwise.
_ENGLISH_TOO = frozenset({
    "via", "place", "route", "square", "passage", "avenue", "cours", "plaza", "largo", "parque", "diagonal",
    "circuito", "privada", "retorno", "corso", "canale", "stretto", "salita", "borgo", "camino", "ronda",
})
_FIRST = "|".join(regex.escape(w) for w in sorted(set(_WORD_FIRST), key=len, reverse=True))
WORD_FIRST_REGEX = regex.compile(
    rf"(?<![\w/:£$€-])(?:(?P<number_before>\d{{1,5}}[A-Za-z]?)(?P<comma>,)?[ ]+)?"
    rf"(?P<word>(?i:{_FIRST}))(?<=[\w.])[ ]+(?P<name>{_NAME_WORDS})"
    rf"(?:,?[ ]*(?P<number_after>{_NUMBER}))?",
    regex.VERSION1,
)
_END_OF_WORD = (
    "straße", "strasse", "str.", "gasse", "platz", "allee", "damm", "ufer", "chaussee", "steig", "pfad",
    "straat", "laan", "gracht", "kade", "singel", "dijk", "dreef", "steeg", "plein", "weg",
    "vej", "gade", "stræde", "plads", "torv", "gatan", "vägen", "gränd", "stigen", "torget", "backen",
    "gata", "veien", "vegen", "stien", "katu", "tie", "kuja", "polku", "bulevardi", "raitti",
)
_END = "|".join(regex.escape(w) for w in sorted(_END_OF_WORD, key=len, reverse=True))
# At least three letters before the street word: "Katie 5" is no street. "ring", "lia" and
# Norwegian "gate" are not listed ("Spring 2025", "Natalia 12", "Westgate 5").
END_OF_WORD_REGEX = regex.compile(
    rf"(?<![\p{{L}}\d-])(?P<street>(?:\p{{Lu}}[\p{{L}}\p{{M}}]*-)*\p{{Lu}}[\p{{L}}\p{{M}}]{{2,}}(?:{_END})|"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}]*-)+(?:Straße|Strasse|Gasse|Platz|Allee|Ring|Weg|Damm|Ufer|Allé))"
    rf"[ ]+(?P<number>\d{{1,4}}[A-Za-z]?(?:\s?[-/]\s?\d{{1,4}}[A-Za-z]?)?)(?![\d,.]\d|\s?(?:%|am|pm|°))",
    regex.VERSION1,
)
_WORD_AFTER = ("allé", "utca", "út", "tér", "körút", "köz", "sor", "fasor", "rakpart", "sétány",
               "cad.", "caddesi", "sok.", "sokak", "sk.", "bulvarı", "mah.", "mahallesi")
_AFTER = "|".join(regex.escape(w) for w in sorted(_WORD_AFTER, key=len, reverse=True))
WORD_AFTER_REGEX = regex.compile(
    rf"(?<![\w-])(?P<street>\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*(?:[ ][\p{{L}}\p{{M}}'’.-]+){{0,2}}[ ](?:{_AFTER}))"
    rf"(?<=[\w.])[ ]*(?:No:?[ ]*)?(?P<number>\d{{1,4}}[A-Za-z]?)(?!\.?\d)",
    regex.VERSION1,
)
PO_BOX_REGEX = regex.compile(r"(?<![\w-])(?:PO|P\.O\.)\s?Box\s\d{1,6}\b", regex.IGNORECASE)


# The street words alone, to find where to try the whole pattern (trying it at every
# position costs more than all the other address patterns together). The standard
# library's engine on the lower-cased text is three times faster than either engine
# matching without case.
_WORD_FIRST_HINT = stdlib_re.compile(
    r"(?<![\w/:-])(?:" + "|".join(stdlib_re.escape(w) for w in sorted(set(_WORD_FIRST), key=len, reverse=True)) + r") +\w"
)
_WORD_FIRST_HINT_ANY_CASE = regex.compile(rf"(?<![\w/:-])(?i:{_FIRST})(?<=[\w.])[ ]+\p{{L}}", regex.VERSION1)


def _word_first_hints(text: str) -> Iterator["stdlib_re.Match[str] | regex.Match[str]"]:
    lowered = text.lower()
    if len(lowered) == len(text):
        return _WORD_FIRST_HINT.finditer(lowered)
    return _WORD_FIRST_HINT_ANY_CASE.finditer(text)  # "İ" lower-cases to two characters


def _word_first_matches(text: str) -> list["regex.Match[str]"]:
    matches: list[regex.Match[str]] = []
    for hint in _word_first_hints(text):
        if matches and hint.start() < matches[-1].end():
            continue
        # A house number may come first: "95, avenue Diallo".
        match = WORD_FIRST_REGEX.search(text, max(0, hint.start() - 8), min(len(text), hint.end() + 160))
        while match is not None and match.start("word") < hint.start():
            match = WORD_FIRST_REGEX.search(text, match.start() + 1, min(len(text), hint.end() + 160))
        if match is not None and match.start("word") == hint.start():
            matches.append(match)
    return matches


def international_streets(text: str) -> list[tuple[int, int]]:
    """Street lines in the forms of other countries (see above)."""
    spans = []
    for match in _word_first_matches(text):
        word = match.group("word").lower()
        numbered = match.group("number_before") or match.group("number_after")
        if not numbered and word not in _DISTINCT_WORD_FIRST:
            continue
        if word in _ENGLISH_TOO and match.group("word").islower() and not (
            match.group("number_after") or match.group("comma")
        ):
            continue  # "5 via Teams", "2 place settings": English, not "12, place Bellecour"
        spans.append(match.span())
    for pattern in (END_OF_WORD_REGEX, WORD_AFTER_REGEX, PO_BOX_REGEX):
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


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
            if match.group("numbered") is not None or match.group("the_street") is not None:
                if _NOT_A_HOUSE_NUMBER.search(text, max(0, start - 16), start):
                    continue
                score = self.NUMBERED_SCORE
            else:
                score = self.NAMED_SCORE
            results.append(self._result(start, end, score))
        taken = [(r.start, r.end) for r in results]
        for start, end in international_streets(text):
            if any(s < end and start < e for s, e in taken):
                continue
            if _NOT_A_HOUSE_NUMBER.search(text, max(0, start - 16), start):
                continue
            taken.append((start, end))
            results.append(self._result(start, end, self.NUMBERED_SCORE))
        return results

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "STREET_ADDRESS", start, end, score, "street address line")
