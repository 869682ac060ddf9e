"""The organisation file of CONTRACT section 5, with the optional `units` of this project.

`units` maps schools and departments to the sender domains they use, so that the DPO's
dashboard can count intercepts per school or department. It is optional: a file with
only the contract's keys loads as before and every intercept counts as "unmapped".
"""

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

# The unit recorded for a sender whose domain no unit claims (or a draft without a sender).
UNMAPPED = "unmapped"
MAX_UNIT_NAME_CHARS = 80


def _clean_domain(value: str) -> str:
    domain = value.strip().lower().rstrip(".")
    if domain.startswith("@"):
        domain = domain[1:]
    if not domain or " " in domain or "." not in domain:
        raise ValueError(f"{value!r} is not a domain name")
    return domain


def _within(domain: str, parent: str) -> bool:
    """Whether `domain` is `parent` or a subdomain of it."""
    return domain == parent or domain.endswith("." + parent)


class Unit(BaseModel):
    """A school or department, and the sender domains (and their subdomains) that belong to it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_UNIT_NAME_CHARS,
                      description="shown on the dashboard and stored with each intercept: name a school or "
                                  "team, never a person")
    domains: list[str] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise ValueError("a unit needs a name")
        if name.casefold() == UNMAPPED:
            raise ValueError(f"{UNMAPPED!r} is kept for senders in no unit; choose another name")
        return name

    @field_validator("domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        return [_clean_domain(v) for v in values]


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    internal_domains: list[str] = Field(min_length=1)
    secure_domains: list[str] = Field(default_factory=list)
    dpo_contact: str = ""
    units: list[Unit] = Field(default_factory=list)

    @field_validator("internal_domains", "secure_domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        return [_clean_domain(v) for v in values]

    @field_validator("units")
    @classmethod
    def _units_are_distinct_and_internal(cls, units: list[Unit], info: ValidationInfo) -> list[Unit]:
        internal: list[str] = info.data.get("internal_domains", [])
        names: set[str] = set()
        owners: dict[str, str] = {}
        for unit in units:
            if unit.name.casefold() in names:
                raise ValueError(f"two units are called {unit.name!r}")
            names.add(unit.name.casefold())
            for domain in unit.domains:
                if domain in owners and owners[domain] != unit.name:
                    raise ValueError(f"{domain} is in two units: {owners[domain]!r} and {unit.name!r}")
                owners[domain] = unit.name
                # A unit's senders are staff: a domain outside the trust is almost certainly a typo.
                if internal and not any(_within(domain, parent) for parent in internal):
                    raise ValueError(f"unit {unit.name!r}: {domain} is not in internal_domains "
                                     "(nor a subdomain of one)")
        return units

    def unit_of(self, address: str | None) -> str:
        """The unit a sender belongs to, by the domain of their address: the unit with the longest
        matching domain (a subdomain belongs to its parent's unit), else UNMAPPED."""
        if not address or "@" not in address:
            return UNMAPPED
        domain = address.rsplit("@", 1)[1].strip().lower().rstrip(".")
        best, best_length = UNMAPPED, 0
        for unit in self.units:
            for unit_domain in unit.domains:
                if _within(domain, unit_domain) and len(unit_domain) > best_length:
                    best, best_length = unit.name, len(unit_domain)
        return best
