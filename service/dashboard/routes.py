"""The DPO's API (/v1/dpo/...: statistics, CSV export, subject access and erasure) and the dashboard pages.

The pages are static files served without sign-in: they hold no data. Every figure
comes from /v1/dpo/..., which needs an Entra ID token with the DPO (or admin) role;
the page gets one with MSAL Browser (see docs/dashboard.md).
"""

import csv
import io
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, Response

from service.api.deps import DpoUser, RepositoryDep, SettingsDep, StateDep, WriterDep
from service.dashboard.inventory import Inventory, data_inventory
from service.dashboard.pages import privacy_page
from service.dashboard.stats import DEFAULT_MIN_FIRINGS, TABLES, Stats, StatsFilter, StatsQueries, table_rows
from service.dashboard.subjects import (
    NotASubject,
    SubjectErased,
    SubjectExport,
    erase_subject,
    export_subject,
    sender_hash_for,
)
from service.schemas.org import MAX_UNIT_NAME_CHARS
from service.store.events import ClientPlatform

STATIC = FilePath(__file__).resolve().parent / "static"

api = APIRouter(prefix="/v1/dpo", tags=["dpo"])
pages = APIRouter(include_in_schema=False)

Verdict = Literal["allow", "info", "warn", "block"]
PlatformName = Literal["PC", "Mac", "OfficeOnline", "iOS", "Android", "Universal", "other", "unknown"]
TableName = Literal["totals", "daily_verdicts", "daily_rules", "rule_outcomes", "override_reasons", "entity_types",
                    "recipient_classes", "platforms", "latency", "senders", "units", "misdirected"]
# Spelt out for the OpenAPI document; kept in step with the store's and the statistics' own lists.
assert set(get_args(PlatformName)) == {p.value for p in ClientPlatform} | {"unknown"}
assert set(get_args(TableName)) == set(TABLES)

RULE_ID = r"^[a-z0-9][a-z0-9-]{0,79}$"


def stats_filter(
    start: Annotated[date | None, Query(alias="from", description="first day (UTC), inclusive")] = None,
    end: Annotated[date | None, Query(alias="to", description="last day (UTC), inclusive")] = None,
    rule: Annotated[str | None, Query(pattern=RULE_ID, description="only drafts this rule fired on")] = None,
    action: Annotated[Verdict | None, Query(description="only drafts with this verdict")] = None,
    platform: Annotated[PlatformName | None, Query(description="only drafts from this Outlook")] = None,
    unit: Annotated[str | None, Query(min_length=1, max_length=MAX_UNIT_NAME_CHARS,
                                      description="only drafts from this school or department (a unit of the "
                                                  "organisation file, or 'unmapped')")] = None,
    min_firings: Annotated[int, Query(ge=1, description="firings before a rule can be called mostly overridden")] = (
        DEFAULT_MIN_FIRINGS
    ),
) -> StatsFilter:
    if start and end and start > end:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="'from' is after 'to'")
    return StatsFilter(start=start, end=end, rule=rule or None, action=action, platform=platform,
                       unit=" ".join(unit.split()) if unit else None, min_firings=min_firings)


FilterDep = Annotated[StatsFilter, Depends(stats_filter)]


async def _stats(repository: RepositoryDep, settings: SettingsDep, f: StatsFilter) -> Stats:
    queries = StatsQueries(repository.engine)
    return await run_in_threadpool(queries.stats, f, full_sender_hash=settings.show_sender_identities)


@api.get("/stats", response_model=Stats, summary="Every figure of the dashboard for a date range and filters")
async def get_stats(_user: DpoUser, repository: RepositoryDep, settings: SettingsDep, f: FilterDep) -> Stats:
    return await _stats(repository, settings, f)


@api.get("/export/{table}.csv", summary="One table of the dashboard as CSV", response_class=Response,
         responses={200: {"content": {"text/csv": {}}}})
async def export_csv(
    table: Annotated[TableName, Path()], _user: DpoUser, repository: RepositoryDep, settings: SettingsDep,
    f: FilterDep,
) -> Response:
    stats = await _stats(repository, settings, f)
    columns = list(TABLES[table].model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in table_rows(stats, table):
        values = row.model_dump()
        writer.writerow([_csv_value(values[c]) for c in columns])
    name = f"sendguard-{table}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


SubjectPath = Annotated[str, Path(min_length=3, max_length=320,
                                  description="an email address (hashed here, never kept) or a sender hash")]


def _subject_hash(subject: str, state: StateDep) -> str:
    try:
        return sender_hash_for(subject, state.hash_key)
    except NotASubject as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


@api.get("/subjects/{subject}", response_model=SubjectExport,
         summary="Subject access: every row held for one sender")
async def get_subject(subject: SubjectPath, _user: DpoUser, state: StateDep, writer: WriterDep) -> SubjectExport:
    sender_hash = _subject_hash(subject, state)
    await run_in_threadpool(writer.flush, 5.0)
    return await run_in_threadpool(export_subject, state.repository.engine, sender_hash)


@api.delete("/subjects/{subject}", response_model=SubjectErased,
            summary="Erasure: delete every row held for one sender")
async def delete_subject(subject: SubjectPath, _user: DpoUser, state: StateDep, writer: WriterDep) -> SubjectErased:
    sender_hash = _subject_hash(subject, state)
    # Rows still waiting in this worker's buffer are written first, so they are erased too.
    await run_in_threadpool(writer.flush, 5.0)
    return await run_in_threadpool(erase_subject, state.repository.engine, sender_hash)


@api.get("/inventory", response_model=Inventory, summary="What the store holds, column by column")
async def get_inventory(_user: DpoUser, settings: SettingsDep) -> Inventory:
    return data_inventory(settings.retention_days)


# --- pages ------------------------------------------------------------------------

def _page_headers(settings_authority: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            f"connect-src 'self' {settings_authority}; frame-src {settings_authority}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }


@pages.get("/dashboard")
async def dashboard(settings: SettingsDep) -> FileResponse:
    return FileResponse(STATIC / "dashboard.html", media_type="text/html",
                        headers=_page_headers(settings.graph_authority_host))


@pages.get("/dashboard/config.json")
async def dashboard_config(settings: SettingsDep) -> dict[str, str | None]:
    """What MSAL Browser needs to sign the DPO in; none of it is secret."""
    client_id = settings.dashboard_client_id or settings.api_client_id
    api_id = settings.api_client_id
    return {
        "client_id": client_id,
        "authority": f"{settings.graph_authority_host.rstrip('/')}/{settings.tenant_id}" if settings.tenant_id
        else None,
        "scope": f"api://{api_id}/{settings.addin_scope}" if api_id else None,
        "dev": "yes" if settings.auth_mode == "dev" else None,
    }


@pages.get("/dashboard/privacy", response_class=HTMLResponse)
async def privacy(settings: SettingsDep) -> HTMLResponse:
    return HTMLResponse(privacy_page(data_inventory(settings.retention_days)),
                        headers=_page_headers(settings.graph_authority_host))


@pages.get("/dashboard/static/{name:path}")
async def static_file(name: str) -> FileResponse:
    path = (STATIC / name).resolve()
    if not path.is_relative_to(STATIC) or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such file")
    return FileResponse(path, headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600"})
