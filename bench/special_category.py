"""The special-category sentence classifier: held-out sentences through the detector, and its cost.

    python -m bench.special_category                  # hand-written held-out sentences
    python -m bench.special_category --dev            # the generator's dev split too
    python -m bench.special_category --sweep          # thresholds, on the dev split only
    python -m bench.special_category --sweep --sweep-leaning  # the leaning-sentence thresholds
    python -m bench.special_category --cost           # classifier time per 2 KB email
    python -m bench.special_category --no-classifier  # the term lists alone (before)
    python -m bench.special_category --probe dev      # scdetect's probe set, dev half (--errors allowed)
    python -m bench.special_category --probe heldout  # its held-out half: scored only, never listed
    python -m bench.special_category --probe everyday-dev  # scillness's everyday-health probe (and everyday-heldout)
    python -m bench.special_category --probe safeguarding-dev      # scsafe's probe (safeguarding
    python -m bench.special_category --probe safeguarding-heldout  # and care in process words)

A sentence counts as found when the real detector reports any SPECIAL_CATEGORY in
it. The hand-written sentences (models/special_category/recipe/heldout_handwritten.tsv)
were never trained on; thresholds are chosen with --sweep on the dev split, never on
them. The sentences are invented; keep --errors output for the developer's eyes.
"""

import argparse
import hashlib
import json
import statistics
import time
from pathlib import Path

from service.detect.analyzer import PresidioDetector, build_detector
from service.detect.recognizers.special_category import SpecialCategoryRecognizer
from service.settings import REPO_ROOT, Settings

RECIPE = REPO_ROOT / "models" / "special_category" / "recipe"


