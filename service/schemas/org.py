"""The organisation file of CONTRACT section 5."""

from pydantic import BaseModel, ConfigDict, Field, field_validator


def _clean_domain(value: str) -> str:
    domain = value.strip().lower().rstrip(".")
    if domain.startswith("@"):
        domain = domain[1:]
    if not domain or " " in domain or "." not in domain:
        raise ValueError(f"{value!r} is not a domain name")
    return domain


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    internal_domains: list[str] = Field(min_length=1)
    secure_domains: list[str] = Field(default_factory=list)
    dpo_contact: str = ""

    @field_validator("internal_domains", "secure_domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        return [_clean_domain(v) for v in values]
