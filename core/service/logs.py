"""Structured logs: one JSON line per request, and the request id that ties a log to an answer.

What a line may hold is fixed here and nowhere else: method, path (without query string),
tenant, status, duration, request id, and for failures a plugin and rule name or an exception
type with its code location. Never a mission field, an exception's message or a header: those
can quote an agent's name or birth date, and logs outlive the request (the service itself
stores nothing).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import secrets
import time
import traceback
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from missio.service.errors import internal_error

LOGGER = logging.getLogger("missio.service")
REQUEST_ID_HEADER = "X-Request-Id"
# An incoming id is kept only if it cannot break a log line or a header: letters, digits, and
# the separators of UUIDs and of the common tracing formats.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_MAX_PATH = 200


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, event, then the record's fields.

    An exception is written as its type and the code locations of its stack, never its
    message (a KeyError's message is the missing key, which may be a value from the mission).
    """

    # One line per request: the encoder is built once, and the date and time to the second
    # once a second (together a third of the line's cost).
    _encoder = json.JSONEncoder(ensure_ascii=False, default=str)
    _second: tuple[int, str] = (0, "")

    def _timestamp(self, created: float) -> str:
        second = int(created)
        cached, text = self._second
        if second != cached:
            text = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = (second, text)
        return f"{text}.{int((created - second) * 1000):03d}+00:00"

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": self._timestamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}))
        if record.exc_info and record.exc_info[0] is not None:
            data.update(describe_exception(record.exc_info[0], record.exc_info[2]))
        return self._encoder.encode(data)


def describe_exception(type_: type[BaseException], tb: TracebackType | None) -> dict[str, Any]:
    """What the logs may say of an exception: its type and where it was raised."""
    frames = traceback.extract_tb(tb)[-8:] if tb else []
    return {
        "exception": type_.__name__,
        "stack": [f"{f.filename}:{f.lineno} in {f.name}" for f in frames],
    }


def logging_config(level: str = "info") -> dict[str, Any]:
    """``logging.config.dictConfig`` for the service and uvicorn: JSON lines on stderr.

    uvicorn's own access log is off (``access_log=False``): the service writes its own line,
    with the request id and the tenant, and without the client's address.
    """
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.{JsonFormatter.__name__}"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "missio.service": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
        },
    }


def install_logging() -> None:
    """When nothing configured logging (an embedding application, a test), write the JSON
    lines on stderr anyway; propagation stays on so the host's handlers see them too."""
    if not LOGGER.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        LOGGER.addHandler(handler)
    if LOGGER.level == logging.NOTSET:
        LOGGER.setLevel(logging.INFO)


# New ids: 16 random hex digits drawn once per process, then a counter (32 hex digits, like
# a UUID's): unique across the workers and the restarts, without a system call per request.
_ID_PREFIX = secrets.token_hex(8)
_ID_COUNTER = itertools.count()


def request_id_from(received: bytes | None) -> str:
    """The caller's id when well-formed (to follow a request across systems), else a new one."""
    if received is not None:
        text = received.decode("latin-1")
        if REQUEST_ID_PATTERN.fullmatch(text):
            return text
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"


def _log_request(fields: dict[str, Any]) -> None:
    """The request's log line: ``LOGGER.info("request", extra={"fields": fields})`` without
    the search of the caller's file and line through the stack (``Logger.findCaller``), which
    no line of the service shows, nor the copy of `extra`; the record is built by the
    installed factory and goes through the logger's filters and handlers as any other."""
    record = logging.getLogRecordFactory()(
        LOGGER.name, logging.INFO, __file__, 0, "request", None, None, "RequestLogMiddleware"
    )
    record.fields = fields
    LOGGER.handle(record)


_REQUEST_ID = REQUEST_ID_HEADER.lower().encode("latin-1")
_CACHE_CONTROL = b"cache-control"
_NO_STORE = (_CACHE_CONTROL, b"no-store")
_STATE_FIELDS = ("items", "item_errors", "plugin", "rule")


def _received_id(scope: Scope) -> bytes | None:
    for name, value in scope.get("headers", ()):
        if name == _REQUEST_ID:
            return bytes(value)
    return None


class RequestLogMiddleware:
    """ASGI middleware: gives each request its id (in ``scope["state"]``, the response header
    and the log line), writes the log line, marks answers ``Cache-Control: no-store``, and
    turns any exception that escaped the routes into a plain 500, so no server-generated page
    can show a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(_received_id(scope))
        id_header = (_REQUEST_ID, request_id.encode("latin-1"))
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        start = time.perf_counter()
        status = 500
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                # A new list: a route's own list (a shared Response's) is left as it was.
                headers = [h for h in message.get("headers", ()) if h[0] != _REQUEST_ID]
                headers.append(id_header)
                # Answers carry missions, decisions and acts (or errors quoting them): no
                # cache may keep them, unless a route said otherwise (Swagger UI's files).
                if not any(name == _CACHE_CONTROL for name, _ in headers):
                    headers.append(_NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            LOGGER.error(
                "unhandled_exception",
                extra={
                    "fields": {"request_id": request_id}
                    | describe_exception(type(exc), exc.__traceback__)
                },
            )
            if not started:
                await internal_error().send(send_with_id, request_id)
            status = 500
        finally:
            if LOGGER.isEnabledFor(logging.INFO):
                fields = {
                    "method": scope.get("method"),
                    "path": str(scope.get("path", ""))[:_MAX_PATH],
                    "tenant": state.get("tenant"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                    "request_id": request_id,
                }
                # Set by the routes: a batch's size, the plugin and rule of a plugin failure.
                for key in _STATE_FIELDS:
                    if key in state:
                        fields[key] = state[key]
                _log_request(fields)
