"""The tenant's signing keys, from its OpenID configuration, cached and refreshed on an unknown key id.

NOTE: anyone can make a token naming a key id that does not exist, and the key endpoint
may hang. So a token signed with a known key never waits for a fetch: the cached keys are
read without a lock, and a stale key set is refreshed in the background while its keys
stay in use (also when the refresh fails). At most one fetch runs at a time; a caller
that would start a second gets the cached answer at once rather than waiting for it.
After a failed fetch the next waits a back-off that doubles up to `max_backoff_seconds`.
"""

import logging
import threading
import time
from typing import Any

import httpx
import jwt

log = logging.getLogger(__name__)


class KeySetError(Exception):
    """The OpenID configuration or key set could not be fetched or read."""


class SigningKeys:
    def __init__(
        self,
        openid_config_url: str,
        *,
        cache_seconds: float = 3600,
        min_refresh_seconds: float = 30,
        timeout_seconds: float = 5,
        verify: bool | str = True,
        backoff_seconds: float = 1,
        max_backoff_seconds: float = 60,
    ) -> None:
        self.openid_config_url = openid_config_url
        self.cache_seconds = cache_seconds
        self.min_refresh_seconds = min_refresh_seconds
        self.timeout_seconds = timeout_seconds
        self.verify = verify
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        # Held only by the one thread fetching; never by a reader of the cached keys.
        self._fetching = threading.Lock()
        self._config: dict[str, Any] | None = None
        # Replaced whole by a fetch, so readers need no lock.
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
        self._failures = 0
        self._retry_at = 0.0
        self.fetches = 0

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = httpx.get(url, timeout=self.timeout_seconds, verify=self.verify)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise KeySetError(f"could not read {url}: {exc.__class__.__name__}") from None
        if not isinstance(data, dict):
            raise KeySetError(f"{url} did not return a JSON object")
        return data

    def openid_config(self) -> dict[str, Any]:
        config = self._config
        if config is None:
            self._fetch_or_fail()
            config = self._config
        if config is None:  # pragma: no cover - _fetch_or_fail raises instead
            raise KeySetError("the OpenID configuration is not loaded")
        return config

    @property
    def issuer_template(self) -> str:
        return str(self.openid_config()["issuer"])

    def _refresh(self) -> None:
        """Fetch the configuration (first time only) and the key set; the caller holds `_fetching`."""
        try:
            if self._config is None:
                config = self._get_json(self.openid_config_url)
                if "jwks_uri" not in config or "issuer" not in config:
                    raise KeySetError("the OpenID configuration has no jwks_uri or issuer")
                self._config = config
            jwks = self._get_json(str(self._config["jwks_uri"]))
        except KeySetError:
            self._failures += 1
            delay = min(self.backoff_seconds * 2 ** (self._failures - 1), self.max_backoff_seconds)
            self._retry_at = time.monotonic() + delay
            raise
        keys: dict[str, jwt.PyJWK] = {}
        for entry in jwks.get("keys", []):
            if not isinstance(entry, dict) or entry.get("use", "sig") != "sig" or "kid" not in entry:
                continue
            try:
                keys[str(entry["kid"])] = jwt.PyJWK(entry)
            except jwt.PyJWTError:
                log.warning("a signing key of the key set could not be read")
        self._keys = keys
        self._fetched_at = time.monotonic()
        self._failures = 0
        self._retry_at = 0.0
        self.fetches += 1

    def _backing_off(self) -> bool:
        return time.monotonic() < self._retry_at

    def _fetch_or_fail(self) -> None:
        """Fetch now in this thread, unless a fetch is running or failed recently (KeySetError then).

        Before the first key set arrives nothing can be validated anyway, so callers then
        wait for the fetch under way instead of failing at once.
        """
        cold = not self._fetched_at
        if self._backing_off():
            raise KeySetError("the signing keys could not be fetched recently")
        if cold:
            acquired = self._fetching.acquire(timeout=2 * self.timeout_seconds + 1)
        else:
            acquired = self._fetching.acquire(blocking=False)
        if not acquired:
            raise KeySetError("the signing keys are being fetched")
        try:
            if cold and self._fetched_at:
                return  # another caller fetched them while this one waited
            if self._backing_off():
                raise KeySetError("the signing keys could not be fetched recently")
            self._refresh()
        finally:
            self._fetching.release()

    def _refresh_in_background(self) -> None:
        if self._backing_off() or not self._fetching.acquire(blocking=False):
            return

        def run() -> None:
            try:
                self._refresh()
            except KeySetError as exc:
                log.warning("the signing keys could not be refreshed; the cached ones stay in use",
                            extra={"error": str(exc)})
            finally:
                self._fetching.release()

        threading.Thread(target=run, name="signing-keys-refresh", daemon=True).start()

    def key_for(self, kid: str) -> jwt.PyJWK | None:
        """The key with this id; fetches the key set when it is stale or the id is new (rate-limited)."""
        keys = self._keys
        age = time.monotonic() - self._fetched_at
        if kid in keys:
            if age > self.cache_seconds:
                self._refresh_in_background()
            return keys[kid]
        if self._fetched_at and age <= self.min_refresh_seconds and age <= self.cache_seconds:
            return None
        try:
            self._fetch_or_fail()
        except KeySetError:
            if not keys:
                raise
            return None  # the key set we have does not name it, and no newer one can be had now
        return self._keys.get(kid)
