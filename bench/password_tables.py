"""Passwords in tables, codes in numbers that look like something else: a hand-written probe.

    python -m bench.password_tables            # PASSWORD figures for the development and held-out parts
    python -m bench.password_tables --errors   # and the development part's misses and false hits

`bench/password_tables_probe.txt` (corpus entity format, corpus/README.md; only PASSWORD
is marked) holds short drafts that give secrets (ids pw-): login tables and lists
(tab-, pipe- or comma-separated, "Username: x  Password: y" rows, "address / secret"),
codes given as dates or spaced digits or "changed to" a value, answers to a question
further down the thread, two secrets in one sentence; and as many that give none (ids
pn-): rotas, timetables, phone lists ("Reception / 01632 960 448"), room, order and
candidate numbers, dates, times, prices, versions, "Password: see the letter", a password
column that says where to get it. It was written before the code it measures. One record
in three, chosen by a hash of its id (as bench.table_names), is held out: its figures are
printed, its errors never are.

Scored as bench.evaluate scores PASSWORD: a secret is found when a PASSWORD entity
overlaps it; a PASSWORD entity that overlaps no secret is a false hit. The secrets are
invented; keep --errors output on your screen.
"""

import argparse
import json

from bench.metrics import Found, Score, match
from bench.table_names import is_held_out, load
from bench.corpus import EntityText
from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import REPO_ROOT, Settings

PROBE = REPO_ROOT / "bench" / "password_tables_probe.txt"


def score(detector: PresidioDetector, records: list[EntityText], errors: bool = False) -> dict:
    total = Score()
    clean = clean_with_false = 0
    for record in records:
        gold = [Found("PASSWORD", s.start, s.end) for s in record.spans if s.type == "PASSWORD"]
        predicted = [
            Found("PASSWORD", e.start, e.end) for e in detector.analyze(record.text) if e.type.value == "PASSWORD"
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
    precision = total.precision if total.hits + total.fp else 1.0
    recall = total.recall if total.support else 1.0
    return {"records": len(records), "secrets": total.support, "P": round(precision, 3), "R": round(recall, 3),
            "F1": round(total.f1, 3), "false_hits": total.fp,
            "texts_without_a_secret_given_one": f"{clean_with_false}/{clean}"}


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
