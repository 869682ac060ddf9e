"""create_app(): the FastAPI service; its lifespan loads the scanner once per worker."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from service.api import telemetry
from service.api.cache import ScanCache
from service.api.middleware import BodyLimit, RequestLog
from service.api.signin import SignIn
from service.api.routes import health, metrics, outcome, protect, scan
from service.api.routes import rules as rules_routes
from service.dashboard import routes as dashboard_routes
from service.addin import routes as addin_routes
from service.api.safety import check_settings
from service.api.scanning import Enricher, ScanService
from service.api.state import ServiceState
from service.auth.tokens import validator_from_settings
from service.history.store import HistoryKeys, SqlHistory
from service.logs import configure_logging
from service.rulebook.reload import RuleWatcher
from service.rulebook.store import RuleStore
from service.scanner import Scanner, build_scanner
from service.schemas.scan import Body, Message, ScanRequest
from service.settings import Settings
from service.store.hashing import load_hash_key
from service.store.migrate import schema_status, upgrade
from service.store.repository import Repository, make_engine
from service.store.writer import StoreWriter

log = logging.getLogger(__name__)

# The routes that take a whole draft, attachments included (or an attachment to protect):
# they get max_request_bytes.
DRAFT_PATHS = ("/v1/scan", "/v1/protect", "/v1/admin/dry-run", "/v1/admin/dry-run/upload")


def _build_enricher(settings: Settings, scanner: Scanner) -> Enricher | None:
    if not settings.graph_enabled:
        return None
    from service.graph.enrich import GraphEnricher  # msgraph-sdk is loaded only when used

    enricher = GraphEnricher.from_settings(settings)
    enricher.scanner = scanner
    return enricher


def _warm_up(service: ScanService) -> None:
    """One small scan so spaCy's first-call costs are paid before the first draft."""
    request = ScanRequest(message=Message(subject="Warm-up", body=Body(content="Hello from SendGuard.")))
    service.scanner.scan(request)


def _warn_if_schema_behind(engine: Engine) -> None:
    """A shared store is migrated by `sendguard migrate`; say so plainly if that was not done."""
    try:
        schema = schema_status(engine)
    except Exception as exc:  # noqa: BLE001 - /readyz reports an unreachable store
        log.error("store not reachable at start-up; intercepts will be buffered",
                  extra={"error": exc.__class__.__name__})
        return
    if not schema.usable:
        log.error("the store's tables are not at this version's revision: run `sendguard migrate`; "
                  "until then /readyz answers 503 and intercepts are buffered",
                  extra={"revision": schema.current, "needed": schema.head})


