"""Load test of the HTTP service on loopback.

Starts `sendguard serve` (development sign-in, loopback only, a fresh SQLite store in
a temporary folder unless --database-url is given), then runs N concurrent clients
for T seconds, each posting the example drafts from examples/ in turn. Every draft
gets a numbered line added to its body so that the verdict cache cannot answer it
(pass --allow-cache to measure repeats instead). Prints throughput, p50/p95/p99
latency and errors, then waits for the store and compares its rows with the scans
answered.

    python -m bench.load --clients 20 --seconds 60 [--workers 2] [--url http://...]
    python -m bench.load --workers 2 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test \
        --database-schema sendguard_load
"""

import argparse
import asyncio
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from service.settings import REPO_ROOT
from service.store.models import ScanRow
from service.store.repository import make_engine

EXAMPLES = REPO_ROOT / "examples"


def load_drafts(with_attachments: bool) -> list[dict[str, Any]]:
    drafts = []
    for path in sorted(EXAMPLES.glob("*.json")):
        draft = json.loads(path.read_text())
        if draft["message"].get("attachments") and not with_attachments:
            continue
        drafts.append(draft)
    if not drafts:
        raise SystemExit("no example drafts found in examples/")
    return drafts


def unique(draft: dict[str, Any], number: int) -> dict[str, Any]:
    message = dict(draft["message"])
    body = dict(message.get("body") or {"content": "", "type": "text"})
    line = f"Reference {number:07d}."
    body["content"] = body["content"] + ("<p>" + line + "</p>" if body.get("type") == "html" else "\n" + line)
    message["body"] = body
    return {"message": message}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    workers: int, database_url: str, schema: str | None, data_dir: Path
) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    env = {**os.environ, "SENDGUARD_AUTH_MODE": "dev", "SENDGUARD_DATA_DIR": str(data_dir),
           "SENDGUARD_DATABASE_URL": database_url, "HF_HUB_OFFLINE": "1"}
    if schema:
        env["SENDGUARD_DATABASE_SCHEMA"] = schema
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited at start-up; see {log_path}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return process, url, log_path
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not become ready")


async def run_clients(url: str, drafts: list[dict[str, Any]], clients: int, seconds: float,
                      allow_cache: bool, headers: dict[str, str]) -> tuple[list[float], Counter[str], int]:
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    numbers = itertools.count()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits, headers=headers) as http:
        async def client(index: int) -> None:
            for turn in itertools.count(index):
                if time.monotonic() >= deadline:
                    return
                draft = drafts[turn % len(drafts)]
                body = draft if allow_cache else unique(draft, next(numbers))
                started = time.perf_counter()
                try:
                    response = await http.post("/v1/scan", json=body)
                    outcomes[str(response.status_code)] += 1
                except httpx.HTTPError as exc:
                    outcomes[exc.__class__.__name__] += 1
                    continue
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, outcomes, next(numbers)


def percentile(values: Sequence[float], q: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def count_rows(database_url: str, schema: str | None = None) -> int:
    engine = make_engine(database_url, schema)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(ScanRow)).scalar_one())
    finally:
        engine.dispose()


def wait_for_rows(database_url: str, schema: str | None, expected: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    rows = count_rows(database_url, schema)
    while rows < expected and time.monotonic() < deadline:
        time.sleep(0.5)
        rows = count_rows(database_url, schema)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (when the script starts it)")
    parser.add_argument("--url", help="an already running service (else one is started)")
    parser.add_argument("--token", help="bearer token for --url (not needed in development mode)")
    parser.add_argument("--database-url", help="the store to count rows in (default: a new SQLite file)")
    parser.add_argument("--database-schema", help="PostgreSQL schema for the store (created if missing)")
    parser.add_argument("--with-attachments", action="store_true", help="include example drafts with attachments")
    parser.add_argument("--allow-cache", action="store_true", help="send identical drafts (measures the cache)")
    args = parser.parse_args(argv)

    drafts = load_drafts(args.with_attachments)
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    tmp = Path(tempfile.mkdtemp(prefix="sendguard-load-"))
    database_url = args.database_url or f"sqlite:///{tmp / 'sendguard.db'}"
    process = None
    if args.url:
        url = args.url.rstrip("/")
    else:
        print(f"starting sendguard serve ({args.workers} worker(s)), store {database_url} ...", flush=True)
        process, url, log_path = start_server(args.workers, database_url, args.database_schema, tmp)
        print(f"server log: {log_path}")
    rows_before = count_rows(database_url, args.database_schema) if (args.database_url or process) else 0
    try:
        print(f"{args.clients} clients for {args.seconds:g} s, {len(drafts)} example drafts, "
              f"{'repeats allowed' if args.allow_cache else 'every draft unique'}", flush=True)
        started = time.monotonic()
        latencies, outcomes, sent = asyncio.run(
            run_clients(url, drafts, args.clients, args.seconds, args.allow_cache, headers)
        )
        elapsed = time.monotonic() - started
        ok = outcomes.get("200", 0)
        errors = sum(outcomes.values()) - ok
        print(f"requests: {sum(outcomes.values())}  ok: {ok}  errors: {errors}  {dict(outcomes)}")
        print(f"throughput: {ok / elapsed:.1f} drafts/s over {elapsed:.1f} s")
        print("latency ms: p50 {:.0f}  p95 {:.0f}  p99 {:.0f}  max {:.0f}".format(
            *(percentile(latencies, q) * 1000 for q in (50, 95, 99)), max(latencies, default=0) * 1000))
        if args.database_url or process:
            rows = wait_for_rows(database_url, args.database_schema, rows_before + ok) - rows_before
            print(f"store: {rows} new scan rows for {ok} scans answered"
                  f" ({'all present' if rows == ok else 'MISSING ' + str(ok - rows)})")
            return 0 if errors == 0 and rows == ok else 1
        return 0 if errors == 0 else 1
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
