"""Who the recipients are: internal, external, or external over a secure channel.

CONTRACT section 5: the organisation's domains decide, never the add-in's
`Recipient.type` (Outlook reports colleagues saved as contacts as external).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable, Literal

import idna

from service.schemas.org import Organisation
from service.schemas.scan import Message, Recipient

Field = Literal["to", "cc", "bcc"]


class RecipientClass(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"
    SECURE = "secure"


@dataclass(frozen=True, slots=True)
class RecipientInfo:
    address: str
    name: str | None
    field: Field
    domain: str
    klass: RecipientClass


def ascii_domain(domain: str) -> str:
    """The domain in the ASCII (IDNA) form used for comparison; '' when it is no domain."""
    domain = domain.strip().strip(".").lower()
    if not domain:
        return ""
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError:
        return domain


def domain_of(address: str) -> str:
    """The ASCII domain of an e-mail address, or '' when the address is malformed."""
    local, at, domain = bare_address(address).rpartition("@")
    if not at or not local or " " in domain or "." not in domain or "@" in local:
        return ""
    return ascii_domain(domain)


def is_within(domain: str, parents: Iterable[str]) -> bool:
    """Whether `domain` is one of `parents` or a subdomain of one."""
    for parent in parents:
        parent = ascii_domain(parent)
        if parent and (domain == parent or domain.endswith("." + parent)):
            return True
    return False


def classify_domain(domain: str, org: Organisation) -> RecipientClass:
    domain = ascii_domain(domain)
    if not domain:
        return RecipientClass.EXTERNAL
    if is_within(domain, org.internal_domains):
        return RecipientClass.INTERNAL
    if is_within(domain, org.secure_domains):
        return RecipientClass.SECURE
    return RecipientClass.EXTERNAL


def classify_recipients(message: Message, org: Organisation) -> list[RecipientInfo]:
    """To, Cc and Bcc in that order, each address once a field; malformed ones are external."""
    fields: tuple[tuple[Field, list[Recipient]], ...] = (
        ("to", message.to),
        ("cc", message.cc),
        ("bcc", message.bcc),
    )
    seen: set[tuple[str, Field]] = set()
    infos: list[RecipientInfo] = []
    for field_name, recipients in fields:
        for recipient in recipients:
            address = bare_address(recipient.address).lower()
            if (address, field_name) in seen:
                continue
            seen.add((address, field_name))
            domain = domain_of(address)
            infos.append(
                RecipientInfo(
                    address=address,
                    name=(recipient.name or "").strip() or None,
                    field=field_name,
                    domain=domain,
                    klass=classify_domain(domain, org) if domain else RecipientClass.EXTERNAL,
                )
            )
    return infos


def bare_address(address: str) -> str:
    """'Name <a@b.com>' or 'mailto:a@b.com' -> 'a@b.com' (add-ins and files vary)."""
    address = address.strip()
    if "<" in address and address.endswith(">"):
        address = address[address.rindex("<") + 1 : -1]
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return address.strip()
