"""Both manifests from one source: what they point at, what Outlook needs in them, and the schemas."""

import json
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from service.addin.files import handler_config
from service.addin.manifest import (VERSION_PATTERN, ManifestOptions, derived_version, load_source, render_json,
                                    render_json_text, render_xml)
from service.cli import main
from tests.addin.conftest import ADDIN_DIR, node_or_skip

BASE = "https://sendguard.oakfield.sch.uk/mail"
CLIENT = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "v": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v11": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# The child order of OfficeApp that the add-in manifest schema (a sequence) requires, for a mail add-in.
OFFICEAPP_ORDER = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
                   "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "FormSettings",
                   "Permissions", "Rule", "DisableEntityHighlighting", "VersionOverrides"]
NAMESPACE_URLS = ("http://schemas.microsoft.com/", "http://www.w3.org/", "https://developer.microsoft.com/json-schemas/")
URL = re.compile(r"""https?://[^\s"'<>]+""")


def _options(send_mode: str = "softBlock") -> ManifestOptions:
    return ManifestOptions.model_validate({"base_url": BASE, "client_id": CLIENT, "send_mode": send_mode})


def _xml(send_mode: str = "softBlock") -> Any:
    return etree.fromstring(render_xml(_options(send_mode)).encode("utf-8"))


def _local(el: Any) -> str:
    return str(etree.QName(el).localname)


@pytest.mark.parametrize("text", [render_xml(_options()), render_json_text(_options())], ids=["xml", "json"])
def test_every_url_is_the_base_url_or_a_schema_namespace(text: str) -> None:
    urls = URL.findall(text)
    assert len(urls) >= 8
    strays = [u for u in urls if not u.startswith(BASE + "/") and not u.startswith(NAMESPACE_URLS)]
    assert strays == []
    assert "sendguard.oakfield.sch.uk/mail/addin/launchevent.js" in text
    assert text.count(CLIENT) >= 2  # the id and the api:// resource


def test_xml_manifest_follows_the_schema_order_and_types() -> None:
    root = _xml()
    assert _local(root) == "OfficeApp"
    assert root.get(f"{{{NS['xsi']}}}type") == "MailApp"
    children = [_local(c) for c in root if isinstance(c.tag, str)]
    assert children == [n for n in OFFICEAPP_ORDER if n in children]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", root.findtext("o:Id", namespaces=NS))
    assert len(root.find("o:DisplayName", NS).get("DefaultValue")) <= 125
    assert len(root.find("o:Description", NS).get("DefaultValue")) <= 250
    outer = root.find("v:VersionOverrides", NS)
    inner = outer.find("v11:VersionOverrides", NS)
    assert inner.get(f"{{{NS['xsi']}}}type") == "VersionOverridesV1_1"
    sets = inner.find("v11:Requirements/bt:Sets", NS)
    assert tuple(int(p) for p in sets.get("DefaultMinVersion").split(".")) >= (1, 12)


@pytest.mark.parametrize(("mode", "xml_mode"), [("softBlock", "SoftBlock"), ("promptUser", "PromptUser"), ("block", "Block")])
def test_xml_manifest_runs_the_handler_on_send(mode: str, xml_mode: str) -> None:
    root = _xml(mode)
    events = root.findall(".//v11:LaunchEvent", NS)
    assert [(e.get("Type"), e.get("FunctionName"), e.get("SendMode")) for e in events] == [
        ("OnMessageSend", "onMessageSendHandler", xml_mode)]
    urls = {u.get("id"): u.get("DefaultValue") for u in root.iterfind(".//bt:Url", NS)}
    runtime = root.find(".//v11:Runtime", NS)
    override = runtime.find("v11:Override", NS)
    # Classic Outlook on Windows runs the JavaScript file alone; the others the HTML page.
    assert override.get("type") == "javascript"
    assert urls[override.get("resid")] == f"{BASE}/addin/launchevent.js"
    assert urls[runtime.get("resid")] == f"{BASE}/addin/commands.html"
    launch_point = root.find(".//v11:ExtensionPoint[@xsi:type='LaunchEvent']", NS)
    assert launch_point.find("v11:SourceLocation", NS).get("resid") == runtime.get("resid")


def test_xml_manifest_resources_are_all_defined_and_short_enough() -> None:
    root = _xml()
    defined = {el.get("id") for el in root.iterfind(".//v11:Resources//*[@id]", NS)}
    used = {el.get("resid") for el in root.iter() if isinstance(el.tag, str) and el.get("resid")}
    assert used <= defined
    for short in root.iterfind(".//bt:ShortStrings/bt:String", NS):
        assert len(short.get("DefaultValue")) <= 125
    for long in root.iterfind(".//bt:LongStrings/bt:String", NS):
        assert len(long.get("DefaultValue")) <= 250
    # Smart Alerts' commandId must be a task pane button of the compose surface.
    button = root.find(".//v11:ExtensionPoint[@xsi:type='MessageComposeCommandSurface']//v11:Control", NS)
    assert button.get("id") == handler_config(BASE, CLIENT, "access_as_user", "promptUser", "h")["taskPaneCommandId"]
    assert button.find("v11:Action", NS).get(f"{{{NS['xsi']}}}type") == "ShowTaskpane"


def test_xml_manifest_names_the_api_for_single_sign_on() -> None:
    info = _xml().find(".//v11:WebApplicationInfo", NS)
    assert info.findtext("v11:Id", namespaces=NS) == CLIENT
    assert info.findtext("v11:Resource", namespaces=NS) == f"api://sendguard.oakfield.sch.uk/{CLIENT}"


