#!/usr/bin/env python3
"""Mechanical checks for the sealed evaluation set (corpus/sealed).

Run: /work/main/.venv/bin/python corpus/sealed/check_sealed.py
Checks: YAML parses; ids unique and sx- prefixed; [[surface|TYPE]] markup well formed
(CONTRACT section 6 types, one line, no nesting, no stray brackets, no edge spaces);
every marked UPN/ULN/NHS/IBAN/card passes its checksum and every unmarked look-alike
fails; draft expectations are consistent with CONTRACT section 7/8.
"""
import os, re, sys, collections
import yaml
from stdnum.gb import upn, nhs
from stdnum import iban, luhn

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "STREET_ADDRESS",
         "DATE_OF_BIRTH", "UK_UPN", "UK_ULN", "UK_NHS", "UK_NINO", "UK_PASSPORT",
         "UK_DRIVING_LICENCE", "UK_BANK_ACCOUNT", "IBAN_CODE", "CREDIT_CARD",
         "SPECIAL_CATEGORY", "PASSWORD"}
RULES7 = {"subject-personal-data": {"warn", "block"}, "external-recipients-visible": {"warn", "block"},
          "personal-data-external": {"warn"}, "special-category-external": {"block"},
          "unprotected-attachment-external": {"block"}, "password-in-message": {"warn", "block"},
          "ctf-attachment": {"block"}, "lookalike-recipient-domain": {"warn"},
          "unscannable-attachment": {"warn"}, "confidential-flag-missing": {"info"}}
RULES8 = {"recipient-name-mismatch": {"warn"}, "attachment-about-someone-else": {"warn"}}
RANK = {"allow": 0, "info": 0, "warn": 1, "block": 2}
SPAN = re.compile(r"\[\[([^\[\]|\n]+)\|([A-Z_]+)\]\]")
errors = []

