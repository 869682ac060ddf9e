#!/usr/bin/env python3
"""Mechanical check of the sealed2 evaluation set (sy- ids).

Checks: YAML parses with no duplicate keys; ids unique and sy-; entity markup well formed
with CONTRACT types; titles outside PERSON spans; every marked UPN/ULN/NHS/IBAN/card/NINO/
driving licence passes its check and every unmarked UPN/ULN/NHS/IBAN/card look-alike fails;
expected actions agree with the listed rules and with the recipients and attachments;
recipients well formed; attachment files exist and are under 40 KB.

Run with the project's venv:  .venv/bin/python corpus/sealed2/check_sealed2.py
Prints counts only (no item text). Exit 1 on any problem.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml
from stdnum import iban, luhn
from stdnum.gb import nhs, upn

HERE = Path(__file__).resolve().parent
TYPES = {
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "STREET_ADDRESS",
    "DATE_OF_BIRTH", "UK_UPN", "UK_ULN", "UK_NHS", "UK_NINO", "UK_PASSPORT",
    "UK_DRIVING_LICENCE", "UK_BANK_ACCOUNT", "IBAN_CODE", "CREDIT_CARD",
    "SPECIAL_CATEGORY", "PASSWORD",
}
RULES = {  # id -> actions it can give
    "subject-personal-data": {"warn", "block"},
    "external-recipients-visible": {"warn", "block"},
    "personal-data-external": {"warn"},
    "special-category-external": {"block"},
    "unprotected-attachment-external": {"block"},
    "password-in-message": {"warn", "block"},
    "ctf-attachment": {"block"},
    "lookalike-recipient-domain": {"warn"},
    "unscannable-attachment": {"warn"},
    "confidential-flag-missing": {"info"},
    "recipient-name-mismatch": {"warn"},
    "attachment-about-someone-else": {"warn"},
    "new-external-recipient": {"warn"},
    "recipient-address-changed": {"warn"},
}
NEEDS_EXTERNAL = {
    "personal-data-external", "special-category-external", "unprotected-attachment-external",
    "unscannable-attachment", "confidential-flag-missing", "attachment-about-someone-else",
    "new-external-recipient", "recipient-address-changed", "external-recipients-visible",
}
RANK = {"allow": 0, "info": 0, "warn": 1, "block": 2}
INTERNAL = ("oakfield.sch.uk", "oakfieldtrust.org.uk")
SECURE = ("kent.gov.uk",)
# Files whose structure says they are encrypted (see make_files.py).
PROTECTED = {
    "files/sen_review_notes_protected.docx", "files/y10_behaviour_log_protected.xlsx",
    "files/referral_pack_protected.zip", "files/cp_minutes_protected.pdf",
}
TITLES = ("mr ", "mrs ", "ms ", "miss ", "mx ", "dr ", "rev ", "rev. ", "prof ", "sir ")
SPAN = re.compile(r"\[\[([^\[\]|]*)\|([A-Z_]+)\]\]")

problems: list[str] = []


def problem(where: str, what: str) -> None:
    problems.append(f"{where}: {what}")


def uln_ok(s: str) -> bool:
    d = re.sub(r"\s", "", s)
    if not re.fullmatch(r"[1-9]\d{9}", d):
        return False
    rem = sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1))) % 11
    return rem != 0 and (10 - rem) == int(d[9])


NINO_RE = re.compile(
    r"(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]")
DL_RE = re.compile(r"[A-Z9]{5}\d[0156]\d[0-3]\d\d[A-Z9]{2}\d[A-Z0-9]{2}")
POSTCODE_RE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}", re.I)


def check_identifier(where: str, typ: str, text: str) -> None:
    compact = re.sub(r"[\s-]", "", text)
    ok = True
    if typ == "UK_UPN":
        ok = upn.is_valid(compact)
    elif typ == "UK_ULN":
        ok = uln_ok(compact)
    elif typ == "UK_NHS":
        ok = nhs.is_valid(compact)
    elif typ == "IBAN_CODE":
        ok = iban.is_valid(compact.upper())
    elif typ == "CREDIT_CARD":
        ok = compact.isdigit() and 13 <= len(compact) <= 19 and luhn.is_valid(compact)
    elif typ == "UK_NINO":
        ok = bool(NINO_RE.fullmatch(text.upper()))
    elif typ == "UK_DRIVING_LICENCE":
        ok = bool(DL_RE.fullmatch(compact.upper()))
    elif typ == "UK_PASSPORT":
        ok = bool(re.fullmatch(r"\d{9}", compact))
    elif typ == "UK_POSTCODE":
        ok = bool(POSTCODE_RE.fullmatch(text))
    elif typ == "UK_BANK_ACCOUNT":
        ok = bool(re.fullmatch(r"\d{2}-\d{2}-\d{2}|\d{6}|\d{8}", text.strip()))
    if not ok:
        problem(where, f"marked {typ} fails its check")


def check_lookalikes(where: str, plain: str) -> None:
    """Unmarked identifier-shaped numbers must fail their checks."""
    for m in re.finditer(r"\b[A-Z]\d{12}\b", plain):
        if upn.is_valid(m.group()):
            problem(where, "unmarked valid UPN")
    for m in re.finditer(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])", plain):
        c = re.sub(r"\D", "", m.group())
        if nhs.is_valid(c) or uln_ok(c):
            problem(where, "unmarked valid NHS/ULN-shaped number")
    for m in re.finditer(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b", plain, re.I):
        if iban.is_valid(re.sub(r"\s", "", m.group()).upper()):
            problem(where, "unmarked valid IBAN")
    for m in re.finditer(r"\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b", plain):
        if luhn.is_valid(re.sub(r"\D", "", m.group())):
            problem(where, "unmarked Luhn-valid card number")


def check_entities() -> tuple[int, int, Counter, Counter]:
    ids: set[str] = set()
    types: Counter = Counter()
    per_file: Counter = Counter()
    records = empty = 0
    for path in sorted((HERE / "entities").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts = re.split(r"^### (\S+)\n", text, flags=re.M)
        for rid, body in zip(parts[1::2], parts[2::2]):
            where = f"{path.name}:{rid}"
            records += 1
            per_file[path.stem] += 1
            if not re.fullmatch(r"sy-[a-z]+-\d\d", rid):
                problem(where, "id not sy-<topic>-NN")
            if rid in ids:
                problem(where, "duplicate id")
            ids.add(rid)
            spans = list(SPAN.finditer(body))
            rest = SPAN.sub("", body)
            if "[[" in rest or "]]" in rest or "|" in "".join(
                    s.group(1) for s in spans):
                problem(where, "stray or nested markup")
            if not spans:
                empty += 1
            masked = body
            for s in spans:
                surface, typ = s.group(1), s.group(2)
                types[typ] += 1
                if typ not in TYPES:
                    problem(where, f"unknown type {typ}")
                if surface != surface.strip() or not surface or "\n" in surface:
                    problem(where, "span empty, multi-line or padded")
                if typ == "PERSON" and surface.lower().startswith(TITLES):
                    problem(where, "title inside a PERSON span")
                if typ == "PERSON" and re.fullmatch(r"[A-Z]{1,3}", surface):
                    problem(where, "bare initials marked as PERSON")
                check_identifier(where, typ, surface)
                masked = masked.replace(s.group(0), " " * len(surface), 1)
            check_lookalikes(where, masked)
    return records, empty, types, per_file


class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    keys = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", k.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
ADDR = re.compile(r"^(?:(?P<name>[^<>]+?)\s*<(?P<a1>[^<>\s]+@[^<>\s]+)>|(?P<a2>[^<>\s]+@[^<>\s]+))$")


def address_of(where: str, r) -> str:
    if isinstance(r, dict):
        a = r.get("address", "")
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", a):
            problem(where, "recipient address malformed")
        if r.get("type") not in (None, "user", "externalUser", "distributionList", "other"):
            problem(where, "recipient type not an Office.js value")
        return a.lower()
    m = ADDR.match(str(r))
    if not m:
        problem(where, "recipient malformed")
        return ""
    return (m.group("a1") or m.group("a2")).lower()


def in_domains(addr: str, domains) -> bool:
    d = addr.rsplit("@", 1)[-1]
    return any(d == x or d.endswith("." + x) for x in domains)


def check_drafts():
    ids: set[str] = set()
    actions: Counter = Counter()
    per_file: dict[str, Counter] = {}
    rules_count: Counter = Counter()
    n = 0
    for path in sorted((HERE / "drafts").glob("*.yaml")):
        try:
            cases = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)
        except yaml.YAMLError as e:
            problem(path.name, f"YAML does not parse ({type(e).__name__})")
            continue
        per_file[path.name] = Counter()
        for c in cases:
            n += 1
            cid = c.get("id", "?")
            where = f"{path.name}:{cid}"
            if not str(cid).startswith("sy-"):
                problem(where, "id not sy-")
            if cid in ids:
                problem(where, "duplicate id")
            ids.add(cid)
            if not c.get("why"):
                problem(where, "no why")
            exp = c.get("expect") or {}
            action, rules = exp.get("action"), list(exp.get("rules") or [])
            if action not in ("allow", "warn", "block"):
                problem(where, "bad action")
                continue
            actions[action] += 1
            per_file[path.name][action] += 1
            rules_count.update(rules)
            if len(set(rules)) != len(rules):
                problem(where, "rule listed twice")
            unknown = [r for r in rules if r not in RULES]
            if unknown:
                problem(where, "unknown rule")
                continue
            msg = c.get("message") or {}
            for key in ("subject", "from", "to", "body"):
                if key not in msg:
                    problem(where, f"message lacks {key}")
            address_of(where, msg.get("from", ""))
            recips = {k: [address_of(where, r) for r in (msg.get(k) or [])] for k in ("to", "cc", "bcc")}
            allr = recips["to"] + recips["cc"] + recips["bcc"]
            if not recips["to"]:
                problem(where, "no To recipient")
            ext = [a for a in allr if not in_domains(a, INTERNAL) and not in_domains(a, SECURE)]
            ext_visible = [a for a in recips["to"] + recips["cc"] if a in ext]
            atts = msg.get("attachments") or []
            protected = False
            for a in atts:
                if "file" in a:
                    f = HERE / "drafts" / a["file"]
                    if not f.is_file():
                        problem(where, "attachment file missing")
                    elif f.stat().st_size >= 40 * 1024:
                        problem(where, "attachment file 40 KB or more")
                    protected |= a["file"] in PROTECTED
                elif "text" not in a and "content_base64" not in a and "size" not in a:
                    problem(where, "attachment without content, text, file or size")
            # action agrees with the rules
            if not rules or all(RULES[r] == {"info"} for r in rules):
                if action != "allow":
                    problem(where, "action not allow with no warn/block rule")
            else:
                lo = max(min(RANK[x] for x in RULES[r]) for r in rules)
                hi = max(max(RANK[x] for x in RULES[r]) for r in rules)
                if not lo <= RANK[action] <= hi:
                    problem(where, "action not one the listed rules can give")
            if "password-in-message" in rules:
                want = "block" if protected else "warn"
                if RANK[action] < RANK[want]:
                    problem(where, "password-in-message action disagrees with protection")
                if protected and action != "block":
                    problem(where, "password with protected attachment must block")
            # rules agree with the recipients
            if not ext and any(r in NEEDS_EXTERNAL for r in rules):
                problem(where, "external rule listed without an external recipient")
            if "external-recipients-visible" in rules and len(ext_visible) < 2:
                problem(where, "external-recipients-visible with fewer than two visible")
            if len(ext_visible) >= 2 and "external-recipients-visible" not in rules:
                problem(where, "two or more visible external recipients but rule not listed")
            if "lookalike-recipient-domain" in rules and not ext:
                problem(where, "look-alike rule without a non-trusted domain")
            guarded = {"personal-data-external", "special-category-external",
                       "unprotected-attachment-external"} & set(rules)
            flagged = bool(msg.get("flagged_confidential")) or bool(msg.get("sensitivity_label"))
            if guarded and not flagged and "confidential-flag-missing" not in rules:
                problem(where, "guarded data out without confidential-flag-missing")
            if "confidential-flag-missing" in rules and (flagged or not guarded):
                problem(where, "confidential-flag-missing without unflagged guarded data")
            if "special-category-external" in rules and not (
                    {"personal-data-external", "unprotected-attachment-external"} & set(rules)):
                problem(where, "special-category-external without a guarded-data rule")
            if "ctf-attachment" in rules and action != "block":
                problem(where, "CTF must block")
            if c.get("history") is not None and {"new-external-recipient", "recipient-address-changed"} & set(rules):
                pass
            elif {"new-external-recipient", "recipient-address-changed"} & set(rules):
                problem(where, "history rule without a history")
    return n, actions, per_file, rules_count


def main() -> int:
    records, empty, types, per_file = check_entities()
    n, actions, per_dfile, rules_count = check_drafts()
    print(f"entities: {records} records in {len(per_file)} files, {empty} with no entity, "
          f"{sum(types.values())} spans")
    for t, k in types.most_common():
        print(f"  {t:20} {k}")
    missing = TYPES - set(types)
    if missing:
        problem("entities", f"types never used: {sorted(missing)}")
    print(f"drafts: {n}  allow {actions['allow']}  warn {actions['warn']}  block {actions['block']}")
    for f, c in per_dfile.items():
        print(f"  {f:22} allow {c['allow']:3}  warn {c['warn']:3}  block {c['block']:3}")
    print("findings expected per rule:")
    for r, k in rules_count.most_common():
        print(f"  {r:32} {k}")
    for p in problems:
        print("PROBLEM", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
