"""Tokens for Graph through msal: on behalf of the signed-in user, or the service's own (app-only)."""

import threading
from pathlib import Path

import msal
import requests

GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default"


class GraphUnavailable(Exception):
    """Graph or its token endpoint could not be used; the message names no personal data."""


class GraphTokens:
    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        tenant_id: str,
        authority_host: str = "https://login.microsoftonline.com",
        ca_bundle: Path | None = None,
        timeout_seconds: float = 5.0,
        scopes: list[str] | None = None,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.authority = f"{authority_host.rstrip('/')}/{tenant_id}"
        self.verify: bool | str = str(ca_bundle) if ca_bundle else True
        self.timeout_seconds = timeout_seconds
        self.scopes = scopes or [GRAPH_DEFAULT_SCOPE]
        self._app: msal.ConfidentialClientApplication | None = None
        self._lock = threading.Lock()

    def _application(self) -> msal.ConfidentialClientApplication:
        # Built on first use: msal reads the authority's OpenID configuration when built.
        with self._lock:
            if self._app is None:
                try:
                    self._app = msal.ConfidentialClientApplication(
                        self.client_id,
                        client_credential=self.client_secret,
                        authority=self.authority,
                        instance_discovery=False,
                        http_client=self._session(),
                        timeout=self.timeout_seconds,
                    )
                except Exception as exc:  # noqa: BLE001 - msal raises ValueError or requests' errors
                    raise GraphUnavailable(f"token authority unavailable ({exc.__class__.__name__})") from None
            return self._app

    def _session(self) -> requests.Session:
        session = requests.Session()
        session.verify = self.verify
        if self.verify is not True:
            # NOTE: requests lets REQUESTS_CA_BUNDLE override a session's own CA bundle
            # (psf/requests#3829); a configured bundle must win, so ignore the environment.
            session.trust_env = False
        return session

    @staticmethod
    def _token_of(result: dict[str, object] | None) -> str:
        if not result or "access_token" not in result:
            error = (result or {}).get("error", "no token")
            raise GraphUnavailable(f"no Graph token ({error})")
        return str(result["access_token"])

    def for_app(self) -> str:
        """The service's own token (client credentials); msal caches it until near expiry."""
        try:
            return self._token_of(self._application().acquire_token_for_client(scopes=self.scopes))
        except GraphUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001
            raise GraphUnavailable(f"token request failed ({exc.__class__.__name__})") from None

    def on_behalf_of(self, user_token: str) -> str:
        """A Graph token for the user who signed in to the add-in; msal caches it by the user's token."""
        try:
            return self._token_of(self._application().acquire_token_on_behalf_of(user_token, scopes=self.scopes))
        except GraphUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001
            raise GraphUnavailable(f"token request failed ({exc.__class__.__name__})") from None
