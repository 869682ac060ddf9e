"""Train the special-category sentence classifier (spaCy textcat, bag of n-grams).

    OPENBLAS_NUM_THREADS=1 python models/special_category/recipe/train.py --out models/special_category/model

Generates the labelled sentences (generate.py, fixed seed), trains a TextCatBOW
model on the train split, prints precision / recall at several thresholds on the dev
split (templates and words never trained on) and on heldout_handwritten.tsv (written
by hand, never trained on), and saves a data-only pipeline folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

RECIPE_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(RECIPE_DIR))

import generate  # noqa: E402

LABELS = ("SPECIAL", "NOT")
THRESHOLDS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


HELD_OUT = (
    "heldout_handwritten.tsv", "heldout_handwritten_2.tsv", "heldout_handwritten_3.tsv", "heldout_handwritten_4.tsv"
)


SHIPPED_BATCHES = (
    "handwritten_train.tsv", "handwritten_train_2.tsv", "handwritten_train_3.tsv", "handwritten_train_4.tsv"
)


def handwritten(name: str = "heldout_handwritten.tsv") -> list[tuple[str, int]]:
    rows = []
    path = RECIPE_DIR / name
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        rows.append((text, 1 if label == "SPECIAL" else 0))
    return rows


def _bow(ngram_size: int, length: int) -> dict:
    return {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": ngram_size,
        "no_output_layer": False,
        "length": length,
    }


def _ensemble(ngram_size: int, length: int, width: int) -> dict:
    """Bag of n-grams plus a narrow CNN over word, prefix, suffix and shape embeddings:
    the suffixes ("-itis", "-therapy", "-ectomy") carry to words never trained on."""
    return {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "linear_model": _bow(ngram_size, length),
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [5000, 1000, 2500, 500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 2,
            },
        },
    }


def build(arch: str, ngram_size: int, length: int, width: int) -> spacy.language.Language:
    nlp = spacy.blank("en")
    model = _bow(ngram_size, length) if arch == "bow" else _ensemble(ngram_size, length, width)
    textcat = nlp.add_pipe("textcat", config={"model": model})
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def _fifth(text: str) -> bool:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % 5 == 0


def _example(nlp: spacy.language.Language, text: str, label: int) -> Example:
    cats = {"SPECIAL": float(label), "NOT": float(1 - label)}
    return Example.from_dict(nlp.make_doc(text), {"cats": cats})


def report(nlp: spacy.language.Language, rows: list[tuple[str, int]], name: str) -> dict:
    scores = [doc.cats["SPECIAL"] for doc in nlp.pipe(text for text, _ in rows)]
    out = {}
    for t in THRESHOLDS:
        tp = sum(1 for s, (_, y) in zip(scores, rows) if s >= t and y)
        fp = sum(1 for s, (_, y) in zip(scores, rows) if s >= t and not y)
        fn = sum(1 for s, (_, y) in zip(scores, rows) if s < t and y)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[t] = (round(p, 3), round(r, 3))
    print(f"{name} ({len(rows)}): " + "  ".join(f"t={t}: P {p} R {r}" for t, (p, r) in out.items()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--ngram-size", type=int, default=2)
    parser.add_argument("--length", type=int, default=2**17)
    parser.add_argument("--arch", choices=("bow", "ensemble"), default="bow")
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--errors", action="store_true", help="list held-out mistakes at 0.5")
    parser.add_argument("--handwritten-repeat", type=int, default=4,
                        help="times each sentence of handwritten_train.tsv is trained on per epoch")
    parser.add_argument("--all-batches", action="store_true",
                        help="train on every handwritten_train*.tsv, not only the shipped model's (round 7)")
    parser.add_argument("--hold-fifth", action="store_true",
                        help="keep one in five handwritten_train.tsv sentences (by hash) out, and report on them")
    args = parser.parse_args()
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    rows = list(generate.generate(args.seed))
    seen: set[str] = set()
    train, dev = [], []
    for row in rows:
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        (dev if row["split"] == "dev" else train).append((row["text"], row["label"]))
    # Sentences written by hand for training (another author, phrasing the templates
    # never had): each counts several times, as they are few beside the generated ones.
    written, written_dev = [], []
    # Every held-out file (heldout_handwritten.tsv, _2, _3, _4): never trained on.
    # The shipped model (round 6) left out lines near the first three; round 7 (--all-batches) near all four.
    near_files = HELD_OUT if args.all_batches else HELD_OUT[:3]
    held_words = [_words(text) for name in near_files for text, _ in handwritten(name)]
    near = 0
    # handwritten_train.tsv, handwritten_train_2.tsv, ...: each batch written by a helper
    # who never saw the engine, its templates or the held-out sentences.
    batches = sorted(p.name for p in RECIPE_DIR.glob("handwritten_train*.tsv"))
    if not args.all_batches:
        # The shipped model's batches (round 6); batch 5 was tried in round 7 and not kept (models/README.md).
        batches = [name for name in batches if name in SHIPPED_BATCHES]
    for text, label in (row for name in batches for row in handwritten(name)):
        if text in seen:
            continue
        # NOTE: a training sentence that reads like a held-out one (over 40% of their
        # words shared) is left out, so the held-out figures stay a test of new phrasing.
        words = _words(text)
        if any(len(words & h) > 0.4 * len(words | h) for h in held_words):
            near += 1
            continue
        seen.add(text)
        held = args.hold_fifth and _fifth(text)
        (written_dev if held else written).append((text, label))
    print(f"handwritten_train ({', '.join(batches)}): {len(written)} trained on x{args.handwritten_repeat}, "
          f"{len(written_dev)} held out, {near} left out as near a held-out sentence")
    train += written * args.handwritten_repeat
    nlp = build(args.arch, args.ngram_size, args.length, args.width)
    examples = [_example(nlp, text, label) for text, label in train]
    optimizer = nlp.initialize(lambda: examples)
    started = time.perf_counter()
    for epoch in range(args.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses['textcat']:.3f}")
    print(f"trained on {len(train)} sentences in {time.perf_counter() - started:.0f} s")
    report(nlp, dev, "dev")
    if written_dev:
        report(nlp, written_dev, "handwritten_train, fifth held out")
    held = handwritten()
    report(nlp, held, "handwritten")
    report(nlp, handwritten(HELD_OUT[1]), "handwritten 2")
    # Figures only for the third and fourth files: their mistakes are never listed (other helpers' held-out sets).
    for number, name in enumerate(HELD_OUT[2:], 3):
        if (RECIPE_DIR / name).exists():
            report(nlp, handwritten(name), f"handwritten {number}")
    if args.errors:
        for doc, (text, label) in zip(nlp.pipe(t for t, _ in held), held):
            if (doc.cats["SPECIAL"] >= 0.5) != bool(label):
                print(f"  {'FN' if label else 'FP'} {doc.cats['SPECIAL']:.2f} {text}")
    nlp.meta.update({
        "name": "sendguard_special_category",
        "version": "0.1.0",
        "description": "SPECIAL vs NOT for one sentence of school email (models/README.md)",
        "license": "MIT",
    })
    nlp.to_disk(args.out)
    print(json.dumps({"saved": str(args.out)}))


if __name__ == "__main__":
    main()