def create_app(settings: Settings) -> FastAPI:
    check_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging()
        if settings.auth_mode == "dev":
            for _ in range(3):
                log.warning("DEVELOPMENT MODE: NO SIGN-IN. Anyone on this machine can call SendGuard. "
                            "Never run this way for real mail.", extra={"host": settings.bind_host})
        validator = None if settings.auth_mode == "dev" else validator_from_settings(settings)
        hash_key = load_hash_key(settings)
        if settings.hash_key is None and not settings.resolved_database_url.startswith("sqlite"):
            # NOTE: a key made in this server's data folder differs from every other server's,
            # so the same sender would be counted as different people in the shared store.
            log.warning("a shared store but no SENDGUARD_HASH_KEY (or _FILE): give every server the same key")
        engine = make_engine(settings.resolved_database_url, settings.database_schema)
        repository = Repository(engine)
        prepare = None
        if settings.migrates_on_start:
            migrate = partial(upgrade, engine, settings.database_schema)
            try:
                await run_in_threadpool(migrate)
            except Exception as exc:  # noqa: BLE001 - the store may come up later; the writer retries
                log.error("store not reachable at start-up; intercepts will be buffered",
                          extra={"error": exc.__class__.__name__})
                prepare = migrate
        else:
            await run_in_threadpool(_warn_if_schema_behind, engine)
        writer = StoreWriter(
            repository,
            limit=settings.store_buffer_limit,
            batch_size=settings.store_batch_size,
            retry_seconds=settings.store_retry_seconds,
            retention_days=settings.retention_days,
            on_dropped=telemetry.STORE_DROPPED.inc,
            on_backlog=telemetry.STORE_BACKLOG.set,
            prepare=prepare,
            spill_path=settings.data_dir / "unwritten-intercepts.jsonl",
        )
        writer.start()
        scanner = await run_in_threadpool(build_scanner, settings)
        # Who each sender has written to (CONTRACT section 8): read by every scan, fed by sent drafts.
        scanner.history = SqlHistory(engine, hash_key, settings.retention_days)
        service = ScanService(
            scanner,
            writer,
            hash_key,
            threads=settings.scan_threads,
            max_waiting=settings.max_waiting_scans,
            cache=ScanCache(settings.scan_cache_entries, settings.scan_cache_seconds),
            enricher=_build_enricher(settings, scanner),
            store_wait_seconds=settings.store_wait_seconds,
            history_keys=HistoryKeys(hash_key),
        )
        await asyncio.get_running_loop().run_in_executor(service.executor, _warm_up, service)
        # Rules live in the database (seeded from rules/); every worker polls for changes.
        rules_watcher = RuleWatcher(settings, RuleStore(engine), service.scanner, service.use_scanner)
        await rules_watcher.start()
        app.state.rules_watcher = rules_watcher
        app.state.service = ServiceState(
            settings=settings, scans=service, repository=repository, writer=writer,
            hash_key=hash_key, validator=validator,
        )
        log.info("ready", extra={"host": settings.bind_host})
        try:
            yield
        finally:
            await rules_watcher.stop()
            await run_in_threadpool(writer.stop, 10.0)
            service.close()
            engine.dispose()

    app = FastAPI(
        title="SendGuard",
        version="0.1.0",
        summary="Checks school and trust email drafts for personal data when Send is pressed.",
        lifespan=lifespan,
        # The OpenAPI document stays; the browsable pages would pull scripts from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(health.router)
    app.include_router(scan.router)
    app.include_router(outcome.router)
    app.include_router(protect.router)
    app.include_router(metrics.router)
    app.include_router(rules_routes.router)
    app.include_router(dashboard_routes.api)
    app.include_router(dashboard_routes.pages)
    app.include_router(addin_routes.router)
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_request_bytes,  # type: ignore[arg-type]
        other_max_bytes=settings.max_other_request_bytes, large_paths=DRAFT_PATHS,
    )
    # Outside BodyLimit: no body is read before the caller is signed in.
    app.add_middleware(SignIn)  # type: ignore[arg-type]
    if settings.cors_allowed_origins:
        app.add_middleware(
            CORSMiddleware,  # type: ignore[arg-type]
            allow_origins=settings.cors_allowed_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Client-Platform", "X-Sendguard-Item-Id"],
            max_age=600,
        )
    app.add_middleware(RequestLog)  # type: ignore[arg-type]
    return app


def _where(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "(top)"


async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with a plain sentence; the offending input is not echoed back or logged."""
    errors = exc.errors()
    telemetry.ERRORS.labels(kind="invalid_request").inc()
    if any(e.get("type") == "json_invalid" for e in errors):
        detail = "The body is not valid JSON."
    elif errors:
        first = errors[0]
        problem = "unknown field" if first.get("type") == "extra_forbidden" else str(first.get("msg", "invalid"))
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        detail = f"The request is not valid: {_where(tuple(first.get('loc', ())))}: {problem}{more}."
    else:
        detail = "The request is not valid."
    listed = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in errors[:20]]
    return JSONResponse({"detail": detail, "errors": listed}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    telemetry.ERRORS.labels(kind="internal").inc()
    log.error("unexpected error", exc_info=exc)
    return JSONResponse({"detail": "SendGuard could not check this email because of an internal error."},
                        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)


def app_from_environment() -> FastAPI:
    """The uvicorn factory: settings from SENDGUARD_* variables (as `sendguard serve` sets them)."""
    return create_app(Settings())
