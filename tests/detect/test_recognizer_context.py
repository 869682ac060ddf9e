"""The shared context helpers the recognizers score with."""

import random

import regex

from service.detect.recognizers._context import column_header, phrase_regex


def test_phrase_regex_prefers_the_longest_phrase() -> None:
    pattern = phrase_regex(("sen", "sen register", "send"))
    text = "SEN register, send, sending, SEN-register, sen"
    assert [m.group() for m in pattern.finditer(text)] == ["SEN register", "send", "SEN-register", "sen"]


def test_phrase_regex_matches_whole_words_only() -> None:
    pattern = phrase_regex(("dob", "d.o.b."))
    assert [m.group() for m in pattern.finditer("DOB: x, D.O.B. y, adobe, dobby")] == ["DOB", "D.O.B."]


def test_trie_finds_what_a_flat_alternation_finds() -> None:
    rng = random.Random(0)
    words = ["care", "care order", "in care", "carer", "foster", "foster care", "fostered", "ever 6", "ever6"]
    alternatives = sorted((regex.escape(w).replace(r"\ ", r"[\s.\-_]*") for w in words), key=len, reverse=True)
    flat = regex.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", regex.IGNORECASE)
    trie = phrase_regex(tuple(words))
    for _ in range(300):
        text = " ".join(rng.choice(words + ["the", "child", "in", "order"]) for _ in range(8))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text


def test_column_header() -> None:
    table = "Name,DOB,Class\nOlivia Smith,12/03/2015,5B"
    assert column_header(table, table.index("12/03"), table.index("12/03") + 10) == "DOB"
    assert column_header(table, table.index("5B"), table.index("5B") + 2) == "Class"


def test_prose_with_commas_is_not_a_table() -> None:
    text = "Thanks, Tom\nThe trip, as planned, is on 12/03/2025."
    assert column_header(text, text.index("12/03"), text.index("12/03") + 10) is None
