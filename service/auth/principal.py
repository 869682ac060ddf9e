"""Who is calling, as far as the service needs to know."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    tenant_id: str
    object_id: str
    scopes: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    # The bearer token itself, kept only to ask Graph on the user's behalf.
    token: str = field(default="", repr=False)
    dev: bool = False
