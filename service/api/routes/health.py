"""GET /healthz (alive, no sign-in) and GET /readyz (models, rules and store ready)."""

import asyncio

from fastapi import APIRouter, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.api.deps import PrincipalDep, StateDep

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
    store_backlog: int


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
async def readyz(state: StateDep, _user: PrincipalDep) -> JSONResponse:
    scanner = state.scans.scanner
    try:
        await asyncio.wait_for(run_in_threadpool(state.repository.ping), STORE_PING_SECONDS)
        store_ok = True
    except Exception:  # noqa: BLE001 - any failure means not reachable
        store_ok = False
    ready = Readiness(
        status="ready",
        models_loaded=scanner.detector is not None,
        rules_loaded=len(scanner.rules),
        rules_not_loaded=len(scanner.rule_errors),
        store_reachable=store_ok,
        store_backlog=state.writer.backlog,
    )
    ok = ready.models_loaded and ready.rules_loaded > 0 and store_ok
    if not ok:
        ready.status = "not ready"
    return JSONResponse(ready.model_dump(), status_code=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE)
