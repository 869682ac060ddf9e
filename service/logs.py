"""Structured JSON logs that never carry personal data.

A line holds the time, level, logger, the event text and only the extra fields
named in SAFE_FIELDS (ids, counts, rule ids, timings). Exceptions are logged as
their type and stack frames, never their message: a message can quote input
(pydantic and JSON errors do).
"""

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

# Extra fields a log call may carry; anything else passed in `extra` is dropped.
SAFE_FIELDS = frozenset(
    {
        "scan_id", "action", "rules", "latency_ms", "status", "method", "route", "duration_ms",
        "backlog", "dropped", "written", "error", "cached", "workers", "host", "port",
        "purged", "graph", "outcome", "tenant_allowed", "reason_code",
    }
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key in SAFE_FIELDS:
            if key in record.__dict__:
                line[key] = record.__dict__[key]
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _, tb = record.exc_info
            line["exception"] = exc_type.__name__
            line["stack"] = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)][-8:]
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for everything; noisy libraries kept at warning."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Libraries that may log request details or text at info/debug level.
    for name in ("presidio-analyzer", "presidio_analyzer", "spacy", "httpx", "httpcore", "msal",
                 "urllib3", "azure", "kiota_http", "uvicorn.access", "alembic", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # uvicorn's own error logger would otherwise print exception messages as text.
    for name in ("uvicorn", "uvicorn.error"):
        lg = logging.getLogger(name)
        lg.handlers[:] = []
        lg.propagate = True
