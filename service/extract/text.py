"""Plain text from a draft: HTML to readable text, and normalisation with an offset map.

`html_to_text` gives the text a person would read in the message, laid out in
lines, so that detection and the greeting/signature finder see what the sender
sees. `normalise` makes look-alike spellings of the same text equal (full-width
digits, invisible characters, Windows line ends) while remembering where each
character came from, so findings can point back into the text as it was read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape

from selectolax.lexbor import LexborHTMLParser, LexborNode as Node

# Markers for the layout the HTML asked for. They are put into the document at
# block boundaries, so they survive the collapse of source whitespace (which HTML
# reads as one space) and are turned into real line breaks after it.
_LINE = "\ue000"  # start a new line unless already at one
_PARAGRAPH = "\ue001"  # leave a blank line unless already after one
_BREAK = "\ue002"  # <br>: always a new line
_CELL = "\ue003"  # end of a table cell
_PRE_SPACE = "\ue004"  # a space inside <pre>, kept as written
_MARKERS = re.compile("[\ue000-\ue004]")
_LAYOUT = re.compile("([\ue000-\ue003])")

_DROPPED_TAGS = ("script", "style", "head", "title", "template", "noscript", "object", "iframe")
_LINE_TAGS = (
    "div", "tr", "table", "thead", "tbody", "tfoot", "caption", "h1", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "header", "footer", "address", "form", "fieldset",
    "center", "figure", "figcaption", "main", "nav", "aside", "li",
)
# Collapsible HTML whitespace; the no-break space is content (Outlook's empty
# paragraphs are "<p class=MsoNormal>&nbsp;</p>", a blank line on screen).
_HTML_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The readable text of an HTML body: blocks as lines, table cells split by tabs."""
    if not html or not html.strip():
        return ""
    html = _flatten_deep_nesting(_MARKERS.sub("", html))
    try:
        tree = LexborHTMLParser(html)
        root = tree.body if tree.body is not None else tree.root
        if root is None:
            return ""
        text = _mark_layout(root)
    except Exception:  # NOTE: never let a hostile body stop the scan; read it as text.
        return _tidy(_HTML_SPACES.sub(" ", unescape(re.sub(r"<[^>]*>", " ", html))))
    return _lay_out(_HTML_SPACES.sub(" ", text))


# lexbor's tree building slows down sharply past a few thousand nested blocks
# (100,000 nested <div>s take seconds); no real email nests that deep.
_MAX_DEPTH = 500
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)


def _flatten_deep_nesting(html: str) -> str:
    """Drop the tags (not the text) of elements nested deeper than _MAX_DEPTH."""
    if html.count("<") < 2 * _MAX_DEPTH:
        return html
    out: list[str] = []
    depth = 0
    dropped: dict[str, int] = {}
    position = 0
    for tag in _TAG.finditer(html):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _VOID_TAGS or tag.group(0).endswith("/>"):
            continue
        drop = False
        if closing:
            if dropped.get(name, 0) > 0:
                dropped[name] -= 1
                drop = True
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > _MAX_DEPTH:
                dropped[name] = dropped.get(name, 0) + 1
                drop = True
        if drop:
            out.append(html[position : tag.start()])
            position = tag.end()
    out.append(html[position:])
    return "".join(out)


def _mark_layout(root: Node) -> str:
    for tag in _DROPPED_TAGS:
        for node in root.css(tag):
            node.decompose()
    for node in root.css("br"):
        node.replace_with(_BREAK)
    for pre in root.css("pre"):
        pre.replace_with(pre.text(deep=True).replace("\n", _BREAK).replace(" ", _PRE_SPACE))
    for node in root.css("td, th"):
        node.insert_after(_CELL)
    for node in root.css("li"):
        if node.child is None:
            node.insert_child("\u2022 ")
        else:
            node.child.insert_before("\u2022 ")
    for node in root.css(", ".join(_LINE_TAGS)):
        node.insert_before(_LINE)
        node.insert_after(_LINE)
    for node in root.css("p"):
        # Outlook's paragraphs (class MsoNormal and friends) have no margin: lines.
        mark = _LINE if (node.attributes.get("class") or "").startswith("Mso") else _PARAGRAPH
        node.insert_before(mark)
        node.insert_after(mark)
    return root.text(deep=True)


def _lay_out(marked: str) -> str:
    out: list[str] = []
    trailing_newlines = 0  # how many line ends the output finishes with

    def ensure_newlines(count: int) -> None:
        nonlocal trailing_newlines
        if out and trailing_newlines < count:
            out.append("\n" * (count - trailing_newlines))
            trailing_newlines = count

    for piece in _LAYOUT.split(marked):
        if piece == _LINE:
            ensure_newlines(1)
        elif piece == _PARAGRAPH:
            ensure_newlines(2)
        elif piece == _BREAK:
            out.append("\n")
            trailing_newlines += 1
        elif piece == _CELL:
            out.append("\t")
            trailing_newlines = 0
        elif piece.strip(" "):
            out.append(piece)
            trailing_newlines = 0
    return _tidy("".join(out).replace(_PRE_SPACE, " "))


