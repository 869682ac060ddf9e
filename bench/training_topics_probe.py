"""Probe: training arrangements whose special-category words are topics vs a person's fact.

    python -m bench.training_topics_probe

Each case goes through the real scanner to an outside trainer; dev and held-out halves
are split by bench.corpus.is_holdout.
"""

from pathlib import Path

from bench.corpus import is_holdout
from service.scanner import build_scanner
from service.schemas.scan import ScanRequest

PROBE = Path(__file__).with_name("training_topics_probe.txt")


def main() -> None:
    scanner = build_scanner()
    right = {False: [0, 0], True: [0, 0]}
    for number, line in enumerate(PROBE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expect, subject, body = line.split("\t")
        message = {"subject": subject, "body": {"content": body.replace("\\n", "\n"), "type": "text"},
                   "from": {"address": "k.rowley@oakfield.sch.uk"}, "to": [{"address": "bookings@trainwell.co.uk"}]}
        got = scanner.scan(ScanRequest.model_validate({"message": message})).action
        held = is_holdout(f"tt-{number}")
        right[held][0] += got == expect
        right[held][1] += 1
        if got != expect and not held:
            print(f"  wrong: line {number} expected {expect}, got {got}")
    for held, (ok, total) in right.items():
        print(f"{'held-out' if held else 'dev':8} {ok}/{total}")


if __name__ == "__main__":
    main()
