"""Write the general-domain PII evaluation set, corpus/general/*.txt.

    python -m bench.make_general

About 1,500 short texts of ordinary prose (customer service, bookings, HR, banking,
travel, shipping, news-like sentences, chat, forms) filled with Faker values of many
locales: names, cities, countries, companies, job titles, products, street addresses,
phone numbers, IBANs and cards. It measures what the school fine-tuning may have made
the NER forget: places, organisations, street lines and ordinary capitalised words are
not people. The templates (bench/general_templates.yaml) are written apart from any
training template and never used for training. Output is deterministic (fixed seeds,
Faker pinned in the `test` extra); the generated files are committed.

Labelled (corpus/README.md "Entity texts"): PERSON, EMAIL_ADDRESS, PHONE_NUMBER,
STREET_ADDRESS, UK_POSTCODE (British locale only), IBAN_CODE, CREDIT_CARD. Cities,
countries, companies, job titles, products, dates and foreign postcodes are left
unmarked: they are what a PERSON model must not take for a name.
"""

from __future__ import annotations

import os
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "general_templates.yaml"
OUT_DIR = ROOT / "corpus" / "general"
SEED = 20261207
N_TEXTS = 1500

LOCALES = [
    "en_GB", "en_GB", "en_US", "en_US", "en_AU", "en_CA", "en_IE", "en_IN", "en_NZ", "fr_FR", "de_DE", "de_AT",
    "pl_PL", "es_ES", "es_MX", "it_IT", "pt_BR", "pt_PT", "nl_NL", "sv_SE", "da_DK", "no_NO", "fi_FI", "ro_RO",
    "cs_CZ", "hu_HU", "tr_TR", "fr_CA", "es_AR",
]
# Locales whose Faker IBAN is of their own country; others get a British one.
OWN_IBAN = {"en_GB", "en_IE", "fr_FR", "de_DE", "de_AT", "pl_PL", "es_ES", "it_IT", "pt_BR", "pt_PT", "nl_NL",
            "da_DK", "ro_RO", "cs_CZ", "tr_TR"}
