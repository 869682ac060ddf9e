"""Loading the spaCy pipeline for Presidio, never from the network."""

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import blis.py
import numpy as np
import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from thinc.api import use_ops
from spacy.attrs import ENT_IOB, IS_PUNCT, ORTH
from spacy.pipeline import EntityRecognizer, Sentencizer, Tok2Vec
from spacy.strings import get_string_id
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


# --- the NER's greedy decoding, batched -------------------------------------------
#
# spaCy decodes the NER one token at a time in C, and each step re-takes the GIL and
# multiplies one 64-wide hidden vector by the output layer through BLIS: on this
# project's servers that loop costs as much as the NER's whole tok2vec. Outside an
# entity, the state's features are only the next token (the entity start and the
# token before are absent), so those scores can be worked out for every token at once,
# with the same arithmetic (the same feature sums, the same BLIS gemm, rows are
# independent); only the few steps inside an entity are scored one by one. Each step
# is then applied by spaCy's own transition code (Parser.transition_states), so the
# entities found are the ones spaCy finds: tests/detect/test_nlp_fast_ner.py checks.


def _fast_ner_supported(ner: Any) -> bool:
    try:
        return (
            isinstance(ner, EntityRecognizer)
            and ner.cfg.get("beam_width", 1) == 1
            and ner.model.attrs.get("has_upper", False)
            and ner.model.get_ref("lower").get_dim("nF") == 3
        )
    except (KeyError, ValueError, AttributeError):
        return False


