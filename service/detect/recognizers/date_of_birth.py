"""DATE_OF_BIRTH: a date written as someone's birth date (the date alone is the span)."""

import datetime
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import column_header, line_bounds, phrase_regex, scored_result

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_ORD = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"

# Every date shape we read, each with named groups d, m or mon, and y.
# NOTE: every shape starts with a digit or a month's first letter: said first, with \b for
# "no word character before", the engine skips other places at once. Written as the
# lookbehind "(?<![\w/.\-])" alone, it was tried at every character (6.4 ms over 50,000
# characters, now 2 ms; tests/detect/test_recognizer_date_of_birth.py checks the same matches).
DATE_OPENING = r"\b(?=[\djfmasond])(?<![/.\-])"
DATE_REGEX = regex.compile(
    DATE_OPENING + r"(?:"
    r"(?P<d>[0-3]?\d)[/.\-](?P<m>[01]?\d)[/.\-](?P<y>\d{4}|\d{2})"  # 12/03/2015, 12.03.15
    r"|(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"  # 2015-03-12
    rf"|{_DAY_ORD}(?:\s+of)?[\s\-]+{_MONTH_NAME},?[\s\-]+(?P<y>\d{{4}})"  # 3rd March 2015
    rf"|{_MONTH_NAME}\s+{_DAY_ORD},?\s+(?P<y>\d{{4}})"  # March 3 2015, March 3rd, 2015
    r")(?![\w/]|[.\-]\d)",
    regex.IGNORECASE,
)

BIRTH_WORDS = ("dob", "d.o.b", "d.o.b.", "date of birth", "birth date", "birthdate", "born", "birthday")
# Column headers of a pupil table that hold birth dates.
_BIRTH_HEADER = phrase_regex(("dob", "d.o.b", "date of birth", "birth date", "birthdate", "born"))


def parse_date(match: "regex.Match[str]") -> datetime.date | None:
    try:
        day = int(match.group("d"))
        month = int(match.group("m")) if match.group("m") else _MONTHS[match.group("mon").lower()[:3]]
        year = int(match.group("y"))
    except (KeyError, TypeError, ValueError):
        return None
    if year < 100:
        year += 2000 if year <= datetime.date.today().year % 100 else 1900
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class DateOfBirthRecognizer(OneEntityRecognizer):
    """A real calendar date that the text marks as a birth date.

    Marked means one of:
    - a birth word ("DOB", "D.O.B", "date of birth", "born (on)", "birthday") earlier
      on the same line, in the same clause, at most 30 characters before the date,
      with no other date in between;
    - a short label line just above ("Date of birth:");
    - the word right after the date ("12/03/2015 (DOB)");
    - a DOB column header above the date in a comma-, tab-, pipe- or
      semicolon-separated table.
    A date in brackets after a name, a meeting date or an invoice date is not a
    birth date. Dates in the future are not birth dates either.
    """

    CONTEXT: ClassVar[list[str]] = list(BIRTH_WORDS)
    SCORE = 0.9
    BEFORE_CHARS = 60
    AFTER_CHARS = 12
    LABEL_CHARS = 30
    GAP_CHARS = 30

    ENTITY = "DATE_OF_BIRTH"

    def __init__(self) -> None:
        super().__init__()
        self._birth = phrase_regex(tuple(self.CONTEXT))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        dates = list(DATE_REGEX.finditer(text))
        results = []
        today = datetime.date.today()
        for index, match in enumerate(dates):
            parsed = parse_date(match)
            if parsed is None or parsed > today:
                continue
            previous_end = dates[index - 1].end() if index else 0
            if self._marked_as_birth(text, match.start(), match.end(), previous_end):
                results.append(self._result(match.start(), match.end(), self.SCORE))
        return results

    def _marked_as_birth(self, text: str, start: int, end: int, previous_date_end: int) -> bool:
        line_start, line_end = line_bounds(text, start, end)
        if self._birth_word_leads_to(text, max(previous_date_end, start - self.BEFORE_CHARS, line_start), start):
            return True
        # A label on a short line of its own: "Date of birth:\n12/03/2015".
        if line_start and not text[line_start:start].strip():
            label_start = text.rfind("\n", 0, line_start - 1) + 1
            label_start = max(label_start, previous_date_end)
            label = text[label_start:line_start]
            if len(label.strip()) <= self.LABEL_CHARS and self._birth.search(text, label_start, line_start):
                return True
        after = text[end : min(line_end, end + self.AFTER_CHARS)]
        if regex.match(r"\W{0,3}(?:dob|d\.o\.b\.?|date of birth)\b", after, regex.IGNORECASE):
            return True
        header = column_header(text, start, end)
        return header is not None and _BIRTH_HEADER.search(header) is not None

    def _birth_word_leads_to(self, text: str, window_start: int, date_start: int) -> bool:
        """A birth word in the window, in the same clause as the date."""
        last = None
        for last in self._birth.finditer(text, window_start, date_start):
            pass
        if last is None:
            return False
        between = text[last.end() : date_start]
        return len(between) <= self.GAP_CHARS and not regex.search(r"[.;!?](?:\s|$)", between)

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "DATE_OF_BIRTH", start, end, score, "date marked as a birth date")