def test_json_manifest_points_at_the_api_and_the_send_mode() -> None:
    manifest = render_json(_options("promptUser"))
    assert manifest["webApplicationInfo"] == {"id": CLIENT, "resource": f"api://sendguard.oakfield.sch.uk/{CLIENT}"}
    event = manifest["extensions"][0]["autoRunEvents"][0]["events"][0]
    assert event == {"type": "messageSending", "actionId": "onMessageSendHandler", "options": {"sendMode": "promptUser"}}
    assert manifest["validDomains"] == ["sendguard.oakfield.sch.uk"]


def test_the_add_in_id_is_stable_for_one_deployment() -> None:
    assert _options().resolved_addin_id == _options("block").resolved_addin_id
    other = ManifestOptions.model_validate({"base_url": "https://other.example.org", "client_id": CLIENT})
    assert other.resolved_addin_id != _options().resolved_addin_id


@pytest.mark.parametrize("base", ["http://sendguard.example.org", "sendguard.example.org", "https://x.org/?a=1"])
def test_an_address_outlook_cannot_load_is_refused(base: str) -> None:
    with pytest.raises(ValueError, match="base URL"):
        ManifestOptions.model_validate({"base_url": base, "client_id": CLIENT})


def test_the_command_writes_both_manifests_and_the_app_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["manifest", "--base-url", BASE + "/", "--client-id", CLIENT, "--send-mode", "block", "--out", str(tmp_path)])
    assert code == 0
    assert 'SendMode="Block"' in (tmp_path / "manifest.xml").read_text(encoding="utf-8")
    written = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert written == render_json(_options("block").model_copy(update={"version": written["version"]}))
    with zipfile.ZipFile(tmp_path / "sendguard-addin.zip") as zf:
        assert sorted(zf.namelist()) == ["color.png", "manifest.json", "outline.png"]
    assert str(tmp_path / "manifest.xml") in capsys.readouterr().out


@pytest.mark.parametrize(("flag", "value"), [("--base-url", "http://public.example.org"), ("--client-id", "not-a-guid")])
def test_the_command_refuses_bad_input_in_one_line(flag: str, value: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    args = {"--base-url": BASE, "--client-id": CLIENT, flag: value}
    code = main(["manifest", *[p for kv in args.items() for p in kv], "--out", str(tmp_path)])
    assert code == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"sendguard: {flag}:") and "\n" not in err
    assert not (tmp_path / "manifest.xml").exists()


def test_the_committed_examples_are_what_the_generator_makes() -> None:
    options = ManifestOptions.model_validate({"base_url": "https://sendguard.example.org",
                                              "client_id": "11111111-2222-4333-8444-555555555555"})
    examples = ADDIN_DIR / "examples"
    assert (examples / "manifest.xml").read_text(encoding="utf-8") == render_xml(options)
    assert (examples / "manifest.json").read_text(encoding="utf-8") == render_json_text(options)


@pytest.mark.parametrize("mode", ["softBlock", "promptUser", "block"])
def test_generated_manifests_pass_microsofts_schema_and_reader(mode: str, tmp_path: Path) -> None:
    node = node_or_skip()
    (tmp_path / "manifest.json").write_text(render_json_text(_options(mode)), encoding="utf-8")
    (tmp_path / "manifest.xml").write_text(render_xml(_options(mode)), encoding="utf-8")
    result = subprocess.run(
        [node, str(ADDIN_DIR / "tools" / "validate-manifest.js"), str(tmp_path / "manifest.json"), str(tmp_path / "manifest.xml")],
        cwd=ADDIN_DIR, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Both, as Microsoft's tools read them (the XML through its converter), run the check on send in this mode.
    assert result.stdout.count(f": messageSending {mode}\n") == 2, result.stdout


# Issue 13, item 7: Outlook takes a changed manifest only with a higher version.
def test_item7_the_command_gives_each_run_a_higher_version_or_the_one_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = load_source().version
    earlier = derived_version(base, datetime(2026, 12, 7, 5, 9, tzinfo=UTC))
    later = derived_version(base, datetime(2026, 12, 7, 5, 10, tzinfo=UTC))
    next_day = derived_version(base, datetime(2026, 12, 8, 0, 0, tzinfo=UTC))
    key = lambda v: tuple(int(p) for p in v.split("."))  # noqa: E731
    assert key(base) < key(earlier) < key(later) < key(next_day)
    assert re.fullmatch(VERSION_PATTERN, next_day)  # at most 5 digits a part, as the XML manifest's schema allows

    assert main(["manifest", "--base-url", BASE, "--client-id", CLIENT, "--out", str(tmp_path / "a")]) == 0
    derived = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))["version"]
    assert key(derived) > key(base)
    assert f"<Version>{derived}</Version>" in (tmp_path / "a" / "manifest.xml").read_text(encoding="utf-8")

    assert main(["manifest", "--base-url", BASE, "--client-id", CLIENT, "--version", "2.3.4", "--out", str(tmp_path / "b")]) == 0
    assert "<Version>2.3.4</Version>" in (tmp_path / "b" / "manifest.xml").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))["version"] == "2.3.4"
    capsys.readouterr()

    assert main(["manifest", "--base-url", BASE, "--client-id", CLIENT, "--version", "1.0.123456", "--out", str(tmp_path / "c")]) == 3
    assert capsys.readouterr().err.startswith("sendguard: --version:")
