"""GET /healthz (alive) and GET /readyz (models, rules and store ready): the probes of a load
balancer or orchestrator, which carry no token. Neither says anything about mail or people."""

import asyncio

from fastapi import APIRouter, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.api.deps import StateDep
from service.store.migrate import SchemaStatus, schema_status

router = APIRouter(tags=["health"])

STORE_PING_SECONDS = 3.0


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    models_loaded: bool
    rules_loaded: int
    rules_not_loaded: int
    store_reachable: bool
    # False when the store's tables are older than this version needs: run `sendguard
    # migrate` (docs/run-in-production.md, upgrades). Tables a newer version migrated are
    # served on while the servers are rolled.
    store_schema_current: bool
    store_backlog: int


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
async def readyz(state: StateDep) -> JSONResponse:
    scanner = state.scans.scanner
    schema: SchemaStatus | None
    try:
        schema = await asyncio.wait_for(
            run_in_threadpool(schema_status, state.repository.engine), STORE_PING_SECONDS
        )
    except Exception:  # noqa: BLE001 - any failure means not reachable
        schema = None
    ready = Readiness(
        status="ready",
        models_loaded=scanner.detector is not None,
        rules_loaded=len(scanner.rules),
        rules_not_loaded=len(scanner.rule_errors),
        store_reachable=schema is not None,
        store_schema_current=schema is not None and schema.usable,
        store_backlog=state.writer.backlog,
    )
    ok = ready.models_loaded and ready.rules_loaded > 0 and ready.store_schema_current
    if not ok:
        ready.status = "not ready"
    return JSONResponse(ready.model_dump(), status_code=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE)
