"""Passwords given in words: hand-written sentences through the real detector.

    python -m bench.passwords            # figures for the development and held-out halves
    python -m bench.passwords --errors   # and the development half's misses and false hits

`bench/password_heldout.tsv` was written by a helper who never saw the recognizer: one
sentence a line, `PASSWORD<TAB>secret<TAB>sentence` (the secret as it appears in the
sentence; a sentence may give several, separated by ` | `) or `NONE<TAB><TAB>sentence`.
A fifth of the lines, chosen by a hash of the sentence (bench.corpus.is_holdout), are
held out: their figures are printed, their errors never are. Tune on the other four
fifths; if their figure climbs and the held-out one does not, the change fits these
sentences rather than the way people write.

`bench/password_dev2.tsv` (same format, a second writer who never saw the recognizer) is
scored beside it with the same one-in-five hold-out; `--file heldout` or `--file dev2`
scores one file only. `--errors` lists only the development part of each file scored.

A secret counts as found when a PASSWORD entity overlaps it; every PASSWORD entity that
overlaps no secret is a false hit. The sentences are invented; keep --errors output on
your screen.
"""

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import is_holdout
from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import REPO_ROOT, Settings

SENTENCES = REPO_ROOT / "bench" / "password_heldout.tsv"
SECOND_WRITER = REPO_ROOT / "bench" / "password_dev2.tsv"
FILES = {"heldout": SENTENCES, "dev2": SECOND_WRITER}


@dataclass(frozen=True)
class Sentence:
    text: str
    secrets: tuple[tuple[int, int], ...]


def load(path: Path = SENTENCES) -> list[Sentence]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, secrets, text = line.split("\t", 2)
        spans = []
        if label == "PASSWORD":
            for secret in (s.strip() for s in secrets.split(" | ")):
                start = text.find(secret)
                if not secret or start < 0:
                    raise ValueError(f"{path.name} line {number}: the secret is not in the sentence")
                spans.append((start, start + len(secret)))
        elif label != "NONE":
            raise ValueError(f"{path.name} line {number}: label must be PASSWORD or NONE")
        rows.append(Sentence(text, tuple(spans)))
    return rows


def score(detector: PresidioDetector, rows: list[Sentence], errors: bool = False) -> dict:
    found = missed = hits = false = 0
    for row in rows:
        spans = [(e.start, e.end) for e in detector.analyze(row.text) if e.type.value == "PASSWORD"]
        for s, e in row.secrets:
            if any(a < e and s < b for a, b in spans):
                found += 1
            else:
                missed += 1
                if errors:
                    print(f"  MISS  {row.text[s:e]!r} in {row.text!r}")
        for a, b in spans:
            if any(a < e and s < b for s, e in row.secrets):
                hits += 1
            else:
                false += 1
                if errors:
                    print(f"  FALSE {row.text[a:b]!r} in {row.text!r}")
    p = hits / (hits + false) if hits + false else 1.0
    r = found / (found + missed) if found + missed else 1.0
    return {"sentences": len(rows), "secrets": found + missed, "P": round(p, 3), "R": round(r, 3),
            "found": found, "missed": missed, "false_hits": false}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    parser.add_argument("--file", choices=["both", *FILES], default="both", help="which sentence file to score")
    args = parser.parse_args()
    detector = build_detector(Settings())
    for name, path in FILES.items():
        if args.file not in ("both", name):
            continue
        rows = load(path)
        development = [r for r in rows if not is_holdout(r.text)]
        held_out = [r for r in rows if is_holdout(r.text)]
        if args.errors:
            print(f"{path.name}, development part:")
        print(json.dumps({"file": path.name, "development": score(detector, development, args.errors)}))
        print(json.dumps({"file": path.name, "held_out": score(detector, held_out)}))


if __name__ == "__main__":
    main()
