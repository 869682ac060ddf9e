"""PERSON in teaching text: public figures, authors and characters beside real people.

    python -m bench.teaching_probe            # figures for the development and held-out parts
    python -m bench.teaching_probe --errors   # and the development part's misses and false names
    python -m bench.teaching_probe --no-list  # without the public figures listed as evidence (context alone)

`bench/teaching_probe.txt` (150 records in the corpus format, corpus/README.md) was
written before the code it measures: lesson plans, homework, assemblies, newsletters,
book clubs, trips and replies about them, where historical and public figures,
authors, characters and titles are not PERSON and the pupils, parents and staff named
beside them are. A third of the records, chosen by a hash of the id, are held out:
their figures are printed, their errors never are.

Two readings are scored: the detector alone (`sendguard analyze`), and the detector
with the text's document kind applied as the scanner applies it to a body
(DocumentKind.in_context on PERSON too, the "Subject:" line naming the kind).
A name counts as found when a PERSON entity overlaps it; a PERSON entity that overlaps
no name is a false name. SPECIAL_CATEGORY entities are counted too: the probe marks
none, so each is a finding about a character or about no one.
"""

import argparse
import hashlib
import json
from pathlib import Path

from bench.corpus import iter_records, parse_marked
from bench.metrics import Score, person_score
from service.context import public_figures
from service.context.document_kind import classify_text, in_context
from service.detect.analyzer import PresidioDetector, build_detector
from service.schemas.entities import EntityType
from service.settings import REPO_ROOT, Settings

PROBE = REPO_ROOT / "bench" / "teaching_probe.txt"
HELD_OUT_SHARE = 3  # one in three


def held_out(record_id: str) -> bool:
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_SHARE == 0


def load(path: Path = PROBE) -> list[tuple[str, str, list[tuple[int, int]]]]:
    rows = []
    for record_id, _line, marked in iter_records(path):
        plain, spans = parse_marked(marked, record_id)
        rows.append((record_id, plain, [(s.start, s.end) for s in spans if s.type == "PERSON"]))
    return rows


def _score(rows, found_by, errors: bool) -> dict:
    total = Score()
    special = 0
    for record_id, text, gold in rows:
        entities = found_by(text)
        names = [(e.start, e.end) for e in entities if e.type is EntityType.PERSON]
        special += sum(e.type is EntityType.SPECIAL_CATEGORY for e in entities)
        counts, found = person_score(gold, names)
        total.add(counts)
        if errors:
            for miss in found.false_neg:
                print(f"  MISS  {record_id} {text[miss.start:miss.end]!r}")
            for extra in found.false_pos:
                print(f"  FALSE {record_id} {text[extra.start:extra.end]!r}")
    p = total.precision if total.hits + total.fp else 1.0
    r = total.recall if total.support else 1.0
    return {"records": len(rows), "names": total.support, "P": round(p, 3), "R": round(r, 3), "F1": round(total.f1, 3),
            "false_names": total.fp, "missed": total.fn, "special_category": special}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    parser.add_argument("--no-list", action="store_true",
                        help="without the names service/context/public_figures.txt gives as evidence: "
                        "the context evidence alone")
    args = parser.parse_args()
    if args.no_list:
        # The names set aside anywhere (person.py) stay, as they did when they had a file of their own.
        public_figures.listed_names = lambda: frozenset()
    rows = load()
    detector: PresidioDetector = build_detector(Settings())

    def detector_alone(text: str):
        return detector.analyze(text)

    def as_scanned(text: str):
        found = detector.analyze(text)
        return in_context(classify_text(text, found), text, found)

    development = [r for r in rows if not held_out(r[0])]
    held = [r for r in rows if held_out(r[0])]
    for label, found_by in (("detector", detector_alone), ("with document kind", as_scanned)):
        if args.errors:
            print(f"{label}, development errors:")
        print(json.dumps({label: {"development": _score(development, found_by, args.errors),
                                  "held_out": _score(held, found_by, False)}}))


if __name__ == "__main__":
    main()
