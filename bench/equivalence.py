"""Equivalence check for performance work: does a change alter any result?

    PYTHONHASHSEED=0 python -m bench.equivalence dump /tmp/before.json
    PYTHONHASHSEED=0 python -m bench.equivalence dump /tmp/after.json
    python -m bench.equivalence diff /tmp/before.json /tmp/after.json

Dumps, for every tuning-corpus entity text (and the general-domain set when present) the
detector's entities, and for every tuning draft and the drafts `bench.latency` times the
scanner's verdict, findings, summary and the facts they rest on. The dump holds corpus
text (invented, but keep it on this machine: write it under /tmp, never commit it).
The sealed set is never read.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from bench.corpus import GENERAL_DIR, load_drafts, load_entity_texts


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (frozenset, set)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, (str, int, float, bool)):
        return str(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _entities(found: Sequence[Any]) -> list[list[Any]]:
    return [[e.type.value, e.start, e.end, e.score, e.text] for e in found]


def dump(path: str) -> None:
    from bench.latency import SIZES, build_drafts
    from service.scanner import build_scanner

    scanner = build_scanner()
    detector = scanner.detector
    out: dict[str, Any] = {"entities": {}, "drafts": {}, "latency": {}}
    texts = load_entity_texts()
    sets = [("tune", texts)]
    if GENERAL_DIR.is_dir():
        try:
            sets.append(("general", load_entity_texts(GENERAL_DIR)))
        except Exception as exc:  # noqa: BLE001 - the general set is optional
            print(f"general set skipped: {exc}", file=sys.stderr)
    for label, items in sets:
        for t in items:
            out["entities"][f"{label}:{t.id}"] = _entities(detector.analyze(t.text))
    for d in load_drafts():
        sender, history = d.recipient_history()
        result, facts, shadow = scanner.scan_with_facts(d.request, sender=sender, history=history)
        out["drafts"][d.id] = _result(result, facts, shadow)
    for label, size in SIZES.items():
        for i, r in enumerate(build_drafts(texts, size, count=40, seed=size)):
            result, facts, shadow = scanner.scan_with_facts(r)
            out["latency"][f"{label}:{i}"] = _result(result, facts, shadow)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, sort_keys=True, ensure_ascii=False)
    print(f"{len(out['entities'])} texts, {len(out['drafts'])} drafts, {len(out['latency'])} latency drafts -> {path}")


def _result(result: Any, facts: Any, shadow: Any) -> dict[str, Any]:
    dumped = result.model_dump(mode="json")
    dumped.pop("scan_id", None)
    return {"result": dumped, "facts": _plain(facts), "shadow": [f.model_dump(mode="json") for f in shadow]}


def diff(before: str, after: str) -> int:
    with open(before, encoding="utf-8") as fh:
        a = json.load(fh)
    with open(after, encoding="utf-8") as fh:
        b = json.load(fh)
    changed = 0
    for section in ("entities", "drafts", "latency"):
        keys = sorted(set(a[section]) | set(b[section]))
        for key in keys:
            if a[section].get(key) != b[section].get(key):
                changed += 1
                print(f"{section} {key} differs")
    print(f"{changed} differences")
    return 1 if changed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("path")
    c = sub.add_parser("diff")
    c.add_argument("before")
    c.add_argument("after")
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        dump(args.path)
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
