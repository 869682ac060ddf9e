"""Facts about one message: everything a rule may ask, and nothing more.

The scanner builds these from extraction, detection and context; the engine reads
them and does no I/O. Matched values appear only masked.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from service.context.about import PersonRef
from service.context.document_kind import DocumentKind
from service.context.greeting import NameMismatch
from service.context.lookalike import LookalikeMatch
from service.context.recipients import RecipientClass, RecipientInfo
from service.history import NO_HISTORY, SenderHistory
from service.schemas.entities import GUARDED_IDENTIFIER_TYPES, EntityType

# Three or more third-party names make a list of people (CONTRACT section 7).
NAMES_FOR_A_LIST = 3


@dataclass(frozen=True)
class PartFacts:
    """One part of the message: the subject, the body or one attachment."""

    location: str  # "subject", "body" or "attachment:<name>"
    kind: Literal["subject", "body", "attachment"]
    # Third-party entities only: the sender's and recipients' own details are removed.
    entities: Counter[EntityType] = field(default_factory=Counter)
    # Distinct third-party names (folded case), and people a table covers.
    names: frozenset[str] = frozenset()
    people_count: int = 0
    masked: tuple[str, ...] = ()
    text: str = ""
    protected: bool = False
    readable: bool = True
    ctf: bool = False
    unreadable_reason: str = ""
    # Whom this part is about (service/context/about.py): for the subject and body every
    # third party named; for an attachment those in its file name, heading or "Name:" field.
    about: tuple[PersonRef, ...] = ()
    # Teaching or planning material, a record about people, or plain correspondence
    # (service/context/document_kind.py); its findings are already read in that light.
    document_kind: DocumentKind = DocumentKind.CORRESPONDENCE

    @property
    def name(self) -> str:
        return self.location.removeprefix("attachment:")

    @property
    def people(self) -> int:
        return max(len(self.names), self.people_count)

    def guarded_types(self) -> Counter[EntityType]:
        """The entity counts that make this part guarded personal data (empty if none)."""
        guarded = Counter(
            {t: n for t, n in self.entities.items() if t in GUARDED_IDENTIFIER_TYPES or t is EntityType.SPECIAL_CATEGORY}
        )
        if self.people >= NAMES_FOR_A_LIST:
            guarded[EntityType.PERSON] = self.people
        return guarded


@dataclass(frozen=True)
class MessageFacts:
    parts: tuple[PartFacts, ...]
    recipients: tuple[RecipientInfo, ...]
    lookalikes: tuple[LookalikeMatch, ...] = ()
    marked_confidential: bool = False
    dpo_contact: str = ""
    # The subject or body says something special-category about the recipients as a group
    # ("a support group for parents of autistic children"): see service/context/group_disclosure.py.
    group_disclosure: bool = False
    # What the sender's recipient history says about this draft's recipients (CONTRACT section 8).
    sender_history: SenderHistory = NO_HISTORY
    # People the greeting names who are none of the To recipients (service/context/greeting.py).
    name_mismatches: tuple[NameMismatch, ...] = ()

    def recipients_of(self, klass: RecipientClass, fields: set[str]) -> list[RecipientInfo]:
        return [r for r in self.recipients if r.klass is klass and r.field in fields]

    @property
    def attachments(self) -> list[PartFacts]:
        return [p for p in self.parts if p.kind == "attachment"]
