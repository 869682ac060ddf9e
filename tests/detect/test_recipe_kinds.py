"""The round-5 evaluation set (models/recipe/eval_kinds.yaml) stays apart from training."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

RECIPE = Path(__file__).resolve().parents[2] / "models" / "recipe"
sys.path.insert(0, str(RECIPE))
from generate import WORD_NAMES, heldout_samples, load_names  # noqa: E402

DISJOINT_KINDS = ("festival", "abroad", "firm", "product", "jobtitle", "heading")


def _eval_fillers() -> dict[str, list[str]]:
    return yaml.safe_load((RECIPE / "eval_kinds.yaml").read_text(encoding="utf-8"))["fillers"]


def test_evaluation_values_are_not_training_values() -> None:
    train = yaml.safe_load((RECIPE / "fillers.yaml").read_text(encoding="utf-8"))
    train_values = {str(v).lower() for values in train.values() if isinstance(values, list) for v in values}
    for kind in DISJOINT_KINDS:
        shared = [v for v in _eval_fillers()[kind] if str(v).lower() in train_values]
        assert shared == [], (kind, shared)


def test_training_never_reads_the_evaluation_set() -> None:
    for name in ("train.py", "general.py"):
        assert "eval_kinds" not in (RECIPE / name).read_text(encoding="utf-8")


def test_kinds_samples_use_held_out_names_and_fill_every_slot() -> None:
    samples = heldout_samples(1, templates="kinds")
    trained = {n.lower() for n in load_names("train").first + load_names("train").surnames}
    words = {w.lower() for w in WORD_NAMES}
    assert len(samples) == 3 * sum(len(v) for k, v in
                                   yaml.safe_load((RECIPE / "eval_kinds.yaml").read_text()).items() if k != "fillers")
    assert sum(len(s.persons) for s in samples) > 100
    for s in samples:
        assert not re.search(r"\{[A-Za-z0-9_.]+\}", s.text), s.text
        for a, b in s.persons:
            for token in re.split(r"[\s,]+", s.text[a:b]):
                assert token.lower() not in trained or token.lower() in words, token
    # the negatives have no names
    assert all(not s.persons for s in samples if s.kind == "negatives")
