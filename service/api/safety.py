"""Settings the service refuses to start with."""

import ipaddress

import logging

from service.auth.tokens import NOT_CONFIGURED, signin_configured
from service.settings import Settings


log = logging.getLogger(__name__)


class UnsafeSettings(ValueError):
    """The settings would run the service in a way it must not run."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_settings(settings: Settings) -> None:
    """Refuse settings that would run the service unsafely or not at all (ValueError with the reason)."""
    if settings.graph_enabled and not (settings.graph_client_id and settings.graph_client_secret and settings.tenant_id):
        raise UnsafeSettings(
            "Graph needs SENDGUARD_GRAPH_CLIENT_ID, SENDGUARD_GRAPH_CLIENT_SECRET and SENDGUARD_TENANT_ID"
        )
    if settings.auth_mode == "dev":
        if not is_loopback(settings.bind_host):
            raise UnsafeSettings(
                f"development mode (no sign-in) is only allowed on a loopback address, not {settings.bind_host}"
            )
        return
    if not signin_configured(settings):
        # NOTE: the service still starts (CONTRACT: `sendguard serve` runs on the bundled
        # defaults) but answers 401 to everything except /healthz until sign-in is set up.
        log.warning(NOT_CONFIGURED)