def handwritten(path: Path = RECIPE / "heldout_handwritten.tsv", fifth: bool = False) -> list[tuple[str, int]]:
    """Labelled sentences of a TSV; `fifth`: only the one in five that train.py --hold-fifth keeps out."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            if not fifth or int(hashlib.sha256(text.encode()).hexdigest(), 16) % 5 == 0:
                rows.append((text, int(label == "SPECIAL")))
    return rows


PROBE = Path(__file__).with_name("special_category_probe.tsv")
# Health said in everyday words about a person, and the same words about no one (scillness).
EVERYDAY_PROBE = Path(__file__).with_name("sc_everyday_probe.tsv")
# Safeguarding and care said in process words, and the same words used generically (scsafe).
SAFEGUARDING_PROBE = Path(__file__).with_name("sc_safeguarding_probe.tsv")
PROBES = {"": PROBE, "everyday-": EVERYDAY_PROBE, "safeguarding-": SAFEGUARDING_PROBE}


def probe(half: str) -> list[tuple[str, int]]:
    """A probe set's dev half (sha256 % 2 == 0) or held-out half; "\\t" and "\\n" are cell and line breaks.

    `half`: "dev" / "heldout" for special_category_probe.tsv; "everyday-dev" / "everyday-heldout"
    for sc_everyday_probe.tsv; "safeguarding-dev" / "safeguarding-heldout" for sc_safeguarding_probe.tsv.
    """
    prefix = next((p for p in ("everyday-", "safeguarding-") if half.startswith(p)), "")
    path = PROBES[prefix]
    half = half.removeprefix(prefix)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            bucket = int(hashlib.sha256(text.encode()).hexdigest(), 16) % 2
            if bucket == (0 if half == "dev" else 1):
                rows.append((text.replace("\\t", "\t").replace("\\n", "\n"), int(label == "SPECIAL")))
    return rows


def dev_split(data_dir: Path) -> list[tuple[str, int]]:
    rows = []
    for line in (data_dir / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows.append((row["text"], row["label"]))
    return rows


def sentence_scores(detector: PresidioDetector, rows: list[tuple[str, int]], errors: bool = False) -> dict:
    tp = fp = fn = tn = 0
    for text, label in rows:
        found = [e for e in detector.analyze(text) if e.type.value == "SPECIAL_CATEGORY"]
        if found and label:
            tp += 1
        elif found:
            fp += 1
            if errors:
                print(f"  FP {text!r} -> {[e.text for e in found]}")
        elif label:
            fn += 1
            if errors:
                print(f"  FN {text!r}")
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _email_2kb(rows: list[tuple[str, int]], seed: int) -> str:
    """About 2,000 characters of the held-out sentences, a few per paragraph."""
    out, i = [], seed
    while sum(len(s) + 1 for s in out) < 2000:
        out.append(rows[(i * 7919) % len(rows)][0])
        i += 1
    return "Hi all,\n\n" + "\n\n".join(" ".join(out[j : j + 3]) for j in range(0, len(out), 3)) + "\n\nThanks"


def cost(detector: PresidioDetector, rows: list[tuple[str, int]], runs: int = 60) -> dict:
    """Milliseconds per 2 KB email: the classifier (every sentence scored) and the whole detector."""
    from service.detect.sentence_classifier import classifier_of

    emails = [_email_2kb(rows, seed) for seed in range(runs)]
    classifier_ms, detector_ms = [], []
    for email in emails:
        started = time.perf_counter()
        detector.analyze(email)
        detector_ms.append((time.perf_counter() - started) * 1000)
        artifacts = detector.nlp_engine.process_text(email, "en")
        doc = artifacts.tokens
        classifier = classifier_of(doc)
        if classifier is None:
            continue
        from service.detect.recognizers.special_category import _sentences, _units

        units = _units(email, _sentences(email, doc))
        doc.user_data.clear()
        started = time.perf_counter()
        classifier.scores(doc, [(u.start, u.end) for u in units])
        classifier_ms.append((time.perf_counter() - started) * 1000)
    out = {"emails": runs, "chars": round(statistics.mean(len(e) for e in emails)),
           "detector_ms_median": round(statistics.median(detector_ms), 2)}
    if classifier_ms:
        out["classifier_ms_median"] = round(statistics.median(classifier_ms), 2)
        out["classifier_ms_p95"] = round(sorted(classifier_ms)[int(0.95 * len(classifier_ms))], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-classifier", action="store_true")
    parser.add_argument("--dev", type=Path, nargs="?", const=Path("/tmp/sc_data"),
                        help="folder of generate.py's output (dev.jsonl)")
    parser.add_argument("--sweep", action="store_true", help="thresholds on the dev split")
    parser.add_argument("--sweep-leaning", action="store_true",
                        help="with --sweep: LEANING_AT / LEANING_PHRASE_AT instead")
    parser.add_argument("--grid", help="with --sweep: SPECIAL_AT:PHRASE_AT pairs, comma-separated")
    parser.add_argument("--cost", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--tsv", type=Path, help="another labelled TSV (e.g. handwritten_train.tsv)")
    parser.add_argument("--fifth", action="store_true",
                        help="with --tsv: only the fifth that train.py --hold-fifth keeps out of training")
    parser.add_argument("--probe", choices=("dev", "heldout", "everyday-dev", "everyday-heldout",
                                            "safeguarding-dev", "safeguarding-heldout"),
                        help="bench/special_category_probe.tsv (or sc_everyday_probe.tsv: everyday-*, or"
                        " sc_safeguarding_probe.tsv: safeguarding-*), one half; --errors only for a dev half")
    args = parser.parse_args()
    settings = Settings(special_category_model="") if args.no_classifier else Settings()
    detector = build_detector(settings)
    if args.sweep:
        rows = dev_split(args.dev or Path("/tmp/sc_data"))
        grid = [(s, p, 1.0, 1.0) for s in (0.5, 0.7, 0.8, 0.9) for p in (0.3, 0.5)]
        if args.grid:
            grid = [(float(a), float(b), SpecialCategoryRecognizer.LEANING_AT, SpecialCategoryRecognizer.LEANING_PHRASE_AT)
                    for a, b in (pair.split(":") for pair in args.grid.split(","))]
        elif args.sweep_leaning:
            # A sentence below SPECIAL_AT (0.8) reported through one clause that reads clearly special.
            grid = [(0.8, 0.3, 1.0, 1.0)] + [(0.8, 0.3, lean, lp) for lean in (0.5, 0.3) for lp in (0.9, 0.95)]
        for special_at, phrase_at, leaning_at, leaning_phrase_at in grid:
            SpecialCategoryRecognizer.SPECIAL_AT = special_at
            SpecialCategoryRecognizer.PHRASE_AT = phrase_at
            SpecialCategoryRecognizer.LEANING_AT = leaning_at
            SpecialCategoryRecognizer.LEANING_PHRASE_AT = leaning_phrase_at
            print(json.dumps({"SPECIAL_AT": special_at, "PHRASE_AT": phrase_at, "LEANING_AT": leaning_at,
                              "LEANING_PHRASE_AT": leaning_phrase_at, "dev": sentence_scores(detector, rows)}))
        return
    if args.probe:
        rows = probe(args.probe)
        print(json.dumps({f"probe {args.probe}": sentence_scores(detector, rows, args.errors and args.probe.endswith("dev"))}))
        return
    if args.tsv:
        print(json.dumps({str(args.tsv.name) + (" (fifth)" if args.fifth else ""):
                          sentence_scores(detector, handwritten(args.tsv, args.fifth), args.errors)}))
        return
    print(json.dumps({"handwritten": sentence_scores(detector, handwritten(), args.errors)}))
    if args.dev:
        print(json.dumps({"dev": sentence_scores(detector, dev_split(args.dev), args.errors)}))
    if args.cost:
        print(json.dumps({"cost_per_2kb_email": cost(detector, handwritten())}))


if __name__ == "__main__":
    main()
