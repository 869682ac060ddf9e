"""A subject's names read again with the body (service/context/subject.py)."""

from service.context.subject import names_read_as_in_body
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType

BODY_ABOUT_EID = (
    "Dear families, we wish everyone celebrating Eid a happy holiday. "
    "The hall will be decorated on Friday and Diwali lamps made in Year 2 will be on show."
)


def person(text: str, whole: str) -> DetectedEntity:
    start = whole.index(text)
    return DetectedEntity(EntityType.PERSON, start, start + len(text), 0.85, text)


def nobody(_: str) -> bool:
    return False


def test_a_subject_word_the_body_repeats_and_does_not_read_as_a_name_is_not_a_name() -> None:
    subject = "Eid and Diwali celebrations"
    found = [person("Eid", subject), person("Diwali", subject)]
    assert names_read_as_in_body(subject, found, BODY_ABOUT_EID, [], nobody) == []


def test_a_name_the_body_reads_as_a_name_stands() -> None:
    subject = "Ruairidh - reading group"
    body = "Hello both, Ruairidh will join the Tuesday reading group from next week, in the library after lunch."
    body_found = [person("Ruairidh", body)]
    assert names_read_as_in_body(subject, [person("Ruairidh", subject)], body, body_found, nobody) == [
        person("Ruairidh", subject)
    ]


def test_a_name_the_body_never_repeats_stands() -> None:
    subject = "Liesel B late pick up"
    body = "She was collected at 4.15 today by her grandmother; the late book is signed and the office has the note."
    assert names_read_as_in_body(subject, [person("Liesel B", subject)], body, [], nobody) == [
        person("Liesel B", subject)
    ]


def test_a_quoted_subject_line_is_no_second_reading() -> None:
    subject = "RE: Ahmed Farah - Conners forms"
    body = (
        "Hi, the forms went in the internal post last week and scanned copies follow today.\n"
        "From: Precious Moyo\nSubject: RE: FW: Ahmed Farah - Conners forms\n\nCould you chase?"
    )
    assert names_read_as_in_body(subject, [person("Ahmed Farah", subject)], body, [], nobody) == [
        person("Ahmed Farah", subject)
    ]


def test_a_participant_stands_even_where_the_body_set_them_aside() -> None:
    subject = "Sarah Jones - meeting"
    body = "Dear Sarah Jones, thank you for coming in today; the notes from the meeting are attached as promised."
    assert names_read_as_in_body(subject, [person("Sarah Jones", subject)], body, [], lambda n: n == "Sarah Jones") == [
        person("Sarah Jones", subject)
    ]


def test_a_short_body_says_too_little() -> None:
    subject = "Hope"
    assert names_read_as_in_body(subject, [person("Hope", subject)], "hope is fine", [], nobody) == [
        person("Hope", subject)
    ]
