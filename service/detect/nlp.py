"""Loading the spaCy pipeline for Presidio, never from the network."""

import logging
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language

log = logging.getLogger(__name__)

# Components nothing here uses. Dropping the dependency parser roughly halves the
# time spaCy takes per text (the statistical sentence splitter replaces it); the
# attribute ruler and lemmatizer cost another ~12 ms on a 2 KB email and only serve
# coarse POS and lemmas, which no recognizer reads (they use fine tags).
_EXCLUDE = ("parser", "attribute_ruler", "lemmatizer")

# spaCy labels that are not personal data in our sense; everything else but PERSON
# is ignored too, since the pattern recognizers find the rest.
_IGNORED_LABELS = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY",
    "NORP", "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)


class PipelineNotInstalled(RuntimeError):
    pass


def load_pipeline(name_or_path: str) -> Language:
    """Load an installed spaCy pipeline package or a pipeline folder.

    Raises PipelineNotInstalled instead of downloading anything.
    """
    if not (spacy.util.is_package(name_or_path) or Path(name_or_path).is_dir()):
        raise PipelineNotInstalled(
            f"spaCy pipeline {name_or_path!r} is not installed here. Install it with pip "
            "(see models/README.md) or set SENDGUARD_SPACY_MODEL to an installed pipeline."
        )
    nlp = spacy.load(name_or_path, exclude=[c for c in _EXCLUDE])
    if "senter" in nlp.disabled:
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
