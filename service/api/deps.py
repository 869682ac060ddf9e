"""Dependencies of the routes, as Annotated aliases."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.scanning import ScanService
from service.api.signin import NO_TOKEN, PRINCIPAL_KEY
from service.api.state import ServiceState
from service.auth.principal import Principal
from service.settings import Settings
from service.store.repository import Repository
from service.store.writer import StoreWriter

_bearer = HTTPBearer(auto_error=False, description="An Entra ID v2 access token for the SendGuard API")


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


async def get_principal(
    request: Request,
    # NOTE: unused here; it puts the bearer scheme in the OpenAPI document. The token was
    # validated by the SignIn middleware (service/api/signin.py) before the body was read.
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The signed-in caller, as the SignIn middleware found them."""
    principal = request.scope.get("state", {}).get(PRINCIPAL_KEY)
    if not isinstance(principal, Principal):
        raise _unauthorised(NO_TOKEN)
    return principal


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