def _scores(state2vec: Any, ids: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Raw class scores for feature rows, as spaCy's C loop computes them."""
    hidden = state2vec.predict(ids)  # feature sums (BLIS saxpy), bias, maxout: as in C
    scores = blis.py.gemm(np.ascontiguousarray(hidden, dtype="f"), weights, trans2=True, beta=0.0)
    scores += bias
    return scores


def _mask_unseen(scores: np.ndarray, unseen: np.ndarray) -> np.ndarray:
    """Classes the model never saw in training score the batch's lowest score (as in C)."""
    if len(unseen):
        scores[:, unseen] = scores.min()
    return scores


def _mask_rows(scores: np.ndarray, unseen: np.ndarray) -> np.ndarray:
    """`_mask_unseen` for each row on its own (each row a batch of one state)."""
    if not len(unseen):
        return scores
    masked = scores.copy()
    masked[:, unseen] = scores.min(axis=1, keepdims=True)
    return masked


def _plainly_out(ner: Any, docs: list[Doc], scores: np.ndarray) -> np.ndarray:
    """For each token, with no entity open: whether spaCy's greedy step is sure to pick O.

    It picks the first highest-scoring valid move. O is valid with no entity open
    unless the token carries a preset entity (IOB 1 or 3), so where O is the first
    highest score of all moves it is the first highest of the valid ones too.
    """
    o_move = _o_move(ner.moves, ner.moves.n_moves)
    if o_move < 0 or ner.moves.n_moves != scores.shape[1] or not np.isfinite(scores).all():
        return np.zeros(len(scores), dtype=bool)
    iob = np.concatenate([doc.to_array([ENT_IOB]).reshape(-1) for doc in docs])
    return (scores.argmax(axis=1) == o_move) & (iob != 1) & (iob != 3)


@lru_cache(maxsize=8)
def _o_move(moves: Any, n_moves: int) -> int:
    """The class number of the O move (-1 if there is not exactly one)."""
    names = [moves.get_class_name(i) for i in range(n_moves)]
    return names.index("O") if names.count("O") == 1 else -1


def ner_predict(ner: Any, docs: list[Doc]) -> list[Any]:
    """The NER's parse states for `docs`: what `ner.predict(docs)` returns, decoded faster."""
    if not _fast_ner_supported(ner) or not any(len(doc) for doc in docs):
        return ner.predict(docs)
    if any(doc.has_annotation("ENT_TYPE") for doc in docs):
        # New labels can come only from entities already set (it walks every token).
        ner._ensure_labels_are_added(docs)
    batch = ner.moves.init_batch(docs)
    model = ner.model.predict(docs)
    try:
        state2vec = model.state2vec
        weights = np.ascontiguousarray(model.vec2scores.get_param("W"), dtype="f")
        bias = np.asarray(model.vec2scores.get_param("b"), dtype="f")
        unseen = np.flatnonzero(model._class_mask == 0)
        offsets, total = {}, 0
        for state, doc in zip(batch, docs):
            offsets[id(state)] = total
            total += len(doc)
        ids = np.full((total, state2vec.nF), -1, dtype="i")
        ids[:, 0] = np.arange(total, dtype="i")
        # Every token as the next one with no entity open: features (B0, -1, -1).
        outside = _scores(state2vec, ids, weights, bias)
        alone = None  # `outside` masked row by row, for when one state is left
        plainly_out = None  # where spaCy's choice is sure to be O (see below)
        states = [s for s in batch if not s.is_final()]
        while states:
            if len(states) == 1:
                state = states[0]
                b0 = state.B(0)
                if state.entity_is_open() or b0 < 0:
                    rows = _mask_unseen(_scores(state2vec, model.get_token_ids(states), weights, bias), unseen)
                else:
                    if alone is None:
                        alone = _mask_rows(outside, unseen)
                        plainly_out = _plainly_out(ner, docs, alone)
                    b0 += offsets[id(state)]
                    if plainly_out[b0]:
                        # What Parser.transition_states would do: O is this state's best
                        # valid move, and O's transition is a push and a pop.
                        state.push()
                        state.pop()
                        if state.is_final():
                            states = []
                        continue
                    rows = alone[b0 : b0 + 1]
            else:
                rows = np.empty((len(states), outside.shape[1]), dtype="f")
                inside = []
                for i, state in enumerate(states):
                    b0 = state.B(0)
                    if state.entity_is_open() or b0 < 0:
                        inside.append(i)
                    else:
                        rows[i] = outside[b0 + offsets[id(state)]]
                if inside:
                    rows[inside] = _scores(state2vec, model.get_token_ids([states[i] for i in inside]), weights, bias)
                rows = _mask_unseen(rows, unseen)
            states = ner.transition_states(states, rows)
    finally:
        model.clear_memory()
    return batch


def run_ner(ner: Any, docs: Iterable[Doc], batch_size: int = 256) -> list[Doc]:
    """`ner` applied to each of `docs`, batched as `ner.pipe(docs)` batches them."""
    docs = list(docs)
    for start in range(0, len(docs), batch_size):
        by_length = sorted(docs[start : start + batch_size], key=len)
        step = max(batch_size // 4, 2)
        for sub in range(0, len(by_length), step):
            group = by_length[sub : sub + step]
            ner.set_annotations(group, ner_predict(ner, group))
    return docs


def _sentence_starts(sentencizer: Sentencizer, doc: Doc) -> list[bool]:
    """`Sentencizer.predict` for one doc, reading token ids instead of making Token objects."""
    if not len(doc):
        return []
    punct = {get_string_id(ch) for ch in sentencizer.punct_chars}
    starts = [False] * len(doc)
    starts[0] = True
    seen_period = False
    for i, (orth, is_punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
        in_punct_chars = orth in punct
        if seen_period and not is_punct and not in_punct_chars:
            starts[i] = True
            seen_period = False
        elif in_punct_chars:
            seen_period = True
    return starts


def run_component(name: str, component: Any, doc: Doc) -> Doc:
    """`component(doc)`; the NER and the sentencizer by their faster equivalents."""
    if isinstance(component, EntityRecognizer) and _fast_ner_supported(component):
        return run_ner(component, [doc])[0]
    if type(component) is Sentencizer:
        component.set_annotations([doc], [_sentence_starts(component, doc)])
        return doc
    return component(doc)


def run_pipeline(nlp: Language, text: str) -> Doc:
    """`nlp(text)`, with the NER decoded by `ner_predict`."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = run_component(name, component, doc)
    return doc
