"""`sendguard rules ...`: the same changes as the admin API, straight on the store the service uses.

Whoever can run this has the service's database settings, so is trusted as an
administrator; the audit trail records `--actor` (an Entra object id) or cli:uid<N>.
"""

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from service.detect.types import DetectedEntity

EXIT_OK, EXIT_REFUSED = 0, 3


def add_parser(sub: Any) -> None:
    rules = sub.add_parser("rules", help="list, show and change the rules in force (stored, versioned, audited)")
    commands = rules.add_subparsers(dest="rules_command", required=True)
    commands.add_parser("list", help="the stored rules and their status")
    for name, text in (("show", "a rule's YAML in force"), ("history", "a rule's versions: who, when, why, diff")):
        commands.add_parser(name, help=text).add_argument("rule_id", metavar="ID")
    apply = commands.add_parser("apply", help="create or replace a rule from its YAML file (validated first)")
    apply.add_argument("file", type=Path, metavar="FILE")
    for name in ("enable", "disable", "shadow", "delete"):
        commands.add_parser(name, help=f"{name} a rule").add_argument("rule_id", metavar="ID")
    export = commands.add_parser("export", help="write the rules and organisation file in force to a folder "
                                 "(to edit, then try with `sendguard simulate --rules`)")
    export.add_argument("folder", type=Path, metavar="DIR")
    commands.add_parser("org-show", help="the organisation file in force")
    org_apply = commands.add_parser("org-apply", help="replace the organisation file (validated first)")
    org_apply.add_argument("file", type=Path, metavar="FILE")
    for parser in commands.choices.values():
        if parser.prog.split()[-1] in ("apply", "enable", "disable", "shadow", "delete", "org-apply"):
            parser.add_argument("--reason", required=True, help="why: kept in the audit trail")
            parser.add_argument("--actor", default=f"cli:uid{os.getuid()}",
                                help="your Entra object id, for the audit trail (default: cli:uid<N>)")


def run(args: argparse.Namespace) -> int:
    from service.rulebook.admin import RuleAdmin, RuleNotFound
    from service.rulebook.build import ExampleChecker
    from service.rulebook.store import RULE, ConcurrentChange, RuleStore
    from service.rulebook.texts import RuleRejected
    from service.rules.model import Status
    from service.settings import Settings
    from service.store.migrate import upgrade
    from service.store.repository import make_engine

    settings = Settings()
    engine = make_engine(settings.resolved_database_url, settings.database_schema)
    try:
        upgrade(engine, settings.database_schema)
        store = RuleStore(engine)
        store.seed_if_empty(settings.rules_dir, settings.organisation_file)
        command = args.rules_command
        if command == "list":
            snapshot = store.snapshot()
            print(f"rules version {snapshot.generation}")
            for name, v in snapshot.rules.items():
                print(f"{name:40} {v.status or '(as file)':9} v{v.version:<4} {v.created_at:%Y-%m-%d %H:%M} {v.actor}")
            return EXIT_OK
        if command == "export":
            return _export(store.snapshot(), args.folder)
        if command == "history":
            for v in store.history(RULE, args.rule_id):
                print(f"v{v.version} {v.change} {v.created_at:%Y-%m-%d %H:%M:%S} by {v.actor}: {v.reason}")
                print(v.diff)
            return EXIT_OK
        admin = RuleAdmin(store, ExampleChecker(_DetectorOnFirstUse(settings), settings))
        if command == "show":
            print(admin.current(args.rule_id).yaml_text, end="")
            return EXIT_OK
        if command == "org-show":
            print(admin.organisation().yaml_text, end="")
            return EXIT_OK
        who = {"actor": args.actor, "reason": args.reason}
        if command == "apply":
            version, changed = admin.apply(_read(args.file), rule_id=args.file.stem, **who)
        elif command == "org-apply":
            version, changed = admin.apply_organisation(_read(args.file), **who)
        elif command == "delete":
            version, changed = admin.delete(args.rule_id, **who), True
        else:
            wanted = {"enable": Status.ENABLED, "disable": Status.DISABLED, "shadow": Status.SHADOW}[command]
            version, changed = admin.set_status(args.rule_id, wanted, **who)
        if not changed:
            print(f"{version.name}: unchanged (version {version.version} is already this)")
        else:
            print(f"{version.name}: version {version.version} stored ({version.change}); "
                  "running workers pick it up within seconds")
            print(version.diff, end="")
        return EXIT_OK
    except RuleNotFound as exc:
        print(f"sendguard: there is no {exc}", file=sys.stderr)
    except RuleRejected as exc:
        print(f"sendguard: not accepted: {exc}", file=sys.stderr)
    except ConcurrentChange:
        print("sendguard: someone else changed this rule at the same moment; try again", file=sys.stderr)
    except OSError as exc:
        print(f"sendguard: {exc}", file=sys.stderr)
    finally:
        engine.dispose()
    return EXIT_REFUSED


def _export(snapshot: Any, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, version in snapshot.rules.items():
        (folder / f"{name}.yaml").write_text(version.yaml_text or "", encoding="utf-8")
    if snapshot.organisation is not None:
        (folder / "organisation.yaml").write_text(snapshot.organisation.yaml_text or "", encoding="utf-8")
    print(f"wrote {len(snapshot.rules)} rules and the organisation file (rules version {snapshot.generation}) "
          f"to {folder}")
    return EXIT_OK


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class _DetectorOnFirstUse:
    """The spaCy pipeline takes seconds to load: only commands that check examples pay for it."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._detector: Any = None

    def analyze(self, text: str, *, ner_chars: int | None = None) -> "list[DetectedEntity]":
        if self._detector is None:
            from service.detect.analyzer import build_detector

            self._detector = build_detector(self.settings)
        found: list[DetectedEntity] = self._detector.analyze(text, ner_chars=ner_chars)
        return found
