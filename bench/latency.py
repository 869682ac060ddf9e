"""Latency, throughput, start-up time and memory: SendGuard next to plain Presidio.

    python -m bench.latency            # about 2-3 minutes
    python -m bench.latency --quick    # about 30 seconds
    python -m bench.latency --json
    python -m bench.latency --only sendguard --history sqlite      # with recipient history on
    python -m bench.latency --only sendguard --history postgresql  # (SENDGUARD_TEST_POSTGRES_URL)

Each system runs in its own fresh process, one after the other (the machine has two
cores; running them together would measure contention). The parent records when it
starts the process; the child reports when it is ready to scan, then times warm scans
of text-only drafts of about 2 KB and 5 KB built from the corpus, and reports its peak
resident memory.

- SendGuard: `service.scanner.build_scanner().scan(request)`, the whole flow (extract,
  detect, context, rules). Falls back to the detector alone if the scanner is missing.
  With --history, each scan also reads the sender's recipient history (CONTRACT section 8)
  from a store seeded with 300 senders' sent mail (90,000 messages), as `serve` does.
- Presidio: AnalyzerEngine with its default recognizers on the same spaCy pipeline,
  loaded by `spacy.load(name)` with all its default components, analysing subject and
  body.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.corpus import EntityText, load_entity_texts
from service.schemas.scan import ScanRequest

SIZES = {"2KB": 2_000, "5KB": 5_000}
SYSTEMS = ("sendguard", "presidio")
HISTORIES = ("none", "sqlite", "postgresql")

_SENDERS = ["h.kelly@oakfield.sch.uk", "c.donnelly@oakfield.sch.uk", "office@oakfield.sch.uk"]
_RECIPIENTS = ["bukola.ogunbiyi@gmail.com", "liam@edpsych-associates.co.uk", "bookings@maidstonecars.co.uk"]
_DAYS = ["Mon, 3 Mar 2025 at 08:12", "Tue, 4 Mar 2025 at 16:40", "Wed, 5 Mar 2025 at 21:05"]


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        return first.removeprefix("Subject:").strip(), rest
    return "", text


def build_drafts(texts: Sequence[EntityText], size: int, count: int, seed: int) -> list[ScanRequest]:
    """Reply chains stitched from corpus texts of one topic file, cut to about `size` characters."""
    rng = random.Random(seed)
    by_source: dict[str, list[EntityText]] = {}
    for t in texts:
        by_source.setdefault(t.source, []).append(t)
    sources = sorted(by_source)
    drafts = []
    for i in range(count):
        pool = list(by_source[sources[i % len(sources)]])
        rng.shuffle(pool)
        subject, body = _split_subject(pool[0].text)
        parts = [body.strip()]
        depth = 1
        while sum(len(p) for p in parts) < size:
            nxt = pool[depth % len(pool)] if depth < len(pool) else rng.choice(texts)
            _, quoted = _split_subject(nxt.text)
            prefix = ">" * min(depth, 3) + " "
            header = f"On {_DAYS[depth % len(_DAYS)]}, {_RECIPIENTS[depth % len(_RECIPIENTS)]} wrote:"
            parts.append(header + "\n" + "\n".join(prefix + line for line in quoted.strip().splitlines()))
            depth += 1
        body = "\n\n".join(parts)[:size]
        drafts.append(
            ScanRequest.model_validate(
                {
                    "message": {
                        "subject": f"Re: {subject}" if subject else "Re: follow-up",
                        "body": {"content": body, "type": "text"},
                        "from": {"address": _SENDERS[i % len(_SENDERS)]},
                        "to": [{"address": _RECIPIENTS[i % len(_RECIPIENTS)], "type": "externalUser"}],
                    }
                }
            )
        )
    return drafts


# --- the child process --------------------------------------------------------------


def _seeded_history(kind: str) -> Any:
    """A store holding 300 senders' history (the drafts' senders among them, established)."""
    import atexit
    import tempfile
    import uuid
    from datetime import UTC, datetime, timedelta

    from service.history import SentTo
    from service.history.store import SentMessage, SqlHistory
    from service.store.migrate import upgrade
    from service.store.repository import make_engine

    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{tempfile.mkdtemp(prefix='sg-bench-')}/store.db")
        schema = None
    else:
        url = os.environ.get("SENDGUARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
        schema = f"sg_bench_{uuid.uuid4().hex[:10]}"
        engine = make_engine(url, schema)

        def drop() -> None:
            from sqlalchemy import text

            engine.dispose()
            cleanup = make_engine(url)
            with cleanup.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            cleanup.dispose()

        atexit.register(drop)
    upgrade(engine, schema)
    history = SqlHistory(engine, b"bench-key-not-secret-0123456789", retention_days=365)
    rng = random.Random(7)
    senders = _SENDERS + [f"staff{n}@oakfield.sch.uk" for n in range(297)]
    start = datetime.now(UTC) - timedelta(days=300)
    for sender in senders:
        pool = [SentTo(f"contact{n}@{rng.choice(['gmail.com', 'oakfield.sch.uk', 'kent.gov.uk'])}", f"Contact {n}")
                for n in rng.sample(range(5_000), 200)]
        history.record_many(SentMessage(sender, tuple(rng.sample(pool, 3)), start + timedelta(hours=n))
                            for n in range(300))
    return history


def _sendguard(history_kind: str = "none") -> tuple[str, Callable[[ScanRequest], object]]:
    try:
        from service.scanner import build_scanner
    except ImportError:
        from service.detect.analyzer import build_detector
        from service.settings import Settings

        detector = build_detector(Settings())
        return "detector only (no service.scanner)", lambda r: detector.analyze(
            r.message.subject + "\n" + r.message.body.content
        )
    scanner = build_scanner()
    if history_kind == "none":
        return "full scan", scanner.scan
    scanner.history = _seeded_history(history_kind)

    def scan(request: ScanRequest) -> object:
        sender = request.message.sender
        return scanner.scan(request, sender=sender.address if sender else None)

    scan.history = scanner.history  # type: ignore[attr-defined]
    return f"full scan, recipient history in {history_kind}", scan


def _history_lookups(history: Any, runs: int) -> dict[str, float]:
    """The history's own share of a scan: one draft's lookup (three recipients), timed alone."""
    from service.history import SentTo

    times = []
    for i in range(max(runs, 200)):
        recipients = [SentTo(f"contact{(i * 7 + k) % 5000}@gmail.com", f"Contact {(i * 7 + k) % 5000}")
                      for k in range(3)]
        t0 = time.perf_counter()
        history.for_draft(_SENDERS[i % len(_SENDERS)], recipients, ["oakfield.sch.uk", "gmail.com", "kent.gov.uk"])
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"runs": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * len(times))], 2), "max_ms": round(times[-1], 2)}


def _presidio() -> tuple[str, Callable[[ScanRequest], object]]:
    from bench.baseline import PresidioBaseline

    baseline = PresidioBaseline()

    def run(r: ScanRequest) -> object:
        return (baseline.analyze(r.message.subject), baseline.analyze(r.message.body.content))

    return "analyze subject + body", run


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def worker(system: str, spawned_at: float, runs: int, warmup: int, history: str = "none") -> dict[str, Any]:
    what, scan = _sendguard(history) if system == "sendguard" else _presidio()
    ready = time.time() - spawned_at
    rss_ready = _peak_rss_mb()
    texts = load_entity_texts()
    out: dict[str, Any] = {"system": system, "what": what, "ready_s": round(ready, 2), "rss_ready_mb": round(rss_ready)}
    for label, size in SIZES.items():
        drafts = build_drafts(texts, size, count=max(10, min(runs, 40)), seed=size)
        for d in drafts[:warmup]:
            scan(d)
        times = []
        started = time.perf_counter()
        for i in range(runs):
            t0 = time.perf_counter()
            scan(drafts[i % len(drafts)])
            times.append((time.perf_counter() - t0) * 1000)
        wall = time.perf_counter() - started
        times.sort()
        out[label] = {
            "chars": round(statistics.mean(len(d.message.subject) + len(d.message.body.content) for d in drafts)),
            "runs": runs,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "max_ms": round(times[-1], 1),
            "per_s": round(runs / wall, 1),
        }
    if getattr(scan, "history", None) is not None:
        out["history_lookup"] = _history_lookups(scan.history, runs)  # type: ignore[attr-defined]
    out["rss_peak_mb"] = round(_peak_rss_mb())
    return out


# --- the parent -------------------------------------------------------------------


def measure(system: str, runs: int, warmup: int, history: str = "none") -> dict[str, Any]:
    spawned_at = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.latency", "--worker", system, "--spawned-at", repr(spawned_at),
         "--runs", str(runs), "--warmup", str(warmup), "--history", history],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if proc.returncode != 0:
        return {"system": system, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(results: list[dict[str, Any]]) -> None:
    print(f"{'system':<11}{'size':>6}{'chars':>7}{'runs':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'drafts/s':>10}")
    for r in results:
        if "error" in r:
            print(f"{r['system']:<11} error: {r['error']}")
            continue
        for label in SIZES:
            s = r[label]
            print(
                f"{r['system']:<11}{label:>6}{s['chars']:>7}{s['runs']:>6}{s['p50_ms']:>9}{s['p95_ms']:>9}"
                f"{s['max_ms']:>9}{s['per_s']:>10}"
            )
    print()
    print(f"{'system':<11}{'start to ready s':>18}{'RSS ready MB':>14}{'RSS peak MB':>13}  measured")
    for r in results:
        if "error" not in r:
            print(f"{r['system']:<11}{r['ready_s']:>18}{r['rss_ready_mb']:>14}{r['rss_peak_mb']:>13}  {r['what']}")
    for r in results:
        if "history_lookup" in r:
            h = r["history_lookup"]
            print(f"\nRecipient history lookup alone (one draft, 3 recipients, {h['runs']} runs): "
                  f"p50 {h['p50_ms']} ms, p95 {h['p95_ms']} ms, max {h['max_ms']} ms.")
    print("\nOne process each, one scan at a time, warm (warm-up scans excluded); drafts/s is sequential.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs (about 30 s)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--runs", type=int, default=None, help="timed scans per size and system")
    parser.add_argument("--only", choices=SYSTEMS, help="measure one system")
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--spawned-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--warmup", type=int, default=5, help="warm-up scans per size, not timed")
    parser.add_argument("--history", choices=HISTORIES, default="none",
                        help="SendGuard reads recipient history from a seeded store (start-up includes seeding)")
    args = parser.parse_args(argv)
    runs = args.runs or (12 if args.quick else 100)

    if args.worker:
        result = worker(args.worker, args.spawned_at or time.time(), runs, args.warmup, args.history)
        print(json.dumps(result))
        return 0

    load_before = os.getloadavg()[0]
    results = [measure(s, runs, args.warmup, args.history if s == "sendguard" else "none")
               for s in SYSTEMS if args.only in (None, s)]
    load_after = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"results": results, "load_average_1min": [load_before, load_after]}, indent=2))
    else:
        print_table(results)
        # Other work on the machine inflates every figure; say how busy it was.
        print(f"Load average (1 min) before/after: {load_before:.2f} / {load_after:.2f} on {os.cpu_count()} CPUs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
