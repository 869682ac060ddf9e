"""The round-6 evaluation set (models/recipe/eval_names6.yaml) stays apart from training,
and the round-6 training shapes label what the corpus convention says."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

RECIPE = Path(__file__).resolve().parents[2] / "models" / "recipe"
sys.path.insert(0, str(RECIPE))
from generate import Generator, heldout_samples, load_templates  # noqa: E402


def _yaml(name: str) -> dict:
    return yaml.safe_load((RECIPE / name).read_text(encoding="utf-8"))


def test_evaluation_people_and_characters_are_not_training_values() -> None:
    train = _yaml("fillers.yaml")
    train_values = {str(v).lower() for values in train.values() if isinstance(values, list) for v in values}
    for kind in ("famous", "character"):
        values = _yaml("eval_names6.yaml")["fillers"][kind]
        assert values
        shared = [v for v in values if str(v).lower() in train_values]
        assert shared == [], (kind, shared)


def test_training_never_reads_the_evaluation_set() -> None:
    for name in ("train.py", "general.py"):
        assert "eval_names6" not in (RECIPE / name).read_text(encoding="utf-8")


def test_dev_and_held_out_parts_split_the_set() -> None:
    whole, dev, held = (load_templates(s) for s in ("names6", "names6_dev", "names6_held"))  # type: ignore[arg-type]
    for kind, items in whole.items():
        assert sorted(items) == sorted(dev[kind] + held[kind])
        assert not set(dev[kind]) & set(held[kind])
    assert sum(map(len, dev.values())) >= 10 and sum(map(len, held.values())) >= 10


def test_names6_samples_fill_every_slot_and_famous_people_are_not_persons() -> None:
    famous = _yaml("eval_names6.yaml")["fillers"]["famous"]
    samples = heldout_samples(1, templates="names6")
    assert sum(len(s.persons) for s in samples) > 100
    for s in samples:
        assert not re.search(r"\{[A-Za-z0-9_.]+\}", s.text), s.text
        spans = [s.text[a:b].lower() for a, b in s.persons]
        for name in famous:
            assert name.lower() not in spans
    assert all(not s.persons for s in samples if s.kind == "negatives")


def test_a_title_with_a_famous_surname_is_a_person() -> None:
    gen = Generator("train", "train", seed=3)
    sample = gen.render("{F1.full} lesson: ask {F1.tsur}", "emails", "title")
    famous = sample.text.split(" lesson")[0]
    assert [sample.text[a:b] for a, b in sample.persons] == [famous.split()[-1]]


def test_rows_are_lists_of_names_with_nothing_else_in_their_spans() -> None:
    gen = Generator("train", "train", seed=5)
    for _ in range(200):
        sample = gen.render("{ROWS}", "emails", "title")
        assert sample.is_list and sample.persons
        for a, b in sample.persons:
            name = sample.text[a:b]
            assert name == name.strip() and not re.search(r"[\t\d:|✓✔()]", name), name


def test_round6_training_templates_are_used_only_when_asked_for() -> None:
    import generate

    default = load_templates("train")
    assert not any("{ROWS}" in t or "{F1." in t or "{character}" in t for ts in default.values() for t in ts)
    generate.TRAIN_ROUND6 = True
    try:
        with_round6 = load_templates("train")
    finally:
        generate.TRAIN_ROUND6 = False
    assert sum(map(len, with_round6.values())) > sum(map(len, default.values()))


def test_rows_that_name_no_one_have_no_person_spans_and_look_like_rows() -> None:
    gen = Generator("train", "train", seed=11)
    multi_cell = 0
    for _ in range(300):
        sample = gen.render("{NOROWS}", "negatives", "title")
        assert sample.persons == [], sample.text
        lines = [line for line in sample.text.split("\n") if line]
        assert len(lines) >= 2 and not re.search(r"\{[A-Za-z0-9_.]+\}", sample.text), sample.text
        multi_cell += all(re.search(r"\t| \| |, |  ", line) for line in lines)
    # the same cell shapes as {ROWS}: most texts are rows of separated cells
    assert multi_cell > 200


def test_rows_that_name_no_one_are_round6_only() -> None:
    import generate

    assert not any("{NOROWS}" in t for ts in load_templates("train").values() for t in ts)
    generate.TRAIN_ROUND6 = True
    try:
        with_round6 = load_templates("train")
    finally:
        generate.TRAIN_ROUND6 = False
    # round 6f keeps every second round-6 negative outside 6e's kinds (13 {NOROWS} negatives -> 6)
    assert sum("{NOROWS}" in t for t in with_round6["negatives"]) >= 5
