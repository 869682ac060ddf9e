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

--via-proxy runs the production topology instead (bench/topology.py): nginx with TLS in
front of --servers servers sharing PostgreSQL (--database-url, the local test database by
default, in a new schema), signed in with tokens from a stand-in tenant. A quarter of the
way through, one server is killed (SIGKILL) and started again; it prints throughput and
p99 through TLS, the errors clients saw, and any scan answered but missing from the store.

    python -m bench.load --via-proxy --clients 20 --seconds 60
"""

import argparse
import asyncio
import itertools
import json
import os
import signal
import ssl
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
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


@dataclass
class LoadRun:
    """What the clients saw: latencies of answered drafts, answers by status or error, scan ids returned."""

    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    scan_ids: list[str] = field(default_factory=list)
    sent: int = 0

    @property
    def ok(self) -> int:
        return self.outcomes.get("200", 0)

    @property
    def errors(self) -> int:
        return sum(self.outcomes.values()) - self.ok


async def run_clients(url: str, drafts: list[dict[str, Any]], clients: int, seconds: float,
                      allow_cache: bool, headers: dict[str, str], verify: ssl.SSLContext | bool = True,
                      during: Callable[[], Awaitable[None]] | None = None) -> LoadRun:
    """`clients` concurrent clients posting drafts for `seconds`; `during` runs alongside (a disruption)."""
    run = LoadRun()
    numbers = itertools.count()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits, headers=headers, verify=verify) as http:
        async def client(index: int) -> None:
            for turn in itertools.count(index):
                if time.monotonic() >= deadline:
                    return
                draft = drafts[turn % len(drafts)]
                body = draft if allow_cache else unique(draft, next(numbers))
                started = time.perf_counter()
                try:
                    response = await http.post("/v1/scan", json=body)
                    run.outcomes[str(response.status_code)] += 1
                except httpx.HTTPError as exc:
                    run.outcomes[exc.__class__.__name__] += 1
                    continue
                if response.status_code == 200:
                    run.latencies.append(time.perf_counter() - started)
                    run.scan_ids.append(response.json()["scan_id"])

        tasks = [client(i) for i in range(clients)]
        await asyncio.gather(*tasks, *([during()] if during else []))
    run.sent = next(numbers)
    return run


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


def resident_mb(pid: int) -> list[float]:
    """Resident memory (MB) of a process and of each of its children (uvicorn's workers), from /proc."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    sizes = []
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sizes


def print_memory(label: str, pid: int) -> None:
    sizes = resident_mb(pid)
    if sizes:
        print(f"memory ({label}): " + ", ".join(f"{size:.0f} MB" for size in sizes) + " resident")


def print_run(run: LoadRun, elapsed: float) -> None:
    print(f"requests: {sum(run.outcomes.values())}  ok: {run.ok}  errors: {run.errors}  {dict(run.outcomes)}")
    print(f"throughput: {run.ok / elapsed:.1f} drafts/s over {elapsed:.1f} s")
    print("latency ms: p50 {:.0f}  p95 {:.0f}  p99 {:.0f}  max {:.0f}".format(
        *(percentile(run.latencies, q) * 1000 for q in (50, 95, 99)), max(run.latencies, default=0) * 1000))


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
    parser.add_argument("--via-proxy", action="store_true",
                        help="nginx with TLS in front of several servers sharing PostgreSQL; one is killed mid-run")
    parser.add_argument("--servers", type=int, default=2, help="servers behind the proxy (with --via-proxy)")
    args = parser.parse_args(argv)

    drafts = load_drafts(args.with_attachments)
    if args.via_proxy:
        return via_proxy(args, drafts)
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
        run = asyncio.run(run_clients(url, drafts, args.clients, args.seconds, args.allow_cache, headers))
        elapsed = time.monotonic() - started
        ok, errors = run.ok, run.errors
        print_run(run, elapsed)
        if process is not None:
            print_memory("server process, then each worker" if args.workers > 1 else "server", process.pid)
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


def via_proxy(args: argparse.Namespace, drafts: list[dict[str, Any]]) -> int:
    import uuid

    from bench.topology import Topology, TopologyError, local_sign_in, missing_tools, stored_scan_ids

    reason = missing_tools()
    if reason:
        raise SystemExit(f"bench.load --via-proxy: {reason}")
    database_url = args.database_url or os.environ.get(
        "SENDGUARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    own_schema = args.database_schema is None
    schema = args.database_schema or f"sendguard_load_{uuid.uuid4().hex[:10]}"
    provider, sign_in = local_sign_in()
    topology = Topology(Path(tempfile.mkdtemp(prefix="sendguard-topology-")), database_url, schema, sign_in,
                        server_count=args.servers)
    print(f"starting nginx (TLS) and {args.servers} servers sharing PostgreSQL (schema {schema}) ...", flush=True)
    try:
        topology.start()
        print(f"logs: {topology.folder}")
        victim = topology.servers[0]
        timeline: dict[str, float] = {}

        async def kill_and_restart() -> None:
            loop = asyncio.get_running_loop()
            await asyncio.sleep(args.seconds / 4)
            timeline["killed"] = time.monotonic()
            await loop.run_in_executor(None, victim.kill)
            await loop.run_in_executor(None, victim.start)
            timeline["back"] = time.monotonic()

        print(f"{args.clients} clients for {args.seconds:g} s through https, every draft unique; "
              f"server 1 of {args.servers} killed at {args.seconds / 4:g} s and started again", flush=True)
        started = time.monotonic()
        run = asyncio.run(run_clients(topology.base_url, drafts, args.clients, args.seconds, False,
                                      {"Authorization": f"Bearer {provider.token()}"},
                                      verify=topology.client_tls(), during=kill_and_restart))
        elapsed = time.monotonic() - started
        print_run(run, elapsed)
        for number, server in enumerate(topology.servers, start=1):
            if server.process is not None:
                print_memory(f"server {number}", server.process.pid)
        if "back" in timeline:
            print(f"killed server answering again after {timeline['back'] - timeline['killed']:.1f} s")
        missing = set(run.scan_ids) - stored_scan_ids(database_url, schema)
        print(f"store: {len(run.scan_ids)} verdicts returned, "
              f"{'all in the store' if not missing else f'MISSING {len(missing)}'}")
        return 0 if run.errors == 0 and not missing else 1
    except TopologyError as exc:
        raise SystemExit(f"bench.load --via-proxy: {exc}") from None
    finally:
        topology.stop()
        provider.stop()
        if own_schema:
            from sqlalchemy import text

            engine = make_engine(database_url)
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
