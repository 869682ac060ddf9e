"""Ordinary school email that holds no personal data: no recognizer may fire.

PERSON is left out (another recognizer, and some of these name people on purpose).
"""

from collections.abc import Callable

import pytest

from service.detect.analyzer import PresidioDetector, discover_recognizers
from service.schemas.entities import EntityType

Found = Callable[[str, str], list[str]]


HARD_NEGATIVES = [
    "Year 6 are in Room 12 this week; Year 5 are in the hall.",
    "Invoice INV-20394 is overdue. PO 4500012345 covers the new laptops.",
    "Order ref 01234 567890 was delivered on 12/03/2025.",
    "The meeting on 12/03/2025 starts at 10:30 and ends at 11.45.",
    "Trip cost £245.50 per pupil, 15% deposit by 3 March 2025.",
    "URN 118234, DfE 886/2145, LAESTAB 8862145, Ofsted ref 10045678.",
    "Year 9 are reading Romeo and Juliet and Of Mice and Men this term.",
    "Our SEN policy and safeguarding policy were approved by governors.",
    "Safeguarding training is on Monday in the library at 3.30pm.",
    "The pupil premium strategy statement is on the website.",
    "Allergy Awareness Week and Mental Health Awareness Week are in May.",
    "I'll send the password separately. The file is password protected.",
    "Please reset your password before the portal closes on Friday.",
    "St Mary's School and St John's Academy will join us for sports day.",
    "3 Ways to Support Reading at Home: a guide for parents.",
    "Key Stage 2 results: 78% met the expected standard in reading.",
    "Page 12 of the handbook, section 4.3, covers uniform.",
    "The coach leaves at 07:45 and returns at 18:15; bring £5 for the gift shop.",
    "Set 3 will sit paper 2 on 14 May 2025 in rooms 21 and 22.",
    "Reference 2025/118 relates to the roof repair quote of £12,450.",
    "Our sort code is on the enclosed letter; please use the reference TRIP25.",
    "Please quote 9276308686 when you call the supplier.",
    "Version 2.3.1 of the MIS goes live on 01.09.2025.",
    "If your child has an EHCP or is eligible for free school meals, please let the office know.",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_nothing_but_names_found(detector: PresidioDetector, text: str) -> None:
    found = [(e.type.value, e.text) for e in detector.analyze(text) if e.type != EntityType.PERSON]
    assert found == []


def test_every_contract_type_has_a_recognizer() -> None:
    covered = {entity for r in discover_recognizers() for entity in r.supported_entities}
    assert covered >= {t.value for t in EntityType}
