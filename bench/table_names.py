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

from bench.probe import run
from service.settings import REPO_ROOT

PROBE = REPO_ROOT / "bench" / "table_names_probe.txt"


def main() -> int:
    return run(PROBE, "PERSON", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
