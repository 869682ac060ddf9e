"""POST /v1/scans/{scan_id}/outcome: what the sender did after the verdict."""

from typing import Annotated, Self

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, model_validator
from ulid import ULID

from service.api import telemetry
from service.api.deps import AddinUser, RepositoryDep, WriterDep
from service.store.events import Outcome, OutcomeEvent, SendAnywayReason

router = APIRouter(prefix="/v1", tags=["scan"])

ULID_PATTERN = r"^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$"


class OutcomeRequest(BaseModel):
    """Sent anyway (with a reason from the list), changed the draft, or cancelled it."""

    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    reason: SendAnywayReason | None = None

    @model_validator(mode="after")
    def _reason_only_when_sent_anyway(self) -> Self:
        if self.outcome is Outcome.SENT_ANYWAY and self.reason is None:
            raise ValueError("a reason is needed when the email was sent anyway")
        if self.outcome is not Outcome.SENT_ANYWAY and self.reason is not None:
            raise ValueError("a reason is given only when the email was sent anyway")
        return self


class OutcomeRecorded(BaseModel):
    scan_id: str
    outcome: Outcome


@router.post(
    "/scans/{scan_id}/outcome",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=OutcomeRecorded,
    responses={404: {"description": "No such scan"}, 401: {"description": "No valid token"}},
)
async def record_outcome(
    scan_id: Annotated[str, Path(pattern=ULID_PATTERN, description="The scan_id of the verdict")],
    body: OutcomeRequest,
    user: AddinUser,
    repository: RepositoryDep,
    writer: WriterDep,
) -> OutcomeRecorded:
    scan_id = scan_id.upper()
    known = writer.pending(scan_id)
    if not known:
        try:
            known = await run_in_threadpool(repository.scan_exists, scan_id)
        except Exception:  # noqa: BLE001 - store down: accept and buffer, the scan may be in another worker's buffer
            telemetry.ERRORS.labels(kind="store_read").inc()
            known = True
    if not known:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no scan with this id")
    writer.submit(OutcomeEvent(outcome_id=str(ULID()), scan_id=scan_id, outcome=body.outcome, reason=body.reason))
    telemetry.OUTCOMES.labels(outcome=body.outcome.value).inc()
    return OutcomeRecorded(scan_id=scan_id, outcome=body.outcome)
