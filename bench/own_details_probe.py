"""Probe: contact details given as a participant's own vs a third party's.

    python -m bench.own_details_probe            # with service/context/own_details.py
    python -m bench.own_details_probe --before   # without it (the earlier behaviour)

A case is right when every contact detail is set aside ("own") or at least one is kept
("third"). Dev and held-out halves are split by bench.corpus.is_holdout.
"""

import argparse
from pathlib import Path

from bench.corpus import is_holdout
from service.context.organisation import without_organisation_contacts
from service.context.own_details import _CONTACT_TYPES, without_own_details
from service.context.participants import participants_of, third_party
from service.detect.analyzer import build_detector
from service.rules.loader import load_organisation
from service.schemas.scan import Body, Message, Recipient
from service.scanner import EXAMPLES_ORGANISATION
from service.settings import get_settings

PROBE = Path(__file__).with_name("own_details_probe.txt")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()
    detector = build_detector(get_settings())
    organisation = load_organisation(EXAMPLES_ORGANISATION)
    right = {False: [0, 0], True: [0, 0]}
    for number, line in enumerate(PROBE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expect, name, address, body = line.split("\t")
        text = body.replace("\\n", "\n")
        message = Message(subject="", body=Body(content=text), sender=Recipient(address="office@oakfield.sch.uk"),
                          to=[Recipient(address=address, name=name)])
        participants = participants_of(message)
        found = third_party(text, detector.analyze(text, ner_chars=len(text)), participants)
        if not args.before:
            found = without_own_details(text, found, participants)
        found = without_organisation_contacts(text, found, organisation)
        kept = any(e.type in _CONTACT_TYPES for e in found)
        ok = kept == (expect == "third")
        held = is_holdout(f"od-{number}")
        right[held][0] += ok
        right[held][1] += 1
        if not ok and not held:
            print(f"  wrong: line {number} expected {expect}")
    for held, (ok, total) in right.items():
        print(f"{'held-out' if held else 'dev':8} {ok}/{total}")


if __name__ == "__main__":
    main()
