"""What extraction hands to detection and the rules."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ExtractedAttachment:
    """One attachment as the rules see it.

    `readable` False means the content could not be read (corrupt, too large,
    unknown format, or only a name and size were sent); `reason` then says why in
    words a teacher understands. `protected` is decided from the file's
    structure (encryption), never from its name.
    """

    name: str
    text: str = ""
    protected: bool = False
    readable: bool = True
    reason: str = ""
    is_ctf: bool = False
    # Distinct people a table covers (rows with a name or pupil identifier), when known.
    people_count: int | None = None
    # Only the first part of the text was kept (the file's or the email's text allowance).
    truncated: bool = False
    nested: tuple["ExtractedAttachment", ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ExtractedMessage:
    """Subject, body and attachments as normalised plain text."""

    subject: str
    body: str
    attachments: tuple[ExtractedAttachment, ...] = ()
