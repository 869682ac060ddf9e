"""Hostile drafts through the real Scanner: each answers, and every attachment is either
read or reported with a plain reason; one deadline and one text allowance per draft.

No timing assertions: the deadline is checked by what the scan reports, speed by
`python -m bench.hostile`.
"""

import dataclasses
import math
import resource
import time

import pytest

from service.extract.attachments import extract_attachment, reasons
from service.extract.attachments.pdf import NO_TEXT
from service.extract.budget import DraftBudget, RecentPace
from service.extract.message import extract_message
from service.scanner import TRUNCATED_NOTE, Scanner
from service.schemas import Attachment
from service.settings import Settings
from tests.hostile_files import CASES, HostileCase, draft, many_entries_zip, zip_of

PLAIN_REASONS = {value for value in vars(reasons).values() if isinstance(value, str)} | {NO_TEXT}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _with(scanner: Scanner, **settings: object) -> Scanner:
    return dataclasses.replace(scanner, settings=Settings(**settings))  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_draft_answers_with_every_attachment_read_or_explained(
    scanner: Scanner, case: HostileCase
) -> None:
    request = draft(case.make())
    before = _peak_rss_mb()
    result, facts, _ = scanner.scan_with_facts(request)
    assert _peak_rss_mb() - before < 100
    assert result.action in ("allow", "warn", "block")
    attachments = facts.attachments
    assert attachments
    for part in attachments:
        assert part.readable or part.unreadable_reason in PLAIN_REASONS


def test_sparse_spreadsheet_is_read_and_checked(scanner: Scanner) -> None:
    """The cells that exist are read: the name under the Name column still counts."""
    case = next(c for c in CASES if c.id == "sparse-xlsx-XFD1048576")
    _, facts, _ = scanner.scan_with_facts(draft(case.make()))
    (sheet,) = facts.attachments
    assert sheet.readable and "Amelia Hart" in sheet.text and sheet.people_count == 1


