"""UK_UPN: Unique Pupil Numbers (check letter, LA code, establishment, year, serial)."""

from presidio_analyzer import Pattern, PatternRecognizer

from service.detect.recognizers._context import WindowContextMixin

# DfE's letters for the values 0 to 22 (no I, O or S). The same table turns the
# final letter of a temporary UPN into its value for the sum.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(body: str) -> str:
    """The check letter for the twelve characters after it (DfE rule).

    Characters 2 to 13 are weighted 2 to 13; the sum mod 23 indexes UPN_LETTERS.
    This is python-stdnum's `gb.upn.calc_check_digit`, without its list of known
    local-authority codes: new and pseudo-LA codes are real too, and the check
    letter alone catches a mistyped number.
    """
    if len(body) != 12 or not body[:11].isdigit():
        raise ValueError("a UPN body is eleven digits and a digit or letter")
    values = [int(c) for c in body[:11]]
    last = body[11]
    values.append(int(last) if last.isdigit() else UPN_LETTERS.index(last))
    return UPN_LETTERS[sum(weight * value for weight, value in zip(range(2, 14), values)) % 23]


def is_valid_upn(value: str) -> bool:
    upn = value.replace(" ", "").upper()
    if len(upn) != 13 or upn[0] not in UPN_LETTERS or not upn[1:12].isdigit():
        return False
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        return False
    return upn_check_letter(upn[1:]) == upn[0]


class UkUpnRecognizer(WindowContextMixin, PatternRecognizer):
    """A check letter, eleven digits, and a digit (or a letter for a temporary UPN).

    A wrong check letter drops the match. One random code of this shape in 23 has
    the right letter by chance, but the shape (a letter and twelve digits) is rare
    in school mail for anything else, so a valid UPN is reported without the word
    "UPN" near it.
    """

    PATTERNS = [
        Pattern("UPN", r"\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b", 0.9),
    ]
    CONTEXT = ["upn", "upns", "unique pupil number", "pupil number", "former upn", "pupil no"]
    CONTEXT_BOOST = 0.1

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_UPN",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            name="UkUpnRecognizer",
            global_regex_flags=0,
        )

    def invalidate_result(self, pattern_text: str) -> bool:
        return not is_valid_upn(pattern_text)
