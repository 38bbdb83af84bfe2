"""Application logs (O3): one JSON object per line, with the request's id, and no personal data.

* ``JsonFormatter`` writes ``{"time", "level", "logger", "message", "request_id", ...}`` — what a log shipper
  (journald, Fluent Bit, Loki, CloudWatch) indexes without parsing.
* ``RequestIdMiddleware`` takes the proxy's ``X-Request-ID`` (or makes one), keeps it for the request's log
  lines and returns it in the response, so a learner's "it failed at 10:42" can be found in the logs.
* ``PersonalDataFilter`` is the last guard: log calls name login IDs and record numbers, never names; an
  e-mail address or a phone number that slips into a message is masked before it is written.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import datetime, timezone

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)0\d{1,4}-?\d{1,4}-?\d{3,4}(?!\d)")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class PersonalDataFilter(logging.Filter):
    """Mask e-mail addresses and Japanese phone numbers in a message (and its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _PHONE.sub("[phone]", _EMAIL.sub("[email]", message))
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class RequestIdMiddleware:
    """Give every request an id (the proxy's ``X-Request-ID`` when it is a safe token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


def logging_config(level: str = "INFO", log_file: str = "", retention_days: int = 90) -> dict:
    """Django's LOGGING: JSON lines to stderr, and to a file rotated at midnight when ``log_file`` is set."""
    handlers = {"console": {"class": "logging.StreamHandler", "formatter": "json",
                            "filters": ["request_id", "personal_data"]}}
    if log_file:
        handlers["file"] = {"class": "logging.handlers.TimedRotatingFileHandler", "filename": log_file,
                            "when": "midnight", "backupCount": retention_days, "encoding": "utf-8",
                            "utc": False, "formatter": "json", "filters": ["request_id", "personal_data"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}, "personal_data": {"()": PersonalDataFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": handlers,
        "root": {"handlers": list(handlers), "level": "WARNING"},
        "loggers": {name: {"level": level} for name in
                    ("programme", "sync_service", "lti_tool", "portal", "reports", "course_exports")},
    }
