#!/usr/bin/env python3
"""Mechanical check of the seventh sealed set (s7-). Standalone: parses its own markup.

Prints counts and problems only (no record text). Exit 1 when a problem is found.
"""
import collections
import pathlib
import re
import sys

import yaml
from stdnum import iban, luhn
from stdnum.gb import nhs, upn

HERE = pathlib.Path(__file__).resolve().parent
TYPES = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "STREET_ADDRESS",
         "DATE_OF_BIRTH", "UK_UPN", "UK_ULN", "UK_NHS", "UK_NINO", "UK_PASSPORT",
         "UK_DRIVING_LICENCE", "UK_BANK_ACCOUNT", "IBAN_CODE", "CREDIT_CARD",
         "SPECIAL_CATEGORY", "PASSWORD"}
SPAN = re.compile(r"\[\[([^\[\]|\n]+)\|([A-Z_]+)\]\]")
INTERNAL = ("oakfield.sch.uk", "oakfieldtrust.org.uk")
SECURE = ("kent.gov.uk",)
SEV = {"allow": 0, "warn": 1, "block": 2}
# rule -> (lowest, highest) action it can give; info counts as allow
RULES = {
    "subject-personal-data": ("warn", "block"),
    "external-recipients-visible": ("warn", "block"),
    "personal-data-external": ("warn", "warn"),
    "special-category-external": ("block", "block"),
    "unprotected-attachment-external": ("block", "block"),
    "password-in-message": ("warn", "block"),
    "ctf-attachment": ("block", "block"),
    "lookalike-recipient-domain": ("warn", "warn"),
    "unscannable-attachment": ("warn", "warn"),
    "confidential-flag-missing": ("allow", "allow"),
    "recipient-name-mismatch": ("warn", "warn"),
    "attachment-about-someone-else": ("warn", "warn"),
    "new-external-recipient": ("warn", "warn"),
    "recipient-address-changed": ("warn", "warn"),
}
EXTERNAL_ONLY = {"personal-data-external", "special-category-external",
                 "unprotected-attachment-external", "unscannable-attachment",
                 "confidential-flag-missing", "external-recipients-visible",
                 "attachment-about-someone-else", "new-external-recipient",
                 "recipient-address-changed"}
