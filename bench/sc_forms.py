"""Special category in forms, labelled fields, tables and needs lists: a probe through the real detector.

    python -m bench.sc_forms            # SPECIAL_CATEGORY figures for the development and held-out parts
    python -m bench.sc_forms --errors   # and the development part's misses and false hits

`bench/sc_forms_probe.txt` (corpus entity format, corpus/README.md) holds short forms,
labelled lines ("Religion: Sikh", "Ethnic origin - ..."), tables with special columns and
trip needs lists (ids fp-), and the same labels about no one or saying nothing: blank
templates, "none", "prefer not to say", language and nationality, "vegetarian", menus,
policies and figures (ids fn-). It was written before the code it measures. One record in
three, chosen by a hash of its id (bench.probe), is held out: its
figures are printed, its errors never are.

Scored as bench.evaluate scores SPECIAL_CATEGORY (overlap): an annotated span is found
when a SPECIAL_CATEGORY entity overlaps it; an entity that overlaps none is a false hit.
The names are invented; keep --errors output on your screen.
"""

from bench.probe import run
from service.settings import REPO_ROOT

PROBE = REPO_ROOT / "bench" / "sc_forms_probe.txt"


def main() -> int:
    return run(PROBE, "SPECIAL_CATEGORY", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