def _notes(count: int, chars: int) -> list[tuple[str, bytes]]:
    line = "Amelia Hart was at the reading club today. "
    return [(f"note{i}.txt", (line * (chars // len(line) + 1))[:chars].encode()) for i in range(count)]


def test_attachments_not_read_before_the_draft_deadline_are_reported(scanner: Scanner) -> None:
    quick = _with(scanner, draft_deadline_seconds=1e-6)
    result, facts, _ = quick.scan_with_facts(draft(_notes(3, 500)))
    assert [p.unreadable_reason for p in facts.attachments] == [reasons.OUT_OF_TIME] * 3
    assert any(f.rule == "unscannable-attachment" for f in result.findings)


def test_attachments_not_analysed_before_the_deadline_are_reported(scanner: Scanner) -> None:
    request = draft(_notes(2, 500))
    extracted = extract_message(request.message)
    assert all(a.readable for a in extracted.attachments)
    spent = DraftBudget(deadline=0.0, read_by=0.0, text_chars=math.inf)
    facts = scanner.facts_for(request.message, extracted, spent)
    assert [p.unreadable_reason for p in facts.attachments] == [reasons.OUT_OF_TIME] * 2
    body = next(p for p in facts.parts if p.location == "body")
    assert "Tom Jones" in body.text  # subject and body are still analysed


def test_one_text_allowance_for_the_whole_draft(scanner: Scanner) -> None:
    small = _with(scanner, draft_text_chars=1_000)
    result, facts, _ = small.scan_with_facts(draft(_notes(3, 600)))
    first, second, third = facts.attachments
    assert first.readable and len(first.text) == 600
    assert second.readable and len(second.text) == 400
    assert not third.readable and third.unreadable_reason == reasons.TEXT_SPENT
    assert TRUNCATED_NOTE in result.summary


def test_nested_files_share_the_allowance() -> None:
    archive = zip_of(_notes(3, 600))
    allowance = DraftBudget(deadline=math.inf, read_by=math.inf, text_chars=1_000)
    encoded = __import__("base64").b64encode(archive).decode()
    result = extract_attachment(Attachment(name="notes.zip", content_base64=encoded), draft=allowance)
    first, second, third = result.nested
    assert len(first.text) == 600 and len(second.text) == 400 and second.truncated
    assert not third.readable and third.reason == reasons.TEXT_SPENT


def test_a_thousand_entries_answer_with_what_was_not_reached_reported(scanner: Scanner) -> None:
    """With the draft's deadline at its default, a zip at the entry limit still answers;
    any entry not reached is reported, none silently dropped."""
    result, facts, _ = scanner.scan_with_facts(draft([("notes.zip", many_entries_zip(1000))]))
    entries = [p for p in facts.attachments if p.location.startswith("attachment:notes.zip/")]
    if not entries:  # a machine so loaded that the archive was not opened in time
        (archive,) = facts.attachments
        assert archive.unreadable_reason == reasons.OUT_OF_TIME
    else:
        assert len(entries) == 1000
    assert all(p.readable or p.unreadable_reason == reasons.OUT_OF_TIME for p in entries)
    assert result.action in ("warn", "block")


def test_near_the_deadline_detection_reads_only_what_the_time_left_pays_for(scanner: Scanner) -> None:
    """A long attachment reached with little time left is analysed in part, and the verdict says so."""
    request = draft(_notes(1, 50_000))
    extracted = extract_message(request.message)
    nearly = DraftBudget(deadline=time.monotonic() + 1.0, read_by=0.0, text_chars=math.inf)
    facts = scanner.facts_for(request.message, extracted, nearly)
    (part,) = facts.attachments
    assert part.readable and nearly.cut


def test_a_dense_long_body_is_still_analysed_past_the_deadline(scanner: Scanner) -> None:
    request = draft([])
    request.message.body.content = "Amelia Hart, UPN A123456789012. " * 5_000
    extracted = extract_message(request.message)
    spent = DraftBudget(deadline=0.0, read_by=0.0, text_chars=math.inf)
    facts = scanner.facts_for(request.message, extracted, spent)
    body = next(p for p in facts.parts if p.location == "body")
    assert body.entities and spent.cut


def test_past_the_deadline_file_names_are_still_read_for_names(scanner: Scanner) -> None:
    """A file name reached after the deadline is read by the given-name list alone (the
    whole pipeline per file name cost seconds in a zip of a thousand), not skipped."""
    request = draft([("Amelia_Clarke_EHCP_review.txt", b"Notes for the review.")])
    extracted = extract_message(request.message)
    spent = DraftBudget(deadline=0.0, read_by=0.0, text_chars=math.inf)
    facts = scanner.facts_for(request.message, extracted, spent)
    (part,) = facts.attachments
    assert part.unreadable_reason == reasons.OUT_OF_TIME
    assert [person.words for person in part.about] == [("amelia", "clarke")]


def test_detection_pace_seen_in_the_draft_shrinks_what_later_texts_get() -> None:
    """On a loaded machine detection runs slower than the idle figure assumed; once a
    draft has seen its own pace, the time left buys fewer characters."""
    budget = DraftBudget(deadline=time.monotonic() + 10, read_by=0.0, text_chars=math.inf)
    assumed = 30e-6
    assert budget.seconds_per_char(assumed) == assumed
    budget.note_detection(100, 1.0)  # too short a text to say anything about pace
    assert budget.seconds_per_char(assumed) == assumed
    budget.note_detection(10_000, 1.0)
    assert budget.seconds_per_char(assumed) == pytest.approx(1e-4)
    budget.note_detection(10_000, 0.1)  # the slowest pace seen stands
    assert budget.seconds_per_char(assumed) == pytest.approx(1e-4)


def test_the_pace_of_earlier_drafts_sizes_the_first_long_text_of_the_next() -> None:
    """Under load the first long text of a draft overran the deadline: no pace of its own
    was known yet. The drafts just before it say how slow the machine is, for a while."""
    recent = RecentPace(half_life=30.0)
    assumed = 30e-6
    first = DraftBudget(deadline=time.monotonic() + 10, read_by=0.0, text_chars=math.inf, recent=recent)
    first.note_detection(10_000, 1.0)  # 1e-4 s a character: a loaded machine
    second = DraftBudget(deadline=time.monotonic() + 10, read_by=0.0, text_chars=math.inf, recent=recent)
    assert second.observed_seconds_per_char == 0.0
    assert second.seconds_per_char(assumed) == pytest.approx(5e-5, rel=0.01)  # half weight to one sample
    assert DraftBudget(deadline=0.0, read_by=0.0, text_chars=math.inf).seconds_per_char(assumed) == assumed


def test_the_recent_pace_fades_back_to_the_idle_figure() -> None:
    recent = RecentPace(half_life=30.0)
    recent.note(1e-4, now=100.0)
    assert recent.value(now=100.0) == pytest.approx(5e-5)
    assert recent.value(now=130.0) == pytest.approx(2.5e-5)
    assert recent.value(now=400.0) < 1e-7
    recent.note(1e-4, now=130.0)
    assert recent.value(now=130.0) == pytest.approx(0.5 * 2.5e-5 + 0.5 * 1e-4)


def test_a_scanner_carries_detection_pace_from_one_draft_to_the_next(scanner: Scanner) -> None:
    scanner.scan(draft(_notes(1, 20_000)))
    assert scanner.recent_pace.value() > 0.0