HISTORY_RULES = {"new-external-recipient", "recipient-address-changed"}
TITLES = re.compile(r"^(Mr|Mrs|Ms|Miss|Mx|Dr|Rev|Revd|Prof|Sir|Dame|Fr)\b\.?", re.I)

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def uln_ok(s):
    d = re.sub(r"\s", "", s)
    if not re.fullmatch(r"\d{10}", d):
        return False
    r = sum(int(x) * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    return r != 0 and 10 - r == int(d[9])


def nhs_ok(s):
    return nhs.is_valid(re.sub(r"\s|-", "", s))


def check_identifier(where, text, typ):
    t = text.strip()
    compact = re.sub(r"[\s-]", "", t)
    ok = True
    if typ == "UK_UPN":
        ok = upn.is_valid(compact)
    elif typ == "UK_ULN":
        ok = uln_ok(t)
    elif typ == "UK_NHS":
        ok = nhs_ok(t)
    elif typ == "IBAN_CODE":
        ok = iban.is_valid(compact)
    elif typ == "CREDIT_CARD":
        ok = compact.isdigit() and 13 <= len(compact) <= 19 and luhn.is_valid(compact)
    elif typ == "UK_NINO":
        ok = re.fullmatch(r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", compact.upper()) is not None
    elif typ == "UK_POSTCODE":
        ok = re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", t.upper()) is not None
    elif typ == "UK_DRIVING_LICENCE":
        ok = re.fullmatch(r"[A-Z9]{5}\d[0156]\d[0-3]\d\d[A-Z9]{2}\d[A-Z]{2}", compact.upper()) is not None
    elif typ == "UK_PASSPORT":
        ok = re.fullmatch(r"\d{9}|[A-Z]{2}\d{7}", compact.upper()) is not None
    elif typ == "UK_BANK_ACCOUNT":
        ok = re.fullmatch(r"\d{2}-\d{2}-\d{2}|\d{6}|\d{8}", t.replace(" ", "-") if re.fullmatch(r"\d\d \d\d \d\d", t) else t) is not None
    if not ok:
        problem(where, f"{typ} span fails its check")


def check_entities():
    counts = collections.Counter()
    ids = set()
    records = 0
    empty = 0
    per_file = {}
    for path in sorted((HERE / "entities").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts = re.split(r"^### ", text, flags=re.M)
        n = 0
        for part in parts[1:]:
            rid, _, body = part.partition("\n")
            rid = rid.strip()
            where = f"{path.name}:{rid}"
            if not re.fullmatch(r"s7-[A-Za-z0-9_.-]+", rid):
                problem(where, "bad id")
            if rid in ids:
                problem(where, "duplicate id")
            ids.add(rid)
            records += 1
            n += 1
            if not body.lstrip().startswith("Subject:"):
                problem(where, "no Subject line")
            spans = SPAN.findall(body)
            stripped = SPAN.sub("", body)
            if "[[" in stripped or "]]" in stripped:
                problem(where, "stray or nested markup")
            if not spans:
                empty += 1
            plain = SPAN.sub(lambda m: m.group(1), body)
            for surface, typ in spans:
                if typ not in TYPES:
                    problem(where, f"unknown type {typ}")
                if surface != surface.strip():
                    problem(where, "span with outer space")
                if typ == "PERSON":
                    if TITLES.match(surface):
                        problem(where, "title inside PERSON")
                    if re.fullmatch(r"[A-Z]{2,3}", surface):
                        problem(where, "bare initials as PERSON")
                    if surface.endswith("'s"):
                        problem(where, "possessive inside PERSON")
                check_identifier(where, surface, typ)
                counts[typ] += 1
            # unmarked look-alikes must fail their checks
            unmarked = SPAN.sub(lambda m: " " * len(m.group(0)), body)
            for m in re.finditer(r"(?<![\w-])(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\w-])", unmarked):
                s = m.group(1)
                if nhs_ok(s) and re.fullmatch(r"\d{3} \d{3} \d{4}", s):
                    problem(where, "unmarked number passes NHS check")
                if re.fullmatch(r"\d{10}", s) and uln_ok(s):
                    problem(where, "unmarked 10-digit number passes ULN check")
            for m in re.finditer(r"(?<![\w])([A-HJ-NP-TV-Z]\d{12})(?![\w])", unmarked):
                if upn.is_valid(m.group(1)):
                    problem(where, "unmarked UPN passes check")
            for m in re.finditer(r"(?<![\w])(\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4})(?![\w])", unmarked):
                if luhn.is_valid(re.sub(r"\D", "", m.group(1))):
                    problem(where, "unmarked card-shaped number passes Luhn")
            # other things the convention marks wherever they appear
            if re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", unmarked):
                problem(where, "unmarked email address")
            if re.search(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}(?![\w])", unmarked):
                problem(where, "unmarked full postcode")
            if re.search(r"(?<![\w])(?:07\d{3} ?\d{6}|01\d{3} ?\d{6}|0\d{2} \d{4} \d{4}|\+\d{2,3}[ \d]{8,})(?![\w])", unmarked):
                problem(where, "unmarked phone-shaped number")
            for m in re.finditer(r"(?<![\w])([A-Z]{2}\d{2}(?: ?[A-Z\d]{4}){3,7}(?: ?[A-Z\d]{1,3})?)(?![\w])", unmarked):
                if iban.is_valid(m.group(1).replace(" ", "")):
                    problem(where, "unmarked valid IBAN")
            if re.search(r"(?<![\w])[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])", unmarked):
                problem(where, "unmarked NINO-shaped text")
            if re.search(r"\b(?:DOB|D\.O\.B|born)\b:? ?\d", unmarked):
                problem(where, "unmarked date after DOB/born")
            del plain
        per_file[path.name] = n
    return records, empty, counts, per_file


ADDR = re.compile(r"^(?:(.*?)\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$")


def addr_of(r, where):
    if isinstance(r, dict):
        a = r.get("address", "")
        if "@" not in a:
            problem(where, "recipient without address")
        return a.lower()
    m = ADDR.match(str(r).strip())
    if not m:
        problem(where, f"bad recipient {r!r}")
        return ""
    return (m.group(2) or m.group(3)).lower()


def in_domains(addr, doms):
    d = addr.rsplit("@", 1)[-1]
    return any(d == x or d.endswith("." + x) for x in doms)


GROUP_WORDS = {"all", "both", "everyone", "team", "parents", "families", "governors", "colleague",
               "colleagues", "clerk", "dpo", "practice", "pta", "science", "y5", "year", "orchestra",
               "club", "admissions", "sir", "madam", "hello", "hi", "choir", "class", "friends",
               "reps", "reception", "coaches", "singers", "headteacher", "editor"}
SHORT_FORMS = {"bill": "william", "liz": "elizabeth", "kate": "katherine", "dan": "daniel",
               "bex": "rebecca", "tomek": "tomasz"}
GREETING = re.compile(r"^\s*(?:dear|hi|hello|morning|good morning)\s+(?:(?:mr|mrs|ms|miss|mx|dr|councillor|cllr|coach|pastor)\.?\s+)?"
                      r"(?:and\s+(?:mr|mrs|ms)\s+)?([^\s,]+)", re.I)


def check_greeting(where, m, rs):
    """A named greeting must match a To recipient unless recipient-name-mismatch is expected."""
    body = m.get("body")
    text = body.get("content", "") if isinstance(body, dict) else str(body or "")
    if isinstance(body, dict) and body.get("type") == "html":
        import html
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    g = GREETING.match(first)
    if not g:
        return
    word = g.group(1).lower().strip(".!")
    if word in GROUP_WORDS:
        return
    word = SHORT_FORMS.get(word, word)
    to_text = " ".join(str(r if not isinstance(r, dict) else f"{r.get('name', '')} {r['address']}")
                       for r in m.get("to", []) or []).lower()
    tokens = re.split(r"[^\w\u00c0-\u024f]+", to_text)
    matched = all(part in tokens for part in word.split("-") if part)
    if matched == ("recipient-name-mismatch" in rs):
        problem(where, "greeting and recipient-name-mismatch disagree")


def file_encrypted(path):
    data = path.read_bytes()
    if path.suffix == ".pdf":
        from pypdf import PdfReader
        return PdfReader(str(path)).is_encrypted
    return data[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # OLE container of an encrypted OOXML file


def file_readable(path):
    import zipfile
    if path.suffix in (".docx", ".xlsx", ".pptx"):
        if file_encrypted(path):
            return True
        try:
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".pdf":
        from pypdf import PdfReader
        try:
            PdfReader(str(path))
            return True
        except Exception:
            return False
    return True


def check_drafts():
    ids = set()
    per_file = {}
    actions = collections.Counter()
    rules = collections.Counter()
    tags = collections.Counter()
    total = 0

    class NoDup(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        keys = set()
        for k, _ in node.value:
            key = loader.construct_object(k, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key}", k.start_mark)
            keys.add(key)
        return loader.construct_mapping_orig(node, deep)

    NoDup.construct_mapping_orig = yaml.SafeLoader.construct_mapping
    NoDup.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)

    for path in sorted((HERE / "drafts").glob("*.yaml")):
        try:
            cases = yaml.load(path.read_text(encoding="utf-8"), Loader=NoDup)
        except yaml.YAMLError as e:
            problem(path.name, f"YAML error {e}")
            continue
        fc = collections.Counter()
        for c in cases:
            cid = c.get("id", "?")
            where = f"{path.name}:{cid}"
            total += 1
            if not re.fullmatch(r"s7-[a-z0-9-]+", str(cid)):
                problem(where, "bad id")
            if cid in ids:
                problem(where, "duplicate id")
            ids.add(cid)
            for k in ("why", "expect", "message"):
                if k not in c:
                    problem(where, f"missing {k}")
            exp = c.get("expect", {})
            act = exp.get("action")
            rs = exp.get("rules", [])
            if act not in SEV:
                problem(where, "bad action")
                continue
            for r in rs:
                if r not in RULES:
                    problem(where, f"unknown rule {r}")
            if len(set(rs)) != len(rs):
                problem(where, "rule listed twice")
            lo = max([SEV[RULES[r][0]] for r in rs if r in RULES] or [0])
            hi = max([SEV[RULES[r][1]] for r in rs if r in RULES] or [0])
            if not lo <= SEV[act] <= hi:
                problem(where, f"action {act} not one its rules can give")
            m = c.get("message", {})
            for k in ("subject", "from", "to", "body"):
                if k not in m:
                    problem(where, f"message without {k}")
            to = [addr_of(r, where) for r in m.get("to", []) or []]
            cc = [addr_of(r, where) for r in m.get("cc", []) or []]
            bcc = [addr_of(r, where) for r in m.get("bcc", []) or []]
            addr_of(m.get("from", ""), where)
            ext = [a for a in to + cc + bcc if not in_domains(a, INTERNAL) and not in_domains(a, SECURE)]
            ext_vis = [a for a in to + cc if not in_domains(a, INTERNAL) and not in_domains(a, SECURE)]
            if not ext:
                for r in rs:
                    if r in EXTERNAL_ONLY:
                        problem(where, f"{r} without an external recipient")
            if ("external-recipients-visible" in rs) != (len(set(ext_vis)) >= 2):
                problem(where, "external-recipients-visible disagrees with To/Cc")
            guarded_out = any(r in rs for r in ("personal-data-external", "special-category-external",
                                                "unprotected-attachment-external"))
            flagged = m.get("flagged_confidential") or m.get("sensitivity_label")
            if guarded_out and not flagged and "confidential-flag-missing" not in rs:
                problem(where, "guarded data out unflagged but no confidential-flag-missing")
            if "confidential-flag-missing" in rs and (flagged or not guarded_out):
                problem(where, "confidential-flag-missing without guarded data out unflagged")
            if "special-category-external" in rs and "personal-data-external" not in rs \
                    and "unprotected-attachment-external" not in rs:
                problem(where, "special-category-external without personal-data-external")
            hist = c.get("history")
            for r in rs:
                if r in HISTORY_RULES and not hist:
                    problem(where, f"{r} without history")
            body = m.get("body")
            if isinstance(body, dict):
                if body.get("type") not in ("html", "text") or "content" not in body:
                    problem(where, "bad body")
            protected = False
            unreadable = False
            for a in m.get("attachments", []) or []:
                if "name" not in a:
                    problem(where, "attachment without name")
                if "file" in a:
                    f = HERE / "drafts" / a["file"]
                    if not f.exists():
                        problem(where, f"missing file {a['file']}")
                    elif f.stat().st_size > 50000:
                        problem(where, f"file over 50 KB {a['file']}")
                    elif not file_readable(f):
                        unreadable = True
                elif "text" not in a and "content_base64" not in a:
                    unreadable = True  # judged by name and size alone
                if "protected" in a.get("name", ""):
                    protected = True
                    if "file" in a and (HERE / "drafts" / a["file"]).exists() \
                            and not file_encrypted(HERE / "drafts" / a["file"]):
                        problem(where, f"{a['file']} is called protected but is not encrypted")
            if ext and unreadable != ("unscannable-attachment" in rs):
                problem(where, "unscannable-attachment disagrees with the attachments")
            check_greeting(where, m, rs)
            if "password-in-message" in rs:
                want = "block" if protected else "warn"
                others = max([SEV[RULES[r][1]] for r in rs if r != "password-in-message"] or [0])
                if others < 2 and act != want:
                    problem(where, f"password-in-message should be {want} here")
            actions[act] += 1
            fc[act] += 1
            rules.update(rs)
            tags.update(c.get("tags", []) or [])
        per_file[path.name] = dict(fc)
    return total, actions, rules, tags, per_file


def main():
    records, empty, counts, efiles = check_entities()
    print(f"entity records: {records} ({empty} with no entity), spans: {sum(counts.values())}")
    for f, n in efiles.items():
        print(f"  {f}: {n}")
    for t, n in counts.most_common():
        print(f"  {t}: {n}")
    total, actions, rules, tags, dfiles = check_drafts()
    print(f"drafts: {total}  " + ", ".join(f"{a} {actions[a]}" for a in SEV))
    for f, d in dfiles.items():
        print(f"  {f}: " + ", ".join(f"{a} {d.get(a, 0)}" for a in SEV))
    print("rules: " + ", ".join(f"{r} {n}" for r, n in rules.most_common()))
    print("tags: " + ", ".join(f"{t} {n}" for t, n in tags.most_common()))
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
