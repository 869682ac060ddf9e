"""Presidio's AnalyzerEngine with the spaCy pipeline and SendGuard's recognizers.

Every recognizer lives in its own module under `service/detect/recognizers/` and is
found there by discovery: any `EntityRecognizer` subclass defined in such a module
is instantiated with no arguments and registered. Adding a detector is one file
plus its test; nothing else needs editing.
"""

import importlib
import inspect
import logging
import pkgutil
from collections.abc import Iterable, Sequence

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.language import Language

import service.detect.recognizers as recognizers_pkg
from service.detect.nlp import OfflineSpacyNlpEngine, load_pipeline
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType
from service.settings import Settings

log = logging.getLogger(__name__)

_CONTRACT_TYPES = frozenset(t.value for t in EntityType)

# spaCy copes with long texts, but its memory and time grow with them; longer texts
# are analysed in pieces cut at line breaks.
_CHUNK_CHARS = 50_000


def discover_recognizers() -> list[EntityRecognizer]:
    found: list[EntityRecognizer] = []
    for info in sorted(pkgutil.iter_modules(recognizers_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{recognizers_pkg.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, EntityRecognizer)
                and cls.__module__ == module.__name__
                and not inspect.isabstract(cls)
                and not getattr(cls, "ABSTRACT", False)
            ):
                found.append(cls())
    return found


class OwnContextOnly(ContextAwareEnhancer):
    """Leaves scores as the recognizers set them.

    NOTE: every SendGuard recognizer scores its own context (phrases, column
    headers, reference labels; see recognizers/_context.py), which Presidio's
    single-word lemma enhancer cannot do; skipping it also saves a deep copy of
    every result on every text.
    """

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class PresidioDetector:
    """Finds CONTRACT section 6 entities in plain text."""

    def __init__(
        self,
        nlp: Language,
        recognizers: Sequence[EntityRecognizer] | None = None,
        score_threshold: float = 0.5,
    ) -> None:
        self.nlp = nlp
        self.nlp_engine = OfflineSpacyNlpEngine(nlp)
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in recognizers if recognizers is not None else discover_recognizers():
            registry.add_recognizer(recognizer)
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["en"],
            default_score_threshold=score_threshold,
            context_aware_enhancer=OwnContextOnly(),
        )
        self.score_threshold = score_threshold

    @property
    def recognizer_names(self) -> list[str]:
        return sorted(r.name for r in self.engine.registry.recognizers)

    def analyze(self, text: str) -> list[DetectedEntity]:
        if not text.strip():
            return []
        found: list[DetectedEntity] = []
        for offset, chunk in _chunks(text, _CHUNK_CHARS):
            artifacts = self.nlp_engine.process_text(chunk, "en")
            results = self.engine.analyze(
                chunk, language="en", nlp_artifacts=artifacts, score_threshold=self.score_threshold
            )
            found.extend(_to_entities(chunk, results, offset))
        return resolve_overlaps(found)

    def analyze_many(self, texts: Iterable[str]) -> list[list[DetectedEntity]]:
        return [self.analyze(t) for t in texts]


def _to_entities(text: str, results: list[RecognizerResult], offset: int) -> list[DetectedEntity]:
    out = []
    for r in results:
        if r.entity_type not in _CONTRACT_TYPES or r.end <= r.start:
            continue
        out.append(
            DetectedEntity(
                type=EntityType(r.entity_type),
                start=r.start + offset,
                end=r.end + offset,
                score=round(float(r.score), 4),
                text=text[r.start : r.end],
            )
        )
    return out


def resolve_overlaps(entities: Iterable[DetectedEntity]) -> list[DetectedEntity]:
    """Where spans overlap keep the surest, then the longest; return them in text order."""
    ranked = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    kept: list[DetectedEntity] = []
    for ent in ranked:
        if all(ent.end <= k.start or ent.start >= k.end for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: (e.start, e.end))


def _chunks(text: str, size: int) -> Iterable[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def build_detector(settings: Settings) -> PresidioDetector:
    nlp = load_pipeline(settings.spacy_model)
    return PresidioDetector(nlp, score_threshold=settings.score_threshold)
