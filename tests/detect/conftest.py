"""One real detector (spaCy pipeline + every recognizer) shared by the recognizer tests.

Tests that use it are marked `spacy` automatically, so `-m "not spacy"` runs only the
pure ones (checksums, helpers).
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from service.detect.analyzer import PresidioDetector, build_detector
from service.settings import Settings

Found = Callable[[str, str], list[str]]

_PIPELINE_FIXTURES = frozenset({"detector", "found"})
_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # pytest calls this hook with every collected item, not only this folder's.
    for item in items:
        in_this_folder = item.path.is_relative_to(_HERE)
        if in_this_folder and _PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.spacy)


@pytest.fixture(scope="session")
def detector() -> PresidioDetector:
    return build_detector(Settings())


@pytest.fixture(scope="session")
def found(detector: PresidioDetector) -> Found:
    """found(text, "UK_UPN") -> the matched values of that type, in text order."""

    def _found(text: str, entity_type: str) -> list[str]:
        return [e.text for e in detector.analyze(text) if e.type.value == entity_type]

    return _found
