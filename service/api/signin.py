"""Sign-in before the body: the caller is checked before any request body is read.

NOTE: FastAPI reads and parses a route's body before its dependencies run, so a check
in a dependency came after a 40 MB body had been read by anyone at all. This middleware
sits outside BodyLimit: a request to anything but the public pages needs a valid bearer
token (or, in development mode, a call from this machine) before a byte of its body is
read. The token is validated once, in a worker thread (validation may fetch the tenant's
keys), and the Principal is put in scope["state"] for the routes (service/api/deps.py);
a route that wants a Principal without one there is refused, so a forgotten path fails
closed.
"""

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool

from service.api.middleware import ASGIApp, Receive, Scope, Send, plain_answer, route_path
from service.api.safety import is_loopback
from service.api.state import ServiceState
from service.auth.principal import Principal
from service.auth.tokens import InvalidToken

PRINCIPAL_KEY = "principal"
DEV_PRINCIPAL_ID = "00000000-0000-0000-0000-000000000000"

# Served to anyone (GET only): they hold no data. Outlook fetches the add-in's files before
# any sign-in; the dashboard's pages sign the DPO in themselves; a load balancer's probes
# (/healthz, /readyz) carry no token.
_PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json", "/dashboard"})
_PUBLIC_PREFIXES = ("/addin/", "/.well-known/", "/dashboard/")
_PUBLIC_METHODS = frozenset({"GET", "HEAD"})

# A request that came through a proxy may be from anywhere, whatever address it arrives from.
_PROXY_HEADERS = frozenset({
    b"forwarded", b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto", b"x-forwarded-port",
    b"x-forwarded-server", b"x-real-ip", b"x-client-ip", b"x-original-forwarded-for", b"true-client-ip",
    b"cf-connecting-ip", b"fastly-client-ip", b"x-cluster-client-ip", b"via",
})

NO_TOKEN = "sign in with Microsoft Entra ID: a bearer token is needed"
DEV_THIS_MACHINE_ONLY = "development mode answers this machine only"


def is_public(scope: Scope) -> bool:
    if scope["method"] not in _PUBLIC_METHODS:
        return False
    path = route_path(scope)
    return path in _PUBLIC_PATHS or path.startswith(_PUBLIC_PREFIXES)


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            token = token.strip()
            return token if scheme.lower() == "bearer" and token else None
    return None


def _address_is_loopback(address: object) -> bool:
    return isinstance(address, (tuple, list)) and bool(address) and is_loopback(str(address[0]))


def _host_is_loopback(value: bytes) -> bool:
    host = urlsplit("//" + value.decode("latin-1")).hostname
    return host is not None and is_loopback(host)


def from_this_machine(scope: Scope) -> bool:
    """Connected from and to a loopback address, not relayed by a proxy, and addressed to
    this machine by name too (development mode only).

    NOTE: not the configured bind address: run through uvicorn directly the app cannot know
    it. scope["server"] is the address this connection actually reached. The Host check
    stops a web page whose name was pointed at 127.0.0.1 (DNS rebinding) from using it.
    """
    if not (_address_is_loopback(scope.get("client")) and _address_is_loopback(scope.get("server"))):
        return False
    for name, value in scope.get("headers", []):
        if name in _PROXY_HEADERS or (name == b"host" and not _host_is_loopback(value)):
            return False
    return True


def dev_principal(state: ServiceState) -> Principal:
    settings = state.settings
    return Principal(tenant_id=settings.tenant_id or "dev", object_id=DEV_PRINCIPAL_ID,
                     scopes=frozenset({settings.addin_scope}),
                     roles=frozenset({settings.admin_role, settings.dpo_role}), dev=True)


class SignIn:
    """Refuses with 401 before the body is read unless the caller is signed in; see the module's note."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_public(scope):
            await self.app(scope, receive, send)
            return
        state: ServiceState = scope["app"].state.service
        try:
            principal = await self._sign_in(scope, state)
        except InvalidToken as exc:
            await plain_answer(send, 401, str(exc), [(b"www-authenticate", b"Bearer")])
            return
        scope.setdefault("state", {})[PRINCIPAL_KEY] = principal
        await self.app(scope, receive, send)

    @staticmethod
    async def _sign_in(scope: Scope, state: ServiceState) -> Principal:
        if state.validator is None:
            if not from_this_machine(scope):
                raise InvalidToken(DEV_THIS_MACHINE_ONLY)
            return dev_principal(state)
        token = bearer_token(scope)
        if token is None:
            raise InvalidToken(NO_TOKEN)
        return await run_in_threadpool(state.validator.validate, token)
