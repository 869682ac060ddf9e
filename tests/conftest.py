"""Shared fixtures: the real spaCy pipeline and scanner are loaded once per test run."""

import pytest

from service.detect.analyzer import PresidioDetector, build_detector
from service.scanner import Scanner, build_scanner
from service.settings import Settings


@pytest.fixture(scope="session")
def detector() -> PresidioDetector:
    return build_detector(Settings())


@pytest.fixture(scope="session")
def scanner(detector: PresidioDetector) -> Scanner:
    return build_scanner(Settings(), detector=detector)
