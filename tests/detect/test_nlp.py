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


def test_a_name_run_into_a_surer_span_keeps_its_words_before_it() -> None:
    """The NER read "Mia Calpol" as one name; "Calpol" is a medicine: Mia is still a name."""
    text = "Please give Mia Calpol if she gets a temperature."
    kept = resolve_overlaps(
        [
            DetectedEntity(EntityType.PERSON, 12, 22, 0.85, text[12:22]),
            DetectedEntity(EntityType.SPECIAL_CATEGORY, 16, 22, 0.92, text[16:22]),
        ]
    )
    assert [(e.type, e.text) for e in kept] == [(EntityType.PERSON, "Mia"), (EntityType.SPECIAL_CATEGORY, "Calpol")]
    # Taken at its first word, nothing of the name is left.
    kept = resolve_overlaps(
        [
            DetectedEntity(EntityType.PERSON, 12, 22, 0.85, text[12:22]),
            DetectedEntity(EntityType.SPECIAL_CATEGORY, 12, 15, 0.92, text[12:15]),
        ]
    )
    assert [e.type for e in kept] == [EntityType.SPECIAL_CATEGORY]


def test_long_text_is_analysed_in_pieces_with_true_offsets(detector: PresidioDetector) -> None:
    filler = "The weather was fine and the children enjoyed the day.\n" * 2000
    text = filler + "NHS number 943 476 5919\n" + filler
    found = [e for e in detector.analyze(text) if e.type is EntityType.UK_NHS]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "943 476 5919"


def test_mask_keeps_only_first_letters() -> None:
    assert mask("Olivia Smith") == "O***** S****"
    assert mask("943 476 5919") == "9** 4** 5***"


def test_tagger_runs_only_on_demand_and_agrees_with_a_full_run() -> None:
    import spacy

    from service.detect.nlp import fine_tags
    from service.settings import Settings

    model = Settings().spacy_model
    nlp = load_pipeline(model)
    assert "tagger" in nlp.disabled and "tok2vec" in nlp.disabled
    assert "ner" in nlp.pipe_names and "sentencizer" in nlp.pipe_names

    text = "Dear all,\n\nThe password is tuesday. Amara Okafor was sent home with asthma on Monday."
    doc = nlp(text)
    assert not doc.has_annotation("TAG")
    full = spacy.load(model, exclude=["parser", "attribute_ruler", "lemmatizer", "ner"])(text)
    for start, end in [(4, 8), (len(doc) - 8, len(doc))]:
        assert fine_tags(doc[start:end]) == [t.tag_ for t in full[start:end]]
    assert "NNP" in fine_tags(doc[:])


def test_an_ner_that_listens_to_the_shared_tok2vec_keeps_it_running(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}
    nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener}})
    nlp.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2",
                                          "state_type": "ner", "tok2vec": listener}})
    doc = nlp.make_doc("Amara is here")
    example = Example.from_dict(doc, {"tags": ["NNP", "VBZ", "RB"], "entities": ["U-PERSON", "O", "O"]})
    nlp.initialize(lambda: [example])
    nlp.to_disk(tmp_path / "listening")

    loaded = load_pipeline(str(tmp_path / "listening"))
    assert {"tok2vec", "tagger", "ner"} <= set(loaded.pipe_names)
    assert not loaded.disabled
    assert loaded("Amara is here").has_annotation("TAG")


def test_the_pipeline_multiplies_with_numpy_not_blis() -> None:
    from service.settings import Settings

    nlp = load_pipeline(Settings().spacy_model)
    assert nlp.get_pipe("ner").model.ops.use_blis is False
