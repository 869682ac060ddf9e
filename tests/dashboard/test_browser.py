"""The dashboard in headless Chromium (Debian's package, driven by Playwright): after the scripted
run, the figures, tables and CSV a DPO sees match it exactly.

Set SENDGUARD_DASHBOARD_SCREENSHOT=docs/dashboard.png to keep the screenshot this takes.
"""

import csv
import io
import math
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.conftest import Server
from tests.auth.identity_provider import API_CLIENT_ID, TENANT
from tests.dashboard.conftest import DPO_ROLE, MISDIRECTED_DAY, PRIMARY, ScriptedRun

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TODAY = datetime.now(UTC).date().isoformat()
REASON_WORDS = {"recipient_entitled": "The recipient is entitled to it", "secure_channel": "It goes by a secure route",
                "consent_given": "Consent was given"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Chromium is not installed (apt-get install -y chromium)")

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open_dashboard(browser: Any, server: Server, roles: list[str], query: str = "") -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  locale="en-GB", timezone_id="Europe/London")
    token = server.provider.token(roles=roles)
    context.add_init_script(f"sessionStorage.setItem('sendguard.accessToken', {token!r});")
    # Nothing may be loaded from anywhere but the service itself.
    outside: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(server.base_url) else outside.append(r.url))
    page = context.new_page()
    page.goto(f"{server.base_url}/dashboard{query}")
    page.outside_requests = outside
    return page


def _table(page: Any, name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = page.eval_on_selector_all(
        f"#table-{name} tbody tr",
        "rows => rows.map(r => Object.fromEntries([...r.cells].map(c => [c.dataset.column, c.textContent])))",
    )
    return rows


def test_a_dpo_sees_exactly_the_scripted_run(browser: Any, dashboard_server: Server,
                                             scripted_run: ScriptedRun, tmp_path: Path) -> None:
    run = scripted_run
    page = _open_dashboard(browser, dashboard_server, [DPO_ROLE], f"?from={TODAY}&to={TODAY}&min_firings=3")
    page.wait_for_selector("body[data-loaded=yes]", timeout=30_000)

    def figure(name: str) -> int:
        return int(page.text_content(f'[data-figure="{name}"]'))

    assert figure("scans") == run.scans
    assert figure("intercepts") == run.intercepts
    assert (figure("warned"), figure("blocked")) == (run.actions["warn"], run.actions["block"])
    assert (figure("changed"), figure("cancelled"), figure("sent_anyway"), figure("no_outcome")) == (
        run.outcomes["changed"], run.outcomes["cancelled"], run.outcomes["sent_anyway"], run.outcomes["none"])
    assert figure("senders") == len(run.senders)

    shown = [r for r in _table(page, "rule_outcomes") if r["fired"] != "0"]
    expected = run.rule_rows(min_firings=3)
    assert [(r["rule"], int(r["fired"]), int(r["changed"]), int(r["cancelled"]), int(r["sent_anyway"]),
             int(r["no_outcome"]), r["mostly_overridden"]) for r in shown] == [
        (e["rule"], e["fired"], e["changed"], e["cancelled"], e["sent_anyway"], e["no_outcome"],
         "yes" if e["mostly_overridden"] else "no") for e in expected]
    assert {(r["rule"], r["reason"]): int(r["count"]) for r in _table(page, "override_reasons")} == {
        (rule, REASON_WORDS[reason]): n for (rule, reason), n in run.reasons.items()}
    assert {(r["day"], r["action"]): int(r["scans"]) for r in _table(page, "daily_verdicts")} == {
        (TODAY, a): n for a, n in run.actions.items()}
    assert {r["platform"]: int(r["scans"]) for r in _table(page, "platforms")} == dict(run.platforms)
    assert page.eval_on_selector_all("canvas", "cs => cs.filter(c => c.width > 0).length") == 5

    # By school or department: every figure of the scripted run, the rate as a percentage.
    assert _table(page, "units") == [
        {"unit": str(e["unit"]), "scans": str(e["scans"]), "intercepts": str(e["intercepts"]),
         "warned": str(e["warned"]), "blocked": str(e["blocked"]), "sent_anyway": str(e["sent_anyway"]),
         "override_rate": f"{math.floor(float(e['override_rate']) * 1000 + 0.5) / 10:g}%"} for e in run.unit_rows()]
    assert page.is_hidden("#units-unmapped")
    with page.expect_download() as download_info:
        page.click('button[data-csv="units"]')
    units_csv = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert units_csv == [{k: str(v) for k, v in e.items()} for e in run.unit_rows()]

    with page.expect_download() as download_info:
        page.click('button[data-csv="rule_outcomes"]')
    download = download_info.value
    assert download.suggested_filename == "sendguard-rule_outcomes.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [{k: v for k, v in r.items() if k != "shadow"} for r in rows if r["fired"] != "0"] == [
        {k: ("yes" if v is True else "no" if v is False else str(v)) for k, v in e.items()} for e in expected]

    assert page.outside_requests == []
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    if target := os.environ.get("SENDGUARD_DASHBOARD_SCREENSHOT"):
        shutil.copyfile(shot, target)
    page.emulate_media(media="print")
    assert page.is_hidden("#filters")
    assert page.is_visible("#table-rule_outcomes")
    page.pdf(path=str(tmp_path / "dashboard.pdf"))
    assert (tmp_path / "dashboard.pdf").stat().st_size > 10_000


