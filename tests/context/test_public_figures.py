"""Public figures and characters in teaching text (service/context/public_figures.py), without spaCy:
the spans stand in for the names the NER found."""

from pathlib import Path

import pytest

from service.context import public_figures
from service.context.public_figures import figures, real_person_evidence, teaching_text, titled_figure


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name)))
    return out


def judged(text: str, *names: str) -> list[str]:
    return sorted(text[s:e] for s, e in figures(text, spans_of(text, *names)))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our fossil hunters have been learning about Mary Anning (1799-1847) this week.", "Mary Anning"),
        ("Handout: Ludmila Petrova was born in 1864 in Kazan.", "Ludmila Petrova"),
        ("We finish Holes by Ruairi Delaney this week.", "Ruairi Delaney"),
        ("Year 5 painted tigers in the style of Tomasz Wrona.", "Tomasz Wrona"),
        ("A visit from the poet Grainne Hollis on Friday.", "Grainne Hollis"),
        ("Homework: Okonkwo's laws of motion, questions 1-6.", "Okonkwo"),
        ("Question: how does Halvorsen present Dunmore in chapter 2?", "Halvorsen"),
        ("Question: how does Halvorsen present Dunmore in chapter 2?", "Dunmore"),
        ("Year 2 are reading Katie Morag and the Two Grandmothers.", "Katie Morag"),
        ("Edwin the Bold led the army north.", "Edwin"),
        ("A talk on Henry VIII and his six wives.", "Henry"),
    ],
)
def test_strong_evidence_makes_a_figure_in_any_text(text: str, name: str) -> None:
    assert judged(text, name) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks, Priya Sandhu (Y6) read her poem in the style of Benjamin Zephaniah.", "Priya Sandhu"),
        ("Well done to Kofi Mensah, player of the match.", "Kofi Mensah"),
        ("Jamal's mum says he has lost his book by Louis Sachar.", "Jamal"),
        ("Zara is Titania and Keira is Puck in the play.", "Zara"),
        ("Callum Reid from Year 9 is our engineering club captain; he designed the bridge.", "Callum Reid"),
    ],
)
def test_real_person_evidence_keeps_a_name(text: str, name: str) -> None:
    assert judged(text, name) == []


def test_weak_evidence_counts_only_in_a_teaching_text() -> None:
    plain = "Could you tell Dominika Sowa wrote to the office about the boiler."
    lesson = "History homework: Dominika Sowa wrote about the lesson and the topic we covered."
    assert not teaching_text(plain)
    assert teaching_text(lesson)
    assert judged(plain, "Dominika Sowa") == []
    assert judged(lesson, "Dominika Sowa") == ["Dominika Sowa"]


def test_teaching_words_are_counted_once_each() -> None:
    assert not teaching_text("Lesson cancelled. The lesson after lunch is on.")
    assert teaching_text("Lesson 3 homework is on Teams.")
    assert not teaching_text("Re: Re: your email")  # "Re:" is not RE, the subject


def test_a_figures_surname_is_the_figure_elsewhere_but_the_first_name_is_not() -> None:
    text = "Isabel Thornbury (1820-1910) founded the hospital. Later Thornbury wrote home. Isabel in 4K drew her."
    full = spans_of(text, "Isabel Thornbury")[0]
    later = text.index("Thornbury wrote")
    pupil = text.index("Isabel in")
    found = figures(text, [full, (later, later + 9), (pupil, pupil + 6)])
    assert sorted(text[s:e] for s, e in found) == ["Isabel Thornbury", "Thornbury"]


def test_names_listed_with_a_figure_in_a_teaching_text() -> None:
    text = "Science lesson: discuss who deserves the credit, Pemberton or Achterberg (1820-1888)?"
    assert judged(text, "Pemberton", "Achterberg") == ["Achterberg", "Pemberton"]


def test_the_list_alone_sets_aside_a_full_name_but_never_against_real_person_evidence() -> None:
    text = "The reading paper was about Katherine Johnson."
    assert judged(text, "Katherine Johnson") == ["Katherine Johnson"]
    pupil = "Well done to Katherine Johnson for her reading."
    assert judged(pupil, "Katherine Johnson") == []


def test_a_listed_titled_name_is_a_figure_unless_a_real_person_cue_follows() -> None:
    text = "Hero or pirate? Sir Francis Drake sailed round the world."
    start = text.index("Francis")
    assert titled_figure(text, start, start + len("Francis"))
    pupil = "Ask Sir Francis Drake (Y6) about the bus."
    start = pupil.index("Francis")
    assert not titled_figure(pupil, start, start + len("Francis"))


