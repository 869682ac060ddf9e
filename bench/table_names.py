"""Names in tables, rotas, lists and cast lists: a hand-written probe through the real detector.

    python -m bench.table_names            # PERSON figures for the development and held-out parts
    python -m bench.table_names --errors   # and the development part's misses and false hits

`bench/table_names_probe.txt` (corpus entity format, corpus/README.md) holds 120 short
tables and lists: rotas, cast lists, registers, seating plans, sign-up sheets, minutes'
"Present:" lines, CSV rows, "SURNAME, First" lists (ids tp-), and tables that name no one:
timetables, kit lists, room bookings, prices, fixtures (ids tn-). It was written before the
code it measures. One record in three, chosen by a hash of its id, is held out: its
figures are printed, its errors never are.

Scored as bench.evaluate scores PERSON: an annotated name is found when a PERSON entity
overlaps it; a PERSON entity that overlaps no annotated name is a false hit. The names
are invented; keep --errors output on your screen.
"""

import argparse
import hashlib
import json
from pathlib import Path

from bench.corpus import EntityText, iter_records, parse_marked
from bench.metrics import Score, person_score
from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import REPO_ROOT, Settings

PROBE = REPO_ROOT / "bench" / "table_names_probe.txt"


def is_held_out(record_id: str) -> bool:
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def load(path: Path = PROBE) -> list[EntityText]:
    records = []
    for record_id, line, marked in iter_records(path):
        text, spans = parse_marked(marked, f"{path.name}:{line} ({record_id})")
        records.append(EntityText(id=record_id, source=path.name, text=text, spans=spans))
    return records


def score(detector: PresidioDetector, records: list[EntityText], errors: bool = False) -> dict:
    total = Score()
    clean_texts = clean_with_false = 0
    for record in records:
        names = [(s.start, s.end) for s in record.spans if s.type == "PERSON"]
        spans = [(e.start, e.end) for e in detector.analyze(record.text) if e.type.value == "PERSON"]
        counts, found = person_score(names, spans)
        total.add(counts)
        if errors:
            for miss in found.false_neg:
                print(f"  MISS  {record.id} {record.text[miss.start:miss.end]!r}")
            for extra in found.false_pos:
                print(f"  FALSE {record.id} {record.text[extra.start:extra.end]!r}")
        if not names:
            clean_texts += 1
            clean_with_false += bool(counts.fp)
    return {"records": len(records), "names": total.support, "P": round(_precision(total), 3),
            "R": round(_recall(total), 3), "F1": round(total.f1, 3), "false_hits": total.fp,
            "nameless_tables_with_a_false_name": f"{clean_with_false}/{clean_texts}"}


def _precision(score: Score) -> float:
    return score.precision if score.hits + score.fp else 1.0  # no prediction: nothing false


def _recall(score: Score) -> float:
    return score.recall if score.support else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    args = parser.parse_args()
    records = load()
    detector = build_detector(Settings())
    development = [r for r in records if not is_held_out(r.id)]
    held_out = [r for r in records if is_held_out(r.id)]
    print(json.dumps({"development": score(detector, development, args.errors)}))
    print(json.dumps({"held_out": score(detector, held_out)}))


if __name__ == "__main__":
    main()
