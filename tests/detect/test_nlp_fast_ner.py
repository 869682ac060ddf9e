"""The NER's batched greedy decoding (service.detect.nlp.ner_predict) finds exactly what
spaCy's own decoding finds: same entities, same labels, same IOB on every token."""

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bench.corpus import load_entity_texts
from service.detect.analyzer import PresidioDetector
from service.detect.nlp import _fast_ner_supported, load_pipeline, run_ner, run_pipeline
from service.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


def _before_ner(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "ner":
            break
        doc = component(doc)
    return doc


def _annotation(doc: Doc) -> list[tuple[int, int, str, str]]:
    return [(t.i, t.ent_iob, t.ent_type_, t.ent_kb_id_) for t in doc]


def _texts() -> list[str]:
    texts = [t.text for t in load_entity_texts()]
    # Every topic file, names, tables, quoted replies and hard negatives among them;
    # every fourth text keeps the test short and still holds hundreds of entities.
    return texts[::4] + [
        "",
        " ",
        "Harry",
        "Dear Mrs Okonkwo-Williams,\n\nAmelia Jane Hart (Year 4) was absent.\n\nMr J. Smith",
        "jack brown and AMELIA HART\tYear 5\tabsent\nLIAM O'NEILL\tYear 6\tlate",
    ]


def test_the_shipped_ner_takes_the_fast_path(nlp: Language) -> None:
    assert _fast_ner_supported(nlp.get_pipe("ner"))


def test_same_entities_as_spacy_one_text_at_a_time(nlp: Language) -> None:
    ner = nlp.get_pipe("ner")
    texts = _texts()
    entities = 0
    for text in texts:
        expected = ner(_before_ner(nlp, text))
        got = run_ner(ner, [_before_ner(nlp, text)])[0]
        assert _annotation(got) == _annotation(expected), text[:40]
        entities += len(expected.ents)
    assert entities > 200  # the comparison covered real entities, not empty docs


def test_same_entities_as_spacy_in_batches(nlp: Language) -> None:
    ner = nlp.get_pipe("ner")
    texts = _texts()[:60]
    expected = list(ner.pipe(_before_ner(nlp, t) for t in texts))
    got = run_ner(ner, [_before_ner(nlp, t) for t in texts])
    assert [_annotation(d) for d in got] == [_annotation(d) for d in expected]
    assert [d.text for d in got] == texts  # order kept


def test_run_pipeline_is_nlp_of_the_text(nlp: Language) -> None:
    for text in _texts()[:80]:
        assert _annotation(run_pipeline(nlp, text)) == _annotation(nlp(text))


def test_detector_uses_it_for_whole_texts_and_windows(detector: PresidioDetector) -> None:
    text = "\n".join(f"Line {i}: Amelia Hart and Jack Brown were late." for i in range(200))
    whole = detector.analyze(text)
    windowed = detector.analyze(text, ner_chars=3_000)
    assert any(e.type.value == "PERSON" for e in whole)
    assert any(e.type.value == "PERSON" for e in windowed)


def test_build_detector_compiles_recognizer_patterns_ahead(detector: PresidioDetector) -> None:
    from service.detect.recognizers import phone
    from service.detect.recognizers._context import phrase_regex

    assert phone._countries.cache_info().currsize == 1
    before = phrase_regex.cache_info()
    detector.analyze("Call the office on 0113 496 0000 (Leeds, United Kingdom); PO 4500012345.")
    assert phrase_regex.cache_info().misses == before.misses  # nothing left to build on first use
