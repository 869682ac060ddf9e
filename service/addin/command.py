"""`sendguard manifest`: both manifests, and the unified manifest's app package, written to a folder."""

import argparse
import sys
import zipfile
from pathlib import Path

from pydantic import ValidationError

from service.addin.files import ICON_DIR
from service.addin.manifest import (PACKAGE_ICONS, ManifestOptions, derived_version, load_source, render_json_text,
                                    render_xml)

EXIT_BAD_INPUT = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", required=True, help="the https address Outlook reaches `sendguard serve` at")
    parser.add_argument("--client-id", required=True, help="the API's application (client) id in Entra ID")
    parser.add_argument("--send-mode", choices=["softBlock", "promptUser", "block"], default="softBlock",
                        help="what Outlook does when SendGuard cannot run (default: softBlock)")
    parser.add_argument("--addin-id", help="a fixed add-in id (default: derived from the base URL)")
    parser.add_argument("--version", dest="manifest_version",
                        help="the manifest's version, higher than the one deployed (default: derived from the "
                             "date and time, so each run is higher than the last)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")


def write_manifests(options: ManifestOptions, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    xml_path = out / "manifest.xml"
    json_path = out / "manifest.json"
    package = out / "sendguard-addin.zip"
    xml_path.write_text(render_xml(options), encoding="utf-8")
    manifest_json = render_json_text(options)
    json_path.write_text(manifest_json, encoding="utf-8")
    # The app package the Microsoft 365 admin centre takes for the unified manifest.
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", manifest_json)
        for packaged, icon in PACKAGE_ICONS.items():
            zf.write(ICON_DIR / icon, packaged)
    return [xml_path, json_path, package]


def run(args: argparse.Namespace) -> int:
    try:
        options = ManifestOptions(base_url=args.base_url, client_id=args.client_id,
                                  send_mode=args.send_mode, addin_id=args.addin_id,
                                  version=args.manifest_version or derived_version(load_source().version))
    except ValidationError as exc:
        first = exc.errors()[0]
        print(f"sendguard: --{str(first['loc'][0]).replace('_', '-')}: {first['msg']}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        written = write_manifests(options, args.out)
    except OSError as exc:
        print(f"sendguard: {args.out}: {exc.strerror or 'cannot be written'}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return 0
