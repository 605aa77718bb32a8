"""The OpenAPI document: French texts, the engine's mission schema, the request id header.

FastAPI documents what it parses; the service reads mission bodies raw (so that the engine,
not FastAPI, validates them), so the mission's JSON Schema is added here from the reference
tenant's engine, with its plugins' ``extensions``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from missio.schemas import hoist_definitions
from missio.service.logs import REQUEST_ID_HEADER, REQUEST_ID_PATTERN
from missio.service.tenants import Tenants

DESCRIPTION = """\
Service HTTP de **missio** : pour une mission d'expertise internationale d'un agent territorial,
la décision (dispositif, fondements juridiques en vigueur aux dates de la mission, obligations et
échéances, financements, alertes, blocages) et la rédaction des actes.

- **Contrat** : le corps des requêtes est la mission du contrat JSON (`GET /v1/schema/mission`),
  la réponse la décision (`GET /v1/schema/decision`) ; ce sont les mêmes données que la commande
  `missio`.
- **Tenants** : une instance sert plusieurs collectivités, chacune avec ses politiques, ses
  paramètres et ses modèles. Le tenant se choisit par le chemin `/v1/t/{tenant}/…` ou par
  l'en-tête `X-Missio-Tenant` ; sans l'un ni l'autre, le tenant par défaut de la configuration.
- **Erreurs** : toujours le même corps (`code`, `message` en français, `erreurs` par champ,
  `request_id`). Chaque réponse porte l'en-tête `X-Request-Id`, à citer à l'exploitant.
- **Données personnelles** : le service ne conserve rien ; ses journaux ne contiennent ni nom ni
  date de naissance.

Guide d'intégration : `docs/service.md`.
"""

TAGS = [
    {"name": "décisions", "description": "Évaluer une mission, ou un lot de missions."},
    {"name": "documents", "description": "Rédiger les actes (DOCX, PDF)."},
    {"name": "contrat", "description": "Schémas JSON et plugins chargés, par tenant."},
    {"name": "exploitation", "description": "Sondes pour l'hébergeur."},
]


def add_mission_schema(document: dict[str, Any], mission: dict[str, Any]) -> None:
    """Put the mission schema and its definitions among the document's components."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components["Mission"] = {}
    components["Mission"] = hoist_definitions(mission, components, "#/components/schemas/")


def add_request_id(document: dict[str, Any]) -> None:
    """Document the request id: an optional request header, and a header of every answer."""
    parameter = {
        "name": REQUEST_ID_HEADER,
        "in": "header",
        "required": False,
        "description": "Identifiant de la requête, repris dans la réponse et les journaux ; "
        "un identifiant reçu mal formé est remplacé.",
        "schema": {"type": "string", "pattern": f"^{REQUEST_ID_PATTERN.pattern}$"},
    }
    header = {
        "description": "Identifiant de la requête (celui reçu s'il était bien formé).",
        "schema": {"type": "string"},
    }
    for path in document.get("paths", {}).values():
        for operation in path.values():
            operation.setdefault("parameters", []).append(parameter)
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})[REQUEST_ID_HEADER] = header


def install_openapi(app: FastAPI, tenants: Tenants) -> None:
    """Replace ``app.openapi`` by the completed document (built once, on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=TAGS,
            )
            add_mission_schema(document, tenants.reference().engine.schema_mission())
            add_request_id(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
