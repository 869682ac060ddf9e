"""The special-category sentence classifier, run on demand beside the main pipeline.

A small spaCy textcat pipeline (models/special_category/model: a bag of n-grams, no
tok2vec) that scores one sentence: how likely it states a special-category fact
about someone. It is added to the main pipeline as a component that does nothing per
text but hand itself to the Doc, like TagsOnDemand: the SPECIAL_CATEGORY recognizer
asks for the sentences it needs and each is scored once.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from service.detect.nlp import PipelineNotInstalled

_ATTR = "sendguard_special_category"
_CACHE_KEY = "sendguard_special_category_scores"
_COLUMN_KEY = "sendguard_special_category_column"
_LABEL = "SPECIAL"
# A sentence longer than this many tokens is a table or run-on text; it is scored on
# its first tokens only, which keeps the cost per text flat.
_MAX_TOKENS = 120


class SentenceClassifier:
    def __init__(self, path: str) -> None:
        if not Path(path).is_dir():
            raise PipelineNotInstalled(
                f"The special-category model {path!r} is not there. Rebuild it (models/README.md) "
                "or set SENDGUARD_SPECIAL_CATEGORY_MODEL to an empty value to run without it."
            )
        self._nlp = spacy.load(path)
        self._textcat = self._nlp.get_pipe("textcat")
        self._label = list(self._textcat.labels).index(_LABEL) if _LABEL in self._textcat.labels else -1
        self._attr = _bag_of_ngrams_attr(self._textcat.model)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(_ATTR, self)
        return doc

    def score_texts(self, texts: Sequence[str]) -> list[float]:
        docs = [self._nlp.make_doc(t) for t in texts]
        return [d.cats.get(_LABEL, 0.0) for d in self._textcat.pipe(docs)]

    def scores(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[float]:
        """P(special) for each character range of `doc`, cached on the Doc."""
        cache: dict[tuple[int, int], float] = doc.user_data.setdefault(_CACHE_KEY, {})
        todo = [s for s in dict.fromkeys(spans) if s not in cache]
        if todo:
            scored = self._scores_from_column(doc, todo) if self._fast else self._scores_from_docs(doc, todo)
            cache.update(zip(todo, scored))
        return [cache[s] for s in spans]

    @property
    def _fast(self) -> bool:
        return self._attr is not None and self._label >= 0

    def _token_ranges(self, doc: Doc, todo: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        ranges = []
        for start, end in todo:
            span = doc.char_span(start, end, alignment_mode="expand")
            ranges.append((span.start, min(span.end, span.start + _MAX_TOKENS)) if span is not None else (0, 0))
        return ranges

    def _scores_from_docs(self, doc: Doc, todo: Sequence[tuple[int, int]]) -> list[float]:
        """Each range made a Doc of its own and scored by the textcat pipe (any textcat model)."""
        pieces = []
        for a, b in self._token_ranges(doc, todo):
            tokens = list(doc[a:b])
            # NOTE: made in the main pipeline's vocab, which already holds these words: the
            # n-gram features are string hashes, the same in any vocab, and no lexeme is made twice.
            pieces.append(
                Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
            )
        return [piece.cats.get(_LABEL, 0.0) if len(piece) else 0.0 for piece in self._textcat.pipe(pieces)]

    def _scores_from_column(self, doc: Doc, todo: Sequence[tuple[int, int]]) -> list[float]:
        """`_scores_from_docs` without making a Doc a range: the bag-of-n-grams model reads
        nothing of a Doc but its length and one attribute column (extract_ngrams), so each
        range hands it a slice of the text's column, computed once a text. Batches and
        arithmetic are the textcat pipe's own (tests/detect/test_special_category_classifier.py
        checks the scores are equal). Making ~500 Docs cost 6 ms on a 50,000-character text.
        """
        column = doc.user_data.get(_COLUMN_KEY)
        if column is None:
            column = doc.user_data[_COLUMN_KEY] = doc.to_array([self._attr])
        pieces = [_Column(column[a:b]) for a, b in self._token_ranges(doc, todo)]
        out: list[float] = []
        for batch_start in range(0, len(pieces), _PIPE_BATCH):
            batch = pieces[batch_start : batch_start + _PIPE_BATCH]
            if not any(len(piece) for piece in batch):
                out += [0.0] * len(batch)
                continue
            scores = self._textcat.model.ops.asarray(self._textcat.model.predict(batch))
            out += [float(scores[i, self._label]) if len(piece) else 0.0 for i, piece in enumerate(batch)]
        return out


# The textcat pipe's own batch size (TrainablePipe.pipe).
_PIPE_BATCH = 128


class _Column:
    """What extract_ngrams reads of a Doc: its length and its `to_array([attr])`."""

    __slots__ = ("_array",)

    def __init__(self, array: np.ndarray) -> None:
        self._array = array

    def __len__(self) -> int:
        return len(self._array)

    def to_array(self, attrs: Any) -> np.ndarray:
        return self._array


def _bag_of_ngrams_attr(model: Any) -> int | None:
    """The attribute a bag-of-n-grams model (spaCy's TextCatBOW: extract_ngrams, a sparse
    linear layer, an activation) reads; None for any other model, which then gets real Docs."""
    leaves = [node for node in model.walk() if not node.layers]
    if {node.name for node in leaves} - _BOW_LAYERS or sum(node.name == "extract_ngrams" for node in leaves) != 1:
        return None
    return int(next(node for node in leaves if node.name == "extract_ngrams").attrs["attr"])


_BOW_LAYERS = {"extract_ngrams", "sparse_linear", "softmax_activation", "logistic"}


@Language.factory("sendguard_special_category", default_config={"path": ""})
def _make_sentence_classifier(nlp: Language, name: str, path: str) -> SentenceClassifier:
    return SentenceClassifier(path)


if not Doc.has_extension(_ATTR):
    Doc.set_extension(_ATTR, default=None)


def add_sentence_classifier(nlp: Language, path: str | None) -> None:
    """Load the classifier once, into the main pipeline; no path, no classifier."""
    if path:
        nlp.add_pipe("sendguard_special_category", config={"path": path}, last=True)


def classifier_of(doc: Doc | None) -> SentenceClassifier | None:
    return doc._.get(_ATTR) if doc is not None else None
