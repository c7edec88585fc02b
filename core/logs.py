"""The two shapes of a log line, with the same fields: one JSON object per line in
production (for a log collector), one readable line in development and tests.

Fields: time (ISO 8601 with the zone), level, logger, message, request_id, user_id
and, when there is one, the exception's traceback. `core.request_id.RequestIdFilter`
supplies the two ids.
"""

import logging
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = (
    "{asctime} {levelname} {name} [request_id={request_id} user_id={user_id}] {message}"
)


def _iso_time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, tz=UTC).isoformat(
        timespec="milliseconds"
    )


class JsonLines(JsonFormatter):
    """One JSON object per line; names a collector understands without mapping."""

    def __init__(self) -> None:
        super().__init__(
            "{asctime}{levelname}{name}{message}{request_id}{user_id}",
            style="{",
            rename_fields={
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "exc_info": "exception",
            },
            # Records outside a request (a command, the worker starting) have no
            # ids: the fields are there all the same, as null.
            defaults={"request_id": None, "user_id": None},
        )

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _iso_time(record)


class TextLines(logging.Formatter):
    """The same fields on one readable line (a traceback follows on its own lines)."""

    def __init__(self) -> None:
        super().__init__(
            TEXT_FORMAT, style="{", defaults={"request_id": None, "user_id": None}
        )

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _iso_time(record)
