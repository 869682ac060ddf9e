"""The add-in's files, from the same origin as the API: no sign-in, Outlook fetches them before any."""

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request, status
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import ValidationError

from service.addin import files
from service.addin.manifest import ManifestOptions, derived_version, load_source, render_json_text, render_xml
from service.api.deps import ScansDep, SettingsDep
from service.api.safety import is_loopback
from service.settings import Settings

router = APIRouter(tags=["add-in"], include_in_schema=False)

# Short caching: a changed setting reaches Outlook within minutes, yet each Send does not refetch.
_CACHE = {"Cache-Control": "public, max-age=300"}
_OFFICE_JS = "https://appsforoffice.microsoft.com"
_SIGN_IN = "https://login.microsoftonline.com"
_NO_MANIFEST = ("The manifest needs the API's client id: set SENDGUARD_API_CLIENT_ID "
                "(and SENDGUARD_PUBLIC_BASE_URL, the https address Outlook reaches this service at).")


_NO_PUBLIC_URL = ("SendGuard answers for this address only on this machine: set SENDGUARD_PUBLIC_BASE_URL "
                  "to the https address Outlook reaches it at.")


def base_url(request: Request, settings: Settings) -> str:
    """Where Outlook reaches this service: the configured public address, else (on this machine only) this request's.

    NOTE: the request's address comes from its Host header, which the caller chooses; it is
    baked into scripts that are cached, so without a configured address only a loopback Host
    is believed.
    """
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    host = request.url.hostname
    if host is None or not is_loopback(host):
        raise HTTPException(status.HTTP_421_MISDIRECTED_REQUEST, detail=_NO_PUBLIC_URL)
    return str(request.base_url).rstrip("/")


def _page_headers(settings: Settings) -> dict[str, str]:
    """The add-in's pages load Office.js from Microsoft's CDN and call this service; nothing else.

    NOTE: no frame-ancestors: Outlook on the web and new Outlook show the task pane in a frame.
    """
    public = urlsplit(settings.public_base_url or "")
    api = f"{public.scheme}://{public.netloc}" if public.netloc else "'self'"
    return {
        **_CACHE,
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self' {_OFFICE_JS}; connect-src 'self' {api} {_SIGN_IN}; "
            f"frame-src 'self' {_OFFICE_JS} {_SIGN_IN}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }


# Fixed when the service starts: settings that change the manifest (the send mode, the address)
# take a restart, which gives the served manifests a higher version.
_SERVED_VERSION = derived_version(load_source().version)


def _options(request: Request, settings: Settings) -> ManifestOptions:
    if not settings.api_client_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=_NO_MANIFEST)
    try:
        return ManifestOptions.model_validate({"base_url": base_url(request, settings),
                                               "client_id": settings.api_client_id,
                                               "send_mode": settings.addin_send_mode,
                                               "version": _SERVED_VERSION})
    except ValidationError as exc:
        problem = exc.errors()[0]["msg"]
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"The manifest cannot be made: {problem}.") from None


@router.get("/addin/manifest.xml")
def manifest_xml(request: Request, settings: SettingsDep) -> Response:
    return Response(render_xml(_options(request, settings)), media_type="application/xml", headers=_CACHE)


@router.get("/addin/manifest.json")
def manifest_json(request: Request, settings: SettingsDep) -> Response:
    return Response(render_json_text(_options(request, settings)), media_type="application/json", headers=_CACHE)


def _handler_config(request: Request, settings: Settings) -> dict[str, object]:
    url = base_url(request, settings)
    return files.handler_config(url, settings.api_client_id, settings.addin_scope,
                                settings.addin_unreachable_action, urlsplit(url).netloc, settings.tenant_id)


@router.get("/addin/launchevent.js")
def launch_script(request: Request, settings: SettingsDep) -> Response:
    script = files.launch_script(_handler_config(request, settings))
    return Response(script, media_type="text/javascript; charset=utf-8", headers=_CACHE)


@router.get("/addin/config.js")
def taskpane_config(request: Request, settings: SettingsDep, scans: ScansDep) -> Response:
    domains = list(scans.scanner.organisation.internal_domains)
    script = files.taskpane_config(_handler_config(request, settings), domains)
    return Response(script, media_type="text/javascript; charset=utf-8", headers=_CACHE)


@router.get("/addin/icons/{name}")
def icon(name: Annotated[str, PathParam(max_length=64)]) -> FileResponse:
    if name not in files.ICON_FILES:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such icon")
    return FileResponse(files.ICON_DIR / name, media_type="image/png", headers=_CACHE)


@router.get("/addin/{name}")
def static_file(settings: SettingsDep, name: Annotated[str, PathParam(max_length=64)]) -> FileResponse:
    media_type = files.STATIC_FILES.get(name)
    if media_type is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such file")
    headers = _page_headers(settings) if media_type.startswith("text/html") else _CACHE
    return FileResponse(Path(files.SRC_DIR) / name, media_type=media_type, headers=headers)


@router.get("/.well-known/microsoft-officeaddins-allowed.json")
def allowed_scripts(request: Request, settings: SettingsDep) -> JSONResponse:
    return JSONResponse(files.allowed_scripts(base_url(request, settings)), headers=_CACHE)
