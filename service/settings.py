"""Settings, read from SENDGUARD_* environment variables."""

from functools import lru_cache
from pathlib import Path

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]

# Settings that may be read from a file named by SENDGUARD_<NAME>_FILE.
SECRET_FILE_SETTINGS = ("hash_key", "graph_client_secret", "database_url")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDGUARD_", extra="ignore")

    # The spaCy pipeline: an installed package name or a folder. The bundled one is
    # described in models/README.md; a trust may install en_core_web_lg and name it here.
    spacy_model: str = str(REPO_ROOT / "models" / "sendguard_en_sm")
    # The special-category sentence classifier (a spaCy textcat folder, models/README.md),
    # loaded beside the pipeline above; an empty value runs the term lists alone.
    special_category_model: str = str(REPO_ROOT / "models" / "special_category" / "model")
    rules_dir: Path = REPO_ROOT / "rules"
    organisation_file: Path = REPO_ROOT / "rules" / "organisation.example.yaml"
    # Findings below this confidence are dropped.
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    # Longest text given to detection; the rest of a longer text is not scanned and
    # the verdict says so.
    max_text_chars: int = Field(default=300_000, ge=1_000)
    # The name finder (spaCy's NER) costs ~90 microseconds a word, the identifier
    # recognizers a fraction of that. Past these many characters of a subject or body
    # it reads only spread-out passages (identifiers are still checked everywhere).
    ner_chars: int = Field(default=20_000, ge=1_000)
    # Characters read out of one attachment (about 30 pages of prose; spreadsheets
    # are sampled by rows first), and how many of them the name finder reads.
    attachment_text_chars: int = Field(default=60_000, ge=1_000)
    attachment_ner_chars: int = Field(default=8_000, ge=1_000)
    # One deadline and one text allowance for a whole draft, shared by all its
    # attachments and everything nested in them: without them a zip of 1,000 small
    # files or 250 attachments cost minutes. DESIGN.md allows any draft 3 s; reading
    # stops at 60% of the deadline and detection at the deadline, leaving room for the
    # step in progress. What is not reached is reported unscannable or truncated.
    draft_deadline_seconds: float = Field(default=2.5, gt=0)
    draft_text_chars: int = Field(default=250_000, ge=1_000)
    # Wall-clock limit for one administrator-written pattern on one text, and for all
    # pattern checks of one draft together (20 attachments once cost 20 x the first);
    # a rule whose patterns could not all be checked in time warns rather than passing.
    pattern_timeout_seconds: float = Field(default=0.2, gt=0)
    draft_pattern_seconds: float = Field(default=0.5, gt=0)
    # How often each worker checks the rule store for a change (rules and organisation
    # are held in the database; rules/ only seeds it at first start).
    rules_poll_seconds: float = Field(default=1.0, gt=0, le=60)

    # --- HTTP service (sendguard serve) -------------------------------------------
    # Where the server listens; `sendguard serve` sets it. Development sign-in is
    # refused unless this is a loopback address, and (whoever started the app) each
    # request must reach a loopback address from one, with no proxy's headers.
    bind_host: str = "127.0.0.1"
    # "entra": Microsoft Entra ID access tokens. "dev": no sign-in at all, for a
    # developer's own machine only (loopback, loud warning).
    auth_mode: Literal["entra", "dev"] = "entra"
    # The directory (tenant) id of the trust's Entra ID, and the tenants whose users
    # may call the service (the home tenant is always allowed). Admin and DPO roles are
    # believed from the home tenant only: a partner's administrators assign their own.
    tenant_id: str | None = None
    allowed_tenants: list[str] = Field(default_factory=list)
    # The API's application (client) id; tokens must be issued for it (or api://<id>).
    api_client_id: str | None = None
    # Further accepted audiences, e.g. the Office SSO form api://<host>/<client id>.
    api_extra_audiences: list[str] = Field(default_factory=list)
    # OpenID configuration document; by default the tenant's one at login.microsoftonline.com.
    openid_config_url: str | None = None
    # Delegated scope the add-in's token must carry.
    addin_scope: str = "access_as_user"
    admin_role: str = "SendGuard.Admin"
    dpo_role: str = "SendGuard.DPO"
    token_leeway_seconds: int = Field(default=60, ge=0, le=300)
    # Signing keys are kept this long, and fetched again at most this often when a
    # token names an unknown key id.
    jwks_cache_seconds: int = Field(default=3600, ge=1)
    jwks_min_refresh_seconds: float = Field(default=30.0, ge=0)
    # Origins the add-in's pages are served from, when not from this service itself
    # (e.g. https://sendguard-addin.oakfieldtrust.org.uk).
    cors_allowed_origins: list[str] = Field(default_factory=list)
    # --- the Outlook add-in (served from /addin/) ------------------------------------
    # The https address Outlook reaches this service at; the manifests point there.
    # Without it, a request's own address is used only when it names this machine
    # (a developer's); the add-in's scripts are refused (421) to any other Host header.
    public_base_url: str | None = None
    # What Outlook does when the add-in cannot run at all: softBlock, promptUser or block.
    addin_send_mode: Literal["softBlock", "promptUser", "block"] = "softBlock"
    # When the add-in runs but cannot reach SendGuard: promptUser lets the sender choose
    # at once; retryThenPrompt asks them to press Send again first, then lets them choose.
    addin_unreachable_action: Literal["promptUser", "retryThenPrompt"] = "promptUser"
    # Bodies larger than this are refused with 413 before they are read whole.
    max_request_bytes: int = Field(default=40 * 1024 * 1024, ge=1024)
    # The same for every route that is not a draft (/v1/scan and the dry runs): rules,
    # the organisation and outcomes are small, and a signed-in caller should not make a
    # worker read 40 MB where 2 MB is ample (a rule's YAML is at most 200,000 characters).
    max_other_request_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    # Protect this file (POST /v1/protect, `sendguard protect`): the largest file made a
    # protected copy of, and the time allowed for checking and encrypting it (DESIGN.md:
    # a 1 MB Office file within 1 s; 25 MB takes a few seconds).
    protect_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    protect_seconds: float = Field(default=10.0, gt=0, le=60)
    # Threads running detection in each worker, and drafts allowed to wait for one.
    scan_threads: int = Field(default=2, ge=1, le=32)
    max_waiting_scans: int = Field(default=64, ge=1)
    # A repeat of the same draft within this time is answered from memory.
    scan_cache_entries: int = Field(default=512, ge=0)
    scan_cache_seconds: int = Field(default=900, ge=0)

    # --- the intercept store --------------------------------------------------------
    # SQLAlchemy URL; by default a SQLite file in data_dir. PostgreSQL:
    # postgresql+psycopg://user@host:5432/db
    database_url: str | None = None
    # PostgreSQL schema to keep the tables in (default: the server's search path).
    database_schema: str | None = None
    data_dir: Path = REPO_ROOT / "var"
    # Key for the sender's keyed hash and the scan cache's keys. Without it a random
    # key is made once and kept in data_dir/hash.key.
    hash_key: SecretStr | None = None
    retention_days: int = Field(default=365, ge=1)
    # Whether a server brings the store's tables up to date when it starts. Unset: only
    # a SQLite store is (one machine's file; the README's two commands rely on it). A
    # shared PostgreSQL store is migrated by `sendguard migrate`, run once before the
    # servers are rolled: servers of two versions must not race to change one schema.
    migrate_on_start: bool | None = None

    # --- the DPO dashboard ------------------------------------------------------------
    # Senders are shown by the first 12 characters of their keyed hash. True shows the
    # whole hash instead (what the subject access and erasure calls take). Addresses and
    # names are never stored, so no setting can show them.
    show_sender_identities: bool = False
    # The Entra ID app registration (single-page application) the dashboard signs in
    # with; by default the API's own registration, with the dashboard URL added as a
    # SPA redirect URI.
    dashboard_client_id: str | None = None
    # Intercepts waiting to be written when the database is unreachable; beyond this
    # the oldest are dropped and counted in /metrics.
    store_buffer_limit: int = Field(default=100_000, ge=100)
    store_retry_seconds: float = Field(default=2.0, gt=0)
    store_batch_size: int = Field(default=200, ge=1)
    # A verdict waits up to this long for its intercept row to be written (not at all
    # while the store is failing): a server killed just after answering then loses no
    # row, and an outcome sent through another server finds its scan. 0 never waits.
    store_wait_seconds: float = Field(default=1.0, ge=0, le=10)

    # --- Microsoft Graph (optional) -----------------------------------------------------
    graph_enabled: bool = False
    # "obo": on behalf of the signed-in user; "app": the service's own permissions.
    graph_mode: Literal["obo", "app"] = "obo"
    graph_client_id: str | None = None
    graph_client_secret: SecretStr | None = None
    graph_authority_host: str = "https://login.microsoftonline.com"
    graph_base_url: str = "https://graph.microsoft.com/v1.0"
    # A CA bundle for Graph and token endpoint TLS (tests, corporate TLS proxies).
    graph_ca_bundle: Path | None = None
    graph_timeout_seconds: float = Field(default=1.5, gt=0, le=30)
    graph_cache_seconds: int = Field(default=3600, ge=0)
    # Largest attachment fetched through Graph.
    graph_max_attachment_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)

    # Secrets may instead be given as files (an orchestrator's or systemd's credentials):
    # SENDGUARD_HASH_KEY_FILE, SENDGUARD_GRAPH_CLIENT_SECRET_FILE, SENDGUARD_DATABASE_URL_FILE
    # (the URL may carry the database password). Surrounding white space is ignored.
    hash_key_file: Path | None = None
    graph_client_secret_file: Path | None = None
    database_url_file: Path | None = None

    @model_validator(mode="after")
    def _read_secret_files(self) -> "Settings":
        for name in SECRET_FILE_SETTINGS:
            path: Path | None = getattr(self, f"{name}_file")
            if path is None:
                continue
            variable = f"SENDGUARD_{name.upper()}"
            if getattr(self, name) is not None:
                raise ValueError(f"set {variable} or {variable}_FILE, not both")
            try:
                value = path.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or "not UTF-8 text"
                raise ValueError(f"{variable}_FILE: {path} cannot be read ({reason})") from None
            if not value:
                raise ValueError(f"{variable}_FILE: {path} is empty")
            setattr(self, name, value if name == "database_url" else SecretStr(value))
        return self

    @property
    def migrates_on_start(self) -> bool:
        if self.migrate_on_start is not None:
            return self.migrate_on_start
        return self.resolved_database_url.startswith("sqlite")

    @property
    def resolved_openid_config_url(self) -> str | None:
        if self.openid_config_url:
            return self.openid_config_url
        if self.tenant_id:
            return f"https://login.microsoftonline.com/{self.tenant_id}/v2.0/.well-known/openid-configuration"
        return None

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'sendguard.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
