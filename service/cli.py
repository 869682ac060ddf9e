"""sendguard scan | analyze | serve | migrate | protect (CONTRACT section 1)."""

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from service import simulate
from service.history import command as history_command
from service.rulebook import cli as rules_cli
from service.addin import command as manifest_command

EXIT_ALLOW, EXIT_WARN, EXIT_BLOCK, EXIT_BAD_INPUT = 0, 1, 2, 3
_EXIT_FOR_ACTION = {"allow": EXIT_ALLOW, "warn": EXIT_WARN, "block": EXIT_BLOCK}

# A draft file larger than this is refused rather than read into memory.
MAX_INPUT_BYTES = 60 * 1024 * 1024


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 3 as the contract says."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"sendguard: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sendguard", description="Checks school email for personal data before it is sent.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    scan = sub.add_parser("scan", help="scan drafts (.eml, .msg or ScanRequest .json) and print verdicts")
    scan.add_argument("files", nargs="+", type=Path, metavar="FILE")
    scan.add_argument("--org", type=Path, help="organisation file (default: the bundled example)")
    scan.add_argument("--rules", type=Path, help="rules folder (default: the bundled rules/)")
    scan.add_argument("--format", choices=["text", "json"], default="text")

    analyze = sub.add_parser("analyze", help="find personal data in text read from standard input")
    analyze.add_argument("--format", choices=["json", "jsonl"], default="json")

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (each loads the models once)")
    sub.add_parser("migrate", help="bring the intercept store's tables up to date (run before starting new servers)")
    protect = sub.add_parser("protect", help="write a password-protected copy of a file and print its password")
    protect.add_argument("file", type=Path, metavar="FILE")
    protect.add_argument("--out", type=Path, metavar="PATH",
                         help="where to write the copy (default: beside FILE, with -protected added to its name)")
    simulate.add_parser(sub)
    history_command.add_parser(sub)
    rules_cli.add_parser(sub)
    manifest_command.add_arguments(sub.add_parser("manifest", help="write the Outlook add-in's manifests"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="sendguard: %(levelname)s: %(message)s")
    try:
        if args.command == "scan":
            return _scan(args)
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "protect":
            return _protect(args)
        if args.command == "migrate":
            return _migrate()
        if args.command == "simulate":
            return simulate.run(args)
        if args.command == "history":
            return history_command.run(args)
        if args.command == "rules":
            return rules_cli.run(args)
        if args.command == "manifest":
            return manifest_command.run(args)
    except KeyboardInterrupt:
        return 130
    return EXIT_BAD_INPUT  # pragma: no cover


# --- scan ------------------------------------------------------------------


def read_request(path: Path) -> "ScanRequest":  # noqa: F821
    """A draft file as a ScanRequest; InputError with a one-line reason if it cannot be."""
    from service.extract.email_file import InputError, load_eml, load_msg
    from service.schemas.scan import ScanRequest

    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"the file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot be read") from None
    suffix = path.suffix.lower()
    if suffix == ".eml":
        return load_eml(data)
    if suffix == ".msg":
        return load_msg(data)
    if suffix == ".json":
        try:
            return ScanRequest.model_validate_json(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(top)"
            problem = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
            more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
            raise InputError(f"not a valid ScanRequest: {where}: {problem}{more}") from None
    raise InputError("unknown file type: give a .eml, .msg or .json file")


def _scan(args: argparse.Namespace) -> int:
    from service.extract.email_file import InputError
    from service.rules.loader import RuleFileError
    from service.scanner import build_scanner

    try:
        scanner = build_scanner(organisation_file=args.org, rules_dir=args.rules)
    except (RuleFileError, OSError) as exc:
        print(f"sendguard: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    scanner.history = _store_history()

    worst, bad_input = EXIT_ALLOW, False
    for path in args.files:
        try:
            request = read_request(path)
            # No token here: the draft's From is whose recipient history applies.
            sender = request.message.sender
            result = scanner.scan(request, sender=sender.address if sender else None)
        except InputError as exc:
            print(f"sendguard: {path}: {exc}", file=sys.stderr)
            bad_input = True
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            logging.getLogger(__name__).debug("scan failed", exc_info=True)
            print(f"sendguard: {path}: could not be scanned ({exc.__class__.__name__})", file=sys.stderr)
            bad_input = True
            continue
        worst = max(worst, _EXIT_FOR_ACTION[result.action])
        if args.format == "json":
            print(json.dumps({"file": str(path), **result.model_dump(mode="json")}, ensure_ascii=False))
        else:
            _print_text(path, result)
    return EXIT_BAD_INPUT if bad_input else worst


def _store_history() -> "RecipientHistory | None":  # noqa: F821
    """The recipient history `history import` and `serve` keep, if there is one yet (never made here)."""
    from service.history.store import open_store_history
    from service.settings import get_settings

    try:
        return open_store_history(get_settings(), create=False)
    except Exception as exc:  # noqa: BLE001 - no readable store: scan without history
        logging.getLogger(__name__).debug("no recipient history", exc_info=True)
        print(f"sendguard: the recipient history cannot be read ({exc.__class__.__name__}); "
              "scanning without it", file=sys.stderr)
        return None


def _print_text(path: Path, result: "ScanResult") -> None:  # noqa: F821
    from service.scanner import TRUNCATED_NOTE

    print(f"{path}: {result.action.upper()}")
    for f in result.findings:
        print(f"  [{f.action.value}] {f.rule}: {f.title}")
        print(f"      {f.message}")
        print(f"      What to do: {f.fix}")
        print(f"      Where: {', '.join(f.locations)}   Policy: {f.policy}")
    if not result.findings:
        print("  No problems found.")
    if TRUNCATED_NOTE in result.summary:
        print(f"  Note: {TRUNCATED_NOTE}")


# --- analyze -----------------------------------------------------------------


def _analyze(args: argparse.Namespace) -> int:
    from service.detect.analyzer import build_detector
    from service.extract.text import normalise
    from service.settings import get_settings

    detector = build_detector(get_settings())

    def entities_of(text: str) -> list[dict[str, object]]:
        norm = normalise(text)
        out = []
        for e in detector.analyze(norm.text):
            start, end = norm.to_original(e.start, e.end)
            out.append({"type": e.type.value, "start": start, "end": end, "score": e.score})
        return out

    raw = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    if args.format == "json":
        print(json.dumps(entities_of(raw)))
        return 0
    status = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object like {"text": "..."}')
        except ValueError as exc:
            print(f"sendguard: line {number}: {str(exc).splitlines()[0]}", file=sys.stderr)
            print("[]")
            status = EXIT_BAD_INPUT
            continue
        print(json.dumps(entities_of(item["text"])))
    return status


# --- protect -----------------------------------------------------------------


def _protect(args: argparse.Namespace) -> int:
    """Writes the copy and prints only the password: `sendguard protect f.docx > pw` keeps it out of sight."""
    from service.protect import CannotProtect, ProtectLimits, protect_file
    from service.protect import reasons
    from service.settings import Settings

    source: Path = args.file
    try:
        settings = Settings()
    except ValueError as exc:
        print(f"sendguard: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    limits = ProtectLimits(max_bytes=settings.protect_max_bytes, seconds=settings.protect_seconds)

    def refuse(reason: str) -> int:
        print(f"sendguard: {source}: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT

    try:
        if source.stat().st_size > limits.max_bytes:
            return refuse(reasons.too_large(limits.max_bytes))
        data = source.read_bytes()
    except OSError as exc:
        return refuse(exc.strerror or "the file cannot be read")
    try:
        copy = protect_file(source.name, data, limits=limits)
    except CannotProtect as refused:
        return refuse(refused.reason)
    target: Path = args.out or source.with_name(copy.name)
    try:
        if target.exists() and target.samefile(source):
            return refuse("the copy would overwrite the original; give another --out")
        target.write_bytes(copy.data)
    except OSError as exc:
        return refuse(f"the copy could not be written to {target}: {exc.strerror or 'error'}")
    print(copy.password)
    return 0


# --- migrate -------------------------------------------------------------------


def settings_problem(exc: ValueError) -> str:
    """A settings error as one plain line: pydantic's own first line only says how many errors."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        return f"SENDGUARD_{where.upper()}: {message}" if where else message
    return str(exc).splitlines()[0]


def _migrate() -> int:
    """Upgrade the store to this version's tables: once per upgrade, before the servers are rolled."""
    from service.settings import Settings
    from service.store.migrate import schema_status, upgrade
    from service.store.repository import make_engine

    try:
        settings = Settings()
    except ValueError as exc:
        print(f"sendguard: {settings_problem(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine = make_engine(settings.resolved_database_url, settings.database_schema)
    try:
        before = schema_status(engine).current
        upgrade(engine, settings.database_schema)
        after = schema_status(engine)
    except Exception as exc:  # noqa: BLE001 - one plain line, never a traceback with the URL in it
        print(f"sendguard: the store could not be migrated ({exc.__class__.__name__})", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if before == after.current:
        print(f"The store is up to date (revision {after.current}).")
    else:
        print(f"The store was migrated from revision {before or 'none'} to {after.current}.")
    return 0


# --- serve -------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    import os
    import tempfile

    import uvicorn

    from service.api.safety import check_settings
    from service.logs import configure_logging
    from service.settings import Settings
    from service.store.migrate import upgrade
    from service.store.repository import make_engine

    if args.workers < 1:
        print("sendguard: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    # Workers read their settings from the environment: pass the bind address on.
    os.environ["SENDGUARD_BIND_HOST"] = args.host
    from service.store.hashing import load_hash_key

    try:
        settings = Settings()
        check_settings(settings)
        # Made (or checked) once here, before any worker starts: a bad key file is one plain line.
        load_hash_key(settings)
    except ValueError as exc:
        print(f"sendguard: {settings_problem(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    configure_logging()
    if args.workers > 1:
        # Migrate once here rather than racing in every worker; metrics are summed across workers.
        if settings.migrates_on_start:
            try:
                upgrade(make_engine(settings.resolved_database_url, settings.database_schema),
                        settings.database_schema)
            except Exception as exc:  # noqa: BLE001 - the workers retry when the store comes back
                logging.getLogger(__name__).error("store not reachable at start-up",
                                                  extra={"error": type(exc).__name__})
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="sendguard-metrics-"))
    uvicorn.run(
        "service.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=15,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
