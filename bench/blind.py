"""Blind held-out files: written in session 8 by a helper who read only CONTRACT.md, the
policy and the annotation convention, never the engine; nobody tunes on them.

    python -m bench.blind                 # figures for the three files
    python -m bench.blind --dir DIR       # the same files in another folder

- `bench/blind/sc_sentences.tsv`: 320 sentences, SPECIAL or NOT (sentence-level, scored
  as bench.special_category scores: found when any SPECIAL_CATEGORY is reported in it);
- `bench/blind/passwords.tsv`: 200 sentences in bench.passwords' format;
- `bench/blind/entities.txt`: 90 records in the corpus entity format (tables, lists,
  short notes, look-alikes naming no one), scored per type with bench.evaluate's overlap
  match.

Figures only: there is no --errors. Reading these files' misses to tune spends them.
"""

import argparse
import json
from pathlib import Path

from bench import passwords
from bench.evaluate import CONTRACT_TYPES, EntityRun, sendguard_predictor
from bench.metrics import micro
from bench.probe import load as entity_texts
from bench.special_category import sentence_scores
from service.detect.analyzer import build_detector
from service.settings import REPO_ROOT, Settings

BLIND = REPO_ROOT / "bench" / "blind"


def sentences(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((text.replace("\\n", "\n"), int(label == "SPECIAL")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=BLIND)
    args = parser.parse_args(argv)
    detector = build_detector(Settings())
    print(json.dumps({"sc_sentences": sentence_scores(detector, sentences(args.dir / "sc_sentences.tsv"))}))
    print(json.dumps({"passwords": passwords.score(detector, passwords.load(args.dir / "passwords.tsv"))}))
    run = EntityRun("sendguard", entity_texts(args.dir / "entities.txt"), sendguard_predictor())
    scores = run.scores()
    per_type = {t: s.as_dict() for t, s in sorted(scores.items()) if t in CONTRACT_TYPES and (s.tp or s.fp or s.fn)}
    print(json.dumps({"entities_micro": micro(scores, CONTRACT_TYPES).as_dict()}))
    for name, figures in per_type.items():
        print(json.dumps({"entities": name, **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
