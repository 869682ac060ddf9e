"""Names in rows and lists that the name model misses: a hand-written probe through the real detector.

    python -m bench.name_rows            # PERSON figures for the development and held-out parts
    python -m bench.name_rows --errors   # and the development part's misses and false hits

`bench/name_rows_probe.txt` (corpus entity format, corpus/README.md) holds 100 short texts
with names in rows beside an identifier (UPN, ULN, admission number), an email address or a
class code ("Khan, Zara (7R)"), house-point and reward lists ("Ellis 12, Maya 9"), subject
lines that are a first name that is also a word then an event ("Hope - trip money"), and
lower-case chat names ("thanks priya, ok for fri") (ids rp-); and 40 of the same shapes
naming no one: product codes, room lists, scores by subject, kit lists, fixtures, role
mailboxes (ids rn-). It was written before the code it measures. One record in three,
chosen by a hash of its id, is held out: its figures are printed, its errors never are.

Scored as bench.table_names scores (bench.metrics.person_score, overlap match).
"""

import argparse
import json

from bench.table_names import is_held_out, load, score
from service.detect.analyzer import build_detector
from service.settings import REPO_ROOT, Settings

PROBE = REPO_ROOT / "bench" / "name_rows_probe.txt"


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
