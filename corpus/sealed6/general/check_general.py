"""Check the hand-written general-domain set in this folder (corpus/sealed6/general).

Run from the repository root:  python corpus/sealed6/general/check_general.py
Exit status 0 when every check passes, 1 otherwise (each problem printed on its own line).

Checks: record ids are unique and start with ``s6g-``; every span is ``[[text|TYPE]]`` on one
line, with no leading or trailing space, no nesting and a type from CONTRACT section 6; ``[[``
and ``]]`` appear nowhere else; marked IBANs and card numbers pass their checksums
(python-stdnum), NHS numbers pass mod 11, NINOs have allowed prefixes and suffixes and
postcodes are whole UK postcodes, UK passport numbers have nine digits and driving licence
numbers follow the DVLA layout; unmarked IBAN and card look-alikes fail their checksums;
marked UK and US phone numbers are in the fictional ranges (Ofcom drama numbers, Cardiff's
029 2018 0xxx included, US 555-01xx). Prints counts by type and by file.
Adapted from corpus/sealed5/general/check_general.py for the s6g- set.
"""

import re
import sys
from collections import Counter
from pathlib import Path

from stdnum import iban, luhn
from stdnum.gb import nhs

# CONTRACT section 6, copied here so the checker needs nothing from the package under test.
TYPES = {
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "STREET_ADDRESS",
    "DATE_OF_BIRTH", "UK_UPN", "UK_ULN", "UK_NHS", "UK_NINO", "UK_PASSPORT",
    "UK_DRIVING_LICENCE", "UK_BANK_ACCOUNT", "IBAN_CODE", "CREDIT_CARD",
    "SPECIAL_CATEGORY", "PASSWORD",
}

HEADER = re.compile(r"^### (\S+)$")
SPAN = re.compile(r"\[\[([^\[\]|\n]+)\|([A-Z_]+)\]\]")
# Two letters, two digits, then groups of four (spaced or not) and a short tail: any case.
IBAN_LIKE = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b")
# A maximal run of digits with single spaces or hyphens between them, not glued to letters.
DIGIT_RUN = re.compile(r"(?<![\w-])\d(?:[ -]?\d)*(?![\w-])")
# Ofcom drama ranges: 07700 900xxx, 01632 960xxx, 020 7946 0xxx, 0113/0114/0115/0116/0117/
# 0118/0121/0131/0141/0151/0161 496 0xxx, 028 9649 6xxx, 029 2018 0xxx.
# NINO: first letter not D F I Q U V, second not D F I O Q U V, not BG GB KN NK NT TN ZZ, suffix A-D.
NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")
# DVLA: five letters of the surname (padded with 9), decade, month (+50 for women), day, year,
# two initials (padded with 9), a digit and two check letters.
DVLA = re.compile(r"^[A-Z9]{5}\d(?:[05]\d|[16][0-2])(?:[0-2]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}$")
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")
UK_DRAMA = re.compile(
    r"^(?:7700900\d{3}|1632960\d{3}|2079460\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|2896496\d{3}|2920180\d{3})$")


def records(path):
    """Yield (id, line number, text) for each record in one file."""
    rid, start, lines = None, 0, []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = HEADER.match(line)
        if m:
            if rid:
                yield rid, start, "\n".join(lines)
            rid, start, lines = m.group(1), n, []
        elif rid:
            lines.append(line)
    if rid:
        yield rid, start, "\n".join(lines)


def phone_problem(number):
    digits = re.sub(r"\D", "", number)
    if number.startswith("+44"):
        national = digits[2:].removeprefix("0")  # +44 (0)7700 ...
    elif number.startswith("0") and len(digits) == 11 and digits[1] in "127":
        national = digits[1:]  # UK national form (French and Australian numbers have 10 digits)
    else:
        national = None
    if national is not None:
        return None if UK_DRAMA.match(national) else "UK number outside the Ofcom drama ranges"
    if number.startswith("+1") or re.match(r"^\(\d{3}\) \d{3}-\d{4}$", number):
        if not re.search(r"555\D?01\d\d$", number):
            return "US number outside 555-0100..0199"
    return None


