"""The add-in's files from `sendguard serve`: same origin, no sign-in, settings baked in."""

import json
import re
from urllib.parse import urlsplit

import httpx
import pytest

from tests.addin.conftest import CLIENT_ID, DevServer


def test_the_send_check_script_carries_this_deployments_settings(dev_server: DevServer) -> None:
    response = httpx.get(f"{dev_server.base_url}/addin/launchevent.js", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    block = re.search(r"var SENDGUARD_CONFIG = (\{.*?\});", response.text, re.DOTALL)
    assert block is not None
    config = json.loads(block.group(1))
    host = urlsplit(dev_server.base_url).netloc
    assert config["apiBaseUrl"] == dev_server.base_url
    assert config["apiScope"] == f"api://{host}/{CLIENT_ID}/access_as_user"
    assert config["unreachableAction"] == "promptUser"
    assert config["deadlineMs"] < 5000


def test_the_task_pane_config_names_the_trusts_domains(dev_server: DevServer) -> None:
    response = httpx.get(f"{dev_server.base_url}/addin/config.js", timeout=10)
    assert response.status_code == 200
    shown = json.loads(response.text.split("=", 1)[1].rstrip().rstrip(";"))
    assert "oakfield.sch.uk" in shown["internalDomains"]


@pytest.mark.parametrize(("path", "kind"), [
    ("/addin/taskpane.html", "text/html"), ("/addin/commands.html", "text/html"), ("/addin/fixes.js", "text/javascript"),
    ("/addin/taskpane.js", "text/javascript"), ("/addin/taskpane.css", "text/css"),
    ("/addin/icons/icon-16.png", "image/png"), ("/addin/icons/icon-80.png", "image/png"),
])
def test_pages_script_and_icons_are_served_without_sign_in(dev_server: DevServer, path: str, kind: str) -> None:
    response = httpx.get(dev_server.base_url + path, timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
    if kind == "image/png":
        assert response.content.startswith(b"\x89PNG")


@pytest.mark.parametrize("path", ["/addin/../pyproject.toml", "/addin/%2e%2e%2fpyproject.toml", "/addin/addin.yaml",
                                  "/addin/icons/../../addin.yaml", "/addin/launchevent.test.js"])
def test_nothing_else_is_served_from_the_add_in_folder(dev_server: DevServer, path: str) -> None:
    response = httpx.get(dev_server.base_url + path, timeout=10)
    assert response.status_code == 404


def test_the_manifests_are_made_from_the_settings(dev_server: DevServer) -> None:
    xml = httpx.get(f"{dev_server.base_url}/addin/manifest.xml", timeout=10)
    assert xml.status_code == 200 and xml.headers["content-type"].startswith("application/xml")
    assert f"{dev_server.base_url}/addin/launchevent.js" in xml.text
    assert 'SendMode="SoftBlock"' in xml.text
    manifest = httpx.get(f"{dev_server.base_url}/addin/manifest.json", timeout=10).json()
    assert manifest["webApplicationInfo"]["id"] == CLIENT_ID
    assert manifest["extensions"][0]["autoRunEvents"][0]["events"][0]["options"]["sendMode"] == "softBlock"


def test_the_well_known_file_allows_the_send_check_script(dev_server: DevServer) -> None:
    response = httpx.get(f"{dev_server.base_url}/.well-known/microsoft-officeaddins-allowed.json", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"allowed": [f"{dev_server.base_url}/addin/launchevent.js"]}


# Without SENDGUARD_PUBLIC_BASE_URL (as here) the address of a request is believed only from this machine:
# a Host header baked into cached scripts would hand the Send check to whoever named it (issue 10, item 11).
ECHOING = ["/addin/launchevent.js", "/addin/config.js", "/.well-known/microsoft-officeaddins-allowed.json",
           "/addin/manifest.xml", "/addin/manifest.json"]


@pytest.mark.parametrize("path", ECHOING)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:443", "10.0.0.5"])
def test_without_a_public_address_a_foreign_host_is_refused(dev_server: DevServer, path: str, host: str) -> None:
    response = httpx.get(dev_server.base_url + path, headers={"Host": host}, timeout=10)
    assert response.status_code == 421
    assert host.split(":")[0] not in response.text
    assert "SENDGUARD_PUBLIC_BASE_URL" in response.json()["detail"]


@pytest.mark.parametrize("path", ECHOING)
def test_without_a_public_address_a_loopback_host_is_served(dev_server: DevServer, path: str) -> None:
    port = urlsplit(dev_server.base_url).port
    response = httpx.get(dev_server.base_url + path, headers={"Host": f"localhost:{port}"}, timeout=10)
    assert response.status_code == 200
    assert f"http://localhost:{port}" in response.text


def test_item1_the_served_send_check_carries_msal_and_the_tenant_for_nested_app_authentication() -> None:
    """Issue 13, item 1: classic Outlook runs one file, so MSAL comes in it; NAA signs in at the trust's tenant."""
    from service.addin import files

    tenant = "3f2a1b4c-0000-4000-8000-00000000abcd"
    config = files.handler_config("https://sendguard.example.org", CLIENT_ID, "access_as_user", "promptUser",
                                  "sendguard.example.org", tenant)
    script = files.launch_script(config)
    assert "createNestablePublicClientApplication" in script
    assert "@azure/msal-browser" in script
    baked = json.loads(re.search(r"var SENDGUARD_CONFIG = (\{.*?\});", script, re.DOTALL).group(1))  # type: ignore[union-attr]
    assert baked["tenantId"] == tenant
    assert script.count("sendguard-config:start") == 1
