"""Attachments to text, with "protected?", "readable?", CTF and people counts.

extract_attachment() never raises and never runs past its wall-clock budget: the
reading runs in a worker thread that checks the deadline between pages, rows and
entries, and the caller stops waiting when the budget is spent.
"""

import base64
import binascii
import threading
import time

from service.extract.attachments import reasons
from service.extract.attachments.context import ReadContext
from service.extract.attachments.limits import AttachmentLimits
from service.extract.attachments.reader import read_top, unreadable
from service.extract.budget import DraftBudget
from service.extract.types import ExtractedAttachment
from service.schemas import Attachment

__all__ = ["AttachmentLimits", "extract_attachment"]

# Time allowed past the budget for the worker to notice the deadline and return.
_GRACE_SECONDS = 0.25


def extract_attachment(
    attachment: Attachment, limits: AttachmentLimits | None = None, draft: DraftBudget | None = None
) -> ExtractedAttachment:
    """`draft`: the deadline and text allowance this attachment shares with the rest of its email."""
    limits = limits or AttachmentLimits()
    draft = draft or DraftBudget.unlimited()
    name = attachment.name
    encoded = attachment.content_base64
    if not encoded:
        return unreadable(name, reasons.NO_CONTENT)
    if draft.read_seconds_left() <= 0:
        return unreadable(name, reasons.OUT_OF_TIME)
    if draft.text_spent:
        return unreadable(name, reasons.TEXT_SPENT)
    # Refuse before decoding anything too large: base64 is 4 characters for 3 bytes,
    # plus a line break every 76 characters when it comes from MIME.
    if len(encoded) * 3 // 4 > limits.max_bytes + 3 + len(encoded) // 76 * 2:
        return unreadable(name, reasons.TOO_LARGE)
    try:
        data = base64.b64decode(encoded)
    except (binascii.Error, ValueError):
        return unreadable(name, reasons.BAD_BASE64)
    return _read_within_budget(name, data, limits, draft)


def _read_within_budget(
    name: str, data: bytes, limits: AttachmentLimits, draft: DraftBudget
) -> ExtractedAttachment:
    """Reads in a worker thread so a parser stuck inside one call cannot hold the request.

    NOTE: a thread, not a subprocess. A spawned process must import the readers again
    (most of a second, twice the 500 ms budget), and forking the multi-threaded server
    is unsafe. The readers check the deadline between pages, rows, entries and XML
    chunks, so an abandoned worker stops soon after; the size caps bound what any
    single library call is handed, which is what keeps one stuck call short.
    """
    ctx = ReadContext.start(limits, draft)
    box: list[ExtractedAttachment] = []

    def work() -> None:
        box.append(read_top(name, data, ctx))

    worker = threading.Thread(target=work, name="sendguard-attachment", daemon=True)
    worker.start()
    worker.join(max(ctx.shared.deadline - time.monotonic(), 0) + _GRACE_SECONDS)
    if worker.is_alive() or not box:
        ctx.shared.cancelled = True
        return unreadable(name, ctx.shared.time_reason)
    return box[0]
