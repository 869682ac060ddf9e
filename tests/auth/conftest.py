from collections.abc import Iterator

import pytest

from tests.auth.identity_provider import IdentityProvider


@pytest.fixture(scope="session")
def identity_provider() -> Iterator[IdentityProvider]:
    provider = IdentityProvider().start()
    yield provider
    provider.stop()
