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

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.language import Language
from spacy.tokens import Span

import service.detect.recognizers as recognizers_pkg
from service.context.document_kind import classify_text, in_context
from service.detect.covered import Covered
from service.detect.nlp import OfflineSpacyNlpEngine, load_pipeline, run_component, run_ner, run_pipeline
from service.detect.recognizers._context import (
    ChecksumRunMixin,
    WindowContextMixin,
    _run_candidates,
    label_regex,
    phrase_regex,
)
from service.detect.sentence_classifier import add_sentence_classifier
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

    def analyze(self, text: str, *, ner_chars: int | None = None) -> list[DetectedEntity]:
        """Every recognizer over the whole text; spaCy's NER over at most `ner_chars` of it.

        The NER costs about 90 microseconds a token, the pattern recognizers a
        fraction of that, so a long document gets its identifiers checked throughout
        and its names looked for in its opening and in passages spread across the rest
        (see ner_windows).
        """
        if not text.strip():
            return []
        windows = [(0, len(text))] if ner_chars is None else ner_windows(text, ner_chars)
        found: list[DetectedEntity] = []
        for offset, chunk in _chunks(text, _CHUNK_CHARS):
            local = [
                (max(a, offset) - offset, min(b, offset + len(chunk)) - offset)
                for a, b in windows
                if a < offset + len(chunk) and b > offset
            ]
            artifacts = self._artifacts(chunk, local)
            results = self.engine.analyze(
                chunk, language="en", nlp_artifacts=artifacts, score_threshold=self.score_threshold
            )
            found.extend(_to_entities(chunk, results, offset))
        found = resolve_overlaps(found)
        # A topic word in a lesson plan or a training notice is about no one (the scanner
        # reads names in that light too, knowing the file name).
        return in_context(classify_text(text, found), text, found, frozenset({EntityType.SPECIAL_CATEGORY}))

    def analyze_many(self, texts: Iterable[str]) -> list[list[DetectedEntity]]:
        return [self.analyze(t) for t in texts]

    def _artifacts(self, text: str, ner_ranges: Sequence[tuple[int, int]]) -> NlpArtifacts:
        """One Doc for the whole text; the NER runs on the ranges only.

        The pipeline's state is never touched (scans run in several threads): each
        component is called on the Doc directly, the NER on a copy of each range.
        """
        text = _blank_quote_markers(text)
        if ner_ranges == [(0, len(text))]:
            return self.nlp_engine._doc_to_nlp_artifact(run_pipeline(self.nlp, text), "en")
        doc = self.nlp.make_doc(text)
        ner = None
        for name, component in self.nlp.pipeline:
            if name == "ner":
                ner = component
            else:
                doc = run_component(name, component, doc)
        if ner is not None:
            spans = [doc.char_span(a, b, alignment_mode="contract") for a, b in ner_ranges]
            spans = [span for span in spans if span is not None and len(span)]
            ents: list[Span] = []
            # One batch: the model's fixed cost per call is paid once, not per range.
            for span, piece in zip(spans, run_ner(ner, [span.as_doc() for span in spans])):
                ents.extend(Span(doc, span.start + e.start, span.start + e.end, label=e.label) for e in piece.ents)
            doc.set_ents(ents)
        return self.nlp_engine._doc_to_nlp_artifact(doc, "en")


# Passages of a long text given to the NER besides its opening.
_NER_WINDOW_CHARS = 2_000