def main(folder):
    problems, ids = [], {}
    by_type, by_file, negatives, total = Counter(), {}, 0, 0
    lookalikes = Counter()
    for path in sorted(folder.glob("*.txt")):
        file_counts = Counter()
        nrec = nneg = 0
        for rid, line, text in records(path):
            where = f"{path.name}:{line} {rid}"
            nrec += 1
            if not rid.startswith("s6g-"):
                problems.append(f"{where}: id does not start with s6g-")
            if rid in ids:
                problems.append(f"{where}: id also used at {ids[rid]}")
            ids[rid] = where
            spans = SPAN.findall(text)
            rest = SPAN.sub("\0", text)
            if "[[" in rest or "]]" in rest:
                problems.append(f"{where}: stray or malformed [[ ]] (nested, multi-line or bad type)")
            for surface, kind in spans:
                if kind not in TYPES:
                    problems.append(f"{where}: type {kind} is not in CONTRACT section 6")
                if surface != surface.strip():
                    problems.append(f"{where}: span {surface!r} has leading or trailing space")
                if kind == "IBAN_CODE" and not iban.is_valid(surface):
                    problems.append(f"{where}: marked IBAN {surface} fails its checksum")
                if kind == "CREDIT_CARD":
                    digits = re.sub(r"[ -]", "", surface)
                    if not (digits.isdigit() and 13 <= len(digits) <= 19 and luhn.is_valid(digits)):
                        problems.append(f"{where}: marked card {surface} fails Luhn")
                if kind == "UK_NHS" and not nhs.is_valid(surface):
                    problems.append(f"{where}: marked NHS number {surface} fails mod 11")
                if kind == "UK_NINO" and not NINO.match(surface.replace(" ", "").upper()):
                    problems.append(f"{where}: marked NINO {surface} has a prefix or suffix not allowed")
                if kind == "UK_POSTCODE" and not UK_POSTCODE.match(surface.upper()):
                    problems.append(f"{where}: marked postcode {surface} is not a full UK postcode")
                if kind == "UK_PASSPORT" and not re.fullmatch(r"\d{9}", surface):
                    problems.append(f"{where}: marked UK passport {surface} is not nine digits")
                if kind == "UK_DRIVING_LICENCE" and not DVLA.match(surface.replace(" ", "")):
                    problems.append(f"{where}: marked licence {surface} does not follow the DVLA layout")
                if kind == "PHONE_NUMBER":
                    why = phone_problem(surface)
                    if why:
                        problems.append(f"{where}: {surface}: {why}")
                file_counts[kind] += 1
            # Look-alikes left unmarked must fail their checks.
            for m in IBAN_LIKE.finditer(rest):
                lookalikes["IBAN-shaped"] += 1
                compact = m.group(0).replace(" ", "")
                # A valid IBAN followed by a short word would otherwise hide inside the match.
                if any(iban.is_valid(compact[:n]) for n in range(15, len(compact) + 1)):
                    problems.append(f"{where}: unmarked {m.group(0)!r} is a valid IBAN")
            for m in DIGIT_RUN.finditer(IBAN_LIKE.sub(" ", rest)):
                digits = re.sub(r"[ -]", "", m.group(0))
                if not 13 <= len(digits) <= 19:
                    continue
                lookalikes["card-length digit run"] += 1
                if luhn.is_valid(digits):
                    problems.append(f"{where}: unmarked {m.group(0)!r} passes Luhn")
            if not spans:
                nneg += 1
        by_file[path.name] = (nrec, nneg, file_counts)
        by_type.update(file_counts)
        negatives += nneg
        total += nrec

    print(f"{total} records in {len(by_file)} files; {negatives} with no entity "
          f"({100 * negatives / max(total, 1):.0f}%); {sum(by_type.values())} spans")
    for name, (nrec, nneg, counts) in by_file.items():
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        print(f"  {name}: {nrec} records, {nneg} with no entity, {sum(counts.values())} spans; {detail}")
    print("unmarked look-alikes checked (each must fail its checksum): "
          + (", ".join(f"{k} {v}" for k, v in sorted(lookalikes.items())) or "none"))
    print("by type: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
    for p in problems:
        print("PROBLEM " + p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent))
