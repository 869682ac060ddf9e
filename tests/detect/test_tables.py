"""The shared table reader (service/detect/recognizers/_tables.py): offsets, headers, bounds."""

import time

import pytest
import regex

from service.detect.recognizers._tables import (
    MOST_LINES,
    blocks,
    cut,
    lines,
    separated_tables,
    sniff_row,
    strip,
)


def _values(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_lines_give_each_line_at_its_offset() -> None:
    text = "Name\tCode\n\nAmira\t4096\nlast"
    got = lines(text)
    assert [line for _, line in got] == ["Name\tCode", "", "Amira\t4096", "last"]
    for start, line in got:
        assert text[start : start + len(line)] == line
    assert lines(text, 2) == got[:2]


def test_lines_refuse_to_read_past_the_cap() -> None:
    with pytest.raises(ValueError):
        lines("a", MOST_LINES + 1)


def test_blocks_are_runs_of_lines_that_belong() -> None:
    text = "a\tb\nc\td\nprose\ne\tf\n"
    runs = blocks(text, most=100, belongs=lambda line: "\t" in line)
    assert [[line for _, line in run] for run in runs] == [["a\tb", "c\td"], ["e\tf"]]
    assert blocks(text, most=1, belongs=lambda line: "\t" in line) == [[(0, "a\tb")]]


def test_cut_keeps_empty_cells_in_place_and_offsets_exact() -> None:
    text = "intro\nAmira\t\t4096\t"
    start = text.index("A")
    spans = cut(text, start, len(text), "\t")
    assert _values(text, spans) == ["Amira", "", "4096", ""]
    assert spans[0] == (start, start + 5)
    pattern = regex.compile(r"[ \t]*\|[ \t]*|[ ]{2,}")
    text = "x\nAmira Khan  |  10B    4096"
    spans = cut(text, 2, len(text), pattern)
    assert _values(text, spans) == ["Amira Khan", "10B", "4096"]
    assert spans[2] == (len(text) - 4, len(text))


def test_strip_spaces_or_any_white_space() -> None:
    text = " \t12-34-56\u00a0 "
    assert strip(text, (0, len(text))) == (2, len(text) - 1)
    assert strip(text, (0, len(text)), None) == (2, 10)
    assert strip("   ", (0, 3), None) == (0, 0)


def test_separated_tables_have_a_header_and_ragged_rows() -> None:
    text = "Register\nName\tAllergies\tFSM\nAmira Khan\tnuts\nLeo\t\tY\textra\n\nBye"
    (table,) = separated_tables(text, most=400)
    assert _values(text, table.header.cells) == ["Name", "Allergies", "FSM"]
    assert [_values(text, row.cells) for row in table.body] == [["Amira Khan", "nuts"], ["Leo", "", "Y", "extra"]]
    first = table.body[0]
    assert text[first.start : first.end] == "Amira Khan\tnuts"


def test_separated_tables_read_only_the_first_characters_and_cells() -> None:
    text = "a\tb\tc\n" + "x" * 10 + "\ty"
    (table,) = separated_tables(text, most=400, longest=8, most_cells=2)
    assert [len(row.cells) for row in table.rows] == [2]  # the long line holds no tab in its first 8


def test_sniff_row_finds_the_separator_and_strips_cells() -> None:
    text = "| Name | Password |"
    kind, cells = sniff_row(text, (0, text), longest=1000, most_cells=30)
    assert kind == "pipe" and _values(text, cells) == ["Name", "Password"]
    text = "Amira Khan    amira3b     rocket 41"
    kind, cells = sniff_row(text, (0, text), longest=1000, most_cells=30)
    assert kind == "spaces" and _values(text, cells) == ["Amira Khan", "amira3b", "rocket 41"]
    text = "Name,User,Code"
    assert sniff_row(text, (0, text), longest=1000, most_cells=30)[0] == "comma"
    assert sniff_row("just words here", (0, "just words here"), longest=1000, most_cells=30) is None
    assert sniff_row("a\tb", (0, "a\tb"), longest=2, most_cells=30) is None  # too long
    assert sniff_row("a\tb\tc", (0, "a\tb\tc"), longest=100, most_cells=2) is None  # too many cells


def test_a_hostile_fifty_thousand_line_text_is_read_within_bounds() -> None:
    text = "\n".join("\t".join(["cell"] * 60) for _ in range(50_000))
    began = time.perf_counter()
    assert len(lines(text)) == MOST_LINES
    (table,) = separated_tables(text, most=400, most_cells=50)
    assert len(table.rows) == 400 and all(len(row.cells) == 50 for row in table.rows)
    runs = blocks(text, most=2000, belongs=bool)
    assert sum(len(run) for run in runs) == 2000
    assert time.perf_counter() - began < 5.0
