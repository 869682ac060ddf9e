"""Hand-written probe files in the corpus entity format, scored for one entity type.

Each probe (bench/table_names_probe.txt, name_rows_probe.txt, password_tables_probe.txt,
...) was written before the code it measures. One record in three, chosen by a hash of
its id, is held out: its figures are printed, its errors never are. Scored as
bench.evaluate scores: an annotated span is found when an entity of its type overlaps it;
an entity that overlaps no annotated span is a false hit.
"""

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import EntityText, iter_records, parse_marked
from bench.metrics import Found, Score, match
from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import Settings


def is_held_out(record_id: str) -> bool:
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def load(path: Path) -> list[EntityText]:
    records = []
    for record_id, line, marked in iter_records(path):
        text, spans = parse_marked(marked, f"{path.name}:{line} ({record_id})")
        records.append(EntityText(id=record_id, source=path.name, text=text, spans=spans))
    return records


def score(
    detector: PresidioDetector, records: Sequence[EntityText], entity_type: str, errors: bool = False
) -> dict:
    """Precision and recall of `entity_type`, and how many texts without one were given one."""
    total = Score()
    clean = clean_with_false = 0
    for record in records:
        gold = [Found(entity_type, s.start, s.end) for s in record.spans if s.type == entity_type]
        predicted = [
            Found(entity_type, e.start, e.end) for e in detector.analyze(record.text) if e.type.value == entity_type
        ]
        found = match(gold, predicted)
        total.add(Score(tp=len(found.found), fn=len(found.false_neg), hits=len(found.hits), fp=len(found.false_pos)))
        if errors:
            for miss in found.false_neg:
                print(f"  MISS  {record.id} {record.text[miss.start:miss.end]!r}")
            for extra in found.false_pos:
                print(f"  FALSE {record.id} {record.text[extra.start:extra.end]!r}")
        if not gold:
            clean += 1
            clean_with_false += bool(found.false_pos)
    precision = total.precision if total.hits + total.fp else 1.0  # no prediction: nothing false
    recall = total.recall if total.support else 1.0
    return {"records": len(records), "spans": total.support, "P": round(precision, 3), "R": round(recall, 3),
            "F1": round(total.f1, 3), "false_hits": total.fp,
            "texts_without_one_given_one": f"{clean_with_false}/{clean}"}


def run(path: Path, entity_type: str, description: str, argv: Sequence[str] | None = None) -> int:
    """The command line of a probe: development and held-out figures, --errors for development only."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    args = parser.parse_args(argv)
    records = load(path)
    detector = build_detector(Settings())
    development = [r for r in records if not is_held_out(r.id)]
    held_out = [r for r in records if is_held_out(r.id)]
    print(json.dumps({"development": score(detector, development, entity_type, args.errors)}))
    print(json.dumps({"held_out": score(detector, held_out, entity_type)}))
    return 0