def ner_windows(text: str, budget: int) -> list[tuple[int, int]]:
    """Where the NER looks in a text longer than its budget.

    Half the budget goes to the opening (where letters and reports name their
    subject); the other half to evenly spaced passages of about 2,000 characters,
    each cut at line breaks, so a name on page 20 still has a chance.
    """
    if len(text) <= budget:
        return [(0, len(text))]
    head_end = _line_end(text, budget // 2)
    windows = [(0, head_end)]
    count = max(1, (budget - head_end) // _NER_WINDOW_CHARS)
    width = max(1, (budget - head_end) // count)
    stride = (len(text) - head_end) / count
    for i in range(count):
        centre = int(head_end + stride * (i + 0.5))
        start = max(windows[-1][1], _line_start(text, centre - width // 2))
        end = min(len(text), _line_end(text, start + width))
        if end > start:
            windows.append((start, end))
    return windows


def _line_start(text: str, pos: int) -> int:
    pos = max(0, min(pos, len(text)))
    cut = text.rfind("\n", max(0, pos - 300), pos)
    return cut + 1 if cut >= 0 else pos


def _line_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    cut = text.find("\n", pos, pos + 300)
    return cut + 1 if cut >= 0 else pos


_QUOTE_MARKERS = regex.compile(r"(?m)^[ \t]*>[> \t]*")


def _blank_quote_markers(text: str) -> str:
    """The ">" quoting of plain-text replies as spaces, offsets kept.

    For spaCy only (the recognizers read the text as sent): each marker is a token
    the NER must step over, about one in twelve of a quoted thread's tokens, and
    noise in the context of the name next to it.
    """
    return _QUOTE_MARKERS.sub(lambda m: " " * len(m.group()), text)


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
    """Where spans overlap keep the surest, then the longest; return them in text order.

    A name inside a longer secret is part of the secret ("Tulip" in "Tulip-Harbour-14").
    """
    entities = list(entities)
    secrets = [e for e in entities if e.type is EntityType.PASSWORD]
    if secrets:
        entities = [
            e for e in entities
            if e.type is not EntityType.PERSON
            or not any(s.start <= e.start and e.end <= s.end and s.end - s.start > e.end - e.start for s in secrets)
        ]
    ranked = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    kept: list[DetectedEntity] = []
    covered = Covered()
    lost_names = []
    for ent in ranked:
        if not covered.overlaps(ent.start, ent.end):
            kept.append(ent)
            covered.add(ent.start, ent.end)
        elif ent.type is EntityType.PERSON and " " in ent.text:
            lost_names.append(ent)
    # The NER runs a name into the word after it ("give Mia Calpol", "Amir Asthma plan"):
    # when that word is taken by a surer span, the words before it are still the name.
    for ent in lost_names:
        trimmed = _name_before_taken(ent, covered)
        if trimmed is not None:
            kept.append(trimmed)
            covered.add(trimmed.start, trimmed.end)
    return sorted(kept, key=lambda e: (e.start, e.end))


def _name_before_taken(ent: DetectedEntity, covered: Covered) -> DetectedEntity | None:
    """The whole words of a multi-word name before the first word another span took."""
    offset = 0
    for word in ent.text.split(" "):
        start = ent.start + offset
        if word and covered.overlaps(start, start + len(word)):
            head = ent.text[:offset].rstrip()
            if not head or covered.overlaps(ent.start, ent.start + len(head)):
                return None
            return DetectedEntity(ent.type, ent.start, ent.start + len(head), ent.score, head)
        offset += len(word) + 1
    return None


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


def compile_ahead(recognizers: Iterable[EntityRecognizer]) -> None:
    """Build now the patterns recognizers would build on first use.

    Context phrases, reference labels and the country names near a phone number are
    compiled the first time a text needs them (the country names alone take about
    20 ms): done at start-up, the first drafts after it are not the slow ones.
    """
    for recognizer in recognizers:
        if isinstance(recognizer, WindowContextMixin):
            phrase_regex(tuple(recognizer.CONTEXT))
            label_regex(tuple(recognizer.NEGATIVE_CONTEXT))
        if isinstance(recognizer, ChecksumRunMixin) and recognizer.RUN_CANDIDATE:
            _run_candidates(recognizer.RUN_CANDIDATE)
        own = getattr(recognizer, "compile_ahead", None)
        if callable(own):
            own()


def build_detector(settings: Settings) -> PresidioDetector:
    nlp = load_pipeline(settings.spacy_model)
    add_sentence_classifier(nlp, settings.special_category_model)
    detector = PresidioDetector(nlp, score_threshold=settings.score_threshold)
    compile_ahead(detector.engine.registry.recognizers)
    return detector
