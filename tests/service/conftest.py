"""Fixtures of the service tests: apps over explicit tenants, missions as request bodies.

Engines are built once per session and shared between apps: building one loads every plugin
and compiling every template takes about a second, and the service itself shares them between
requests in the same way.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    # Starlette 1.x announces a move of its test client to httpx2; httpx is what we pin.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from service_aide import PluginEnPanne

from missio.documents import Redacteur
from missio.engine import Engine
from missio.service.app import create_app
from missio.service.config import Limits, ServiceConfig
from missio.service.tenants import Tenant, Tenants


@pytest.fixture(scope="session")
def redacteur(engine: Engine) -> Redacteur:
    return Redacteur(engine)


@pytest.fixture(scope="session")
def tenant_defaut(engine: Engine, redacteur: Redacteur) -> Tenant:
    return Tenant("defaut", engine, redacteur)


@pytest.fixture(scope="session")
def app(tenant_defaut: Tenant) -> FastAPI:
    return create_app(tenants=Tenants({"defaut": tenant_defaut}, "defaut"))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def corps(exemple: dict[str, Any]) -> Callable[..., bytes]:
    """The example mission as a request body, with top-level changes."""

    def fabriquer(**changements: Any) -> bytes:
        return json.dumps(exemple | changements, ensure_ascii=False).encode("utf-8")

    return fabriquer


@pytest.fixture
def client_pour() -> Iterator[Callable[..., TestClient]]:
    """A client over given tenants and limits; closed at the end of the test."""
    ouverts: list[TestClient] = []

    def fabriquer(
        tenants: dict[str, Tenant], defaut: str | None = None, **limites: Any
    ) -> TestClient:
        config = ServiceConfig(limites=Limits(**limites))
        client = TestClient(create_app(config, tenants=Tenants(tenants, defaut)))
        client.__enter__()
        ouverts.append(client)
        return client

    yield fabriquer
    for client in ouverts:
        client.__exit__(None, None, None)


@pytest.fixture(scope="session")
def engine_en_panne() -> Engine:
    return Engine([PluginEnPanne(toujours=False)])
