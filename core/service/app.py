"""The ASGI application factory.

``create_app(config)`` builds every tenant's engine and templates, then the FastAPI app. The
app keeps no state between requests beyond those read-only engines, so the same factory runs
in each uvicorn worker (``missio serve --workers N``, or ``uvicorn --factory
missio.service.app:app_from_environment`` with ``MISSIO_SERVICE_CONFIG``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from missio import __version__
from missio.documents.pdf import arreter_conversions
from missio.service import CONFIG_ENV_VAR
from missio.service.config import ServiceConfig, default_config, load_config
from missio.service.decision_route import DecisionRoute
from missio.service.docs import docs_router
from missio.service.errors import ServiceError, internal_error, invalid_input, request_errors
from missio.service.limits import BODY_READ, LONG_TASKS, Pools
from missio.service.logs import RequestLogMiddleware, install_logging
from missio.service.openapi import DESCRIPTION, TAGS, install_openapi
from missio.service.routes import root_router, router
from missio.service.tenants import Tenants
from missio.service.web.pages import install_web

_HTTP_ERRORS = {
    404: ("route_inconnue", "Aucune ressource à cette adresse : voir /docs pour les routes."),
    405: ("methode_non_admise", "Méthode non admise pour cette adresse : voir /docs."),
}


def _error_response(request: Request, error: ServiceError) -> Response:
    # What the access log line may say of a plugin failure: names, never the message.
    if error.plugin is not None:
        request.state.plugin, request.state.rule = error.plugin, error.rule
    headers = error.headers
    if request.method == "POST" and not getattr(request.state, BODY_READ, False):
        # Refused before its body was read (token, admission, size, time): the connection is
        # closed rather than kept for a body nobody will read.
        headers = headers | {"Connection": "close"}
    return JSONResponse(
        error.body(request.state.request_id), status_code=error.status, headers=headers
    )


async def _on_service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    return _error_response(request, exc)


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return _error_response(request, invalid_input(request_errors(exc.errors())))


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # Starlette's last resort for a bug in a FastAPI route: the plain error body rather than
    # its text page. The exception goes on up to RequestLogMiddleware, which logs it.
    return _error_response(request, internal_error())


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code, message = _HTTP_ERRORS.get(exc.status_code, ("erreur_http", str(exc.detail)))
    return _error_response(
        request, ServiceError(exc.status_code, code, message, headers=exc.headers)
    )


class ServiceApp(FastAPI):
    """FastAPI, with two layers in front of its own middleware: the request log (request id,
    ``no-store``, the log line, a plain 500 for any bug) around everything, then the plain
    ASGI answer of ``POST …/decisions`` (:mod:`missio.service.decision_route`)."""

    def build_middleware_stack(self) -> ASGIApp:
        fastapi = super().build_middleware_stack()
        return RequestLogMiddleware(DecisionRoute(fastapi, self.state.tenants, self.state.pools))


def create_app(config: ServiceConfig | None = None, *, tenants: Tenants | None = None) -> FastAPI:
    """The service for `config` (default: one tenant with the built-in plugins).

    :param tenants: tenants built by the caller (tests, an application embedding the
        service); by default built from `config`.
    """
    config = config or default_config()
    if tenants is None:
        tenants = Tenants.from_config(config)
    install_logging()
    pools = Pools(config.limites)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pools.open()
        yield
        # uvicorn has let the requests in progress end (each render within its time limit);
        # what remains is ended here, so that no LibreOffice and no temporary folder outlive
        # the process.
        pools.closing = True  # /readyz says so from now on
        arreter_conversions()
        pools.close()

    app = ServiceApp(
        title="missio",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # served from the package by missio.service.docs
        redoc_url=None,
    )
    app.state.tenants = tenants
    app.state.pools = pools
    app.include_router(router("", pools), prefix="/v1")
    app.include_router(router("_tenant", pools), prefix="/v1/t/{tenant}")
    app.include_router(root_router(pools))
    app.include_router(docs_router())
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
    install_openapi(app, tenants)
    install_web(app)  # the HR officer's page at / (missio.service.web)
    return app


# How long a thread may hold the GIL while another waits for it, while a batch or a render
# runs (missio.service.limits.LongTasks). The event loop (health checks, tokens, reading
# bodies) shares the interpreter with the pools' threads; at Python's default (5 ms) it waits
# that long for each turn, and a health check needs several turns: 290 ms median under 16
# clients sending batches, 13 to 22 ms at 0.2 to 1 ms, with as many batches served
# (tests/service/test_service_load.py).
SWITCH_INTERVAL = 0.0005


def tune_process() -> None:
    """Settings for a process that serves missio (``missio serve``, each uvicorn worker);
    not applied by :func:`create_app`, which may run inside another application."""
    LONG_TASKS.enable(SWITCH_INTERVAL)


def app_from_environment() -> FastAPI:
    """Factory for uvicorn workers: the configuration file named by ``MISSIO_SERVICE_CONFIG``
    (none: the default tenant)."""
    tune_process()
    path = os.environ.get(CONFIG_ENV_VAR)
    return create_app(load_config(path) if path else None)
