"""Long texts: identifiers are checked everywhere, names in the opening and spread passages."""

import base64

import pytest

from service.detect.analyzer import PresidioDetector, ner_windows
from service.scanner import Scanner
from service.schemas.entities import EntityType
from service.schemas.scan import ScanRequest

_LINE = "The curriculum review covered reading, phonics and the maths approach across key stages.\n"


@pytest.mark.parametrize("length", [5_000, 60_001, 300_000])
@pytest.mark.parametrize("budget", [1_000, 8_000, 20_000])
def test_windows_fit_the_budget_in_order_at_line_breaks(length: int, budget: int) -> None:
    text = (_LINE * (length // len(_LINE) + 1))[:length]
    windows = ner_windows(text, budget)
    assert windows[0][0] == 0
    if length <= budget:
        assert windows == [(0, length)]
        return
    assert sum(end - start for start, end in windows) <= budget + 2 * len(_LINE) * len(windows)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(windows, windows[1:]))
    for start, end in windows:
        assert start == 0 or text[start - 1] == "\n"
        assert end == length or text[end - 1] == "\n"
    # Passages reach past the middle of the text, not only its opening.
    assert sum(windows[-1]) / 2 > length / 2


def test_identifiers_are_found_everywhere_names_only_where_the_ner_reads(detector: PresidioDetector) -> None:
    filler = _LINE * 600  # about 54,000 characters
    text = "Amara Okafor joined in September.\n" + filler + "Her NHS number is 943 476 5919.\n"
    text += "The letter was signed by Oliwia Kowalczyk.\n" + filler
    found = detector.analyze(text, ner_chars=4_000)
    kinds = {(e.type, text[e.start : e.end]) for e in found}
    assert (EntityType.UK_NHS, "943 476 5919") in kinds
    assert (EntityType.PERSON, "Amara Okafor") in kinds
    assert (EntityType.PERSON, "Oliwia Kowalczyk") not in kinds
    everywhere = {(e.type, text[e.start : e.end]) for e in detector.analyze(text)}
    assert (EntityType.PERSON, "Oliwia Kowalczyk") in everywhere


def test_offsets_stay_true_across_pieces(detector: PresidioDetector) -> None:
    text = _LINE * 300 + "Call 07700 900123 about it.\n" + _LINE * 300
    phones = [e for e in detector.analyze(text, ner_chars=2_000) if e.type is EntityType.PHONE_NUMBER]
    assert [text[e.start : e.end] for e in phones] == ["07700 900123"]


def test_a_long_attachment_is_cut_and_the_sender_is_told(scanner: Scanner) -> None:
    cap = scanner.settings.attachment_text_chars
    long_text = _LINE * (cap // len(_LINE) + 50) + "NHS number 943 476 5919\n"
    request = ScanRequest.model_validate(
        {
            "message": {
                "subject": "Minutes",
                "body": {"content": "Minutes attached.", "type": "text"},
                "from": {"address": "t.jones@oakfield.sch.uk"},
                "to": [{"address": "clerk@governors-services.co.uk"}],
                "attachments": [{"name": "minutes.txt", "content_base64": base64.b64encode(long_text.encode()).decode()}],
            }
        }
    )
    result = scanner.scan(request)
    assert result.action == "allow"  # the NHS number lies past the part that is read
    assert "only its first part was checked" in result.summary
