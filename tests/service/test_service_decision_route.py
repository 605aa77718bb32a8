"""POST /v1/decisions answered in front of FastAPI (missio.service.decision_route): the same
answers as the FastAPI route of the same path, for every outcome, and only for that route."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from missio.documents import Redacteur
from missio.engine import Engine
from missio.service import routes
from missio.service.app import create_app
from missio.service.config import Limits, ServiceConfig
from missio.service.decision_route import _route, query_parameter
from missio.service.tenants import Tenant, Tenants

JETON = "jeton-de-test-0123456789abcdef"


@pytest.fixture(scope="module")
def app_deux_tenants(engine: Engine, redacteur: Redacteur) -> Any:
    """A default tenant and a protected one, with a small body limit."""
    protege = Tenant("p", engine, redacteur, (hashlib.sha256(JETON.encode()).digest(),))
    tenants = Tenants({"defaut": Tenant("defaut", engine, redacteur), "p": protege}, "defaut")
    return create_app(ServiceConfig(limites=Limits(taille_max_requete=65_536)), tenants=tenants)


@pytest.fixture
def appels_fastapi(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The requests that reached the FastAPI route (recorded by its call to decision_text)."""
    appels: list[str] = []
    original = routes.decision_text

    async def enregistre(tenants: Any, pools: Any, in_path: Any, scope: Any, receive: Any) -> bytes:
        appels.append(scope["path"])
        return await original(tenants, pools, in_path, scope, receive)

    monkeypatch.setattr(routes, "decision_text", enregistre)
    return appels


@pytest.fixture
def clients(app_deux_tenants: Any) -> Iterator[tuple[TestClient, TestClient]]:
    """The app as served (the plain ASGI route), and mounted under a root_path (the FastAPI
    route answers)."""
    with TestClient(app_deux_tenants) as direct:
        monte = TestClient(app_deux_tenants, root_path="/missio")
        yield direct, monte


def _cas(exemple: dict[str, Any]) -> list[tuple[str, str, dict[str, str], bytes]]:
    mission = json.dumps(exemple).encode("utf-8")
    autre = json.dumps(exemple | {"agent": exemple["agent"] | {"statut": "vacataire"}}).encode()
    jeton = {"Authorization": f"Bearer {JETON}"}
    return [
        ("décision", "/v1/decisions", {}, mission),
        ("à une date", "/v1/decisions?date=2026-02-20", {}, mission),
        ("date invalide", "/v1/decisions?date=2026-02-30", {}, mission),
        ("mission invalide", "/v1/decisions", {}, autre),
        ("pas du JSON", "/v1/decisions", {}, b"{pas du json"),
        ("tenant du chemin", "/v1/t/defaut/decisions", {}, mission),
        ("tenant de l'en-tête", "/v1/decisions", {"X-Missio-Tenant": "defaut"}, mission),
        ("tenants contradictoires", "/v1/t/defaut/decisions", {"X-Missio-Tenant": "p"}, mission),
        ("tenant inconnu", "/v1/t/inconnu/decisions", {}, mission),
        ("jeton absent", "/v1/t/p/decisions", {}, mission),
        ("jeton refusé", "/v1/t/p/decisions", {"Authorization": "Bearer faux-jeton-000"}, mission),
        ("jeton accepté", "/v1/t/p/decisions", jeton, mission),
        ("trop grand", "/v1/decisions", {}, b" " * 70_000 + mission),
    ]


def test_same_answers_as_the_fastapi_route(
    clients: tuple[TestClient, TestClient], exemple: dict[str, Any], appels_fastapi: list[str]
) -> None:
    direct, monte = clients
    for nom, chemin, entetes, corps in _cas(exemple):
        entetes = entetes | {"X-Request-Id": "req-1"}
        rapide = direct.post(chemin, content=corps, headers=entetes)
        assert appels_fastapi == [], f"{nom} : la route FastAPI a répondu"
        fastapi = monte.post(chemin, content=corps, headers=entetes)
        assert len(appels_fastapi) == 1, f"{nom} : la route FastAPI n'a pas répondu"
        appels_fastapi.clear()
        assert rapide.status_code == fastapi.status_code, nom
        assert rapide.content == fastapi.content, nom  # byte for byte, errors included
        assert dict(rapide.headers) == dict(fastapi.headers), nom
    # The outcomes are the expected ones, not merely the same.
    statuts = {
        nom: direct.post(chemin, content=corps, headers=entetes).status_code
        for nom, chemin, entetes, corps in _cas(exemple)
    }
    assert statuts == {
        "décision": 200,
        "à une date": 200,
        "date invalide": 422,
        "mission invalide": 422,
        "pas du JSON": 422,
        "tenant du chemin": 200,
        "tenant de l'en-tête": 200,
        "tenants contradictoires": 400,
        "tenant inconnu": 401,  # an instance with a protected tenant tells nothing of others
        "jeton absent": 401,
        "jeton refusé": 403,
        "jeton accepté": 200,
        "trop grand": 413,
    }


def test_answer_headers(clients: tuple[TestClient, TestClient], exemple: dict[str, Any]) -> None:
    direct, _ = clients
    reponse = direct.post("/v1/decisions", json=exemple, headers={"X-Request-Id": "abc-9"})
    assert reponse.headers["content-type"] == "application/json"
    assert reponse.headers["cache-control"] == "no-store"
    assert reponse.headers["x-request-id"] == "abc-9"
    assert int(reponse.headers["content-length"]) == len(reponse.content)
    assert reponse.json()["dispositif"] == "ordre_de_mission"
    refus = direct.post("/v1/t/p/decisions", json=exemple)
    assert refus.headers["www-authenticate"] == 'Bearer realm="missio"'
    assert refus.headers["connection"] == "close"  # refused before its body was read
    assert refus.json()["request_id"] == refus.headers["x-request-id"]


def test_other_requests_go_to_fastapi(clients: tuple[TestClient, TestClient]) -> None:
    direct, _ = clients
    assert direct.get("/v1/decisions").json()["code"] == "methode_non_admise"
    assert direct.post("/v1/t/a/b/decisions", content=b"{}").json()["code"] == "route_inconnue"
    assert direct.post("/v1/decisions:batch", content=b"[]").json()["resultats"] == []


def test_route_matching() -> None:
    assert _route("/v1/decisions") == (True, None)
    assert _route("/v1/t/caesm/decisions") == (True, "caesm")
    assert _route("/v1/t/c%C3%A9/decisions") == (True, "c%C3%A9")  # as FastAPI's {tenant}
    for autre in (
        "/v1/decisions/",
        "/v1/t//decisions",
        "/v1/t/a/b/decisions",
        "/v1/decisions:batch",
        "/v1/t/a/documents",
    ):
        assert _route(autre) == (False, None), autre


def test_query_parameter_as_starlette_reads_it() -> None:
    def scope(query: bytes) -> dict[str, Any]:
        return {"query_string": query}

    assert query_parameter(scope(b""), "date") is None
    assert query_parameter(scope(b"date=2026-02-20"), "date") == "2026-02-20"
    assert query_parameter(scope(b"date=1&date=2026-02-20"), "date") == "2026-02-20"
    assert query_parameter(scope(b"date="), "date") == ""
    assert query_parameter(scope(b"autre=1"), "date") is None
