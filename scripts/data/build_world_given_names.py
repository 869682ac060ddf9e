"""Write service/detect/recognizers/_world_given_names.txt from Faker's person providers.

Run by hand when Faker is upgraded (Faker is a test dependency; the service reads only
the file it writes, at start-up, with no network):

    .venv/bin/python scripts/data/build_world_given_names.py

Given names of every Faker locale written in Latin letters (with diacritics), one a line,
case kept as Faker has it, sorted. The service uses them only as evidence that a word
can be a given name where the other lists say "place" or say nothing (a greeting's
"Moira," where Moira is also a town in County Down); common English words are not made
names by this list (service/detect/recognizers/person.py).
"""

import importlib
import pkgutil
from pathlib import Path

import faker
import faker.providers.person as person_providers
import regex

OUT = Path(__file__).resolve().parents[2] / "service" / "detect" / "recognizers" / "_world_given_names.txt"
_LATIN_NAME = regex.compile(r"[\p{Latin}\p{M}]+(?:['’-][\p{Latin}\p{M}]+)*")
_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def given_names() -> set[str]:
    names: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = getattr(importlib.import_module(f"{person_providers.__name__}.{module.name}"), "Provider", None)
        for attribute in _ATTRIBUTES:
            values = vars(provider).get(attribute) if provider is not None else None
            if values is None or isinstance(values, property):
                continue
            names.update(n for n in values if isinstance(n, str) and len(n) >= 2 and _LATIN_NAME.fullmatch(n))
    return names


def main() -> None:
    names = sorted(given_names(), key=str.casefold)
    header = [
        "# Given names of many countries, in Latin letters, one a line: evidence that a word can be a",
        f"# given name. Built by scripts/data/build_world_given_names.py from Faker {faker.VERSION}'s person",
        "# providers (Faker is MIT-licensed). Do not edit by hand; rerun the script.",
    ]
    OUT.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
