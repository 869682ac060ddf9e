"""The key set under a hanging or failing key endpoint: tokens signed with known keys never wait,
one fetch at a time, back-off after failures, cached keys kept (issue 10, item 4)."""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.auth.keys import SigningKeys
from service.auth.tokens import InvalidToken, TokenValidator
from tests.auth.identity_provider import API_CLIENT_ID, TENANT, IdentityProvider, SigningKey


@pytest.fixture
def provider() -> Iterator[IdentityProvider]:
    """A provider of its own: these tests make its key endpoint hang or fail."""
    own = IdentityProvider().start()
    yield own
    own.stop()


def make_validator(provider: IdentityProvider, **keys_options: float) -> TokenValidator:
    keys = SigningKeys(provider.openid_config_url, **{"min_refresh_seconds": 0, **keys_options})
    return TokenValidator(keys, audiences=[API_CLIENT_ID], allowed_tenants=[TENANT], home_tenant=TENANT)


def test_known_keys_never_wait_for_a_hanging_fetch(provider: IdentityProvider) -> None:
    # A long fetch timeout: before the fix a valid token waited behind every hanging fetch.
    validator = make_validator(provider, timeout_seconds=60)
    validator.validate(provider.token())
    asked = provider.jwks_requests
    provider.keys_released.clear()
    with ThreadPoolExecutor(max_workers=5) as pool:
        try:
            strangers = [pool.submit(validator.validate, provider.token(key=SigningKey())) for _ in range(4)]
            provider.wait_for_jwks_requests(asked + 1)
            valid = pool.submit(validator.validate, provider.token(oid="staff-1"))
            assert valid.result(timeout=15).object_id == "staff-1"
            # Only one fetch was started for the four unknown key ids; the others were refused at once.
            refused = 0
            for stranger in strangers:
                if stranger.done():
                    with pytest.raises(InvalidToken, match="unknown key"):
                        stranger.result()
                    refused += 1
            assert refused >= 3
            assert provider.jwks_requests == asked + 1
        finally:
            provider.keys_released.set()


def test_failed_fetches_back_off(provider: IdentityProvider) -> None:
    validator = make_validator(provider, backoff_seconds=60)
    validator.validate(provider.token())
    asked = provider.jwks_requests
    provider.fail_keys = True
    for _ in range(5):
        with pytest.raises(InvalidToken, match="unknown key"):
            validator.validate(provider.token(key=SigningKey()))
    assert provider.jwks_requests == asked + 1
    # The known key still works throughout.
    assert validator.validate(provider.token()).tenant_id == TENANT


def test_stale_keys_stay_in_use_when_the_refresh_fails(provider: IdentityProvider) -> None:
    validator = make_validator(provider, cache_seconds=0.05)
    validator.validate(provider.token())
    fetches = validator.keys.fetches
    time.sleep(0.1)
    provider.fail_keys = True
    for _ in range(3):
        assert validator.validate(provider.token(oid="staff-2")).object_id == "staff-2"
    assert validator.keys.fetches == fetches


def test_a_stale_key_set_is_refreshed_in_the_background(provider: IdentityProvider) -> None:
    validator = make_validator(provider, cache_seconds=0.05)
    validator.validate(provider.token())
    fetches = validator.keys.fetches
    time.sleep(0.1)
    validator.validate(provider.token())
    deadline = time.monotonic() + 10
    while validator.keys.fetches == fetches and time.monotonic() < deadline:
        time.sleep(0.02)
    assert validator.keys.fetches == fetches + 1


def test_first_requests_wait_for_the_first_key_set(provider: IdentityProvider) -> None:
    """Before any key set arrives, concurrent callers share the one fetch rather than fail."""
    validator = make_validator(provider)
    provider.keys_released.clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        try:
            calls = [pool.submit(validator.validate, provider.token(oid=f"u{i}")) for i in range(4)]
            provider.wait_for_jwks_requests(1)
        finally:
            provider.keys_released.set()
        assert sorted(c.result(timeout=15).object_id for c in calls) == ["u0", "u1", "u2", "u3"]
    assert provider.jwks_requests == 1
