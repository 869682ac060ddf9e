"""Dependencies of the routes, as Annotated aliases."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.safety import is_loopback
from service.api.scanning import ScanService
from service.api.state import ServiceState
from service.auth.principal import Principal
from service.auth.tokens import InvalidToken
from service.settings import Settings
from service.store.repository import Repository
from service.store.writer import StoreWriter

_bearer = HTTPBearer(auto_error=False, description="An Entra ID v2 access token for the SendGuard API")

_DEV_PRINCIPAL_ID = "00000000-0000-0000-0000-000000000000"


def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]


def get_settings_dep(state: StateDep) -> Settings:
    return state.settings


def get_scans(state: StateDep) -> ScanService:
    return state.scans


def get_repository(state: StateDep) -> Repository:
    return state.repository


def get_writer(state: StateDep) -> StoreWriter:
    return state.writer


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
ScansDep = Annotated[ScanService, Depends(get_scans)]
RepositoryDep = Annotated[Repository, Depends(get_repository)]
WriterDep = Annotated[StoreWriter, Depends(get_writer)]


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def get_principal(
    request: Request,
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The signed-in caller. A sync function: FastAPI runs it in a thread, so a key fetch never blocks the loop."""
    settings = state.settings
    if state.validator is None:
        # Development mode: the app refuses to start it off loopback; refuse remote callers too.
        if request.client is None or not is_loopback(request.client.host):
            raise _unauthorised("development mode answers this machine only")
        roles = frozenset({settings.admin_role, settings.dpo_role})
        return Principal(tenant_id=settings.tenant_id or "dev", object_id=_DEV_PRINCIPAL_ID,
                         scopes=frozenset({settings.addin_scope}), roles=roles, dev=True)
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorised("sign in with Microsoft Entra ID: a bearer token is needed")
    try:
        return state.validator.validate(credentials.credentials)
    except InvalidToken as exc:
        raise _unauthorised(str(exc)) from None


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_addin_user(principal: PrincipalDep, settings: SettingsDep) -> Principal:
    """A user signed in through the add-in: the token must carry the add-in's delegated scope."""
    if settings.addin_scope not in principal.scopes:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"the token lacks the {settings.addin_scope} scope")
    return principal


def get_admin(principal: PrincipalDep, settings: SettingsDep) -> Principal:
    if settings.admin_role not in principal.roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"this needs the {settings.admin_role} role")
    return principal


def get_dpo(principal: PrincipalDep, settings: SettingsDep) -> Principal:
    """The DPO, or an administrator."""
    if not principal.roles & {settings.dpo_role, settings.admin_role}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"this needs the {settings.dpo_role} role")
    return principal


AddinUser = Annotated[Principal, Depends(get_addin_user)]
AdminUser = Annotated[Principal, Depends(get_admin)]
DpoUser = Annotated[Principal, Depends(get_dpo)]
