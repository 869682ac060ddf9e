"""Hostile drafts through the whole scanner: time to answer and peak RSS growth.

Makes each file at run time (tests/hostile_files.py: openpyxl, odfpy, zipfile, py7zr,
pypdf, fpdf2, extract-msg's OLE writer), scans a draft carrying it to an outside
recipient once, and prints the time to the verdict, the growth of the process's peak
RSS during that scan, and how the attachments were reported. DESIGN.md's budget for
any draft, however hostile: 3 s, 100 MB. Needs the test extras (`pip install -e .[test]`).

    python -m bench.hostile
"""

import argparse
import resource
import time
from collections import Counter

from service.scanner import build_scanner
from tests.hostile_files import CASES, draft


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", help="run only these case ids")
    args = parser.parse_args(argv)

    scanner = build_scanner()
    scanner.scan(draft([("warm.txt", b"Amelia Hart")]))  # warm the pipeline
    print(f"{'case':24s} {'what':40s} {'file KB':>8s} {'answer ms':>10s} {'RSS +MB':>8s}  verdict  attachments")
    for case in CASES:
        if args.case and case.id not in args.case:
            continue
        files = case.make()
        request = draft(files)
        before = _peak_rss_mb()
        started = time.perf_counter()
        result, facts, _ = scanner.scan_with_facts(request)
        elapsed = (time.perf_counter() - started) * 1000
        growth = _peak_rss_mb() - before
        parts = [p for p in facts.parts if p.kind == "attachment"]
        outcome = Counter("read" if p.readable else p.unreadable_reason for p in parts)
        shown = "; ".join(f"{n} {why}" for why, n in outcome.most_common(3))
        size = sum(len(data) for _, data in files) // 1024
        print(f"{case.id:24s} {case.what:40s} {size:8d} {elapsed:10.0f} {growth:8.1f}  {result.action:7s}  {shown}")
    print("\nOne scan each, warm, one process; RSS growth is of the peak (resource.ru_maxrss).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
