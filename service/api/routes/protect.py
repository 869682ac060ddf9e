"""POST /v1/protect: an attachment in, its password-protected copy and new password out (CONTRACT section 9)."""

import base64
import binascii

import anyio
from fastapi import APIRouter, HTTPException, status

from service.api import telemetry
from service.api.deps import AddinUser, SettingsDep
from service.api.json_body import OffLoopJsonRoute
from service.protect import CannotProtect, ProtectedCopy, ProtectLimits, protect_file
from service.protect import reasons
from service.schemas.protect import ProtectedFile, ProtectRequest
from service.settings import Settings

router = APIRouter(prefix="/v1", tags=["protect"], route_class=OffLoopJsonRoute)

# NOTE: each protection holds a few copies of its file in memory; this caps how many
# run at once in a worker (the rest wait their turn), as scan_threads caps scans.
_limiter: anyio.CapacityLimiter | None = None


def _capacity(settings: Settings) -> anyio.CapacityLimiter:
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(settings.scan_threads)
    return _limiter


def _decode(encoded: str, max_bytes: int) -> bytes:
    # Refused before decoding: base64 is 4 characters for 3 bytes (line breaks aside).
    if len(encoded) * 3 // 4 > max_bytes + 3 + len(encoded) // 76 * 2:
        raise CannotProtect(reasons.too_large(max_bytes))
    try:
        return base64.b64decode(encoded)
    except (binascii.Error, ValueError):
        raise CannotProtect(reasons.GARBLED) from None


@router.post(
    "/protect",
    response_model=ProtectedFile,
    responses={
        401: {"description": "No valid Entra ID token"},
        403: {"description": "The token lacks the add-in scope"},
        413: {"description": "The request is larger than the service accepts"},
        422: {"description": "The file cannot be protected (already protected, unreadable or too large); "
                             "`detail` says why in one sentence"},
    },
)
async def protect(request: ProtectRequest, _user: AddinUser, settings: SettingsDep) -> ProtectedFile:
    """Makes a password-protected copy of one attachment; the password is returned once and kept nowhere."""
    attachment = request.attachment
    limits = ProtectLimits(max_bytes=settings.protect_max_bytes, seconds=settings.protect_seconds)

    def work() -> ProtectedCopy:
        data = _decode(attachment.content_base64, limits.max_bytes)
        return protect_file(attachment.name, data, attachment.content_type, limits)

    try:
        copy = await anyio.to_thread.run_sync(work, limiter=_capacity(settings))
    except CannotProtect as refused:
        telemetry.PROTECTIONS.labels(result="refused").inc()
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=refused.reason) from None
    telemetry.PROTECTIONS.labels(result="made").inc()
    return ProtectedFile(
        name=copy.name,
        content_type=copy.content_type,
        content_base64=base64.b64encode(copy.data).decode("ascii"),
        password=copy.password,
    )
