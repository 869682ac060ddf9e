"""PERSON evidence that adds up: greetings, sign-offs, rotas, parents, class codes,
possessives, pronouns, one sense per text; and streets, firms and acronyms that are not names."""

import pytest

from service.detect.analyzer import PresidioDetector
from service.detect.recognizers._person_evidence import evidence_spans, in_firm, in_street, is_acronym
from service.detect.recognizers.person import could_be_name, is_known_name, other_mentions
from service.schemas.entities import EntityType


def people(detector: PresidioDetector, text: str) -> list[str]:
    return [e.text for e in detector.analyze(text) if e.type is EntityType.PERSON]


def vouched(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in evidence_spans(text, could_be_name, is_known_name)]


# -- the rules alone (no spaCy) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks priya, ok for fri", ["priya"]),
        ("Hi Mateusz,\nthe rota is attached.", ["Mateusz"]),
        ("Kind regards,\nSky Okafor", ["Sky Okafor"]),
        ("Many thanks\nSummer", ["Summer"]),
        ("can you pick her up 2day im at work xx amber", ["amber"]),
        ("3.30-3.40 Mateusz Zieliński\n3.40-3.50 Aoife Brennan", ["Mateusz Zieliński", "Aoife Brennan"]),
        ("Parent of Tomi (3R)", ["Tomi"]),
        ("Rose (Y6), Ivy (Y4) and Holly (Y1)", ["Rose", "Ivy", "Holly"]),
        ("Hope's reading book is in her bag.", ["Hope"]),
        ("Sunniva passed her grade 2 violin.", ["Sunniva"]),
        ("Please find Oisín's end of year report attached.", ["Oisín"]),
    ],
)
def test_context_vouches_for_a_name(text: str, expected: list[str]) -> None:
    assert sorted(set(vouched(text))) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Hi all,\nplease see below.",
        "Dear Parents and Carers,",
        "Dear Colleague, your subscription renews soon.",
        "Good morning Dr. Okafor, the results are in.",
        "Thank you, I'll set up work packs.",
        "Hi, I've started as a cleaner.",
        "Kind regards,\nThe Office Team",
        "9.30 Assembly\n10.30 Maths\n11.00 Year 6 sports",
        "Mum of two, works nights.",
        "Year 6 (6B) trip",
        "The Headteacher's report is item 4.",
    ],
)
def test_context_without_a_name_vouches_for_nothing(text: str) -> None:
    assert vouched(text) == []


def test_streets_firms_and_acronyms_are_not_names() -> None:
    text = "Meet at Kevin Street, then Rue Marie Curie; Davis and Reed Ltd and Patil Inc; EWO referral"
    assert in_street(text, text.index("Kevin"), text.index("Kevin") + 5)
    assert in_street(text, text.index("Marie"), text.index("Curie") + 5)
    assert in_firm(text, text.index("Davis"), text.index("Davis") + 5)
    assert in_firm(text, text.index("Patil"), text.index("Patil") + 5)
    assert is_acronym(text, text.index("EWO"), text.index("EWO") + 3)
    other = "Kevin Davis rang about Amara"
    assert not in_street(other, 0, 11) and not in_firm(other, 0, 11)
    assert not is_acronym("AMARA OKAFOR WAS LATE", 0, 5)


def test_one_sense_per_text() -> None:
    text = "Subject: Certificate for Ngaio\nngaio earned her 100 merits. Well done Ngaio!"
    found = (text.index("Ngaio"), text.index("Ngaio") + 5)
    # Not a lower-case line: the lower-case mention stays a word-level guess.
    assert [text[a:b] for a, b in other_mentions(text, [found], [found])] == ["Ngaio"]
    chat = "thanks priya, ok for fri\npriya can you bring the forms"
    first = (7, 12)
    assert [chat[a:b] for a, b in other_mentions(chat, [first], [first])] == ["priya"]


def test_a_word_name_counts_again_only_where_its_capital_says_something() -> None:
    text = "Hi,\nHope and Mark are in 2B. Is it Hope or Mark who moves? I hope to mark it. Hope it helps."
    first = [(4, 8), (13, 17)]
    again = [text[a:b] for a, b in other_mentions(text, first, first)]
    assert again == ["Hope", "Mark"]