def _tidy(text: str) -> str:
    lines = (line.replace("\u00a0", " ").strip(" \t") for line in text.split("\n"))
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


# Characters that change how text looks on screen without being seen themselves.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters, soft hyphen
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"  # bidi controls
)
_NO_BREAK_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}

# Runs that normalisation leaves exactly as they are: ASCII except the carriage return.
_PLAIN_RUN = re.compile(r"[\x00-\x0c\x0e-\x7f]+")


@dataclass(frozen=True, slots=True)
class _Segment:
    """Output [out_start, out_end) came from input [in_start, in_end).

    A `linear` segment is copied character for character; otherwise every output
    character of it stands for the whole input range (one composed cluster).
    """

    out_start: int
    out_end: int
    in_start: int
    in_end: int
    linear: bool


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text that can say where any part of it came from in the original."""

    text: str
    original_length: int
    _segments: tuple[_Segment, ...] = field(repr=False)
    _starts: tuple[int, ...] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) in `text` to the smallest input range that produced it."""
        length = len(self.text)
        start = min(max(start, 0), length)
        end = min(max(end, start), length)
        if start == end:
            position = self._original_start(start) if start < length else self.original_length
            return position, position
        return self._original_start(start), self._original_end(end - 1)

    def _segment_at(self, position: int) -> _Segment:
        return self._segments[bisect.bisect_right(self._starts, position) - 1]

    def _original_start(self, position: int) -> int:
        seg = self._segment_at(position)
        return seg.in_start + (position - seg.out_start) if seg.linear else seg.in_start

    def _original_end(self, position: int) -> int:
        seg = self._segment_at(position)
        return seg.in_start + (position - seg.out_start) + 1 if seg.linear else seg.in_end


def normalise(text: str) -> NormalisedText:
    """NFKC, invisible characters removed, no-break spaces as spaces, CRLF as LF.

    NFKC is applied cluster by cluster (a character and whatever combines with
    it), which is what lets every output character name its input characters.
    """
    builder = _Builder(text)
    position = 0
    for run in _PLAIN_RUN.finditer(text):
        plain_start, plain_end = run.start(), run.end()
        if plain_start > position:
            builder.special(position, plain_start)
        # An ASCII letter may be the base of an accent that follows it: leave the
        # last plain character to the special run so the two can compose.
        if plain_end < len(text) and plain_end - plain_start > 0:
            keep_end = plain_end - 1
            builder.plain(plain_start, keep_end)
            position = keep_end
        else:
            builder.plain(plain_start, plain_end)
            position = plain_end
    if position < len(text):
        builder.special(position, len(text))
    return builder.result()


class _Builder:
    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.segments: list[_Segment] = []
        self.out_length = 0

    def plain(self, start: int, end: int) -> None:
        if end > start:
            self._emit(self.original[start:end], start, end, linear=True)

    def special(self, start: int, end: int) -> None:
        i = start
        text = self.original
        while i < end:
            j = i + 1
            while j < end and text[i] not in _INVISIBLE:
                # An invisible character between a letter and its accent must not
                # keep them apart, or the result would not be NFKC.
                k = j
                while k < end and text[k] in _INVISIBLE:
                    k += 1
                visible = "".join(ch for ch in text[i:j] if ch not in _INVISIBLE)
                if k < end and _combines(visible, text[k]):
                    j = k + 1
                else:
                    break
            self._emit(self._normalise_cluster(i, j), i, j, linear=False)
            i = j

    def _normalise_cluster(self, start: int, end: int) -> str:
        cluster = self.original[start:end]
        if cluster == "\r":
            follows_lf = end < len(self.original) and self.original[end] == "\n"
            return "" if follows_lf else "\n"
        kept = "".join(ch for ch in cluster if ch not in _INVISIBLE)
        out = unicodedata.normalize("NFKC", kept)
        out = "".join(_NO_BREAK_SPACES.get(ch, ch) for ch in out if ch not in _INVISIBLE)
        return out.replace("\r\n", "\n").replace("\r", "\n")

    def _emit(self, out: str, in_start: int, in_end: int, *, linear: bool) -> None:
        if not out:
            return
        # A one-for-one cluster maps like plain text; anything else maps as a whole.
        linear = linear or len(out) == in_end - in_start == 1
        self.segments.append(
            _Segment(self.out_length, self.out_length + len(out), in_start, in_end, linear)
        )
        self.parts.append(out)
        self.out_length += len(out)

    def result(self) -> NormalisedText:
        segments = tuple(self.segments) or (_Segment(0, 0, 0, 0, True),)
        return NormalisedText(
            text="".join(self.parts),
            original_length=len(self.original),
            _segments=segments,
            _starts=tuple(seg.out_start for seg in segments),
        )


def _combines(prefix: str, ch: str) -> bool:
    """Whether `ch` changes the normal form of the cluster before it (accents, jamo)."""
    if ch in _INVISIBLE or ch in "\r\n":
        return False
    if unicodedata.combining(ch):
        return True
    if ch.isascii() and prefix.isascii():
        return False
    nfkc = unicodedata.normalize
    return nfkc("NFKC", prefix + ch) != nfkc("NFKC", prefix) + nfkc("NFKC", ch)
