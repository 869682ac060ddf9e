"""The production topology on loopback: nginx (TLS, a self-signed certificate) in front of
several `sendguard serve` servers sharing one PostgreSQL store.

It runs deploy/nginx/sendguard.conf as shipped, with only its ports, certificate and log
paths changed, so what is tested is what an IT team installs. Used by
tests/deploy/test_topology.py and `python -m bench.load --via-proxy`.
"""

import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from service.settings import REPO_ROOT

SITE = REPO_ROOT / "deploy" / "nginx" / "sendguard.conf"
STARTUP_SECONDS = 120
# The upstream lines of the shipped site, replaced by one line per server here.
_UPSTREAM_LINES = (
    "    server 127.0.0.1:8001 max_fails=1 fail_timeout=3s;\n"
    "    server 127.0.0.1:8002 max_fails=1 fail_timeout=3s;\n"
)


class TopologyError(RuntimeError):
    """A part of the topology could not be started; the message says which and why."""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_tools() -> str | None:
    """None when nginx and openssl are here, else what is missing (scripts/test installs them as root)."""
    missing = [tool for tool in ("nginx", "openssl") if nginx_path(tool) is None]
    return f"not installed: {', '.join(missing)} (scripts/test installs them from Debian as root)" if missing else None


def nginx_path(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, and its key, made with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def render_site(site: str, *, https_port: int, http_port: int, upstream_ports: list[int], cert: Path, key: Path,
                access_log: Path) -> str:
    """The shipped site with loopback ports and this run's files; fails if the site changed shape."""
    replacements = {
        _UPSTREAM_LINES: "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;\n" for p in upstream_ports),
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "server_name sendguard.example.org;": "server_name localhost;",
        "/etc/ssl/sendguard/fullchain.pem": str(cert),
        "/etc/ssl/sendguard/privkey.pem": str(key),
        "/var/log/nginx/sendguard-access.log": str(access_log),
    }
    for old, new in replacements.items():
        if old not in site:
            raise TopologyError(f"deploy/nginx/sendguard.conf no longer has {old.strip()!r}")
        site = site.replace(old, new)
    return site


def nginx_main_config(folder: Path, site: Path) -> str:
    """nginx.conf for a private nginx in `folder`, in the foreground, including the site."""
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Run as root (a test machine's CI), the workers would be `nobody`, who cannot enter a private temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\ndaemon off;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'nginx-error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n{temp}\n    include {site};\n}}\n"
    )


def wait_until_healthy(url: str, process: "subprocess.Popen[bytes]", log_path: Path,
                       verify: ssl.SSLContext | bool = True,
                       seconds: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise TopologyError(f"exited at start-up:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1, verify=verify).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TopologyError(f"{url} did not answer /healthz in {seconds:g} s")


@dataclass
class Server:
    """One `sendguard serve` (one worker) on a loopback port."""

    port: int
    env: dict[str, str]
    log_path: Path
    process: "subprocess.Popen[bytes] | None" = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        if wait:
            self.wait()

    def wait(self) -> None:
        assert self.process is not None
        wait_until_healthy(self.url, self.process, self.log_path)

    def kill(self) -> None:
        """As a crash or an OOM kill would: no shutdown, nothing flushed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Topology:
    """nginx on https://localhost:<port> in front of `servers` servers sharing one store.

    `settings` are the servers' SENDGUARD_* variables (sign-in, organisation...); the store,
    the shared hash key, the public address and each server's data folder are added here.
    """

    folder: Path
    database_url: str
    database_schema: str
    settings: dict[str, str]
    server_count: int = 2
    servers: list[Server] = field(default_factory=list)
    https_port: int = 0
    nginx: "subprocess.Popen[bytes] | None" = None
    cert: Path | None = None

    @property
    def base_url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def client_tls(self) -> ssl.SSLContext:
        """A client's TLS settings that trust this run's self-signed certificate."""
        assert self.cert is not None, "the topology is not started"
        return ssl.create_default_context(cafile=str(self.cert))

    def start(self) -> "Topology":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.https_port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SENDGUARD_")}
        env.update({
            "HF_HUB_OFFLINE": "1", "TLDEXTRACT_CACHE_TIMEOUT": "0",
            "SENDGUARD_DATABASE_URL": self.database_url,
            "SENDGUARD_DATABASE_SCHEMA": self.database_schema,
            # Every server must hash senders with the same key, or their rows cannot be matched.
            "SENDGUARD_HASH_KEY": "topology-hash-key-shared-by-every-server",
            "SENDGUARD_PUBLIC_BASE_URL": self.base_url,
            **self.settings,
        })
        migrated = subprocess.run([sys.executable, "-m", "service.cli", "migrate"], cwd=REPO_ROOT, env=env,
                                  capture_output=True, text=True, timeout=120)
        if migrated.returncode != 0:
            raise TopologyError(f"sendguard migrate failed: {migrated.stderr.strip()}")
        for index in range(self.server_count):
            data_dir = self.folder / f"server-{index}"
            data_dir.mkdir(exist_ok=True)
            self.servers.append(Server(free_port(), {**env, "SENDGUARD_DATA_DIR": str(data_dir)},
                                       self.folder / f"server-{index}.log"))
        for server in self.servers:
            server.start(wait=False)
        for server in self.servers:
            server.wait()
        self._start_nginx()
        return self

    def _start_nginx(self) -> None:
        self.cert, key = self_signed_certificate(self.folder)
        site = self.folder / "sendguard.conf"
        site.write_text(render_site(
            SITE.read_text(encoding="utf-8"), https_port=self.https_port, http_port=free_port(),
            upstream_ports=[s.port for s in self.servers], cert=self.cert, key=key,
            access_log=self.folder / "nginx-access.log",
        ), encoding="utf-8")
        main = self.folder / "nginx.conf"
        main.write_text(nginx_main_config(self.folder, site), encoding="utf-8")
        nginx = nginx_path("nginx")
        assert nginx is not None
        checked = subprocess.run([nginx, "-t", "-q", "-c", str(main), "-p", str(self.folder)],
                                 capture_output=True, text=True, timeout=30)
        if checked.returncode != 0:
            raise TopologyError(f"nginx refused the site: {checked.stderr.strip()}")
        log_path = self.folder / "nginx.out"
        with log_path.open("wb") as log:
            self.nginx = subprocess.Popen([nginx, "-c", str(main), "-p", str(self.folder)],
                                          stdout=log, stderr=subprocess.STDOUT)
        wait_until_healthy(self.base_url, self.nginx, log_path, verify=self.client_tls(), seconds=30)

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for server in self.servers:
            server.stop()


def local_sign_in() -> tuple["IdentityProvider", dict[str, str]]:  # noqa: F821 - imported below
    """A stand-in Entra ID tenant on loopback (tests/auth) and the servers' settings for it.

    NOTE: development sign-in refuses every request that came through a proxy, so the
    topology signs in as production does, with tokens from this stand-in.
    """
    from tests.auth.identity_provider import API_CLIENT_ID, TENANT, IdentityProvider

    provider = IdentityProvider().start()
    return provider, {
        "SENDGUARD_TENANT_ID": TENANT,
        "SENDGUARD_API_CLIENT_ID": API_CLIENT_ID,
        "SENDGUARD_OPENID_CONFIG_URL": provider.openid_config_url,
    }


def stored_scan_ids(database_url: str, schema: str) -> set[str]:
    from sqlalchemy import select

    from service.store.models import ScanRow
    from service.store.repository import make_engine

    engine = make_engine(database_url, schema)
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(select(ScanRow.scan_id))}
    finally:
        engine.dispose()
