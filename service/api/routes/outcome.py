"""POST /v1/scans/{scan_id}/outcome: what the sender did after the verdict."""

import hmac
from typing import Annotated, Self

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, model_validator
from ulid import ULID

from service.api import telemetry
from service.api.deps import AddinUser, RepositoryDep, StateDep, WriterDep
from service.api.scanning import principal_hash
from service.store.events import Outcome, OutcomeEvent, SendAnywayReason
from service.store.repository import ScanClaim
from service.store.writer import BufferedScan

router = APIRouter(prefix="/v1", tags=["scan"])

NO_SUCH_SCAN = "no scan with this id"
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
    responses={
        404: {"description": "No such scan, or not one of the caller's"},
        409: {"description": "An outcome is already recorded for this scan"},
        503: {"description": "The store cannot be read just now"},
        401: {"description": "No valid token"},
    },
)
async def record_outcome(
    scan_id: Annotated[str, Path(pattern=ULID_PATTERN, description="The scan_id of the verdict")],
    body: OutcomeRequest,
    user: AddinUser,
    state: StateDep,
    repository: RepositoryDep,
    writer: WriterDep,
) -> OutcomeRecorded:
    scan_id = scan_id.upper()
    # The scan's owner and whether it has an outcome: from this worker's buffer while the scan
    # waits there (its outcome can then only be waiting too), else from the store.
    claim: BufferedScan | ScanClaim | None = writer.buffered_scan(scan_id)
    if claim is None:
        try:
            claim = await run_in_threadpool(repository.scan_claim, scan_id)
        except Exception:  # noqa: BLE001 - store down: whose scan it is cannot be checked
            telemetry.ERRORS.labels(kind="store_read").inc()
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE,
                                detail="the outcome could not be recorded just now; please try again later") from None
    # NOTE: someone else's scan answers exactly as a missing one, so scan ids are not confirmed to strangers.
    if claim is None or claim.principal_hash is None or not hmac.compare_digest(
        claim.principal_hash, principal_hash(state.hash_key, user)
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=NO_SUCH_SCAN)
    event = OutcomeEvent(outcome_id=str(ULID()), scan_id=scan_id, outcome=body.outcome, reason=body.reason)
    if claim.answered or not writer.submit_outcome(event):
        raise HTTPException(status.HTTP_409_CONFLICT, detail="an outcome has already been recorded for this scan")
    telemetry.OUTCOMES.labels(outcome=body.outcome.value).inc()
    return OutcomeRecorded(scan_id=scan_id, outcome=body.outcome)
