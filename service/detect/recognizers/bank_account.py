"""UK_BANK_ACCOUNT: a UK sort code with its account number, or a bank account number.

Span convention (the same as corpus/README.md): the sort code and the account
number are each their own entity, so one account written in full counts twice.
"""

from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import phrase_regex, scored_result
from service.detect.recognizers._tables import blocks, cut, strip

_SORT_CODE = r"\d{2}[- ]\d{2}[- ]\d{2}|\d{6}"
_ACCOUNT = r"\d{8}"
_GAP = r"(?:[^\d\n]|\n(?!\s*\n)){1,60}?"

# "Sort code 12-34-56, account 12345678", "account no 12345678, sort code 123456",
# "Santander 09-01-28 71234599": the two numbers up to 60 characters apart (one line
# break allowed).
PAIR_REGEX = regex.compile(
    rf"(?<![\w-])(?:"
    rf"(?P<sc_first>(?:{_SORT_CODE}))(?![\w-])(?P<gap1>{_GAP})(?P<acc_second>{_ACCOUNT})"
    rf"|(?P<acc_first>{_ACCOUNT})(?![\w-])(?P<gap2>{_GAP})(?P<sc_second>(?:{_SORT_CODE}))"
    rf")(?![\w-])",
)
# An account number alone, after its label.
LABELLED_ACCOUNT_REGEX = regex.compile(
    r"(?i:\b(?:bank\s+)?(?:account|acct|acc|a/c)\.?\s*(?:no\.?|num(?:ber)?|#)?\s*(?:[:\-]|is)?\s*)"
    rf"(?P<acc>{_ACCOUNT})(?![\w-])"
)
_SORT_CODE_WORDS = phrase_regex(("sort code", "sort", "sc", "s/c"))
_ACCOUNT_WORDS = phrase_regex(("account", "acct", "acc", "a/c", "account no", "account number"))
BANKING_WORDS = (
    "bank", "banking", "bank details", "sort code", "bacs", "building society", "payee",
    "standing order", "direct debit", "refund", "pay", "paid", "payment", "transfer", "payroll", "salary",
    "barclays", "lloyds", "natwest", "hsbc", "santander", "nationwide", "halifax",
    "monzo", "starling", "metro bank", "tsb", "co-operative bank", "virgin money",
)
_BANKING = phrase_regex(BANKING_WORDS)

# Tables of bank details (payroll changes, refunds, supplier set-up): the header names the
# columns and the rows hold bare numbers, so no label sits next to each number.
_CELL_CUT = regex.compile(r"\t|[ \t]*\|[ \t]*|[ ]{2,}|[ \t]*,[ \t]*")
_SORT_CODE_HEADING = regex.compile(r"(?i)^\s*(?:bank\s+)?(?:sort[\s-]*code|sort|s/c)\s*$")
_ACCOUNT_HEADING = regex.compile(
    r"(?i)^\s*(?:bank\s+)?(?:account|acct|acc|a/c)\.?\s*(?:no\.?|num(?:ber)?|#)?\s*$"
)
_SORT_CODE_CELL = regex.compile(rf"^\s*(?:{_SORT_CODE})\s*$")
_ACCOUNT_CELL = regex.compile(rf"^\s*{_ACCOUNT}\s*$")
_MAX_TABLE_LINES = 2_001
_MAX_TABLE_LINE_CHARS = 400


