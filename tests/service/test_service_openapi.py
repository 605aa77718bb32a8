"""The OpenAPI document: complete, in French, self-consistent; and schemathesis, bounded, checks
that the service answers as it documents (statuses, content types, headers, bodies)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from missio.engine import Engine
from missio.models import Decision
from missio.service.app import create_app

RACINE = Path(__file__).resolve().parents[2]
CHEMINS = {
    "/healthz",
    "/readyz",
    *(
        f"{prefixe}{route}"
        for prefixe in ("/v1", "/v1/t/{tenant}")
        for route in (
            "/decisions",
            "/decisions:batch",
            "/documents",
            "/schema/mission",
            "/schema/decision",
            "/plugins",
        )
    ),
}


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    reponse = client.get("/openapi.json")
    assert reponse.status_code == 200
    return dict(reponse.json())


def _refs(noeud: Any) -> set[str]:
    return set(re.findall(r'"\$ref": "([^"]+)"', json.dumps(noeud)))


def test_every_endpoint_is_documented_in_french(document: dict[str, Any]) -> None:
    assert set(document["paths"]) == CHEMINS
    for chemin, operations in document["paths"].items():
        for methode, operation in operations.items():
            assert operation["summary"] and operation["description"], (chemin, methode)
            assert "X-Request-Id" in {p["name"] for p in operation["parameters"]}
            for statut, reponse in operation["responses"].items():
                assert "X-Request-Id" in reponse["headers"], (chemin, statut)
    assert "Service HTTP de **missio**" in document["info"]["description"]
    evaluer = document["paths"]["/v1/decisions"]["post"]
    assert set(evaluer["responses"]) >= {"200", "401", "403", "404", "413", "422", "500"}
    assert document["components"]["securitySchemes"]["jeton"]["scheme"] == "bearer"


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    composants = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in composants
    mission = composants["Mission"]
    assert "expe_ct" in mission["properties"]["extensions"]["properties"]
    lot = document["paths"]["/v1/decisions:batch"]["post"]["requestBody"]
    assert lot["content"]["application/json"]["schema"]["maxItems"] == 100


def test_schema_endpoints_are_the_clis(client: TestClient, engine: Engine) -> None:
    mission = client.get("/v1/schema/mission").json()
    # The engine's schema, with the extensions' own definitions moved to the root so that
    # every reference resolves.
    attendu = engine.schema_mission()
    assert mission["properties"].keys() == attendu["properties"].keys()
    assert set(attendu["$defs"]) <= set(mission["$defs"])
    assert {r.rsplit("/", 1)[1] for r in _refs(mission)} <= set(mission["$defs"])
    assert client.get("/v1/schema/decision").json() == Decision.model_json_schema()


def test_interactive_page_works_on_a_closed_network(client: TestClient) -> None:
    reponse = client.get("/docs")
    assert reponse.status_code == 200 and "SwaggerUIBundle" in reponse.text
    # Everything the page loads comes from the service itself: no CDN, no online validator.
    adresses = re.findall(r'(?:src|href)="([^"]+)"', reponse.text)
    assert adresses and all(a.startswith("/") for a in adresses), adresses
    assert "cdn" not in reponse.text and '"validatorUrl": null' in reponse.text
    types = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
    for adresse in adresses:
        fichier = client.get(adresse)
        assert fichier.status_code == 200, adresse
        assert fichier.headers["content-type"].startswith(types[Path(adresse).suffix])
        assert "immutable" in fichier.headers["cache-control"]
    # The page points Swagger UI at the published document.
    assert "/openapi.json" in reponse.text
    # The vendored files carry their licence.
    dossier = RACINE / "core" / "service" / "swagger"
    assert "Apache License" in (dossier / "LICENSE").read_text(encoding="utf-8")
    assert (dossier / "NOTICE").exists()


# The project's schemathesis configuration (what `st run` reads): the statuses the contract
# documents beyond the defaults (422 for schema-valid missions the engine refuses, 503 for a
# PDF without LibreOffice).
CONFIG = SchemathesisConfig.from_path(str(RACINE / "schemathesis.toml"))
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_service_answers_as_documented(case: Any) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
            positive_data_acceptance,
            negative_data_rejection,
        ]
    )


@schema.include(path_regex="/documents$").parametrize()
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_without_libreoffice_the_documented_503_is_contract(case: Any) -> None:
    """Where LibreOffice is not installed, a PDF request gets the documented 503: no failure."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("missio.service.routes.libreoffice", lambda: None)
        case.call_and_validate(
            checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
        )
