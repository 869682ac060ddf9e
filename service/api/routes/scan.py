"""POST /v1/scan: a draft in, a verdict out (CONTRACT sections 2 and 4)."""

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, status

from service.api.deps import AddinUser, ScansDep
from service.api.json_body import OffLoopJsonRoute
from service.api.scanning import Busy, ScanContext
from service.schemas.scan import ScanRequest, ScanResult
from service.store.events import ClientPlatform

router = APIRouter(prefix="/v1", tags=["scan"], route_class=OffLoopJsonRoute)


@router.post(
    "/scan",
    response_model=ScanResult,
    responses={
        401: {"description": "No valid Entra ID token"},
        403: {"description": "The token lacks the add-in scope"},
        413: {"description": "The draft is larger than the service accepts"},
        503: {"description": "The service is busy; try again"},
    },
)
async def scan(
    request: ScanRequest,
    user: AddinUser,
    scans: ScansDep,
    x_client_platform: Annotated[str | None, Header(max_length=64)] = None,
    x_sendguard_item_id: Annotated[str | None, Header(max_length=1024)] = None,
) -> ScanResult:
    """Checks a draft for personal data and says whether it may be sent."""
    context = ScanContext(
        principal=user, platform=ClientPlatform.from_header(x_client_platform), item_id=x_sendguard_item_id
    )
    try:
        return await scans.scan(request, context)
    except Busy:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="SendGuard is busy: please try again in a moment",
            headers={"Retry-After": "1"},
        ) from None
