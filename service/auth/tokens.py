"""Validation of Entra ID v2 access tokens with PyJWT.

Checked: the signature (RS256, key from the tenant's key set by `kid`), issuer (the
tenant's v2 issuer), tenant (home or allowed list), audience (the API's client id
or its api:// form), expiry and not-before with a small leeway, and version 2.0.
Scopes and roles are returned for the routes to check; roles only from the home tenant
(a partner tenant's administrators can assign this app's roles to their own users).
"""

from collections.abc import Iterable

import jwt

from service.auth.keys import KeySetError, SigningKeys
from service.auth.principal import Principal
from service.settings import Settings


class InvalidToken(Exception):
    """The token is missing, malformed, or fails a check; the message is safe to return."""


class TokenValidator:
    def __init__(
        self,
        keys: SigningKeys,
        *,
        audiences: Iterable[str],
        allowed_tenants: Iterable[str],
        home_tenant: str,
        leeway_seconds: int = 60,
    ) -> None:
        self.keys = keys
        self.audiences = [a for a in audiences if a]
        self.home_tenant = home_tenant.lower()
        self.allowed_tenants = frozenset(t.lower() for t in allowed_tenants if t) | {self.home_tenant}
        self.leeway_seconds = leeway_seconds

    def _issuer_for(self, tenant_id: str) -> str:
        # Multi-tenant configurations publish "https://.../{tenantid}/v2.0".
        return self.keys.issuer_template.replace("{tenantid}", tenant_id)

    def validate(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise InvalidToken("the token is not a valid JWT") from None
        if header.get("alg") != "RS256":
            raise InvalidToken("the token is not signed with RS256")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise InvalidToken("the token names no signing key")
        tenant = str(unverified.get("tid", "")).lower()
        if not tenant or tenant not in self.allowed_tenants:
            raise InvalidToken("the token is from a tenant that may not use this service")
        try:
            key = self.keys.key_for(kid)
            issuer = self._issuer_for(tenant)
        except KeySetError:
            raise InvalidToken("the signing keys could not be fetched") from None
        if key is None:
            raise InvalidToken("the token is signed with an unknown key")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=["RS256"],
                audience=self.audiences,
                issuer=issuer,
                leeway=self.leeway_seconds,
                options={"require": ["exp", "nbf", "iat", "iss", "aud", "tid", "oid"]},
            )
        except jwt.ExpiredSignatureError:
            raise InvalidToken("the token has expired") from None
        except jwt.ImmatureSignatureError:
            raise InvalidToken("the token is not valid yet") from None
        except jwt.InvalidAudienceError:
            raise InvalidToken("the token is for another audience") from None
        except jwt.InvalidIssuerError:
            raise InvalidToken("the token is from another issuer") from None
        except jwt.PyJWTError:
            raise InvalidToken("the token is not valid") from None
        if claims.get("ver") != "2.0":
            raise InvalidToken("the token is not an Entra ID v2 access token")
        scopes = frozenset(str(claims.get("scp", "")).split())
        roles = claims.get("roles", []) if tenant == self.home_tenant else []
        return Principal(
            tenant_id=tenant,
            object_id=str(claims["oid"]),
            scopes=scopes,
            roles=frozenset(r for r in roles if isinstance(r, str)) if isinstance(roles, list) else frozenset(),
            username=_sign_in_name(claims),
            token=token,
        )


def _sign_in_name(claims: dict[str, object]) -> str:
    for claim in ("preferred_username", "upn"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return str(claims["oid"]).lower()


NOT_CONFIGURED = (
    "Entra ID sign-in is not set up: set SENDGUARD_TENANT_ID and SENDGUARD_API_CLIENT_ID "
    "(or SENDGUARD_AUTH_MODE=dev on a loopback address for local development)"
)


def signin_configured(settings: Settings) -> bool:
    return bool(settings.resolved_openid_config_url and settings.api_client_id and settings.tenant_id)


class RefuseEveryToken:
    """Sign-in not set up yet: the service runs (health checks pass) but every call is 401."""

    def validate(self, token: str) -> Principal:
        raise InvalidToken("SendGuard is not set up for sign-in yet; ask your IT administrator")


def validator_from_settings(settings: Settings) -> "TokenValidator | RefuseEveryToken":
    url = settings.resolved_openid_config_url
    if not url or not settings.api_client_id or not settings.tenant_id:
        return RefuseEveryToken()
    keys = SigningKeys(
        url,
        cache_seconds=settings.jwks_cache_seconds,
        min_refresh_seconds=settings.jwks_min_refresh_seconds,
    )
    audiences = [settings.api_client_id, f"api://{settings.api_client_id}", *settings.api_extra_audiences]
    return TokenValidator(
        keys,
        audiences=audiences,
        allowed_tenants=[settings.tenant_id, *settings.allowed_tenants],
        home_tenant=settings.tenant_id,
        leeway_seconds=settings.token_leeway_seconds,
    )
