"""Entra ID v2 token validation against a key set served over real HTTP on 127.0.0.1."""

import time
from typing import Any

import jwt
import pytest

from service.auth.keys import SigningKeys
from service.auth.tokens import InvalidToken, TokenValidator, validator_from_settings
from service.settings import Settings
from tests.auth.identity_provider import API_CLIENT_ID, OTHER_TENANT, TENANT, IdentityProvider, SigningKey


def make_validator(provider: IdentityProvider, min_refresh: float = 0.0, allowed: tuple[str, ...] = ()) -> TokenValidator:
    keys = SigningKeys(provider.openid_config_url, cache_seconds=3600, min_refresh_seconds=min_refresh)
    return TokenValidator(
        keys,
        audiences=[API_CLIENT_ID, f"api://{API_CLIENT_ID}"],
        allowed_tenants=[TENANT, *allowed],
        home_tenant=TENANT,
        leeway_seconds=60,
    )


@pytest.fixture
def validator(identity_provider: IdentityProvider) -> TokenValidator:
    return make_validator(identity_provider)


def test_a_good_token_gives_the_caller(identity_provider: IdentityProvider, validator: TokenValidator) -> None:
    token = identity_provider.token(oid="user-1", roles=["SendGuard.DPO"])
    principal = validator.validate(token)
    assert principal.tenant_id == TENANT
    assert principal.object_id == "user-1"
    assert "access_as_user" in principal.scopes
    assert principal.roles == frozenset({"SendGuard.DPO"})


def test_the_api_uri_form_of_the_audience_is_accepted(identity_provider: IdentityProvider, validator: TokenValidator) -> None:
    assert validator.validate(identity_provider.token(aud=f"api://{API_CLIENT_ID}")).tenant_id == TENANT


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"aud": "someone-else"}, "audience"),
        ({"tid": OTHER_TENANT}, "tenant"),
        ({"iss": "https://login.microsoftonline.com/elsewhere/v2.0"}, "issuer"),
        ({"exp": int(time.time()) - 120}, "expired"),
        ({"nbf": int(time.time()) + 600}, "not valid yet"),
        ({"ver": "1.0"}, "v2"),
        ({"oid": None}, "not valid"),
    ],
)
def test_bad_claims_are_refused(
    identity_provider: IdentityProvider, validator: TokenValidator, overrides: dict[str, Any], reason: str
) -> None:
    with pytest.raises(InvalidToken, match=reason):
        validator.validate(identity_provider.token(**overrides))


def test_expiry_within_the_leeway_is_accepted(identity_provider: IdentityProvider, validator: TokenValidator) -> None:
    token = identity_provider.token(exp=int(time.time()) - 20)
    assert validator.validate(token).tenant_id == TENANT


def test_an_allowed_other_tenant_is_accepted(identity_provider: IdentityProvider) -> None:
    validator = make_validator(identity_provider, allowed=(OTHER_TENANT,))
    assert validator.validate(identity_provider.token(tid=OTHER_TENANT)).tenant_id == OTHER_TENANT


def test_a_token_signed_by_an_unpublished_key_is_refused(
    identity_provider: IdentityProvider, validator: TokenValidator
) -> None:
    stranger = SigningKey()
    with pytest.raises(InvalidToken, match="unknown key"):
        validator.validate(identity_provider.token(key=stranger))


def test_a_forged_signature_with_a_published_kid_is_refused(
    identity_provider: IdentityProvider, validator: TokenValidator
) -> None:
    forger = SigningKey()
    forger.kid = identity_provider.keys[0].kid
    with pytest.raises(InvalidToken, match="not valid"):
        validator.validate(identity_provider.token(key=forger))


def test_symmetric_and_unsigned_tokens_are_refused(identity_provider: IdentityProvider, validator: TokenValidator) -> None:
    claims = identity_provider.claims()
    kid = identity_provider.keys[0].kid
    hs256 = jwt.encode(claims, "a-shared-secret-of-enough-length-32b", algorithm="HS256", headers={"kid": kid})
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"kid": kid})  # type: ignore[arg-type]
    for token in (hs256, unsigned, "not-a-token"):
        with pytest.raises(InvalidToken):
            validator.validate(token)


def test_a_rotated_key_is_fetched_on_its_first_use(identity_provider: IdentityProvider, validator: TokenValidator) -> None:
    validator.validate(identity_provider.token())
    fetches = validator.keys.fetches
    new_key = identity_provider.rotate()
    assert validator.validate(identity_provider.token(key=new_key)).tenant_id == TENANT
    assert validator.keys.fetches == fetches + 1
    # Known keys come from the cache.
    validator.validate(identity_provider.token(key=new_key))
    assert validator.keys.fetches == fetches + 1


def test_unknown_key_ids_do_not_hammer_the_key_endpoint(identity_provider: IdentityProvider) -> None:
    validator = make_validator(identity_provider, min_refresh=300)
    validator.validate(identity_provider.token())
    before = identity_provider.jwks_requests
    for _ in range(5):
        with pytest.raises(InvalidToken):
            validator.validate(identity_provider.token(key=SigningKey()))
    assert identity_provider.jwks_requests == before


def test_an_unreachable_key_endpoint_refuses_rather_than_accepts() -> None:
    keys = SigningKeys("http://127.0.0.1:9/none/.well-known/openid-configuration", timeout_seconds=1)
    validator = TokenValidator(keys, audiences=[API_CLIENT_ID], allowed_tenants=[TENANT], home_tenant=TENANT)
    provider_key = SigningKey()
    token = jwt.encode({"tid": TENANT}, provider_key.private, algorithm="RS256", headers={"kid": provider_key.kid})
    with pytest.raises(InvalidToken, match="could not be fetched"):
        validator.validate(token)


def test_settings_without_tenant_or_client_id_refuse_every_token() -> None:
    validator = validator_from_settings(Settings(tenant_id=None, api_client_id=None))
    provider_key = SigningKey()
    token = jwt.encode({"tid": TENANT}, provider_key.private, algorithm="RS256", headers={"kid": provider_key.kid})
    with pytest.raises(InvalidToken, match="not set up for sign-in"):
        validator.validate(token)


def test_a_partner_tenants_roles_are_not_believed(identity_provider: IdentityProvider) -> None:
    """A partner tenant's administrators can assign this app's roles to their own users (issue 10, item 7)."""
    validator = make_validator(identity_provider, allowed=(OTHER_TENANT,))
    partner = validator.validate(identity_provider.token(tid=OTHER_TENANT, roles=["SendGuard.Admin", "SendGuard.DPO"]))
    assert partner.tenant_id == OTHER_TENANT
    assert partner.roles == frozenset()
    assert "access_as_user" in partner.scopes
    home = validator.validate(identity_provider.token(roles=["SendGuard.Admin"]))
    assert home.roles == frozenset({"SendGuard.Admin"})