class UkBankAccountRecognizer(OneEntityRecognizer):
    """UK bank details: a sort code and account number pair, or a labelled account.

    A pair is reported (as two entities) when the words between the numbers name
    the other part ("12-34-56, account 12345678") and a label or banking word is
    near, or when only punctuation separates them and a banking word (bank, sort
    code, BACS, a bank's name...) is within 150 characters ("Santander 09-01-28
    71234599"). An eight-digit number labelled "account number" is reported alone
    when a banking word is near. A sort code alone is a bank branch, not a
    person's data, and is not reported.
    """

    CONTEXT: ClassVar[list[str]] = list(BANKING_WORDS)
    SCORE = 0.9
    BANKING_CHARS = 150

    ENTITY = "UK_BANK_ACCOUNT"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        taken: list[tuple[int, int]] = []
        for match in PAIR_REGEX.finditer(text, overlapped=True):
            if match.group("sc_first") is not None:
                gap = match.group("gap1")
                gap_names_other = _ACCOUNT_WORDS.search(gap)
                labelled = _SORT_CODE_WORDS.search(text, max(0, match.start() - 20), match.start())
                parts = [match.span("sc_first"), match.span("acc_second")]
            else:
                gap = match.group("gap2")
                gap_names_other = _SORT_CODE_WORDS.search(gap)
                labelled = _ACCOUNT_WORDS.search(text, max(0, match.start() - 25), match.start())
                parts = [match.span("acc_first"), match.span("sc_second")]
            banking = self._banking_near(text, parts[0][0], parts[1][1])
            named_pair = gap_names_other and (labelled or banking)
            # "new UK account: 09-01-28 74410396": the pair labelled as an account is banking enough.
            account_label = _ACCOUNT_WORDS.search(text, max(0, match.start() - 25), match.start())
            bare_pair = not gap.strip(" \t,;:/-") and (banking or account_label is not None)
            if (named_pair or bare_pair) and not any(_overlaps(p, t) for p in parts for t in taken):
                taken.extend(parts)
        for match in LABELLED_ACCOUNT_REGEX.finditer(text):
            span = match.span("acc")
            if not any(_overlaps(span, t) for t in taken) and self._banking_near(text, match.start(), span[1]):
                taken.append(span)
        for span in table_bank_spans(text):
            if not any(_overlaps(span, t) for t in taken):
                taken.append(span)
        return [self._result(start, end, self.SCORE) for start, end in sorted(taken)]

    def _banking_near(self, text: str, start: int, end: int) -> bool:
        return _BANKING.search(text, max(0, start - self.BANKING_CHARS), end + self.BANKING_CHARS) is not None

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "UK_BANK_ACCOUNT", start, end, score, "UK bank account details")


def table_bank_spans(text: str) -> list[tuple[int, int]]:
    """Sort codes and account numbers in the columns a table's header names.

    A header line (tab, pipe, comma or wide-space separated) with an "Account number"
    column starts a table that runs to the next blank line; the rows' cells under it that
    are eight digits, and under a "Sort code" column six digits, are bank details. An
    account column needs a sort-code column or a banking word in the header ("Bank
    details", "BACS"), so that "Account" in a list of budget codes is not a bank account.
    Bounded: lines past _MAX_TABLE_LINES or longer than _MAX_TABLE_LINE_CHARS are not read.
    """
    if "\n" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for block in blocks(text, most=_MAX_TABLE_LINES, belongs=lambda line: bool(line.strip())):
        columns: tuple[int | None, int | None] | None = None
        for start, line in block:
            if len(line) > _MAX_TABLE_LINE_CHARS:
                continue
            cells = cut(text, start, start + len(line), _CELL_CUT)
            if columns is None:
                columns = _bank_columns(text, cells)
                continue
            for column, shape in zip(columns, (_SORT_CODE_CELL, _ACCOUNT_CELL)):
                if column is not None and column < len(cells) and shape.match(text[slice(*cells[column])]):
                    spans.append(strip(text, cells[column], None))
    return spans


def _bank_columns(text: str, cells: list[tuple[int, int]]) -> tuple[int | None, int | None] | None:
    """The (sort code, account) columns a header line names, or None for no bank table."""
    if len(cells) < 2:
        return None
    sort_column = next((i for i, (a, b) in enumerate(cells) if _SORT_CODE_HEADING.match(text[a:b])), None)
    account_column = next((i for i, (a, b) in enumerate(cells) if _ACCOUNT_HEADING.match(text[a:b])), None)
    if account_column is None:
        return None
    if sort_column is None and not _BANKING.search(text[cells[0][0] : cells[-1][1]]):
        return None
    return sort_column, account_column


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
