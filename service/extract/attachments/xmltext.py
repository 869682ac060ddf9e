"""Text out of XML parts, parsed with defusedxml so entity tricks are refused."""

from collections.abc import Callable, Iterable, Iterator
from typing import Literal
from xml.etree.ElementTree import Element, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from service.extract.attachments import reasons
from service.extract.attachments.context import ReadContext, TextBuilder, Unreadable

# Bytes fed to the parser at a time.
CHUNK = 256 * 1024


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def events(
    data: bytes | Iterable[bytes], ctx: ReadContext, kinds: tuple[Literal["start", "end"], ...] = ("start", "end")
) -> Iterator[tuple[str, Element]]:
    """start/end events of a defused parse, checking the deadline between chunks.

    `data`: the whole part, or its bytes in pieces of CHUNK bytes (zipsafety.stream_entry),
    fed as they come: the parser sees the same chunks either way.

    NOTE: fed chunk by chunk through XMLPullParser rather than iterparse(): iterparse
    keeps its source alive in a reference cycle until the garbage collector runs,
    which held megabytes of XML per attachment.
    """
    parser = DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True)
    pull = XMLPullParser(events=kinds, _parser=parser)
    chunks = (data[offset : offset + CHUNK] for offset in range(0, len(data), CHUNK)) if isinstance(data, bytes) else data
    try:
        for chunk in chunks:
            ctx.check_time()
            pull.feed(chunk)
            yield from _element_events(pull)
        pull.close()
        yield from _element_events(pull)
    except DefusedXmlException as error:
        raise Unreadable(reasons.XML_ENTITIES) from error


def _element_events(pull: XMLPullParser) -> Iterator[tuple[str, Element]]:
    for item in pull.read_events():
        if len(item) == 2 and isinstance(item[1], Element):
            yield item[0], item[1]


def paragraphs_text(
    data: bytes,
    ctx: ReadContext,
    builder: TextBuilder,
    on_end: Callable[[str, Element, list[str]], None],
) -> None:
    """Walks a word-processing or slide part; `on_end` turns end tags into text pieces."""
    pieces: list[str] = []
    for event, element in events(data, ctx):
        if event == "end":
            on_end(local(element.tag), element, pieces)
            if len(pieces) > 256:
                builder.add("".join(pieces))
                pieces.clear()
            if builder.full:
                return
    builder.add("".join(pieces))


def leaf_lines(data: bytes, ctx: ReadContext, builder: TextBuilder) -> None:
    """Generic XML: one `element: text` line per element that holds text."""
    for _, element in events(data, ctx, kinds=("end",)):
        text = element.text
        if text and len(element) == 0 and not text.isspace():
            builder.add(f"{local(element.tag)}: {' '.join(text.split())}")
        element.clear()
        if builder.full:
            return
