"""Synthetic school and trust email with PERSON spans, for training and evaluation.

Names come from names/*.tsv, each marked `train` or `heldout`; templates from
templates.yaml, also split into `train` and `heldout`. Evaluation uses held-out
names in held-out templates, so the model is judged on names and wording it never saw.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

RECIPE_DIR = Path(__file__).resolve().parent
Split = Literal["train", "heldout"]
Words = dict[str, list[str]]
TemplateSet = Literal["train", "heldout", "final", "unseen", "kinds", "names6", "names6_dev", "names6_held"]
Casing = Literal["title", "lower", "upper", "names_lower", "names_upper", "surname_upper"]

TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof"]
_SLOT = re.compile(r"\{([A-Za-z0-9_.]+)\}")
_PERSON_SLOT = re.compile(r"P(\d)\.(full|first|sur|tsur|tfull|init|rev|email|any|word)$")
# First names that are also ordinary words. {P1.word} is such a first name (a PERSON);
# the same words used as words ("Hope to see you", "Summer term") are in the negatives.
WORD_NAMES = """Hope Sky Summer Grace Faith Joy Autumn Dawn Amber Jade Ruby Rose Will Mark Bill Frank Pat Sunny
Precious Destiny Honey River Rain Storm Blessing Miracle Lucky Hunter Victory Gift Patience Charity Iris Ivy Holly
Daisy Poppy Willow Heather Pearl Hazel Violet Angel Star Melody Harmony Sue Chance Dot Faye Gay""".split()
# round 6f: first names that are also words or months, and short ones, for {LONENAME} only
# (WORD_NAMES above is the default recipe's and stays as it is); none is a held-out name
LONE_WORD_NAMES = [n for n in WORD_NAMES if n not in ("Poppy", "Pat")] + "June April May August Autumn Summer Hope".split()
SHORT_NAMES = "Jo Sam Al Ed Kit Max Sue Viv Di Ros Jan Zac Bea Flo Dot Mo Bev Liz".split()
EVAL_KINDS_FILE = "eval_kinds.yaml"
EVAL_NAMES6_FILE = "eval_names6.yaml"
# {F1.full} / {F1.sur}: a famous person, author or scientist from the `famous` filler list,
# named in teaching text ("learning about Mary Seacole", "Newton House"): not a PERSON.
# {F1.tsur}: the same surname after a title ("Mr Newton"), a member of staff: a PERSON.
_FAMOUS_SLOT = re.compile(r"F(\d)\.(full|sur|tsur)$")


def names6_part(template: str) -> str:
    """dev or held: the round-6 evaluation templates split by a hash of their text."""
    import hashlib

    return "dev" if hashlib.sha256(template.encode("utf-8")).digest()[0] % 2 == 0 else "held"


@dataclass(frozen=True)
class Names:
    first: list[str]
    surnames: list[str]


def load_names(split: Split) -> Names:
    def read(file: str) -> list[str]:
        out = []
        for line in (RECIPE_DIR / "names" / file).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            name, _origin, name_split = line.split("\t")
            if name_split == split:
                out.append(name)
        return out

    return Names(first=read("first_names.tsv"), surnames=read("surnames.tsv"))


def load_names_by_origin(split: Split) -> dict[str, Names]:
    """Round 6e: the same names grouped by origin, for lines of names of many origins."""
    out: dict[str, Names] = {}
    for file, attr in (("first_names.tsv", "first"), ("surnames.tsv", "surnames")):
        for line in (RECIPE_DIR / "names" / file).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            name, origin, name_split = line.split("\t")
            if name_split == split:
                getattr(out.setdefault(origin, Names([], [])), attr).append(name)
    return out


# Round 6's training templates (famous people, characters, rows of names) stay in
# templates.yaml but are used only when asked for (`train.py --round6`): round 6a was not
# shipped (models/README.md), and without them the recipe still makes the shipped round 5b.
TRAIN_ROUND6 = False
_ROUND6_SLOT = re.compile(
    r"\{(?:F\d\.(?:full|sur|tsur)|character|ROWS|NOROWS|CAPSNAMES|SCORES|COUNTS|TIMENOUN|listlabel|panel"
    r"|CAPSGROUPS|CASTIS|SYSPAIR|MIXNAMES|LONENAME)\}")
# Round 6f: round 6e's own kinds stay whole; the other round-6 negatives are halved (every
# second one, in file order), since round 6e's many capitalised words that are no one cost recall.
# Round 6g: every {TIMENOUN} negative ("Summer Fair", "Autumn term") stays whole too.
_ROUND6E_KINDS = re.compile(r"\{(?:CAPSGROUPS|SYSPAIR|TIMENOUN)\}")


def load_templates(split: TemplateSet) -> dict[str, list[str]]:
    if split == "kinds":
        # evaluation only (written before training round 5; train.py never reads it)
        data = yaml.safe_load((RECIPE_DIR / EVAL_KINDS_FILE).read_text(encoding="utf-8"))
        return {kind: list(data[kind]) for kind in ("emails", "negatives", "subjects")}
    if split.startswith("names6"):
        # evaluation only (written before training round 6; train.py never reads it)
        data = yaml.safe_load((RECIPE_DIR / EVAL_NAMES6_FILE).read_text(encoding="utf-8"))
        part = split.partition("_")[2]
        return {kind: [t for t in data[kind] if not part or names6_part(t) == part]
                for kind in ("emails", "negatives", "subjects")}
    data = yaml.safe_load((RECIPE_DIR / "templates.yaml").read_text(encoding="utf-8"))
    if split == "train" and not TRAIN_ROUND6:
        return {kind: [t for t in items if not _ROUND6_SLOT.search(t)] for kind, items in data[split].items()}
    if split == "train":
        negatives, seen = [], 0
        for t in data[split]["negatives"]:
            if _ROUND6_SLOT.search(t) and not _ROUND6E_KINDS.search(t):
                seen += 1
                if seen % 2 == 0:
                    continue
            negatives.append(t)
        return {kind: list(negatives if kind == "negatives" else items) for kind, items in data[split].items()}
    return {kind: list(items) for kind, items in data[split].items()}


def load_fillers() -> dict[str, list[str]]:
    data = yaml.safe_load((RECIPE_DIR / "fillers.yaml").read_text(encoding="utf-8"))
    return {k: [str(v) for v in vs] for k, vs in data.items()}


@dataclass
class Sample:
    text: str
    persons: list[tuple[int, int]]
    kind: str  # emails, negatives or subjects
    casing: Casing
    is_list: bool = False
    # The text before whole-text lower or upper casing: the base model's own
    # non-PERSON entities are read from it for rehearsal.
    source_text: str = ""


@dataclass
class _Person:
    first: str
    surname: str
    title: str
    middle: str | None = None


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    persons: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, person: bool = False) -> None:
        if person and text:
            if self.persons and self.persons[-1][1] == self.length - 1 and self.parts[-1] == " ":
                # "{P1.first} {P1.sur}" is one name, not two
                self.persons[-1] = (self.persons[-1][0], self.length + len(text))
            else:
                self.persons.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def add_titled(self, title: str, name: str) -> None:
        self.add(title + " ")
        self.add(name, person=True)


class Generator:
    def __init__(
        self, names: Split, templates: TemplateSet, seed: int, pad: bool = False, words: Words | None = None
    ) -> None:
        self.names = load_names(names)
        self.templates = load_templates(templates)
        self.pad = pad
        self.words = words
        self.fillers = load_fillers()
        if templates == "kinds" or templates.startswith("names6"):
            file = EVAL_KINDS_FILE if templates == "kinds" else EVAL_NAMES6_FILE
            extra = yaml.safe_load((RECIPE_DIR / file).read_text(encoding="utf-8"))["fillers"]
            self.fillers.update({k: [str(v) for v in vs] for k, vs in extra.items()})
        self.rng = random.Random(seed)
        self.names_split = names
        self._by_origin: dict[str, Names] | None = None

    # -- names -----------------------------------------------------------------
    def _person(self) -> _Person:
        rng = self.rng
        surname = rng.choice(self.names.surnames)
        if rng.random() < 0.07:
            other = rng.choice(self.names.surnames)
            if other != surname and "-" not in surname + other:
                surname = f"{surname}-{other}"
        middle = rng.choice(self.names.first) if rng.random() < 0.05 else None
        return _Person(rng.choice(self.names.first), surname, rng.choice(TITLES), middle)

    def _case(self, name: str, casing: Casing, surname: bool = False) -> str:
        if casing == "names_lower":
            return name.lower()
        if casing == "names_upper" or (casing == "surname_upper" and surname):
            return name.upper()
        return name

    def _full(self, p: _Person, casing: Casing) -> str:
        first = self._case(p.first, casing)
        if p.middle:
            first = f"{first} {self._case(p.middle, casing)}"
        return f"{first} {self._case(p.surname, casing, surname=True)}"

    def _email(self, p: _Person) -> str:
        sur = re.sub(r"[^a-z-]", "", p.surname.lower())
        first = p.first.lower()
        local = self.rng.choice([f"{first[0]}.{sur}", f"{first}.{sur}", f"{first[0]}{sur}", f"{first}{sur[:1]}"])
        return f"{local}@{self.rng.choice(self.fillers['domain'])}"

    def _render_person(self, b: _Builder, p: _Person, form: str, casing: Casing) -> None:
        rng = self.rng
        title = self._case(p.title, casing)
        if form == "any":
            form = rng.choice(["full", "first", "tsur", "full"])
        if form == "full":
            b.add(self._full(p, casing), person=True)
        elif form in ("first", "word"):
            b.add(self._case(p.first, casing), person=True)
        elif form == "sur":
            b.add(self._case(p.surname, casing, surname=True), person=True)
        elif form == "tsur":
            b.add_titled(title, self._case(p.surname, casing, surname=True))
        elif form == "tfull":
            b.add_titled(title, self._full(p, casing))
        elif form == "init":
            dot = rng.choice([". ", " ", "."]) if rng.random() < 0.8 else " "
            b.add(f"{self._case(p.first[0], casing)}{dot}{self._case(p.surname, casing, surname=True)}", person=True)
        elif form == "rev":
            b.add(f"{self._case(p.surname, casing, surname=True)}, {self._case(p.first, casing)}", person=True)
        elif form == "email":
            b.add(self._email(p))

    def _render_list(self, b: _Builder, casing: Casing) -> None:
        rng = self.rng
        people = [self._person() for _ in range(rng.randint(3, 8))]
        sep = rng.choice([", ", ", ", "; ", " / ", "\n", " and "])
        form = rng.choice(["full", "full", "full", "first", "rev", "init"])
        for i, p in enumerate(people):
            if i:
                last = i == len(people) - 1
                b.add(" and " if last and sep == ", " and rng.random() < 0.5 else (", " if sep == " and " and not last else sep))
            self._render_person(b, p, form, casing)

    def _render_lines(self, b: _Builder, casing: Casing) -> None:
        rng = self.rng
        style = rng.randrange(6)
        for _ in range(rng.randint(3, 8)):
            p = self._person()
            if style == 0:
                self._render_person(b, p, "full", casing)
                b.add(f" - {rng.randint(60, 99)}%")
            elif style == 1:
                b.add("- ")
                self._render_person(b, p, "full", casing)
                b.add(f" ({rng.choice(self.fillers['class'])})")
            elif style == 2:
                self._render_person(b, p, "rev", casing)
                b.add(f"\t{rng.choice('ABCDEU9876543')}")
            elif style == 3:
                b.add(f"{rng.randint(1, 30)}. ")
                self._render_person(b, p, "full", casing)
            elif style == 4:
                self._render_person(b, p, "first", casing)
                b.add(" ")
                b.add(self._case(p.surname, "names_upper", surname=True), person=False)
                # the surname alone in capitals is part of the same name
                start = b.persons.pop()[0]
                b.persons.append((start, b.length))
                b.add(f": {rng.choice(self.fillers['subject'])} {rng.randint(1, 9)}")
            else:
                self._render_person(b, p, "full", casing)
                b.add(f", {rng.choice(self.fillers['year'])}, {rng.choice(['FSM', 'EAL', 'SEN K', 'PP', 'none'])}")
            b.add("\n")

    def _render_table(self, b: _Builder, casing: Casing) -> None:
        rng = self.rng
        b.add(rng.choice(["Name\tTime\tTeacher\n", "Pupil\tSlot\tWith\n", "Student name\tTime\tStaff\n"]))
        for _ in range(rng.randint(3, 7)):
            self._render_person(b, self._person(), rng.choice(["full", "rev"]), casing)
            b.add(f"\t{rng.randint(15, 19)}:{rng.choice(['00', '10', '20', '30', '40', '50'])}\t")
            self._render_person(b, self._person(), "tsur", casing)
            b.add("\n")

    def _render_rows(self, b: _Builder, casing: Casing) -> None:
        """Round 6: names in registers, rotas, cast lists, minutes, seating plans,
        sign-up lists and rows of cells, beside times, rooms, classes, roles and ticks,
        often under a line of column headers and with no sentence around them."""
        rng = self.rng
        f = self.fillers
        style = rng.randrange(12)
        n = rng.randint(2, 7)
        tick = rng.choice(["✓", "✔", "x", "X", "/", "Y", "yes", "[x]", "☑", "*"])
        sep = rng.choice(["\t", "\t", "  ", " | ", ", ", "   "])
        if style == 0:  # register: surname and forename in their own cells
            b.add(rng.choice(["Surname", "Last name", "Legal surname", "SURNAME"]) + sep
                  + rng.choice(["Forename", "First name", "Preferred name", "FORENAME"]) + sep
                  + rng.choice(["Form", "Reg", "Class", "Tutor group"]) + sep + rng.choice(["AM", "Mark", "Present"]) + "\n")
            for _ in range(n):
                p = self._person()
                self._render_person(b, p, "sur", rng.choice([casing, "names_upper"]) if casing == "title" else casing)
                b.add(sep)
                self._render_person(b, p, "first", casing)
                b.add(f"{sep}{rng.choice(f['class'])}{sep}{rng.choice([tick, 'N', 'L', 'U', '/'])}\n")
        elif style == 1:  # surname first in capitals, with a class code
            for _ in range(n):
                p = self._person()
                b.add(f"{self._case(p.surname, 'names_upper')}, {self._case(p.first, casing)}", person=True)
                b.add(rng.choice([f" ({rng.choice(f['class'])})", f"{sep}{rng.choice(f['class'])}", "", f" - {rng.choice(f['year'])}"]) + "\n")
        elif style == 2:  # minutes
            b.add(rng.choice(["Present:", "Attendees:", "In attendance:", "Present -"]) + rng.choice([" ", "\n"]))
            for i in range(n):
                if i:
                    b.add(rng.choice([", ", "; ", "\n"]))
                self._render_person(b, self._person(), rng.choice(["full", "tsur", "init", "tfull", "full"]), casing)
                if rng.random() < 0.4:
                    b.add(rng.choice([" (Chair)", " (Clerk)", " (HT)", " (Parent Governor)", " (Staff Governor)", " (LA)", " (Vice Chair)"]))
            b.add("\n" + rng.choice(["Apologies: ", "Apologies received from ", "Absent: "]))
            self._render_person(b, self._person(), rng.choice(["full", "tsur", "init"]), casing)
            b.add("\n")
        elif style == 3:  # rota with days, times and places
            if rng.random() < 0.5:
                b.add(rng.choice(["Day", "DAY", "Date"]) + sep + rng.choice(["Staff", "Name", "Who"]) + sep + rng.choice(["Duty", "Area", "Where"]) + "\n")
            for _ in range(n):
                b.add(rng.choice(f["weekday"]) + sep)
                self._render_person(b, self._person(), rng.choice(["full", "first", "tsur", "init"]), casing)
                b.add(sep + rng.choice(["Front gate", "Canteen", "Field", "Yard", "Bus bay", "Library", rng.choice(f["room"])]) + rng.choice(["", sep + self._filler("time")]) + "\n")
        elif style == 4:  # seating plan
            for t in range(1, n + 1):
                b.add(rng.choice([f"Table {t}: ", f"Row {chr(64 + t)}: ", f"Group {t} - ", f"T{t}\t"]))
                for i in range(rng.randint(2, 5)):
                    if i:
                        b.add(rng.choice([", ", " / ", "\t"]))
                    self._render_person(b, self._person(), rng.choice(["first", "first", "full", "init"]), casing)
                b.add("\n")
        elif style == 5:  # sign-up list with ticks
            if rng.random() < 0.5:
                b.add(rng.choice(["Name", "Pupil", "Child's name"]) + sep + rng.choice(["Paid", "Consent", "Kit", "Attending"]) + "\n")
            for _ in range(n):
                before = rng.random() < 0.4
                if before:
                    b.add(tick + " ")
                self._render_person(b, self._person(), rng.choice(["full", "full", "first", "rev"]), casing)
                if not before:
                    b.add(sep + rng.choice([tick, tick, "", self._filler("money")]))
                b.add("\n")
        elif style == 6:  # cast list: the character is not a person, the pupil is
            b.add(rng.choice(["Cast list\n", "CAST\n", "Parts:\n", "Roles\n", ""]))
            for _ in range(n):
                b.add(rng.choice(f["character"] + ["Narrator", "Narrator 2", "Chorus", "Soldier", "Witch 1", "Guard"]))
                b.add(rng.choice([" - ", ": ", "\t", " ...... ", " – ", " played by "]))
                self._render_person(b, self._person(), rng.choice(["full", "full", "first"]), casing)
                b.add("\n")
        elif style == 7:  # names with class codes
            for _ in range(n):
                self._render_person(b, self._person(), rng.choice(["full", "first", "init"]), casing)
                b.add(rng.choice([" ", sep, " - ", " ("]) + rng.choice(f["class"]) + rng.choice(["", ")", ""]) + "\n")
        elif style == 8:  # roles
            for _ in range(n):
                role = rng.choice(f["role"] + ["First aider", "Fire marshal", "Driver", "Group leader", "Lead", "Support"])
                if rng.random() < 0.5:
                    b.add(role + rng.choice([": ", " - ", "\t"]))
                    self._render_person(b, self._person(), rng.choice(["full", "tsur", "tfull"]), casing)
                else:
                    self._render_person(b, self._person(), rng.choice(["full", "tsur"]), casing)
                    b.add(rng.choice([f" ({role})", f"{sep}{role}", f", {role}"]))
                b.add(rng.choice(["", f"{sep}ext {rng.randint(200, 399)}"]) + "\n")
        elif style == 9:  # times and rooms
            if rng.random() < 0.5:
                b.add(rng.choice(["Time", "Slot"]) + sep + rng.choice(["Name", "Pupil", "Student"]) + sep + rng.choice(["Room", "Where", "With"]) + "\n")
            for _ in range(n):
                b.add(self._filler("time") + sep)
                self._render_person(b, self._person(), rng.choice(["full", "first", "rev"]), casing)
                b.add(sep + rng.choice(f["room"]) + "\n")
        elif style == 10:  # marks and grades in columns
            b.add(rng.choice(["Name", "Student", "Candidate"]) + sep + sep.join(rng.sample(["Paper 1", "Paper 2", "Target", "Grade", "Effort", "Q1", "Q2", "Total"], 3)) + "\n")
            for _ in range(n):
                self._render_person(b, self._person(), rng.choice(["full", "rev", "full"]), casing)
                b.add(sep + sep.join(str(rng.randint(1, 9)) for _ in range(3)) + "\n")
        else:  # lower-case chat lists
            for i in range(n):
                b.add(rng.choice(["", "- ", "* "]))
                name = self._person()
                b.add(name.first.lower(), person=True)
                if rng.random() < 0.4:
                    b.add(" ")
                    b.add(name.surname[0].lower(), person=False)
                    start = b.persons.pop()[0]
                    b.persons.append((start, b.length))
                b.add(rng.choice([" ok", " - yes", "", " in", " off", f" {rng.choice(f['class']).lower()}"]) + "\n")

    def _render_norows(self, b: _Builder) -> None:
        """Round 6b: rows in the same cell shapes as {ROWS} that name no one (stock lists,
        timetables, fixtures, clubs, house points, menus, uniform orders, room bookings,
        itineraries, train and bus times, suppliers, class counts), so that a capitalised
        word in a cell is not read as a name."""
        rng = self.rng
        f = self.fillers
        style = rng.randrange(13)
        n = rng.randint(2, 7)
        sep = rng.choice(["\t", "\t", "  ", " | ", ", ", "   "])
        tick = rng.choice(["✓", "✔", "x", "X", "Y", "yes", "[x]", "☑", "*", ""])

        def money() -> str:
            return self._filler("money")

        def header(*cells: list[str]) -> None:
            if rng.random() < 0.6:
                b.add(sep.join(rng.choice(c) for c in cells) + "\n")

        if style == 0:  # stock list or order
            header(["Item", "Product", "Description", "ITEM"], ["Qty", "Quantity", "No."], ["Price", "Cost", "Total", "Unit price"])
            for _ in range(n):
                b.add(rng.choice(f["rowitem"] + f["product"] + f["equipment"]) + sep + str(rng.randint(1, 60)) + sep + money()
                      + rng.choice(["", sep + tick, sep + rng.choice(["Ordered", "In stock", "Back order", "Delivered"])]) + "\n")
        elif style == 1:  # timetable
            header(["Period", "Lesson", "Time"], ["Subject", "Class"], ["Room", "Where"])
            for i in range(1, n + 1):
                b.add(rng.choice([f"P{i}", f"Period {i}", self._filler("time"), rng.choice(f["weekday"])]) + sep
                      + rng.choice([rng.choice(f["subject"]), f"{rng.choice(f['year'])} {rng.choice(f['subject'])}", rng.choice(f["class"])])
                      + sep + rng.choice(f["room"]).replace("the ", "").capitalize() + "\n")
        elif style == 2:  # fixtures and results
            header(["Date", "Fixture"], ["Team", "Opponent", "v"], ["Venue", "Home/Away", "Result", "Score"])
            for _ in range(n):
                b.add(rng.choice([self._date(), rng.choice(f["weekday"]), rng.choice(f["club"])]) + sep
                      + rng.choice(f["team"]) + rng.choice([" v ", " vs ", sep]) + rng.choice(f["team"]) + sep
                      + rng.choice(["Home", "Away", "H", "A", f"W {rng.randint(1, 6)}-{rng.randint(0, 3)}",
                                    f"L {rng.randint(0, 2)}-{rng.randint(3, 5)}", "D 1-1", rng.choice(f["place"])]) + "\n")
        elif style == 3:  # clubs
            header(["Club", "Activity"], ["Day", "When"], ["Room", "Where", "Cost"])
            for _ in range(n):
                b.add(rng.choice(f["club"]) + sep + rng.choice(f["weekday"]) + sep
                      + rng.choice([rng.choice(f["room"]).replace("the ", "").capitalize(), money(), "Free", rng.choice(f["year"])])
                      + rng.choice(["", sep + self._filler("time")]) + "\n")
        elif style == 4:  # house points
            b.add(rng.choice(["House points\n", "HOUSE POINTS\n", "House\tPoints\n", "Totals this week:\n", ""]))
            for house in rng.sample(f["house"], min(n, 6)):
                b.add(house + rng.choice([sep, " ", ": ", " - "]) + str(rng.randint(40, 900))
                      + rng.choice(["", " pts", " points", sep + rng.choice(["1st", "2nd", "3rd", "4th"])]) + "\n")
        elif style == 5:  # menu or price list
            header(["Week 1", "Menu", "Dish", "Lunch"], ["Main", "Day", "Price"], ["Dessert", "Allergens", "£"])
            for _ in range(n):
                b.add(rng.choice([rng.choice(f["weekday"]) + sep, ""]) + rng.choice(f["menu"]) + sep
                      + rng.choice([rng.choice(f["menu"]), money(), rng.choice(["V", "VG", "GF", "Contains milk", "Halal"])]) + "\n")
        elif style == 6:  # uniform order
            header(["Item", "Garment"], ["Size", "Age"], ["Qty", "Colour", "Price"])
            for _ in range(n):
                b.add(rng.choice(f["uniform"]) + sep + rng.choice(f["size"]) + sep
                      + rng.choice([str(rng.randint(1, 4)), rng.choice(["Navy", "Bottle Green", "Maroon", "Black", "Grey", "Royal Blue"]), money()]) + "\n")
        elif style == 7:  # room bookings
            header(["Room", "Space"], ["Date", "Day"], ["Time", "Booked for", "Purpose"])
            for _ in range(n):
                b.add(rng.choice(f["room"]).replace("the ", "").capitalize() + sep + rng.choice([self._date(), rng.choice(f["weekday"])]) + sep
                      + rng.choice([self._filler("time"), rng.choice(f["event"]).capitalize(), rng.choice(f["club"]),
                                    f"{rng.choice(f['year'])} {rng.choice(f['subject'])}"]) + "\n")
        elif style == 8:  # itinerary
            header(["Time"], ["Activity", "Where", "Place"])
            for _ in range(n):
                b.add(self._filler("time") + sep + rng.choice(["Depart ", "Arrive ", "Lunch at ", "Visit ", "Coach leaves ", ""])
                      + rng.choice(f["place"] + f["town"] + f["abroad"]) + "\n")
        elif style == 9:  # train and bus times
            header(["Dep", "Departs", "Time"], ["Destination", "To", "Route"], ["Platform", "Stop", "Status"])
            for _ in range(n):
                b.add(self._filler("time") + sep + rng.choice([rng.choice(f["town"]), f"Route {rng.randint(1, 99)} {rng.choice(f['street'])}"]) + sep
                      + rng.choice([f"Platform {rng.randint(1, 14)}", "On time", "Delayed", "Cancelled", rng.choice(f["street"])]) + "\n")
        elif style == 10:  # suppliers and contracts
            header(["Supplier", "Company", "Contractor"], ["Service", "What"], ["Renewal", "Contract end", "Cost"])
            for _ in range(n):
                b.add(self._filler("firm") + sep + rng.choice(["Catering", "Cleaning", "Transport", "Grounds", "IT support", "Printing",
                                                               "Photocopiers", "Payroll", "Insurance", rng.choice(f["system"])])
                      + sep + rng.choice([self._date(), money(), self._filler("ref")]) + "\n")
        elif style == 11:  # counts by class or year
            header(["Class", "Form", "Year"], ["On roll", "Present", "Returned"], ["%", "Absent", "Target"])
            for _ in range(n):
                b.add(rng.choice(f["class"] + f["year"]) + sep + str(rng.randint(10, 32)) + sep
                      + rng.choice([self._filler("percent"), str(rng.randint(0, 6))]) + rng.choice(["", sep + tick]) + "\n")
        else:  # reading list or books out
            header(["Title", "Book"], ["Copies", "Year", "Set"], ["Shelf", "Level", "Status"])
            for _ in range(n):
                b.add(rng.choice(f["work"] + f["topicword"]) + sep + rng.choice([str(rng.randint(1, 32)), rng.choice(f["year"])]) + sep
                      + rng.choice([rng.choice(["Red band", "Blue band", "Gold", "Level 4", "KS3 shelf", "Library", "On loan", "Returned"]), tick]) + "\n")

    # -- round 6c ------------------------------------------------------------------
    def _render_capsnames(self, b: _Builder) -> None:
        """Round 6c: two or three full names in capitals joined by AND, & or commas
        ("A B AND C D"), each one whole name, of any origin in the training lists."""
        rng = self.rng
        people = [self._person() for _ in range(rng.choice([2, 2, 3]))]
        if len(people) == 2:
            seps = [rng.choice([" AND ", " AND ", " & ", ", ", " and "])]
        else:
            last = rng.choice([" AND ", " & ", ", ", " and "])
            seps = [rng.choice([", ", ", ", " AND "]), last]
        for i, p in enumerate(people):
            if i:
                b.add(seps[i - 1])
            self._render_person(b, p, rng.choice(["full", "full", "full", "tfull"]), "names_upper")

    def _score(self) -> str:
        rng = self.rng
        n = rng.randint(0, 30)
        return rng.choice([str(n), str(n), f"{n}/{rng.choice([10, 20, 25, 30])}", f"({n})", f"{n} pts", f"{n}%"])

    def _render_scores(self, b: _Builder, casing: Casing) -> None:
        """Round 6c: pupils' surnames (or first names) with counts or scores, under a
        label ("Spelling: Kowalski 12, Adeyemi 9"): names, in the same shapes as
        {COUNTS}, whose cells name things."""
        rng = self.rng
        # round 6d: a third lone surnames (6c: three fifths), which had taught that a comma
        # list of capitalised surname-like words is names (firms and towns in form fields)
        form = rng.choice(["sur", "sur", "first", "first", "full", "full"])
        if rng.random() < 0.85:
            b.add(rng.choice(self.fillers["scorelabel"]) + rng.choice([": ", ": ", " - ", "\n", " scores: ", ":\n"]))
        sep = rng.choice([", ", ", ", "; ", "\n", " | ", "  "])
        join = rng.choice([" ", " ", ": ", " - ", "\t", " = "])
        for i in range(rng.randint(2, 7)):
            if i:
                b.add(sep)
            self._render_person(b, self._person(), form, casing)
            b.add(join + self._score())
        if sep == "\n":
            b.add("\n")

    def _render_counts(self, b: _Builder) -> None:
        """Round 6c: things with counts under a label ("Merits: Oak 12, Ash 9"), in the
        shapes of {SCORES}: houses, colours, awards, items, clubs and subjects name no one."""
        rng = self.rng
        f = self.fillers
        if rng.random() < 0.3:
            self._render_daycells(b)
            return
        things = rng.choice([f["house"], f["house"], f["countthing"], f["club"], f["subject"], f["rowitem"] + f["equipment"]])
        if rng.random() < 0.85:
            b.add(rng.choice(f["scorelabel"] + f["countlabel"]) + rng.choice([": ", ": ", " - ", "\n", " totals: ", ":\n"]))
        sep = rng.choice([", ", ", ", "; ", "\n", " | ", "  "])
        join = rng.choice([" ", " ", ": ", " - ", "\t", " = "])
        for i, thing in enumerate(rng.sample(things, min(len(things), rng.randint(2, 7)))):
            if i:
                b.add(sep)
            b.add(thing + join + self._score())
        if sep == "\n":
            b.add("\n")

    def _render_daycells(self, b: _Builder) -> None:
        """Round 6d: a week in day cells ("Mon: Year 2 | Tue: Y5/6 | Wed: phonics group"),
        under a label or none: a day and what happens on it, no one's name."""
        rng = self.rng
        f = self.fillers
        days = rng.choice([["Mon", "Tue", "Wed", "Thu", "Fri"], ["Mon", "Tues", "Weds", "Thurs", "Fri"],
                           ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], ["M", "Tu", "W", "Th", "F"],
                           ["Mon", "Tue", "Wed", "Thu", "Fri"]])
        start = rng.choice([0, 0, 0, 1, 2])
        days = days[start : start + rng.randint(3, 5)]
        if rng.random() < 0.6:
            b.add(rng.choice(f["daylabel"]) + rng.choice([": ", "\n", " - ", ":\n"]))
        sep = rng.choice([" | ", " | ", "; ", ", ", "\n", "  ", " / "])
        join = rng.choice([": ", ": ", " - ", " ", "\t"])
        for i, day in enumerate(days):
            if i:
                b.add(sep)
            r = rng.random()
            if r < 0.25:
                what = f"{rng.choice(f['year'])} {rng.choice(['&', 'and', '+'])} {rng.choice(f['year'])}"
            elif r < 0.4:
                what = rng.choice(["Y1-2", "Y3-4", "Y5-6", "Y5/6", "Y3/4", "Yr 1/2", "KS1", "KS2", "EYFS", "Y10-11"])
            elif r < 0.55:
                what = rng.choice(f["class"] + f["year"])
            elif r < 0.7:
                what = rng.choice(f["club"] + f["subject"])
            elif r < 0.8:
                what = rng.choice(f["room"])
            else:
                what = rng.choice(f["daycell"])
            b.add(day + join + what)
        if rng.random() < 0.5:
            b.add(".")

    def _render_timenoun(self) -> str:
        """Round 6c: a season, month or day before an acronym or a noun ("Spring INSET",
        "Monday PE kit", "Summer Fair"): a time, not a name."""
        rng = self.rng
        f = self.fillers
        when = rng.choice([rng.choice(f["season"])] * 3 + [rng.choice(f["month"]), rng.choice(f["weekday"])])
        noun = rng.choice(f["timenoun"])
        what = rng.choice([
            f"{rng.choice(f['acronym'])} {noun}", rng.choice(f["acronym"]), f"{rng.choice(f['acronym'])} {noun}",
            noun, " ".join(w.capitalize() for w in noun.split()), f"{rng.choice(f['subject'])} {noun}",
        ])
        return f"{when} {what}"


    # -- round 6e ------------------------------------------------------------------
    def _render_capsgroups(self) -> str:
        """Round 6e: class, house or group names joined by AND in capitals, with what they
        do ("OAK AND ELM CLASSES - SWIMMING"): beside {CAPSNAMES}, lines that name no one."""
        rng = self.rng
        f = self.fillers
        names = [n.upper() for n in rng.sample(f["classgroup"], rng.choice([2, 2, 2, 3]))]
        if len(names) == 2:
            joined = names[0] + rng.choice([" AND ", " AND ", " & ", "/", " + "]) + names[1]
        else:
            joined = names[0] + rng.choice([", ", " AND "]) + names[1] + rng.choice([" AND ", " & ", ", "]) + names[2]
        group = f" {rng.choice(f['groupnoun'])}" if rng.random() < 0.8 else ""
        what = rng.choice(f["capsactivity"])
        day = rng.choice(f["weekday"]).upper()
        line = rng.choice([
            f"{joined}{group} - {what}", f"{joined}{group} - {what}", f"{joined}{group}: {what}",
            f"{what} - {joined}{group}", f"{joined}{group} {what} ON {day}", f"{joined}{group} ARE {what} THIS WEEK",
            f"{what} FOR {joined}{group}", f"{joined}{group}\n{what}",
        ])
        if rng.random() < 0.15:
            line = line.title() if rng.random() < 0.5 else line.lower()
        return line

    def _render_castis(self, b: _Builder, casing: Casing) -> None:
        """Round 6e: pupils and the parts they play, "Name is Part" ("Ava is Mary, and Leo is
        Joseph"): the pupils are people, the parts (even Mary or Joseph) are not."""
        rng = self.rng
        f = self.fillers
        if rng.random() < 0.75:
            b.add(rng.choice(f["castlabel"]) + rng.choice([": ", ": ", " - ", ":\n", "\n"]))
        n = rng.randint(2, 5)
        parts = rng.sample(f["part"], n)
        verb = rng.choice([" is ", " is ", " is ", " will be ", " plays ", " as ", " is playing "])
        sep = rng.choice([", ", ", ", "; ", "\n", ". "])
        for i in range(n):
            if i:
                last = i == n - 1
                b.add(rng.choice([", and ", " and ", sep]) if last and sep in (", ", "; ") else sep)
            self._render_person(b, self._person(), rng.choice(["first", "first", "first", "full"]), casing)
            b.add(verb + parts[i])
        b.add(rng.choice([".", ".", "", "!"]))

    def _render_syspair(self) -> str:
        """Round 6e: ordinary plural nouns and school systems in "X and Y" ("marks go into
        Bromcom and Sparx"): lower-case nouns at the start of a clause name no one."""
        rng = self.rng
        f = self.fillers
        sa, sb, sc = rng.sample(f["system"], 3)
        pa, pb = rng.sample(f["plurals"], 2)
        day = rng.choice(f["weekday"])
        return rng.choice([
            f"Please put {pa} into {sa} and {sb} by {day}.",
            f"{pa.capitalize()} and {pb} go on {sa}.",
            f"All {pa} are now in {sa} and {sb}.",
            f"{sa} and {sb} hold the {pa}; {pb} stay on {sc}.",
            f"Reminder: {pa} to {sa}, {pb} to {sb}.",
            f"Log {pa} and {pb} in {sa} before {day}.",
            f"{pa} in {sa}, {pb} in {sb}, the rest on paper",
            f"The {pa} and the {pb} are both in {sa} now.",
            f"Resources are on {sa}; {pa} and {pb} go into {sb} and {sc} this term.",
            f"Cover work is on {sa}; {pa} go into {sb} by {day}.",
            f"{pa} go into {sa} and {sb} at the end of each half term",
            f"Marking: {pa} on {sa}, {pb} on {sb} and {sc}.",
        ])

    def _render_mixnames(self, b: _Builder, casing: Casing) -> None:
        """Round 6e: a line of three to six full names of many origins, a third of them Irish,
        Welsh or Scottish in their own spellings, as under a label ("Forms not back: ...")."""
        rng = self.rng
        if self._by_origin is None:
            self._by_origin = load_names_by_origin(self.names_split)
        origins = sorted(o for o, ns in self._by_origin.items() if ns.first)
        celtic = [o for o in ("irish", "welsh", "scottish") if o in origins and self._by_origin[o].first]
        n = rng.randint(3, 6)
        sep = rng.choice([", ", ", ", ", ", "; ", "\n"])
        for i in range(n):
            if i:
                b.add(" and " if i == n - 1 and sep == ", " and rng.random() < 0.3 else sep)
            origin = rng.choice(celtic) if celtic and rng.random() < 0.5 else rng.choice(origins)
            group = self._by_origin[origin]
            first = rng.choice(group.first)
            sur = rng.choice(group.surnames) if group.surnames and rng.random() < 0.6 else rng.choice(self.names.surnames)
            self._render_person(b, _Person(first, sur, rng.choice(TITLES)), rng.choice(["full"] * 9 + ["tfull"]), casing)

    # -- round 6f ------------------------------------------------------------------
    def _lone_person(self) -> _Person:
        """A training person whose first name is, a third of the time, also a word or a month
        (Autumn, June, Hope), and now and then a short one (Jo, Sam)."""
        rng = self.rng
        p = self._person()
        r = rng.random()
        if r < 0.33:
            p.first = rng.choice(LONE_WORD_NAMES)
        elif r < 0.43:
            p.first = rng.choice(SHORT_NAMES)
        p.middle = None
        return p

    def _render_lonename(self, b: _Builder, casing: Casing) -> None:
        """Round 6f: short sentences with a lone name right before a verb ("Autumn has settled
        in so well") or right after one ("... to exclude Tomasz Nowak"), lines of "Name - what"
        and duty rotas, and lone surnames with counts: names, to train recall."""
        rng = self.rng
        f = self.fillers
        style = rng.random()
        if style < 0.3:
            b.add(rng.choice(["", "", "", "Just to say, ", "Good news: ", "FYI ", "Update - ", "Quick one: "]))
            self._render_person(b, self._lone_person(), rng.choice(["first"] * 6 + ["full"] * 3 + ["sur"]), casing)
            b.add(" " + rng.choice(f["verbafter"]) + rng.choice([".", ".", "", "!"]))
        elif style < 0.55:
            b.add(rng.choice(f["verbbefore"]) + " ")
            self._render_person(b, self._lone_person(), rng.choice(["first"] * 4 + ["full"] * 5 + ["sur"]), casing)
            b.add(rng.choice(f["verbtail"]))
        elif style < 0.7:
            sep = rng.choice(["\n", "\n", "; ", ", "])
            for i in range(rng.randint(2, 5)):
                if i:
                    b.add(sep)
                b.add(rng.choice(["", "", "- ", "* "]) if sep == "\n" else "")
                self._render_person(b, self._lone_person(), rng.choice(["full", "full", "first"]), casing)
                join = rng.choice([" - ", " - ", ": ", " ("])
                b.add(join + rng.choice(f["lineactivity"]) + (")" if join == " (" else ""))
        elif style < 0.85:
            if rng.random() < 0.8:
                b.add(rng.choice(f["rotalabel"]) + rng.choice([": ", ": ", "\n", " - "]))
            days = rng.choice([["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], ["Mon", "Tue", "Wed", "Thu", "Fri"]])
            start = rng.randint(0, 2)
            sep = rng.choice(["; ", "; ", "\n", ", ", " | "])
            join = rng.choice([" - ", " - ", ": ", " "])
            for i, day in enumerate(days[start : start + rng.randint(2, 5)]):
                if i:
                    b.add(sep)
                b.add(day + join)
                self._render_person(b, self._lone_person(), rng.choice(["full", "full", "full", "first", "tsur"]), casing)
            b.add(rng.choice([".", "", ""]))
        else:
            if rng.random() < 0.85:
                b.add(rng.choice(f["scorelabel"]) + rng.choice([": ", ": ", " - ", "\n"]))
            sep = rng.choice([", ", ", ", "; ", "\n", " | "])
            join = rng.choice([" ", " ", ": ", " - "])
            for i in range(rng.randint(2, 6)):
                if i:
                    b.add(sep)
                self._render_person(b, self._person(), "sur", casing)
                b.add(join + self._score())

    # -- other slots -------------------------------------------------------------
    def _date(self) -> str:
        rng = self.rng
        day = rng.randint(1, 28)
        month = rng.choice(self.fillers["month"])
        suffix = rng.choice(["", "th"]) if day not in (1, 2, 3, 21, 22, 23) else ""
        forms: list[Callable[[], str]] = [
            lambda: f"{rng.choice(self.fillers['weekday'])} {day}{suffix} {month}",
            lambda: f"{day} {month} {rng.choice([2024, 2025, 2026])}",
            lambda: f"{day:02d}/{rng.randint(1, 12):02d}/{rng.choice([2024, 2025, 2026])}",
            lambda: f"{day}{suffix} {month}",
            lambda: f"{month} {day}",
        ]
        return rng.choice(forms)()

    def _filler(self, slot: str) -> str:
        rng = self.rng
        if slot == "date":
            return self._date()
        if slot == "time":
            return rng.choice([f"{rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}",
                               f"{rng.randint(1, 11)}.{rng.choice(['00', '15', '30', '45'])}{rng.choice(['am', 'pm'])}",
                               f"{rng.randint(1, 11)}{rng.choice(['am', 'pm'])}"])
        if slot == "money":
            return f"£{rng.randint(2, 900)}.{rng.choice(['00', '50', '25', '99'])}"
        if slot == "ref":
            return rng.choice([f"INV-{rng.randint(10000, 99999)}", f"PO{rng.randint(1000, 9999)}",
                               f"REF/{rng.randint(100, 999)}/{rng.randint(10, 99)}", f"SO-{rng.randint(100000, 999999)}"])
        if slot == "phone":
            return rng.choice([f"01{rng.randint(100, 999)} {rng.randint(100000, 999999)}", f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"])
        if slot == "percent":
            return f"{rng.randint(55, 100)}%"
        if slot == "num":
            return str(rng.randint(2, 30))
        if slot == "firm" and "firm" not in self.fillers:  # (the evaluation set brings its own firms)
            # firms named after people are not people: "Okafor Coaches", "Wilson James"
            if rng.random() < 0.5:
                return rng.choice(self.fillers["firmname"])
            return f"{rng.choice(self.names.surnames)} {rng.choice(self.fillers['firmend'])}"
        return rng.choice(self.fillers[slot])

    # -- samples -----------------------------------------------------------------
    def _padded(self, template: str) -> str:
        """Mix ordinary sentences with no names in between the template's lines."""
        lines = template.split("\n")
        for _ in range(self.rng.choice([0, 1, 1, 2, 3])):
            at = self.rng.randint(0, len(lines))
            sentence = self.rng.choice(self.fillers["sentence"])
            if at < len(lines) and lines[at] and self.rng.random() < 0.5:
                lines[at] = f"{lines[at]} {sentence}"
            else:
                lines.insert(at, sentence)
        if self.words and self.rng.random() < 0.6:
            at = self.rng.randint(0, len(lines))
            lines.insert(at, self._word_sentence())
        return "\n".join(lines)

    def _word_sentence(self) -> str:
        """A loose sentence of ordinary English words, often right after a name, so
        that a name's span learns to stop where the name does."""
        w = self.words
        assert w is not None
        rng = self.rng

        def pick(pos: str) -> str:
            return rng.choice(w[pos])

        forms = [
            lambda: f"{{P7.any}} {pick('verb')} the {pick('noun')}.",
            lambda: f"{{P7.tsur}} {pick('verb')}ed it {pick('adv')}.",
            lambda: f"{{P7.tsur}} {pick('noun')}, {{P8.tsur}} {pick('noun')}, {{P9.first}} {pick('noun')}.",
            lambda: f"{{P7.first}} {pick('noun')} and {pick('noun')}",
            lambda: f"{pick('adj').capitalize()} {pick('noun')} {pick('verb')}s {pick('adv')}.",
            lambda: f"{pick('noun').capitalize()} {pick('noun')}: {pick('adj')} {pick('noun')}.",
            lambda: f"Ask {{P7.first}} to {pick('verb')} the {pick('adj')} {pick('noun')}.",
            lambda: f"{{P7.full}} {pick('verb')}s {pick('noun')} {pick('adv')} with {{P8.first}}.",
            lambda: f"{pick('verb').capitalize()} the {pick('noun')} before {pick('noun')}.",
        ]
        return rng.choice(forms)()

    def render(self, template: str, kind: str, casing: Casing) -> Sample:
        if self.pad and kind != "subjects":
            template = self._padded(template)
        b = _Builder()
        people: dict[str, _Person] = {}
        famous: dict[str, str] = {}
        is_list = False
        pos = 0
        for m in _SLOT.finditer(template):
            b.add(template[pos : m.start()])
            pos = m.end()
            slot = m.group(1)
            pm = _PERSON_SLOT.match(slot)
            fm = _FAMOUS_SLOT.match(slot)
            if fm:
                full = famous.setdefault(fm.group(1), self.rng.choice(self.fillers["famous"]))
                if fm.group(2) == "full":
                    b.add(full)
                elif fm.group(2) == "sur":
                    b.add(full.split()[-1])
                else:
                    b.add_titled(self._case(self.rng.choice(TITLES), casing), self._case(full.split()[-1], casing, True))
            elif pm:
                person = people.setdefault(pm.group(1), self._person())
                if pm.group(2) == "word" and person.first not in WORD_NAMES:
                    person.first = self.rng.choice(WORD_NAMES)
                self._render_person(b, person, pm.group(2), casing)
            elif slot == "LIST":
                self._render_list(b, casing)
                is_list = True
            elif slot == "LINES":
                self._render_lines(b, casing)
                is_list = True
            elif slot == "TABLE":
                self._render_table(b, casing)
                is_list = True
            elif slot == "ROWS":
                self._render_rows(b, casing)
                is_list = True
            elif slot == "NOROWS":
                self._render_norows(b)
            elif slot == "CAPSNAMES":
                self._render_capsnames(b)
            elif slot == "SCORES":
                self._render_scores(b, casing)
                is_list = True
            elif slot == "COUNTS":
                self._render_counts(b)
            elif slot == "TIMENOUN":
                b.add(self._render_timenoun())
            elif slot == "CAPSGROUPS":
                b.add(self._render_capsgroups())
            elif slot == "CASTIS":
                self._render_castis(b, casing)
                is_list = True
            elif slot == "SYSPAIR":
                b.add(self._render_syspair())
            elif slot == "MIXNAMES":
                self._render_mixnames(b, casing)
                is_list = True
            elif slot == "LONENAME":
                self._render_lonename(b, casing)
            else:
                b.add(self._filler(slot))
        b.add(template[pos:])
        source = text = "".join(b.parts)
        if casing in ("lower", "upper"):
            cased = text.lower() if casing == "lower" else text.upper()
            if len(cased) == len(text):
                text = cased
        return Sample(text, b.persons, kind, casing, is_list, source)

    def samples(self, n: int, weights: dict[str, float], casings: dict[Casing, float]) -> Iterator[Sample]:
        kinds = list(weights)
        case_names = list(casings)
        for _ in range(n):
            kind = self.rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
            casing = self.rng.choices(case_names, weights=[casings[c] for c in case_names])[0]
            yield self.render(self.rng.choice(self.templates[kind]), kind, casing)


TRAIN_CASINGS: dict[Casing, float] = {
    "title": 0.5, "lower": 0.12, "upper": 0.08, "names_lower": 0.12, "names_upper": 0.1, "surname_upper": 0.08,
}
TRAIN_KINDS = {"emails": 0.7, "negatives": 0.15, "subjects": 0.15}


def training_samples(n: int, seed: int = 1, words: Words | None = None) -> list[Sample]:
    return list(Generator("train", "train", seed, pad=True, words=words).samples(n, TRAIN_KINDS, TRAIN_CASINGS))


def ordinary_words(lemma_index: Mapping[str, list[str]]) -> Words:
    """Plain lower-case nouns, verbs, adjectives and adverbs from a lemma index (the
    base pipeline's WordNet table), without any word that is also in the name lists."""
    names = {n.lower() for lists in (load_names("train"), load_names("heldout")) for n in lists.first + lists.surnames}
    out: Words = {}
    for pos in ("noun", "verb", "adj", "adv"):
        out[pos] = sorted(
            w for w in lemma_index.get(pos, []) if w.isalpha() and w.islower() and 3 <= len(w) <= 8 and w not in names
        )
    return out


def heldout_samples(per_template: int = 4, seed: int = 7, templates: TemplateSet = "heldout") -> list[Sample]:
    """Every held-out template in each of title case, lower case and upper case,
    filled with held-out names."""
    gen = Generator("heldout", templates, seed)
    out = []
    casings: tuple[Casing, ...] = ("title", "lower", "upper")
    for kind, items in gen.templates.items():
        for template in items:
            for casing in casings:
                for _ in range(per_template):
                    out.append(gen.render(template, kind, casing))
    return out


if __name__ == "__main__":
    for s in training_samples(6, seed=3) + heldout_samples(1)[:3]:
        print(repr(s.text))
        print("   ", [s.text[a:b] for a, b in s.persons], s.casing, s.kind)
