"""General-domain training text with known PERSON spans, for rehearsal against forgetting.

The school templates teach names in school mail; on their own they also teach
"a capitalised word is a person". These texts (general_templates.yaml, Faker values
of many locales) put names of every origin next to what is not a name: places of
every country, street lines and streets named after people ("Johnson Street"),
firms ("Davis and Reed Ltd"), ensembles ("Davis Orchestra"), venues, products, job
titles, capitalised words at the start of a sentence and words after "Dear" or "Sir"
that are not names. Everything but PERSON is left to the base model's own entities
(pseudo-rehearsal in train.py).

`train` templates make training text; `dev` templates (other wording) are only scored.
The general evaluation set (bench/make_general.py, corpus/general) is never read here.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import generate
import yaml
from faker import Faker
from generate import Casing, Sample, Words, _Builder, load_fillers, load_names

RECIPE_DIR = Path(__file__).resolve().parent
GeneralSplit = Literal["train", "dev"]

LOCALES = [
    "en_GB", "en_US", "en_AU", "en_CA", "en_IE", "en_IN", "en_NZ", "fr_FR", "fr_CA", "fr_CH", "de_DE", "de_CH",
    "pl_PL", "es_ES", "es_CO", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "ro_RO", "cs_CZ", "sk_SK", "hu_HU", "tr_TR", "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "id_ID", "vi_VN",
    "yo_NG", "zu_ZA", "tw_GH", "ga_IE", "en_PK",
]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Prof", "Mr.", "Mrs.", "Dr."]
FOREIGN_TITLES = ["Herr", "Frau", "M.", "Mme", "Sr.", "Sra.", "Pan", "Pani", "Signor", "Señora"]
WORD_NAMES = """Hope Sky Summer Grace Faith Joy Autumn Dawn Amber Jade Ruby Rose Will Mark Bill Frank Pat Sunny
Precious Destiny Honey River Rain Storm Blessing Miracle Lucky Hunter Victory Gift Patience Charity Iris Ivy Holly
Daisy Poppy Willow Heather Pearl Hazel Violet Angel Star Melody Harmony""".split()
OPENERS = """Unfortunately Meanwhile However Additionally Regrettably Fortunately Sadly Today Tomorrow Yesterday
Overall Hopefully Apparently Honestly Luckily Alternatively Nevertheless Consequently Currently Finally
Importantly Recently""".split()
CAP_WORDS = """Security Safety Freedom Quality Wellbeing Diversity Reliability Integrity Hospitality Innovation
Comfort Value Trust Health Heritage Privacy Sustainability Excellence Courtesy Teamwork Convenience Accuracy
Delivery Insurance Warranty Fairness""".split()
NOT_NAMES = ["Customer", "Sir or Madam", "Valued Member", "Guest", "Colleague", "Team", "All", "bot", "Applicant",
             "Traveller", "Hiring Manager", "Support", "Friend", "Homeowner", "Subscriber", "Partner", "Resident",
             "Madam", "Client", "Shopper", "Reader", "Neighbour", "Member", "User"]
CREATURES = ["Hobbits", "Vikings", "Elves", "Dragons", "Trolls", "Pirates", "Dwarves", "Wizards", "Zombies",
             "Goblins", "Giants", "Robots", "Aliens", "Unicorns", "Knights"]
PRODUCTS = ["laptop", "tumble dryer", "e-bike", "Nintendo Switch", "fridge freezer", "iPhone", "carpet cleaner",
            "rowing machine", "gaming chair", "toaster", "camera lens", "tent", "lawnmower", "sewing machine",
            "Roomba", "Dyson fan", "travel cot", "kayak", "drill", "monitor"]
THINGS = ["keys", "charger", "cake", "tickets", "car", "receipt", "bags", "dog", "form", "pizza", "jacket", "bike"]
FIRM_ENDS = ["Ltd", "LLP", "Partners", "Group", "Holdings", "Consulting", "Solicitors", "& Co", "Associates", "AG",
             "GmbH", "SA", "Oy", "ApS", "AB", "BV", "Srl", "SpA", "Sp. z o.o.", "Inc", "LLC", "S.L.", "NV", "AS"]
ENSEMBLES = ["Orchestra", "Quartet", "Players", "Choir", "Trio", "Band", "Sinfonia", "Consort", "Dance Company"]
VENUES = ["Hall", "House", "Centre", "Arena", "Theatre", "Park", "Gardens", "Court", "Pavilion", "Lodge"]
ROADS = ["Street", "Road", "Lane", "Avenue", "Way", "Close", "Drive", "Place", "Crescent", "Grove", "Terrace"]
COMMON_ROADS = ["Mill Lane", "High Street", "Church Road", "Station Road", "Park Avenue", "King's Road",
                "Victoria Street", "Queen Street", "George Street", "Albert Road", "Elizabeth Way", "Grace Lane",
                "Hope Street", "Rose Avenue", "Baker Street", "Abbey Road", "Oxford Street"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_SHORT = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "tmrw", "tonight"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
          "December"]

_SLOT = re.compile(r"\{([A-Za-z0-9_.]+)\}")
_PERSON = re.compile(r"([A-E])\.(full|first|last|tlast|tfull|lfull|lfirst|llast|ufull|rev|mail|word)$")


# Round 6d's general templates (firms named "Surname, Surname and Surname" and towns in
# comma lists, as negatives) are used only with `train.py --round6`, so that without it
# the recipe still makes the shipped round 5b.
_ROUND6_SLOT = re.compile(r"\{(?:firmlist|towns)\d*l?\}")


def load_general_templates(split: GeneralSplit) -> dict[str, list[str]]:
    data = yaml.safe_load((RECIPE_DIR / "general_templates.yaml").read_text(encoding="utf-8"))
    if not generate.TRAIN_ROUND6:
        return {kind: [t for t in items if not _ROUND6_SLOT.search(t)] for kind, items in data[split].items()}
    out = {kind: list(items) for kind, items in data[split].items()}
    if split == "train":
        # round 6g: lone names and full names of other countries beside verbs (train_round6g)
        for kind, items in data.get("train_round6g", {}).items():
            out.setdefault(kind, []).extend(items)
    return out


@dataclass
class _Name:
    first: str
    last: str
    title: str


class GeneralGenerator:
    def __init__(self, split: GeneralSplit, seed: int, words: Words | None = None) -> None:
        self.rng = random.Random(seed)
        self.templates = load_general_templates(split)
        self.fakers: list[Faker] = []
        for i, loc in enumerate(LOCALES):
            try:
                f = Faker(loc)
                f.seed_instance(seed * 100 + i)
                f.first_name(), f.last_name(), f.city(), f.street_address()
            except (AttributeError, ValueError):
                continue
            self.fakers.append(f)
        self.en = Faker("en_US")
        self.en.seed_instance(seed * 100 + 99)
        # The recipe's own name lists (train or held-out part) bring the origins
        # Faker lacks: Somali, Nigerian, Pakistani, Chinese, Caribbean, ...
        names = load_names("train" if split == "train" else "heldout")
        self.list_first, self.list_last = names.first, names.surnames
        self.nouns = words["noun"] if words else THINGS
        # festivals, nationalities, languages: the training values in fillers.yaml
        self.fillers = load_fillers()

    @staticmethod
    def _clean(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip(" ,")

    def _faker(self) -> Faker:
        return self.rng.choice(self.fakers)

    def _surname(self) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choice(self.list_last)
        return self._clean(self._faker().last_name())

    def _name(self) -> _Name:
        rng = self.rng
        if rng.random() < 0.35:
            first, last = rng.choice(self.list_first), rng.choice(self.list_last)
        else:
            f = self._faker()
            first, last = self._clean(f.first_name()), self._clean(f.last_name())
        title = rng.choice(FOREIGN_TITLES) if rng.random() < 0.1 else rng.choice(TITLES)
        return _Name(first, last, title)

    def _value(self, slot: str) -> str:
        rng = self.rng
        base = re.sub(r"\d", "", slot)
        if base in ("city", "cityl"):
            v = self._clean(self._faker().city())
        elif base == "country":
            v = self._clean(self.en.country())
        elif base == "region":
            f = self._faker()
            try:
                v = self._clean(f.administrative_unit())
            except AttributeError:
                v = self._clean(self.en.state())
        elif base in ("company", "companyl"):
            v = self._clean(self._faker().company())
        elif base == "firm":
            a, b = self._surname(), self._surname()
            v = rng.choice([f"{a} and {b} {rng.choice(FIRM_ENDS)}", f"{a} & {b}", f"{a} {rng.choice(FIRM_ENDS)}",
                            f"{a} & Sons"])
        elif base == "firmlist":
            # round 6d: a firm named after its partners, as a comma list ("Garcia, Olivera and Molina")
            a, b, c = self._surname(), self._surname(), self._surname()
            v = rng.choice([f"{a}, {b} and {c}", f"{a}, {b} and {c}", f"{a}, {b} & {c}", f"{a} & {b}",
                            f"{a} {b} LLP", f"{a}, {b} and {c} {rng.choice(FIRM_ENDS)}", f"{a} {b} & {c}",
                            f"{a}, {b} & Co"])
        elif base == "towns":
            # round 6d: towns of every country in a comma list
            towns = [self._clean(self._faker().city()) for _ in range(rng.randint(2, 6))]
            v = ", ".join(towns[:-1]) + rng.choice([", ", " and ", ", ", " & "]) + towns[-1]
        elif base == "ensemble":
            v = f"{rng.choice(['the ', ''])}{self._surname()} {rng.choice(ENSEMBLES)}"
        elif base == "venue":
            v = f"{self._surname()} {rng.choice(VENUES)}"
        elif base == "street":
            v = self._clean(self._faker().street_address())
        elif base == "road":
            r = rng.random()
            v = (rng.choice(COMMON_ROADS) if r < 0.3 else f"{self._surname()} {rng.choice(ROADS)}" if r < 0.7
                 else self._clean(self._faker().street_name()))
        elif base == "product":
            v = rng.choice(PRODUCTS)
        elif base == "job":
            v = self._clean(self.en.job())
            v = v.lower() if rng.random() < 0.4 else v
        elif base == "Word":
            v = rng.choice(CAP_WORDS)
        elif base == "Opener":
            v = rng.choice(OPENERS)
        elif base == "notname":
            v = rng.choice(NOT_NAMES)
        elif base == "creature":
            v = rng.choice(CREATURES)
        elif base == "thing":
            v = rng.choice(THINGS) if rng.random() < 0.5 else rng.choice(self.nouns)
        elif base == "phone":
            v = self._clean(self._faker().phone_number())
        elif base == "mail":
            v = self._faker().email()
        elif base == "iban":
            v = self.en.iban()
        elif base == "date":
            v = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
        elif base == "time":
            v = f"{rng.randint(6, 22)}:{rng.choice(['00', '15', '30', '45'])}"
        elif base == "money":
            v = f"{rng.choice(['£', '$', '€', ''])}{rng.randint(3, 3000)}.{rng.choice(['00', '50', '99'])}"
        elif base == "n":
            v = str(rng.randint(2, 12))
        elif base == "ref":
            v = f"{rng.choice(['AB', 'XK', 'ORD', 'Q'])}{rng.randint(10000, 99999)}"
        elif base == "day":
            v = rng.choice(DAYS)
        elif base == "dayshort":
            v = rng.choice(DAYS_SHORT)
        elif base == "month":
            v = rng.choice(MONTHS)
        elif base in ("festival", "nationality", "language"):
            v = rng.choice(self.fillers[base])
        else:
            raise KeyError(slot)
        return v.lower() if slot.endswith("l") and base not in ("mail", "festival") else v

    def _render_name(self, b: _Builder, p: _Name, form: str) -> None:
        if form == "full":
            b.add(f"{p.first} {p.last}", person=True)
        elif form == "first":
            b.add(p.first, person=True)
        elif form == "last":
            b.add(p.last, person=True)
        elif form == "tlast":
            b.add_titled(p.title, p.last)
        elif form == "tfull":
            b.add_titled(p.title, f"{p.first} {p.last}")
        elif form == "lfull":
            b.add(f"{p.first} {p.last}".lower(), person=True)
        elif form == "lfirst":
            b.add(p.first.lower(), person=True)
        elif form == "llast":
            b.add(p.last.lower(), person=True)
        elif form == "ufull":
            b.add(f"{p.first} {p.last}".upper(), person=True)
        elif form == "rev":
            b.add(f"{p.last}, {p.first}", person=True)
        elif form == "word":
            b.add(p.first, person=True)
        else:  # mail
            local = re.sub(r"[^a-z.]", "", f"{p.first}.{p.last}".lower()) or "info"
            b.add(f"{local}@{self.en.free_email_domain()}")

    def render(self, template: str, kind: str) -> Sample:
        b = _Builder()
        people: dict[str, _Name] = {}
        pos = 0
        for m in _SLOT.finditer(template):
            b.add(template[pos : m.start()])
            pos = m.end()
            slot = m.group(1)
            pm = _PERSON.match(slot)
            if pm:
                p = people.setdefault(pm.group(1), self._name())
                if pm.group(2) == "word" and p.first not in WORD_NAMES:
                    p.first = self.rng.choice(WORD_NAMES)
                self._render_name(b, p, pm.group(2))
            else:
                b.add(self._value(slot))
        b.add(template[pos:])
        source = text = "".join(b.parts)
        casing: Casing = "title"
        r = self.rng.random()
        if kind == "prose" and r < 0.12:
            cased = text.lower() if r < 0.08 else text.upper()
            if len(cased) == len(text):
                text, casing = cased, ("lower" if r < 0.08 else "upper")
        return Sample(text, b.persons, f"general-{kind}", casing, False, source)

    def samples(self, n: int) -> list[Sample]:
        kinds = list(self.templates)
        weights = {"prose": 0.5, "chat": 0.15, "negatives": 0.35}
        out = []
        for _ in range(n):
            kind = self.rng.choices(kinds, weights=[weights.get(k, 0.2) for k in kinds])[0]
            out.append(self.render(self.rng.choice(self.templates[kind]), kind))
        return out


def general_samples(n: int, split: GeneralSplit = "train", seed: int = 1, words: Words | None = None) -> list[Sample]:
    return GeneralGenerator(split, seed, words).samples(n)


if __name__ == "__main__":
    for s in general_samples(25, seed=3):
        print(repr(s.text))
        print("   ", [s.text[a:b] for a, b in s.persons], s.casing, s.kind)
