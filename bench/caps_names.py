"""Names in lines written all in capitals (subjects and headings): a hand-written probe
through the real detector.

    python -m bench.caps_names            # PERSON figures for the development and held-out parts
    python -m bench.caps_names --errors   # and the development part's misses and false hits

`bench/caps_names_probe.txt` (corpus entity format, corpus/README.md) holds 79 records:
all-capitals subjects and headings that name a pupil, parent or member of staff, with
names of many origins and first names that are also words (FAITH, HOPE, ROWAN, WILL;
ids cp-), and all-capitals lines that name no one: events, forms, year groups, classes,
places and clubs, many with the same words (ids cn-). It was written before the code it
measures. One record in three, chosen by a hash of its id, is held out: its figures are
printed, its errors never are.

Scored as bench.evaluate scores PERSON. The names are invented; keep --errors output on
your screen.
"""

from bench.probe import run
from service.settings import REPO_ROOT

PROBE = REPO_ROOT / "bench" / "caps_names_probe.txt"


def main() -> int:
    return run(PROBE, "PERSON", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