def test_a_lone_unknown_word_in_a_subject_vouches_for_nothing() -> None:
    text = "Subject: Eid and Diwali celebrations\nWe wish all families celebrating Diwali and Eid a good time."
    guess = (text.index("Diwali"), text.index("Diwali") + 6)
    assert other_mentions(text, [guess], []) == []


# -- on the real pipeline ----------------------------------------------------------


def test_rota_lines_give_names(detector: PresidioDetector) -> None:
    text = "Parents' evening slots\n3.30-3.40 Mateusz Zieliński\n3.40-3.50 Precious Okoro\n3.50-4.00 Tea break"
    assert people(detector, text) == ["Mateusz Zieliński", "Precious Okoro"]


def test_parent_sign_off_and_class_code(detector: PresidioDetector) -> None:
    text = "Subject: pick up\nHi, Tomi is going to his nan's tonight.\nThanks\nParent of Tomi (3R)"
    found = people(detector, text)
    assert found.count("Tomi") == 2


def test_lower_case_chat_names(detector: PresidioDetector) -> None:
    assert "priya" in people(detector, "thanks priya, ok for fri")


def test_subject_name_found_again_in_the_body(detector: PresidioDetector) -> None:
    text = "Subject: Aistė's swimming kit\nAistė has left her swimming kit in the changing room."
    assert people(detector, text) == ["Aistė", "Aistė"]


def test_street_and_firm_words_stop_a_name(detector: PresidioDetector) -> None:
    text = "Please send it to Davis and Reed Ltd, 4 Kevin Street. Amara Okafor will sign for it."
    found = people(detector, text)
    assert "Amara Okafor" in found
    assert not any("Davis" in n or "Kevin" in n for n in found)


def test_acronyms_are_not_names(detector: PresidioDetector) -> None:
    for text in ("Subject: EWO referral - Popescu\nIoana Popescu has missed 12 sessions.", "FGB agenda attached."):
        assert not any(n in {"EWO", "FGB"} for n in people(detector, text)), text


def test_a_header_of_field_acronyms_is_not_a_name(detector: PresidioDetector) -> None:
    text = "Name, DOB, ULN\nAmelia Kowalczyk, 03/04/2009, 7688356015\nTobias Reid, 11/12/2008, 3742819983"
    assert people(detector, text) == ["Amelia Kowalczyk", "Tobias Reid"]
    # Two capitals joined by a space stay a name's business ("AMY LEE" in a line of lower case).
    assert "AMY LEE" in people(detector, "Pupil: AMY LEE, Year 4, please collect her reading book.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ms Hughes, my son Szymon came home with a bruise.", ["Szymon"]),
        ("Present: SW Mohamed Yusuf, foster carer Linda Morris.", ["Mohamed Yusuf", "Linda Morris"]),
        ("Mum (Mihaela) has been sent two letters.", ["Mihaela"]),
        ("Kalaivani Sivakumar (mum) and Arun have joined.", ["Kalaivani Sivakumar"]),
        ("I'll set work via Teams.\nAsma", ["Asma"]),
        ("Surname\tForename\tDOB\nHughes\tTyler\t02/09/2008\nOgundipe\tFolake\t17/01/2009",
         ["Hughes", "Tyler", "Ogundipe", "Folake"]),
    ],
)
def test_relations_last_lines_and_name_columns_vouch_for_names(text: str, expected: list[str]) -> None:
    assert sorted(set(vouched(text))) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "She is on the pupil premium register and the child protection plan is current.",
        "Regards\nThe Office Team",
        "Room\tSubject\tTeacher\n12\tMaths\t3",
        "Please reply by Friday.\nThank you",
        # A text that is only one line (a subject) has no sign-off.
        "Harvest",
        "Christmas",
    ],
)
def test_relations_last_lines_and_columns_without_names(text: str) -> None:
    assert vouched(text) == []


def test_a_school_signing_off_is_not_a_name(detector: PresidioDetector) -> None:
    assert people(detector, "Dear parents,\nthe trip is on.\nKind regards\nOakfield Primary School") == []