TITLES_EN = ["Mr", "Mrs", "Ms", "Dr", "Miss", "Mr.", "Mrs.", "Dr.", "Prof."]
TITLES_LOCAL = {
    "fr_FR": ["M.", "Mme"], "fr_CA": ["M.", "Mme"], "de_DE": ["Herr", "Frau"], "de_AT": ["Herr", "Frau"],
    "es_ES": ["Sr.", "Sra."], "es_MX": ["Sr.", "Sra."], "es_AR": ["Sr.", "Sra."], "it_IT": ["Sig.", "Sig.ra"],
    "pl_PL": ["Pan", "Pani"], "nl_NL": ["dhr.", "mevr."], "pt_BR": ["Sr.", "Sra."], "pt_PT": ["Sr.", "Sra."],
}
PRODUCTS = [
    "wireless headphones", "coffee machine", "standing desk", "Galaxy tablet", "air fryer", "running shoes",
    "garden hose", "electric kettle", "phone case", "winter jacket", "office chair", "smart watch", "yoga mat",
    "Kindle", "espresso grinder", "dishwasher", "mountain bike", "baby monitor", "printer cartridge", "sofa bed",
    "PlayStation controller", "vacuum cleaner", "Bluetooth speaker", "hiking backpack", "microwave oven",
]
WORDS = [
    "Security", "Privacy", "Quality", "Delivery", "Sustainability", "Safety", "Customer care", "Insurance",
    "Packaging", "Support", "Training", "Warranty", "Accessibility", "Transparency", "Innovation", "Comfort",
]
ENSEMBLE = ["Orchestra", "Quartet", "Players", "Choir", "Trio", "Ensemble", "Brass Band", "Singers"]
STREET_KIND = ["Street", "Road", "Lane", "Avenue", "Way", "Close", "Drive", "Place"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CURRENCY = {"en_GB": "£", "en_IE": "€", "en_US": "$", "en_AU": "A$", "en_CA": "C$", "en_NZ": "NZ$", "en_IN": "₹",
            "pl_PL": "zł ", "tr_TR": "₺", "pt_BR": "R$", "sv_SE": "SEK ", "da_DK": "DKK ", "no_NO": "NOK ",
            "cs_CZ": "CZK ", "hu_HU": "HUF ", "ro_RO": "RON ", "es_MX": "MX$", "es_AR": "ARS ", "fr_CA": "C$"}

_SLOT = re.compile(r"\{([A-Za-z0-9_.]+)\}")
_PERSON = re.compile(r"P(\d)\.(full|first|last|tlast|lfull|lfirst|email)$")


@dataclass
class _Person:
    first: str
    last: str
    title: str


@dataclass
class _Text:
    parts: list[str] = field(default_factory=list)

    def add(self, text: str, label: str | None = None) -> None:
        self.parts.append(f"[[{text}|{label}]]" if label else text)


def _ascii(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[^a-z]", "", "".join(c for c in s if not unicodedata.combining(c)).lower().replace("ł", "l"))


class GeneralSet:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.fakers: dict[str, Faker] = {}
        for i, loc in enumerate(sorted(set(LOCALES) | {"en_US"})):
            f = Faker(loc)
            f.seed_instance(seed + i)
            self.fakers[loc] = f
        self.en = self.fakers["en_US"]

    def _clean(self, value: str) -> str:
        return re.sub(r"\s+", " ", value.replace("[", "(").replace("]", ")").replace("|", "/")).strip(" ,")

    def _person(self, loc: str) -> _Person:
        f = self.fakers[loc]
        titles = TITLES_LOCAL.get(loc) if self.rng.random() < 0.3 else None
        return _Person(self._clean(f.first_name()), self._clean(f.last_name()),
                       self.rng.choice(titles or TITLES_EN))

    def _phone(self, f: Faker) -> str:
        for _ in range(20):
            p = self._clean(f.phone_number())
            if "x" not in p.lower():
                return p
        return p

    def _company(self, f: Faker) -> str:
        for _ in range(20):
            c = self._clean(f.company())
            if " " in c:
                return c
        return c + " Ltd"

    def _iban(self, loc: str) -> str:
        iban = self.fakers[loc if loc in OWN_IBAN else "en_GB"].iban()
        if self.rng.random() < 0.5:
            iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban

    def _date(self) -> str:
        rng = self.rng
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        return rng.choice([f"{d} {MONTHS[m - 1]}", f"{MONTHS[m - 1]} {d}", f"{d:02d}/{m:02d}/2025",
                           f"{rng.choice(WEEKDAYS)} {d} {MONTHS[m - 1]}", f"2026-{m:02d}-{d:02d}"])

    def fill(self, template: str, loc: str) -> str:
        rng, f = self.rng, self.fakers[loc]
        out = _Text()
        people: dict[str, _Person] = {}
        pos = 0
        for m in _SLOT.finditer(template):
            out.add(template[pos : m.start()])
            pos = m.end()
            slot = m.group(1)
            pm = _PERSON.match(slot)
            if pm:
                p = people.setdefault(pm.group(1), self._person(loc))
                form = pm.group(2)
                if form == "full":
                    out.add(f"{p.first} {p.last}", "PERSON")
                elif form == "first":
                    out.add(p.first, "PERSON")
                elif form == "last":
                    out.add(p.last, "PERSON")
                elif form == "tlast":
                    out.add(p.title + " ")
                    out.add(p.last, "PERSON")
                elif form == "lfull":
                    out.add(f"{p.first} {p.last}".lower(), "PERSON")
                elif form == "lfirst":
                    out.add(p.first.lower(), "PERSON")
                else:
                    local = rng.choice([f"{_ascii(p.first)}.{_ascii(p.last)}", f"{_ascii(p.first)[:1]}{_ascii(p.last)}"])
                    out.add(f"{local}@{f.free_email_domain()}", "EMAIL_ADDRESS")
                continue
            if slot == "street":
                out.add(self._clean(f.street_address()), "STREET_ADDRESS")
            elif slot == "streetname":
                out.add(f"{self._clean(f.last_name())} {rng.choice(STREET_KIND)}", "STREET_ADDRESS")
            elif slot == "postcode":
                out.add(self._clean(f.postcode()), "UK_POSTCODE" if loc == "en_GB" else None)
            elif slot == "phone":
                out.add(self._phone(f), "PHONE_NUMBER")
            elif slot == "email":
                out.add(f.email(), "EMAIL_ADDRESS")
            elif slot == "iban":
                out.add(self._iban(loc), "IBAN_CODE")
            elif slot == "card":
                out.add(self.en.credit_card_number(), "CREDIT_CARD")
            elif slot in ("city", "city2"):
                out.add(self._clean(f.city()))
            elif slot in ("country", "country2"):
                out.add(self._clean(self.en.country()))
            elif slot == "company":
                out.add(self._company(f))
            elif slot == "job":
                out.add(self._clean(self.en.job()).lower() if rng.random() < 0.5 else self._clean(self.en.job()))
            elif slot == "product":
                out.add(rng.choice(PRODUCTS))
            elif slot == "ensemble":
                out.add(f"{self._clean(f.last_name())} {rng.choice(ENSEMBLE)}")
            elif slot == "word":
                out.add(rng.choice(WORDS))
            elif slot == "date":
                out.add(self._date())
            elif slot == "time":
                out.add(f"{rng.randint(7, 20)}:{rng.choice(['00', '15', '30', '45'])}")
            elif slot == "money":
                out.add(f"{CURRENCY.get(loc, '€')}{rng.randint(5, 4000)}.{rng.choice(['00', '50', '99'])}")
            elif slot == "num":
                out.add(str(rng.randint(2, 14)))
            elif slot == "ref":
                out.add(f"{rng.choice(['ORD', 'TCK', 'REF', 'INV', 'BK'])}-{rng.randint(100000, 999999)}")
            elif slot == "weekday":
                out.add(rng.choice(WEEKDAYS))
            elif slot == "month":
                out.add(rng.choice(MONTHS))
            else:
                raise KeyError(slot)
        out.add(template[pos:])
        return "".join(out.parts)


def build(n: int = N_TEXTS, seed: int = SEED) -> dict[str, list[tuple[str, str]]]:
    """{category: [(id, marked text)]}: every template in turn, each filled in a
    locale picked at random, until n texts."""
    templates = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    flat = [(cat, t) for cat, items in templates.items() for t in items]
    gen = GeneralSet(seed)
    out: dict[str, list[tuple[str, str]]] = {cat: [] for cat in templates}
    for i in range(n):
        cat, template = flat[i % len(flat)]
        loc = gen.rng.choice(LOCALES)
        out[cat].append((f"gen-{cat.replace('_', '-')}-{len(out[cat]) + 1:04d}", gen.fill(template, loc)))
    return out


NOTE = """General-domain PII texts, written by bench/make_general.py from bench/general_templates.yaml
(Faker values of many locales; do not edit by hand, run `python -m bench.make_general`).
Evaluation only: never used for training or tuning. Format as corpus/README.md "Entity texts".

"""


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Some Faker locales (it_IT cities) build lists from sets: fix the hash seed
        # so that the output is the same on every run.
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "bench.make_general"], {**os.environ, "PYTHONHASHSEED": "0"})
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUT_DIR.glob("*.txt"):
        old.unlink()
    total = 0
    for cat, records in build().items():
        body = "".join(f"### {rid}\n{text}\n\n" for rid, text in records)
        (OUT_DIR / f"{cat}.txt").write_text(NOTE + body.rstrip("\n") + "\n", encoding="utf-8")
        total += len(records)
    print(f"wrote {total} texts to {OUT_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
