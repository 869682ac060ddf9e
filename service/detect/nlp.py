"""Loading the spaCy pipeline for Presidio, never from the network."""

import logging
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from thinc.api import use_ops
from spacy.pipeline import Tok2Vec
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

# Components nothing here uses. The dependency parser alone would double the time
# spaCy takes per text; the attribute ruler and lemmatizer only serve coarse POS and
# lemmas, which no recognizer reads (they use fine tags).
_EXCLUDE = ("parser", "attribute_ruler", "lemmatizer")

# spaCy labels that are not personal data in our sense; everything else but PERSON
# is ignored too, since the pattern recognizers find the rest.
_IGNORED_LABELS = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY",
    "NORP", "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)

# Tokens of context on each side when tagging a span on its own: the sm/md/lg
# tok2vec sees four tokens either way (depth 4, window 1).
_TAG_CONTEXT_TOKENS = 8

_TAGGER_ATTR = "sendguard_tagger"
_ASKED_KEY = "sendguard_tokens_tagged"
# Below this many tokens asked for, tagging windows is cheaper than tagging the doc.
_WHOLE_DOC_TOKENS = 200


class PipelineNotInstalled(RuntimeError):
    pass


class TagsOnDemand:
    """Part-of-speech tags for a few tokens, only when a recognizer asks.

    Two recognizers read fine tags, and only around a rare cue ("password is ...",
    a health term); tagging every email costs a third of spaCy's time, so in the
    sm/md/lg pipelines, where the NER has its own tok2vec, the shared tok2vec and the
    tagger are switched off and run here on a short window instead.
    """

    def __init__(self, nlp: Language, components: list[str]) -> None:
        self._procs = [nlp.get_pipe(name) for name in components]

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(_TAGGER_ATTR, self)
        return doc

    def tags(self, span: Span) -> list[str]:
        doc = span.doc
        asked = doc.user_data.get(_ASKED_KEY, 0) + len(span) + 2 * _TAG_CONTEXT_TOKENS
        doc.user_data[_ASKED_KEY] = asked
        if asked > max(_WHOLE_DOC_TOKENS, len(doc) // 4):
            # Windows would soon cost as much as the whole text (a table whose
            # "sentence" is every row): tag it all once; later calls read the tags.
            for proc in self._procs:
                proc(doc)
            return [t.tag_ for t in span]
        window = doc[max(0, span.start - _TAG_CONTEXT_TOKENS) : min(len(doc), span.end + _TAG_CONTEXT_TOKENS)]
        piece = window.as_doc()
        for proc in self._procs:
            piece = proc(piece)
        offset = span.start - window.start
        return [piece[offset + i].tag_ for i in range(len(span))]


@Language.factory("sendguard_tags_on_demand", default_config={"components": []})
def _make_tags_on_demand(nlp: Language, name: str, components: list[str]) -> TagsOnDemand:
    return TagsOnDemand(nlp, components)


if not Doc.has_extension(_TAGGER_ATTR):
    Doc.set_extension(_TAGGER_ATTR, default=None)


def fine_tags(span: Span) -> list[str]:
    """The fine part-of-speech tags of a span's tokens ("" where no tagger is available)."""
    doc = span.doc
    if doc.has_annotation("TAG"):
        return [t.tag_ for t in span]
    tagger: TagsOnDemand | None = doc._.get(_TAGGER_ATTR)
    if tagger is None:
        return [""] * len(span)
    return tagger.tags(span)


def _tagging_on_demand(nlp: Language) -> list[str]:
    """The tagger and its tok2vec, if nothing else running needs that tok2vec."""
    if "tagger" not in nlp.pipe_names:
        return []
    for name, pipe in nlp.pipeline:
        listeners = set(getattr(pipe, "listening_components", []) or [])
        if "tagger" in listeners:
            if isinstance(pipe, Tok2Vec) and listeners <= {"tagger", "senter"}:
                return [name, "tagger"]
            return []  # e.g. the NER of a transformer pipeline listens too: leave it be
    return ["tagger"]  # the tagger has its own embedding


def load_pipeline(name_or_path: str) -> Language:
    """Load an installed spaCy pipeline package or a pipeline folder.

    Raises PipelineNotInstalled instead of downloading anything.
    """
    if not (spacy.util.is_package(name_or_path) or Path(name_or_path).is_dir()):
        raise PipelineNotInstalled(
            f"spaCy pipeline {name_or_path!r} is not installed here. Install it with pip "
            "(see models/README.md) or set SENDGUARD_SPACY_MODEL to an installed pipeline."
        )
    # NOTE: thinc multiplies matrices with blis by default; on this project's servers
    # (AMD EPYC under a hypervisor) blis picks a slow kernel and numpy's OpenBLAS is
    # three times faster for the tok2vec layers (bench.latency). The NER's own
    # transition loop calls blis from C and is unaffected.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(name_or_path, exclude=[c for c in _EXCLUDE])
    on_demand = _tagging_on_demand(nlp)
    if on_demand:
        if "senter" in nlp.pipe_names:
            nlp.remove_pipe("senter")
        for name in on_demand:
            nlp.disable_pipe(name)
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("sendguard_tags_on_demand", config={"components": on_demand}, last=True)
    elif "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine with a pipeline we loaded ourselves (no auto-download)."""

    def __init__(self, nlp: Language) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": nlp.meta.get("name", "custom")}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=_IGNORED_LABELS, default_score=0.85
            ),
        )
        self.nlp = {"en": nlp}

    def load(self) -> None:  # already loaded in __init__
        return None

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # NOTE: no lemmas (hence no keywords) and no token offsets: they feed only
        # Presidio's lemma context enhancer, which SendGuard replaces
        # (analyzer.OwnContextOnly), and each walks every token. doc.ents walks them
        # too, so it is read once.
        ents = doc.ents
        default = self.ner_model_configuration.default_score
        entities, scores = self._get_updated_entities(ents, [default] * len(ents))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=scores,
        )