def test_festivals_and_fairs_are_not_names(detector: PresidioDetector) -> None:
    assert people(detector, "Subject: Christmas Fayre\nHelpers needed on Saturday.") == []
    assert people(detector, "Subject: Eid party\nAll welcome.") == []


def test_kisses_signing_off_are_not_a_name(detector: PresidioDetector) -> None:
    assert people(detector, "Thanks for the update ta\nxx") == []
    assert people(detector, "Lovely, thanks\nXander") == ["Xander"]


def test_names_listed_with_a_name(detector: PresidioDetector) -> None:
    text = "Hi,\nStatements from Harvey Cole and Amelia Shah are attached. Please keep Bartosz and Ethan apart."
    found = people(detector, text)
    assert {"Harvey Cole", "Amelia Shah", "Bartosz", "Ethan"} <= set(found)


def test_two_surnames_joined_by_and_are_not_listed_as_people() -> None:
    from service.detect.recognizers.person import listed_with_names

    text = "Hi,\nthe Garcia and Adams branch closes early."
    assert listed_with_names(text, [(text.index("Garcia"), text.index("Garcia") + 6)], []) == []


def test_guesses_the_text_argues_against() -> None:
    from service.detect.recognizers.person import _unlikely_guess

    def guess(text: str, part: str) -> bool:
        start = text.index(part)
        return _unlikely_guess(text, start, start + len(part))

    # The writer capitalises, so a lower-case word is a word.
    assert guess("Well done to all who showed grace and hope this week.", "grace")
    assert guess("Regards, Martin Shaw, Credit Control, 01634 000812", "Credit Control")
    assert guess("Please provide Appendix D within 6 weeks.", "Appendix D")
    # Typed in lower case throughout, or after a lower-case reply prefix: names are lower case too.
    assert not guess("ok so friday then? gemma can't do thursday.", "gemma")
    assert not guess("Subject: re: siosaia tupou\nhi", "siosaia tupou")
    # A known name among common words keeps the span.
    assert not guess("Please ask Dawn Hill in the kitchen.", "Dawn Hill")


def test_a_word_that_is_also_a_name_needs_evidence(detector: PresidioDetector) -> None:
    weather = "Hi,\nThe forecast for Friday is bright. Summer uniform starts after half term."
    assert "Summer" not in people(detector, weather)
    for text, name in [
        ("Hi,\nSummer's reading book is in her bag.", "Summer"),
        ("Hi,\nJoy said the concert was lovely.", "Joy"),
        ("Hi,\nRose (Y6) and Ivy (Y4) won prizes.", "Rose"),
    ]:
        assert name in people(detector, text), text


def test_house_and_subject_endings_are_not_names(detector: PresidioDetector) -> None:
    text = "Hi,\nWell done Seacole House! White Rose Maths resources and the Amazon Rainforest topic start soon."
    assert people(detector, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There is a conference for the Dumitru children on Friday.", ["Dumitru"]),
        ("The three Marsh sisters won prizes.", ["Marsh"]),
        ("Ciarán is in Reception and Saoirse is in Year 2.", ["Ciarán", "Saoirse"]),
        ("Dev has been on sertraline since the summer.", ["Dev"]),
    ],
)
def test_families_classes_and_what_someone_has(text: str, expected: list[str]) -> None:
    assert sorted(set(vouched(text))) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    ["Governors asked how the grant was spent.", "The Year 6 children are in the hall.", "Summer is nearly here."],
)
def test_groups_and_seasons_are_not_vouched_for(text: str) -> None:
    assert vouched(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Where capitals say nothing, a season or month before a noun names a time.
        ("Autumn PA list", []),
        ("Summer fair - volunteers needed", []),
        ("May half term club", []),
        # Before a verb, or with a surname, it is a name.
        ("Autumn has settled in really well.", ["Autumn"]),
        ("June Okafor - reading", ["June Okafor"]),
    ],
)
def test_a_season_or_month_before_a_noun_is_a_time(detector: PresidioDetector, text: str, expected: list[str]) -> None:
    assert people(detector, text) == expected


def test_known_names_are_compared_without_case_or_accents() -> None:
    from service.detect.recognizers.person import known_first_names

    names = known_first_names()
    assert "Oisin" in names and "oisín" in names and "OISÍN" in names
    assert "table" not in names and 3 not in names
