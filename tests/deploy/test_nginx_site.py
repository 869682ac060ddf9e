"""deploy/nginx/sendguard.conf read as text: its limits and headers agree with the service.

(tests/deploy/test_topology.py runs it under nginx.)"""

import re

from bench.topology import SITE, render_site
from service.settings import Settings

SITE_TEXT = SITE.read_text(encoding="utf-8")


def megabytes(setting: str) -> int:
    match = re.search(rf"^\s*{setting}\s+(\d+)m;", SITE_TEXT, re.MULTILINE)
    assert match, f"{setting} not found"
    return int(match.group(1))


def test_the_body_limit_is_just_above_the_services_own() -> None:
    service_limit = Settings.model_fields["max_request_bytes"].default
    proxy_limit = megabytes("client_max_body_size") * 1024 * 1024
    # Above it, so the service's own plain 413 is what the add-in sees; not far above, so
    # nginx does not buffer what the service will refuse anyway.
    assert service_limit < proxy_limit <= service_limit + 2 * 1024 * 1024


def test_forwarded_headers_are_set_from_the_connection_never_passed_on_from_the_client() -> None:
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in SITE_TEXT
    assert "$proxy_add_x_forwarded_for" not in SITE_TEXT
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in SITE_TEXT
    assert 'proxy_set_header Forwarded "";' in SITE_TEXT


def test_only_drafts_are_repeated_on_another_server_once_sent() -> None:
    blocks = re.findall(r"location (= )?(\S+) \{(.*?)\}", SITE_TEXT, re.DOTALL)
    repeated = {path for _, path, body in blocks if "non_idempotent" in body}
    assert repeated == {"/v1/scan", "/v1/protect"}
    assert "/.well-known/microsoft-officeaddins-allowed.json" in {path for _, path, _ in blocks}


def test_no_access_log_line_holds_a_client_address_or_a_path() -> None:
    [log_format] = re.findall(r"log_format sendguard ([^;]*);", SITE_TEXT)
    logged = set(re.findall(r"\$(\w+)", log_format))
    assert logged <= {"time_iso8601", "request_method", "status", "request_time", "upstream_status"}, logged
    assert all("sendguard;" in line for line in SITE_TEXT.splitlines() if line.strip().startswith("access_log"))


def test_rendering_for_loopback_changes_only_ports_and_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rendered = render_site(SITE_TEXT, https_port=1443, http_port=1080, upstream_ports=[1001, 1002, 1003],
                           cert=tmp_path / "c.pem", key=tmp_path / "k.pem", access_log=tmp_path / "a.log")
    assert rendered.count("max_fails=1 fail_timeout=3s;") == 3
    assert "listen 127.0.0.1:1443 ssl http2;" in rendered
    kept = [line for line in SITE_TEXT.splitlines() if "proxy_" in line or "client_max_body_size" in line]
    assert all(line in rendered.splitlines() for line in kept)