class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with the same key twice."""
    def construct_mapping(self, node, deep=False):
        seen = set()
        for k, _ in node.value:
            key = self.construct_object(k, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", k.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)

def err(msg): errors.append(msg)

def uln_valid(s):
    s = re.sub(r"\s", "", s)
    if not re.fullmatch(r"\d{10}", s): return False
    r = sum(int(d) * w for d, w in zip(s[:9], range(10, 1, -1))) % 11
    return r != 0 and 10 - r == int(s[9])
def upn_valid(s): return upn.is_valid(re.sub(r"\s", "", s).upper())
def nhs_valid(s): return nhs.is_valid(re.sub(r"[\s-]", "", s))
def iban_valid(s): return iban.is_valid(re.sub(r"\s", "", s).upper())
def card_valid(s):
    d = re.sub(r"[\s-]", "", s)
    return d.isdigit() and 13 <= len(d) <= 19 and luhn.is_valid(d)
CHECK = {"UK_UPN": upn_valid, "UK_ULN": uln_valid, "UK_NHS": nhs_valid,
         "IBAN_CODE": iban_valid, "CREDIT_CARD": card_valid}

def lookalikes(plain):
    """Unmarked text that looks like a checksum identifier and passes: an error."""
    out = []
    for m in re.finditer(r"(?<![\w])[A-Za-z]\d{12}(?!\w)", plain):
        if upn_valid(m.group()): out.append(("UK_UPN", m.group()))
    for m in re.finditer(r"(?<![\w+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w])", plain):
        g = m.group()
        if nhs_valid(g): out.append(("UK_NHS", g))
        if uln_valid(g): out.append(("UK_ULN", g))
    for m in re.finditer(r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![\w])", plain):
        if iban_valid(m.group()): out.append(("IBAN_CODE", m.group()))
    for m in re.finditer(r"(?<![\w])\d(?:[ -]?\d){12,18}(?![\w])", plain):
        if card_valid(m.group()) and not re.fullmatch(r"[\d ]{3,4}\d{3} ?\d{4}", m.group()):
            out.append(("CREDIT_CARD", m.group()))
    return out

ids = set()
def add_id(i, where):
    if not isinstance(i, str) or not i.startswith("sx-") or not re.fullmatch(r"[A-Za-z0-9_.-]+", i):
        err(f"{where}: bad id {i!r}")
    if i in ids: err(f"{where}: duplicate id {i}")
    ids.add(i)

# ---- entity texts
span_counts = collections.Counter(); n_records = 0; empty = 0
edir = os.path.join(HERE, "entities")
for fn in sorted(os.listdir(edir)):
    if not fn.endswith(".txt"): continue
    text = open(os.path.join(edir, fn), encoding="utf-8").read()
    parts = re.split(r"^### (\S+)\n", text, flags=re.M)
    for k in range(1, len(parts), 2):
        rid, body = parts[k], parts[k + 1]
        where = f"{fn}:{rid}"; add_id(rid, where); n_records += 1
        spans = list(SPAN.finditer(body))
        if not spans: empty += 1
        rest = SPAN.sub("", body)
        if "[[" in rest or "]]" in rest: err(f"{where}: stray or nested brackets")
        plain = SPAN.sub(lambda m: m.group(1), body)
        for m in spans:
            surf, typ = m.group(1), m.group(2)
            span_counts[typ] += 1
            if typ not in TYPES: err(f"{where}: unknown type {typ}")
            if surf != surf.strip(): err(f"{where}: edge space in {surf!r}")
            if typ in CHECK and not CHECK[typ](surf): err(f"{where}: {typ} {surf!r} fails checksum")
            if typ == "PERSON" and re.match(r"(Mr|Mrs|Ms|Miss|Dr|Rev|Herr|Madame)\.? ", surf):
                err(f"{where}: title inside PERSON {surf!r}")
        unmarked = SPAN.sub(lambda m: " " * len(m.group(1)), body)
        for typ, g in lookalikes(unmarked):
            err(f"{where}: unmarked {g!r} passes the {typ} checksum")

# ---- drafts
ddir = os.path.join(HERE, "drafts")
verdicts = collections.defaultdict(collections.Counter); per_rule = collections.Counter(); n_drafts = 0
RECIP = re.compile(r"^(?:[^<>]+ )?<([^<>@\s]+@[^<>@\s]+)>$|^([^<>@\s]+@[^<>@\s]+)$")
for fn in sorted(os.listdir(ddir)):
    if not fn.endswith(".yaml"): continue
    try:
        cases = yaml.load(open(os.path.join(ddir, fn), encoding="utf-8"), Loader=UniqueKeyLoader)
    except yaml.YAMLError as e:
        err(f"{fn}: YAML error {e}"); continue
    if not isinstance(cases, list): err(f"{fn}: not a list"); continue
    allowed = dict(RULES7); 
    if fn == "misdirected.yaml": allowed.update(RULES8)
    for c in cases:
        where = f"{fn}:{c.get('id')}"; add_id(c.get("id"), where); n_drafts += 1
        for key in ("why", "expect", "message"):
            if key not in c: err(f"{where}: missing {key}")
        exp = c.get("expect", {}); act = exp.get("action"); rules = exp.get("rules", [])
        if act not in ("allow", "warn", "block"): err(f"{where}: bad action {act}")
        for r in rules:
            if r not in allowed: err(f"{where}: rule {r} not allowed in this file")
        if len(set(rules)) != len(rules): err(f"{where}: repeated rule")
        lo = max([min(RANK[a] for a in allowed[r]) for r in rules if r in allowed] or [0])
        hi = max([max(RANK[a] for a in allowed[r]) for r in rules if r in allowed] or [0])
        if not (lo <= RANK.get(act, -1) <= hi): err(f"{where}: action {act} inconsistent with rules {rules}")
        verdicts["misdirected" if fn == "misdirected.yaml" else "main"][act] += 1
        for r in rules: per_rule[r] += 1
        msg = c.get("message", {})
        for key in ("subject", "from", "to", "body"):
            if key not in msg: err(f"{where}: message lacks {key}")
        for field in ("from",):
            if not RECIP.match(str(msg.get(field, ""))): err(f"{where}: bad {field} {msg.get(field)!r}")
        for field in ("to", "cc", "bcc"):
            for r in msg.get(field, []) or []:
                if not isinstance(r, str) or not RECIP.match(r): err(f"{where}: bad recipient {r!r}")
        if not isinstance(msg.get("body"), (str, dict)): err(f"{where}: bad body")
        for a in msg.get("attachments", []) or []:
            if "file" in a and not os.path.exists(os.path.join(ddir, a["file"])):
                err(f"{where}: missing file {a['file']}")
            if "file" in a and os.path.getsize(os.path.join(ddir, a["file"])) > 40_000:
                err(f"{where}: file too large {a['file']}")
        blob = yaml.safe_dump(msg, allow_unicode=True)
        if "[[" in blob or "]]" in blob: err(f"{where}: markup inside a draft")

print(f"entity records: {n_records} ({empty} with no entity)")
print("spans by type:", dict(sorted(span_counts.items())), "total", sum(span_counts.values()))
print(f"drafts: {n_drafts}", {k: dict(v) for k, v in verdicts.items()})
print("per rule:", dict(sorted(per_rule.items())))
if errors:
    print(f"\n{len(errors)} ERRORS"); print("\n".join(errors)); sys.exit(1)
print("OK")
