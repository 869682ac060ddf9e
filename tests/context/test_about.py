"""Whom an email and an attachment are about."""

from service.context.about import PersonRef, attachment_people, file_name_words, people, same_person, the_one_person
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType


def _ref(name: str) -> PersonRef:
    ref = PersonRef.of(name)
    assert ref is not None
    return ref


def _person(text: str, name: str) -> DetectedEntity:
    start = text.index(name)
    return DetectedEntity(EntityType.PERSON, start, start + len(name), 0.9, name)


def test_same_person() -> None:
    assert same_person(_ref("Oliver"), _ref("Oliver Smith"))
    assert same_person(_ref("Ollie Smith"), _ref("Oliver Smith"))
    assert same_person(_ref("Mrs Smith-Jones"), _ref("Jane Jones"))
    assert not same_person(_ref("Oliver Smith"), _ref("Mia Smith"))  # siblings
    assert not same_person(_ref("Oliver"), _ref("Jack Brown"))


def test_people_fold_short_mentions_into_the_full_name() -> None:
    assert [p.masked for p in people(["Oliver", "Oliver Smith", "Oliver's"])] == ["O***** S****"]
    assert the_one_person(["Oliver", "Oliver Smith"]) == _ref("Oliver Smith")
    assert the_one_person(["Oliver Smith", "Mia Smith"]) is None
    assert the_one_person([]) is None


def test_file_name_words() -> None:
    assert file_name_words("Jack_Brown-report_2025.docx") == "Jack Brown report 2025"
    assert file_name_words("JackBrownEHCP.pdf") == "Jack Brown EHCP"


def test_attachment_people_from_name_field_and_heading() -> None:
    text = "End of year report\nPupil name: Jack Brown\n\nJack has worked hard. He sat with Mia Patel in maths."
    found = attachment_people(text, [_person(text, "Jack Brown"), _person(text, "Mia Patel")], [])
    assert found == (_ref("Jack Brown"),)


def test_a_name_in_the_prose_only_says_nothing() -> None:
    text = "Our class trip went well and everybody enjoyed the museum very much indeed, thank you all.\nMia Patel helped."
    assert attachment_people(text, [_person(text, "Mia Patel")], []) == ()


def test_a_heading_listing_several_people_is_a_list() -> None:
    text = "Jack Brown, Mia Patel\nGroup work"
    assert attachment_people(text, [_person(text, "Jack Brown"), _person(text, "Mia Patel")], []) == ()


def test_file_name_people_count() -> None:
    assert attachment_people("", [], ["Jack Brown"]) == (_ref("Jack Brown"),)


def test_a_name_field_the_name_finder_missed_still_counts() -> None:
    text = "Trip consent form\nPupil name: Harvey Cole\nClass: 5P"
    assert attachment_people(text, [], []) == (_ref("Harvey Cole"),)
    # ... unless it is a participant's own name, or not shaped like a name.
    assert attachment_people(text, [], [], lambda name: name == "Harvey Cole") == ()
    assert attachment_people("Name: see overleaf\nClass 5P", [], []) == ()


def test_given_names_inside_sentences() -> None:
    from service.context.about import given_names_in

    text = "Dear Mrs Wright,\n\nHere is the consent form for Theo. May I ask for it back by Friday? Will it rain in June?"
    assert given_names_in(text, {"will", "may"}.__contains__) == ["Theo"]
    assert given_names_in(text, lambda word: False, [(text.index("Theo"), text.index("Theo") + 4)]) == []