def test_without_the_list_only_the_context_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(public_figures, "_LIST_FILE", public_figures._LIST_FILE.with_name("no such list"))
    public_figures.listed_names.cache_clear()
    try:
        assert judged("The reading paper was about Katherine Johnson.", "Katherine Johnson") == []
        assert judged("Katherine Johnson (1918-2020) checked the Atlantic.", "Katherine Johnson") == ["Katherine Johnson"]
    finally:
        monkeypatch.undo()
        public_figures.listed_names.cache_clear()


def test_real_person_evidence_alone() -> None:
    text = "Tomi (3R) and my son Ade were both there."
    assert real_person_evidence(text, 0, 4)
    start = text.index("Ade")
    assert real_person_evidence(text, start, start + 3)  # "my son" before the name
    assert not real_person_evidence("Galileo was put on trial.", 0, 7)


def test_a_span_the_ner_ran_over_a_list_is_a_figure_when_a_part_is_one() -> None:
    text = "Maths lesson: which ideas of Pythagoras, Euclid do we use in Year 7? Homework on page 3."
    assert judged(text, "Pythagoras, Euclid") == ["Pythagoras, Euclid"]


def test_in_a_cast_list_the_part_follows_the_pupil() -> None:
    text = "The nativity is on Tuesday. Evie is Mary, Josiah is Joseph and the kings are from 2B."
    assert judged(text, "Evie", "Mary", "Josiah", "Joseph") == ["Joseph", "Mary"]


def test_a_listed_surname_alone_counts_in_a_teaching_text_unless_it_is_a_known_name() -> None:
    text = "History coursework: compare the budgets, Disraeli against the unions. Essay due Friday."
    assert judged(text, "Disraeli") == ["Disraeli"]
    found = figures(text, spans_of(text, "Disraeli"), is_known_name=lambda w: w == "Disraeli")
    assert found == set()


def test_figures_already_set_aside_vouch_for_the_names_listed_with_them() -> None:
    text = "A Christmas Carol: Scrooge, Fred and Belle."
    scrooge, fred, belle = spans_of(text, "Scrooge", "Fred", "Belle")
    assert figures(text, [fred, belle], known=[scrooge]) == {fred, belle}
    assert figures(text, [fred, belle]) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Congratulations to Kettering house, who won the cup.", "Kettering"),
        ("Sports day: Gold went to Osei House, silver to Brontë.", "Osei"),
    ],
)
def test_a_school_house_is_never_a_person(text: str, name: str) -> None:
    assert judged(text, name) == [name]


def test_a_role_after_a_listed_name_marks_a_real_person() -> None:
    text = "Staff on site: Robin Hood (supply, Tuesdays)."
    assert judged(text, "Robin") == []
    assert judged("Year 4 are reading about Robin Hood and his merry men.", "Robin") == ["Robin"]


def test_one_list_says_how_each_name_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    listed = tmp_path / "public_figures.txt"
    listed.write_text(
        "# a comment\nMary  Anning\nMercutio | anywhere\nTiny Tim | anywhere evidence\n\n", encoding="utf-8"
    )
    monkeypatch.setattr(public_figures, "_LIST_FILE", listed)
    public_figures.listed_names.cache_clear()
    public_figures.set_aside_anywhere.cache_clear()
    try:
        assert public_figures.listed_names() == {"mary anning", "tiny tim"}
        assert public_figures.set_aside_anywhere() == ("Mercutio", "Tiny Tim")
        listed.write_text("Mercutio | everywhere\n", encoding="utf-8")
        public_figures.listed_names.cache_clear()
        with pytest.raises(ValueError):
            public_figures.listed_names()
    finally:
        monkeypatch.undo()
        public_figures.listed_names.cache_clear()
        public_figures.set_aside_anywhere.cache_clear()


def test_the_shipped_list_sets_aside_characters_and_weighs_the_rest() -> None:
    anywhere = {name.casefold() for name in public_figures.set_aside_anywhere()}
    assert "romeo and juliet" in anywhere and "lady macbeth" in anywhere
    assert "lady macbeth" in public_figures.listed_names()  # both uses
    assert "mercutio" not in public_figures.listed_names()  # set aside anywhere only
    assert "alfred the great" in public_figures.listed_names() and "alfred the great" not in anywhere
