"""The common shape of SendGuard's own (non-pattern) recognizers."""

from typing import ClassVar

from presidio_analyzer import LocalRecognizer


class OneEntityRecognizer(LocalRecognizer):
    """A recognizer of one entity type, named after its class, with nothing to load.

    Subclasses set ENTITY (a CONTRACT section 6 name) and, when Presidio should know
    them, CONTEXT words; they score context themselves (see _context.py).
    """

    ENTITY: ClassVar[str]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language="en",
            context=list(self.CONTEXT),
            name=type(self).__name__,
        )

    def load(self) -> None:
        return None
