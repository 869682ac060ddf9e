"""Special category in forms, labelled fields, tables and needs lists: a probe through the real detector.

    python -m bench.sc_forms            # SPECIAL_CATEGORY figures for the development and held-out parts
    python -m bench.sc_forms --errors   # and the development part's misses and false hits

`bench/sc_forms_probe.txt` (corpus entity format, corpus/README.md) holds short forms,
labelled lines ("Religion: Sikh", "Ethnic origin - ..."), tables with special columns and
trip needs lists (ids fp-), and the same labels about no one or saying nothing: blank
templates, "none", "prefer not to say", language and nationality, "vegetarian", menus,
policies and figures (ids fn-). It was written before the code it measures. One record in
three, chosen by a hash of its id (bench.table_names.is_held_out), is held out: its
figures are printed, its errors never are.

Scored as bench.evaluate scores SPECIAL_CATEGORY (overlap): an annotated span is found
when a SPECIAL_CATEGORY entity overlaps it; an entity that overlaps none is a false hit.
The names are invented; keep --errors output on your screen.
"""

import argparse
import json

from bench.metrics import Found, Score, match
from bench.table_names import is_held_out, load
from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import REPO_ROOT, Settings

PROBE = REPO_ROOT / "bench" / "sc_forms_probe.txt"
TYPE = "SPECIAL_CATEGORY"


def score(detector: PresidioDetector, records: list, errors: bool = False) -> dict:
    total = Score()
    clean = clean_with_false = 0
    for record in records:
        gold = [Found(TYPE, s.start, s.end) for s in record.spans if s.type == TYPE]
        predicted = [Found(TYPE, e.start, e.end) for e in detector.analyze(record.text) if e.type.value == TYPE]
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
    precision = total.precision if total.hits + total.fp else 1.0
    recall = total.recall if total.support else 1.0
    return {"records": len(records), "spans": total.support, "P": round(precision, 3), "R": round(recall, 3),
            "F1": round(total.f1, 3), "false_hits": total.fp,
            "records_about_no_one_with_a_false_hit": f"{clean_with_false}/{clean}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    args = parser.parse_args()
    records = load(PROBE)
    detector = build_detector(Settings())
    development = [r for r in records if not is_held_out(r.id)]
    held_out = [r for r in records if is_held_out(r.id)]
    print(json.dumps({"development": score(detector, development, args.errors)}))
    print(json.dumps({"held_out": score(detector, held_out)}))


if __name__ == "__main__":
    main()