def test_the_filters_narrow_what_is_shown(browser: Any, dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    page = _open_dashboard(browser, dashboard_server, [DPO_ROLE], f"?from={TODAY}&to={TODAY}&action=block")
    page.wait_for_selector("body[data-loaded=yes]", timeout=30_000)
    assert int(page.text_content('[data-figure="scans"]')) == scripted_run.actions["block"]
    page.select_option("select[name=action]", "")
    page.fill("input[name=from]", "2000-01-01")
    page.fill("input[name=to]", "2000-01-31")
    page.click("button[type=submit]")
    sync_api.expect(page.locator("[data-figure=scans]")).to_have_text("0")
    assert "from=2000-01-01" in page.url


def test_the_unit_filter_shows_one_school(browser: Any, dashboard_server: Server, scripted_run: ScriptedRun) -> None:
    page = _open_dashboard(browser, dashboard_server, [DPO_ROLE], f"?from={TODAY}&to={TODAY}")
    page.wait_for_selector("body[data-loaded=yes]", timeout=30_000)
    choices = page.eval_on_selector_all("select[name=unit] option", "os => os.map(o => o.value)")
    assert set(choices) == {"", *scripted_run.units}
    page.select_option("select[name=unit]", PRIMARY)
    page.click("button[type=submit]")
    counts = scripted_run.units[PRIMARY]
    sync_api.expect(page.locator("[data-figure=scans]")).to_have_text(str(counts["scans"]))
    assert [r["unit"] for r in _table(page, "units")] == [PRIMARY]
    assert "unit=Oakfield+Primary" in page.url
    assert PRIMARY in page.text_content("#range")


def test_staff_without_the_dpo_role_see_no_figures(browser: Any, dashboard_server: Server) -> None:
    page = _open_dashboard(browser, dashboard_server, [])
    sync_api.expect(page.locator("#status")).to_contain_text("SendGuard.DPO role")
    assert page.is_hidden("#summary")


def test_without_a_token_the_page_signs_in_with_entra_id(browser: Any, dashboard_server: Server) -> None:
    """MSAL Browser (bundled) sends the DPO to the tenant's authorize endpoint with PKCE. The tenant's
    endpoints are answered here, in the browser, so nothing leaves the machine."""
    context = browser.new_context()
    authority = f"https://login.microsoftonline.com/{TENANT}"
    asked: list[str] = []

    def answer(route: Any) -> None:
        url = route.request.url
        asked.append(url)
        if "/.well-known/openid-configuration" in url:
            route.fulfill(json={
                "issuer": f"https://login.microsoftonline.com/{TENANT}/v2.0",
                "authorization_endpoint": f"{authority}/oauth2/v2.0/authorize",
                "token_endpoint": f"{authority}/oauth2/v2.0/token",
                "end_session_endpoint": f"{authority}/oauth2/v2.0/logout",
                "jwks_uri": f"{authority}/discovery/v2.0/keys",
            })
        elif "/discovery/instance" in url:
            route.fulfill(json={"tenant_discovery_endpoint": f"{authority}/v2.0/.well-known/openid-configuration",
                                "metadata": []})
        else:
            route.fulfill(body="<p>Entra ID sign-in page</p>", content_type="text/html")

    context.route("https://login.microsoftonline.com/**", answer)
    page = context.new_page()
    page.goto(f"{dashboard_server.base_url}/dashboard")
    page.wait_for_url("https://login.microsoftonline.com/**/authorize?**", timeout=30_000)
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == f"/{TENANT}/oauth2/v2.0/authorize"
    assert query["client_id"] == [API_CLIENT_ID]
    assert query["redirect_uri"] == [f"{dashboard_server.base_url}/dashboard"]
    assert f"api://{API_CLIENT_ID}/access_as_user" in query["scope"][0].split()
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert all(u.startswith("https://login.microsoftonline.com/") for u in asked)
    context.close()


def test_the_misdirected_email_rules_and_how_often_senders_corrected(browser: Any, dashboard_server: Server) -> None:
    """The seeded week of wrong-recipient warnings (tests/dashboard/script.py): the four section 8 rules
    in every panel that lists rules, and the figure a DPO quotes to governors."""
    from service.dashboard.stats import MISDIRECTED_RULES

    first, last = MISDIRECTED_DAY.date().isoformat(), MISDIRECTED_DAY.date().fromordinal(
        MISDIRECTED_DAY.date().toordinal() + 1).isoformat()
    page = _open_dashboard(browser, dashboard_server, [DPO_ROLE], f"?from={first}&to={last}")
    page.wait_for_selector("body[data-loaded=yes]", timeout=30_000)
    assert page.text_content('[data-figure="misdirected_corrected"]') == "3 of 6"
    assert _table(page, "misdirected") == [{"warned": "6", "corrected": "3", "changed": "1", "cancelled": "2",
                                            "sent_anyway": "2", "no_outcome": "1", "corrected_share": "60%"}]
    assert set(MISDIRECTED_RULES) <= {r["rule"] for r in _table(page, "rule_outcomes")}
    assert set(MISDIRECTED_RULES) <= {r["rule"] for r in _table(page, "daily_rules")}
    assert {"new-external-recipient", "recipient-address-changed"} <= {
        r["rule"] for r in _table(page, "override_reasons")}
    choices = page.eval_on_selector_all("select[name=rule] option", "os => os.map(o => o.value)")
    assert set(MISDIRECTED_RULES) <= set(choices) and len(choices) == len(set(choices))
    page.select_option("select[name=rule]", "recipient-name-mismatch")
    page.click("button[type=submit]")
    sync_api.expect(page.locator("[data-figure=scans]")).to_have_text("2")
    sync_api.expect(page.locator('[data-figure="misdirected_corrected"]')).to_have_text("1 of 2")
    with page.expect_download() as download_info:
        page.click('button[data-csv="misdirected"]')
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert rows == [{"warned": "2", "corrected": "1", "changed": "1", "cancelled": "0", "sent_anyway": "0",
                     "no_outcome": "1", "corrected_share": "1.0"}]
