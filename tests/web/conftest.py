"""Fixtures of the web page's tests: one app serving three tenants (an open default one with the
CAESM's policy; « caesm » and « gps » with a token and a policy each), and a form post of the
example mission."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note on its test client's future
    from fastapi.testclient import TestClient

from web_aide import JETON_CAESM, JETON_GPS, POLITIQUES, a_plat

from missio.service.app import create_app
from missio.service.config import ServiceConfig, TenantConfig
from missio.service.tenants import Tenants


@pytest.fixture(scope="session")
def tenants_web() -> Tenants:
    config = ServiceConfig(
        tenant_defaut="martinique",
        tenants={
            "martinique": TenantConfig(politiques=(POLITIQUES / "caesm.yaml",)),
            "caesm": TenantConfig(politiques=(POLITIQUES / "caesm.yaml",), jetons=(JETON_CAESM,)),
            "gps": TenantConfig(
                politiques=(POLITIQUES / "grand-paris-sud.yaml",), jetons=(JETON_GPS,)
            ),
        },
    )
    return Tenants.from_config(config)


@pytest.fixture(scope="session")
def web(tenants_web: Tenants) -> Iterator[TestClient]:
    with TestClient(create_app(tenants=tenants_web)) as client:
        yield client


@pytest.fixture
def formulaire(mission: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, str]]:
    """The example mission (with nested changes) as a posted form."""

    def fabriquer(**changements: Any) -> dict[str, str]:
        donnees = mission(**changements)
        donnees.pop("version_contrat", None)
        return dict(a_plat(donnees))

    return fabriquer
