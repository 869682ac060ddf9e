"""The add-in's files as served: the Send check script with the administrator's settings baked in."""

import json
import re
from typing import Any, Literal

from service.addin.manifest import ADDIN_DIR, load_source

SRC_DIR = ADDIN_DIR / "src"
ICON_DIR = ADDIN_DIR / "icons"
# The Send check as built by addin-manifest/tools/build-launchevent.js: MSAL and src/launchevent.js
# in one file, as classic Outlook on Windows runs only one.
LAUNCH_SCRIPT = ADDIN_DIR / "bundle" / "launchevent.js"

UnreachableAction = Literal["promptUser", "retryThenPrompt"]

# Pages and scripts served as they are (launchevent.js and config.js are made per deployment).
STATIC_FILES = {
    "taskpane.html": "text/html; charset=utf-8",
    "commands.html": "text/html; charset=utf-8",
    "about.html": "text/html; charset=utf-8",
    "taskpane.css": "text/css; charset=utf-8",
    "taskpane.js": "text/javascript; charset=utf-8",
    "fixes.js": "text/javascript; charset=utf-8",
}
ICON_FILES = frozenset(p.name for p in ICON_DIR.glob("*.png"))

_CONFIG_BLOCK = re.compile(r"/\* sendguard-config:start \*/.*?/\* sendguard-config:end \*/", re.DOTALL)


def handler_config(base_url: str, client_id: str | None, scope_name: str,
                   unreachable_action: UnreachableAction, host: str, tenant_id: str | None = None) -> dict[str, Any]:
    resource = f"api://{host}/{client_id}" if client_id else ""
    return {
        "apiBaseUrl": base_url,
        "apiScope": f"{resource}/{scope_name}" if resource else "",
        "clientId": client_id or "",
        # Nested app authentication signs in at this tenant (a single-tenant registration needs it).
        "tenantId": tenant_id or "",
        "unreachableAction": unreachable_action,
        "deadlineMs": 4000,
        "attachmentContentCapBytes": 4 * 1024 * 1024,
        "totalContentCapBytes": 16 * 1024 * 1024,
        "taskPaneCommandId": load_source().button_id,
    }


def launch_script(config: dict[str, Any]) -> str:
    """The built launchevent.js with its config block replaced by this deployment's settings."""
    source = LAUNCH_SCRIPT.read_text(encoding="utf-8")
    block = ("/* sendguard-config:start */\nvar SENDGUARD_CONFIG = "
             + json.dumps(config, indent=2) + ";\n/* sendguard-config:end */")
    baked, count = _CONFIG_BLOCK.subn(lambda _m: block, source, count=1)
    if count != 1:
        raise RuntimeError("launchevent.js has lost its sendguard-config markers")
    return baked


def taskpane_config(config: dict[str, Any], internal_domains: list[str]) -> str:
    shown = {"apiBaseUrl": config["apiBaseUrl"], "apiScope": config["apiScope"],
             "clientId": config["clientId"], "internalDomains": internal_domains}
    return "window.SENDGUARD_TASKPANE = " + json.dumps(shown) + ";\n"


def allowed_scripts(base_url: str) -> dict[str, list[str]]:
    """/.well-known/microsoft-officeaddins-allowed.json: the scripts classic Outlook may run with SSO."""
    return {"allowed": [f"{base_url}/{load_source().paths.script}"]}
