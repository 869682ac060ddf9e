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

Scored by bench.probe (overlap match, as bench.evaluate).
"""

from bench.probe import run
from service.settings import REPO_ROOT

PROBE = REPO_ROOT / "bench" / "name_rows_probe.txt"


def main() -> int:
    return run(PROBE, "PERSON", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
