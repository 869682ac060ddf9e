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
in three, chosen by a hash of its id (bench.probe), is held out: its figures are
printed, its errors never are.

Scored as bench.evaluate scores PASSWORD: a secret is found when a PASSWORD entity
overlaps it; a PASSWORD entity that overlaps no secret is a false hit. The secrets are
invented; keep --errors output on your screen.
"""

from bench.probe import run
from service.settings import REPO_ROOT

PROBE = REPO_ROOT / "bench" / "password_tables_probe.txt"


def main() -> int:
    return run(PROBE, "PASSWORD", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
