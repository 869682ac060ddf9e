"""Who is calling, as far as the service needs to know."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    tenant_id: str
    object_id: str
    scopes: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    # The sign-in name (preferred_username or upn, lower-cased; the object id when the token
    # has neither): who sent the draft, as the token says, never as the draft says.
    username: str = ""
    # The bearer token itself, kept only to ask Graph on the user's behalf.
    token: str = field(default="", repr=False)
    dev: bool = False
