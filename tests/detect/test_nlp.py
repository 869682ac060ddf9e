"""The pipeline loads from disk only; a missing one is an error, never a download."""

import socket
from collections.abc import Iterator

import pytest

from service.detect.analyzer import PresidioDetector, discover_recognizers, resolve_overlaps
from service.detect.nlp import PipelineNotInstalled, load_pipeline
from service.detect.types import DetectedEntity, mask
from service.schemas.entities import EntityType


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


def test_missing_pipeline_is_an_error_not_a_download(no_network: None) -> None:
    with pytest.raises(PipelineNotInstalled, match="not installed"):
        load_pipeline("en_core_web_trf")


def test_detector_builds_and_runs_offline(no_network: None) -> None:
    from service.detect.analyzer import build_detector
    from service.settings import Settings

    detector = build_detector(Settings())
    found = detector.analyze("Her NHS number is 943 476 5919.")
    assert [(e.type, e.text) for e in found] == [(EntityType.UK_NHS, "943 476 5919")]


def test_dependency_parser_is_left_out_for_speed(detector: PresidioDetector) -> None:
    assert "parser" not in detector.nlp.pipe_names
    assert "ner" in detector.nlp.pipe_names


def test_every_recognizer_emits_only_contract_types() -> None:
    contract = {t.value for t in EntityType}
    for recognizer in discover_recognizers():
        assert set(recognizer.supported_entities) <= contract, recognizer.name


def test_every_contract_type_has_a_recognizer() -> None:
    covered = {e for r in discover_recognizers() for e in r.supported_entities}
    assert covered == {t.value for t in EntityType}


def ent(t: EntityType, start: int, end: int, score: float) -> DetectedEntity:
    return DetectedEntity(type=t, start=start, end=end, score=score, text="x" * (end - start))


def test_overlaps_keep_the_surest_then_the_longest() -> None:
    kept = resolve_overlaps(
        [
            ent(EntityType.PHONE_NUMBER, 0, 12, 0.6),
            ent(EntityType.UK_NHS, 0, 12, 1.0),
            ent(EntityType.PERSON, 20, 25, 0.85),
            ent(EntityType.PERSON, 20, 31, 0.85),
        ]
    )
    assert [(e.type, e.start, e.end) for e in kept] == [(EntityType.UK_NHS, 0, 12), (EntityType.PERSON, 20, 31)]


def test_long_text_is_analysed_in_pieces_with_true_offsets(detector: PresidioDetector) -> None:
    filler = "The weather was fine and the children enjoyed the day.\n" * 2000
    text = filler + "NHS number 943 476 5919\n" + filler
    found = [e for e in detector.analyze(text) if e.type is EntityType.UK_NHS]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "943 476 5919"


def test_mask_keeps_only_first_letters() -> None:
    assert mask("Olivia Smith") == "O***** S****"
    assert mask("943 476 5919") == "9** 4** 5***"
