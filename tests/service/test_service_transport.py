"""What ``missio serve`` runs on: httptools' parser and uvloop's event loop when installed (the
service extra and the lock bring them), h11 and asyncio otherwise; and the log line's time."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from uvicorn.config import Config

from missio.service import transport
from missio.service.cli import uvicorn_options
from missio.service.logs import JsonFormatter


def test_installed_parser_and_loop_are_used() -> None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    assert transport.PARSER == "httptools"
    assert issubclass(transport.NoDelayHTTPProtocol, HttpToolsProtocol)
    options = uvicorn_options("127.0.0.1", 8000)
    config = Config("missio.service.app:app_from_environment", **options)
    if sys.platform != "win32":
        import uvloop

        assert config.get_loop_factory() is uvloop.new_event_loop


def test_h11_when_httptools_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh copy of the module, httptools hidden as where it is not installed."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    monkeypatch.setitem(sys.modules, "httptools", None)
    monkeypatch.delitem(sys.modules, "uvicorn.protocols.http.httptools_impl", raising=False)
    chemin = Path(transport.__file__)
    spec = importlib.util.spec_from_file_location("transport_sans_httptools", chemin)
    assert spec is not None and spec.loader is not None
    copie = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copie)
    assert copie.PARSER == "h11"
    assert issubclass(copie.NoDelayHTTPProtocol, H11Protocol)


@pytest.mark.parametrize(
    "instant", [1764547200.0, 1764547200.9995, 1764547259.123456, 1764633599.999]
)
def test_log_time_is_utc_to_the_millisecond(instant: float) -> None:
    formateur = JsonFormatter()
    for decalage in (-1.0, 0.0):  # the cached second, then a new one
        record = logging.LogRecord("missio.service", logging.INFO, "x", 1, "request", (), None)
        record.created = instant + decalage
        attendu = datetime.fromtimestamp(instant + decalage, UTC)
        assert json.loads(formateur.format(record))["ts"] == attendu.isoformat(
            timespec="milliseconds"
        )
