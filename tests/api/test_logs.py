"""The JSON log format keeps only safe fields and never an exception's message."""

import json
import logging

from service.logs import JsonFormatter


def record(**extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("service.test", logging.INFO, __file__, 1, "scan", None, None)
    rec.__dict__.update(extra)
    return rec


def test_only_listed_fields_are_written() -> None:
    line = json.loads(JsonFormatter().format(record(scan_id="01ABC", subject="Amir Hussain EHCP", address="a@b.com")))
    assert line["scan_id"] == "01ABC"
    assert line["event"] == "scan" and line["level"] == "info"
    assert "subject" not in line and "address" not in line


def test_exceptions_are_logged_by_type_and_frames_without_their_message() -> None:
    try:
        raise ValueError("Amir Hussain, UPN H801200001001")
    except ValueError:
        import sys

        rec = logging.LogRecord("service.test", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    text = JsonFormatter().format(rec)
    line = json.loads(text)
    assert line["exception"] == "ValueError"
    assert line["stack"] and "test_logs.py" in line["stack"][-1]
    assert "Amir" not in text and "H801200001001" not in text
