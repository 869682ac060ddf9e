"""HTML to text and normalisation with an offset map."""

import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from service.extract.text import _MAX_DEPTH, _flatten_deep_nesting, html_to_text, normalise

OUTLOOK_REPLY = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta charset="utf-8"><style>p.MsoNormal{margin:0cm;font-family:Calibri}</style>
<title>Re: Year 5 trip</title></head>
<body lang=EN-GB><div class=WordSection1>
<p class=MsoNormal>Dear Mrs&nbsp;Okafor,<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Olivia   did
really well &amp; enjoyed the trip.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Kind regards<o:p></o:p></p>
<table class=MsoNormalTable border=0><tr>
<td><p class=MsoNormal><b>Tom Jones</b><o:p></o:p></p></td>
<td><p class=MsoNormal>Year 5 Teacher<o:p></o:p></p></td></tr>
<tr><td>Tel</td><td>01622 000000</td></tr></table>
<div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%">
<font face="Calibri"><b>From:</b> Amara Okafor &lt;a.okafor@example.com&gt;<br>
<b>Sent:</b> 03 March 2026 09:12<br><b>To:</b> Tom Jones<br>
<b>Subject:</b> Year 5 trip</font><div>&nbsp;</div></div>
<div><p class=MsoNormal>Is Olivia going on the trip?<o:p></o:p></p></div>
</div><script>document.write("hidden")</script></body></html>"""


def test_outlook_html_reads_as_lines() -> None:
    text = html_to_text(OUTLOOK_REPLY)
    lines = text.split("\n")
    assert lines[0] == "Dear Mrs Okafor,"
    assert lines[1] == ""  # Outlook's empty paragraph is a blank line
    assert "Olivia did really well & enjoyed the trip." in lines
    assert "From: Amara Okafor <a.okafor@example.com>" in lines
    assert lines.index("Sent: 03 March 2026 09:12") == lines.index("From: Amara Okafor <a.okafor@example.com>") + 1
    assert "Subject: Year 5 trip" in lines
    assert "Tel\t01622 000000" in lines
    assert "Tom Jones" in text and "Year 5 Teacher" in text
    assert "hidden" not in text and "Calibri" not in text and "Re: Year 5 trip" not in text
    assert "\u00a0" not in text


def test_paragraphs_breaks_lists_and_pre() -> None:
    html = (
        "<p>First paragraph</p><p>Second</p><div>one<br>two</div>"
        "<ul><li>Olivia</li><li>Jack</li></ul><pre>a  b\nc</pre><h2>Title</h2>"
    )
    assert html_to_text(html) == (
        "First paragraph\n\nSecond\n\none\ntwo\n\u2022 Olivia\n\u2022 Jack\na  b\nc\nTitle"
    )


def test_gmail_style_blank_line_div() -> None:
    assert html_to_text("<div>Hi</div><div><br></div><div>Bye</div>") == "Hi\n\nBye"


def test_entities_decoded() -> None:
    assert html_to_text("<p>Smith &amp; Jones &lt;3 &pound;5 &#8211; caf&eacute;</p>") == "Smith & Jones <3 £5 – café"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<<<>>>&&&#xffffff;",
        "<table><td><td><tr><p><li>",
        "</div></div></p>text",
        "<svg><foreignObject><math><mi><table><caption>x",
        "\x00\ue000\ue001<b>\x00</b>",
        "<!-- unterminated comment <p>secret",
    ],
)
def test_malformed_html_gives_text_not_errors(html: str) -> None:
    assert isinstance(html_to_text(html), str)


def test_deep_nesting_keeps_text() -> None:
    html = "<div>" * 100_000 + "deep text" + "</div>" * 100_000 + "<p>after</p>"
    assert html_to_text(html) == "deep text\n\nafter"


def test_deep_nesting_is_flattened_before_parsing() -> None:
    # lexbor takes ~12 s over 100,000 nested <div>s: the parser only sees _MAX_DEPTH of them.
    html = "<div><b>" * 50_000 + "x" + "</b></div>" * 50_000
    flattened = _flatten_deep_nesting(html)
    depth = deepest = 0
    for tag in re.finditer(r"<(/?)\w+>", flattened):
        depth += -1 if tag.group(1) else 1
        deepest = max(deepest, depth)
    assert deepest == _MAX_DEPTH
    assert depth == 0
    assert "x" in flattened
    shallow = "<div>" * 10 + "x" + "</div>" * 10
    assert _flatten_deep_nesting(shallow * 200) == shallow * 200


def test_five_megabytes_of_html() -> None:
    row = "<p class=MsoNormal>Olivia Smith <b>Year 5</b> 01622 000000<o:p></o:p></p>\n"
    html = row * (5_000_000 // len(row))
    text = html_to_text(html)
    assert text.count("Olivia Smith Year 5 01622 000000") == 5_000_000 // len(row)


def test_markers_in_input_cannot_forge_layout() -> None:
    assert html_to_text("a\ue000b\ue001c") == "abc"


# --- normalise ---------------------------------------------------------------


def test_normalise_rules() -> None:
    raw = "Ｏｌｉｖｉａ\u200b Smi\u00adth\r\nNHS\u00a0943\u202f476\u20075919 \u202eevil\u202c ﬁle cafe\u0301"
    result = normalise(raw)
    assert result.text == "Olivia Smith\nNHS 943 476 5919 evil file caf\u00e9"
    assert normalise("e\u200b\u0301").text == "\u00e9"


def test_normalise_maps_back_to_the_text_as_read() -> None:
    raw = "Name:\u200b Ｏｌｉｖｉａ\r\nNHS\u00a0943 476 5919"
    result = normalise(raw)
    start = result.text.index("Olivia")
    assert raw[slice(*result.to_original(start, start + 6))] == "Ｏｌｉｖｉａ"
    nhs = result.text.index("943")
    assert raw[slice(*result.to_original(nhs, nhs + 12))] == "943 476 5919"
    lig = normalise("a ﬁle")
    assert lig.text == "a file"
    assert lig.to_original(2, 3) == (2, 3)  # "f" is half of the ligature: the whole of it
    assert lig.to_original(3, 6) == (2, 5)


def test_empty_and_end_positions() -> None:
    assert normalise("").text == ""
    assert normalise("").to_original(0, 0) == (0, 0)
    result = normalise("ab\u200b")
    assert result.text == "ab"
    assert result.to_original(2, 2) == (3, 3)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="\r")))
def test_ascii_is_identity(text: str) -> None:
    result = normalise(text)
    assert result.text == text
    for start in range(0, len(text) + 1, max(1, len(text) // 7)):
        assert result.to_original(start, len(text)) == (start, len(text))


_PIECES = st.one_of(
    st.characters(),
    st.sampled_from(
        list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202e\u2066\u2069\u200e\u200f")
        + ["\r\n", "\r", "\u00a0", "ﬁ", "①", "Ｏ", "e\u0301", "\u1100\u1161\u11a8", "\u0301", "a"]
    ),
)
_MIXED = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MIXED, st.data())
def test_offsets_monotonic_and_in_bounds(text: str, data: st.DataObject) -> None:
    result = normalise(text)
    length = len(result.text)
    a = data.draw(st.integers(0, length))
    b = data.draw(st.integers(a, length))
    c = data.draw(st.integers(b, length))
    start_ab, end_ab = result.to_original(a, b)
    start_bc, end_bc = result.to_original(b, c)
    assert 0 <= start_ab <= end_ab <= len(text)
    assert 0 <= start_bc <= end_bc <= len(text)
    assert start_ab <= start_bc
    if a < b < c:
        assert end_ab <= end_bc
        assert result.to_original(a, c) == (start_ab, end_bc)


@settings(max_examples=300, deadline=None)
@given(_MIXED, st.data())
def test_mapped_slice_normalises_to_cover_the_part(text: str, data: st.DataObject) -> None:
    result = normalise(text)
    a = data.draw(st.integers(0, len(result.text)))
    b = data.draw(st.integers(a, len(result.text)))
    start, end = result.to_original(a, b)
    part = result.text[a:b].replace("\n", "")
    assert part in normalise(text[start:end]).text.replace("\n", "")


@settings(deadline=None)
@given(_MIXED)
def test_output_has_no_invisible_characters_and_is_nfkc(text: str) -> None:
    out = normalise(text).text
    assert "\r" not in out
    assert not set(out) & set("\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202e\u2066\u2069\u200e\u200f\u00a0")
    assert unicodedata.is_normalized("NFKC", out)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["<p>", "</p>", "<div>", "</div>", "<br>", "<td>", "<tr>", "<table>", "<li>", "<pre>",
                 "<script>", "</script>", "<!--", "-->", "&nbsp;", "&amp;", "&#0;", "<o:p>", "<", ">"]
            ),
            st.text(max_size=10),
        ),
        max_size=60,
    )
)
def test_any_markup_gives_tidy_text(pieces: list[str]) -> None:
    text = html_to_text("".join(pieces))
    assert "\n\n\n" not in text
    assert not any(line != line.strip(" \t") for line in text.split("\n"))
    assert "\u00a0" not in text
