"""The special-category sentence classifier, run on demand beside the main pipeline.

A small spaCy textcat pipeline (models/special_category/model: a bag of n-grams, no
tok2vec) that scores one sentence: how likely it states a special-category fact
about someone. It is added to the main pipeline as a component that does nothing per
text but hand itself to the Doc, like TagsOnDemand: the SPECIAL_CATEGORY recognizer
asks for the sentences it needs and each is scored once.
"""

from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from service.detect.nlp import PipelineNotInstalled

_ATTR = "sendguard_special_category"
_CACHE_KEY = "sendguard_special_category_scores"
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
        pieces = []
        for start, end in todo:
            span = doc.char_span(start, end, alignment_mode="expand")
            tokens = list(span)[:_MAX_TOKENS] if span is not None else []
            # NOTE: made in the main pipeline's vocab, which already holds these words: the
            # n-gram features are string hashes, the same in any vocab, and no lexeme is made twice.
            pieces.append(
                Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
            )
        for key, piece in zip(todo, self._textcat.pipe(pieces)):
            cache[key] = piece.cats.get(_LABEL, 0.0) if len(piece) else 0.0
        return [cache[s] for s in spans]


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
