"""The tenant's signing keys, from its OpenID configuration, cached and refreshed on an unknown key id."""

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
    ) -> None:
        self.openid_config_url = openid_config_url
        self.cache_seconds = cache_seconds
        self.min_refresh_seconds = min_refresh_seconds
        self.timeout_seconds = timeout_seconds
        self.verify = verify
        self._lock = threading.RLock()
        self._config: dict[str, Any] | None = None
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
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
        with self._lock:
            if self._config is None:
                config = self._get_json(self.openid_config_url)
                if "jwks_uri" not in config or "issuer" not in config:
                    raise KeySetError("the OpenID configuration has no jwks_uri or issuer")
                self._config = config
            return self._config

    @property
    def issuer_template(self) -> str:
        return str(self.openid_config()["issuer"])

    def _refresh(self) -> None:
        jwks = self._get_json(str(self.openid_config()["jwks_uri"]))
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
        self.fetches += 1

    def key_for(self, kid: str) -> jwt.PyJWK | None:
        """The key with this id; fetches the key set when it is stale or the id is new (rate-limited)."""
        with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = not self._fetched_at or age > self.cache_seconds
            unknown = kid not in self._keys and age > self.min_refresh_seconds
            if stale or unknown:
                self._refresh()
            return self._keys.get(kid)
