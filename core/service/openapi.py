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
from missio.service.config import TENANT_PATTERN
from missio.service.logs import REQUEST_ID_HEADER, REQUEST_ID_PATTERN
from missio.service.tenancy import TENANT_HEADER
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
    """Document the request id: an optional request header, and a header of every answer.

    Any received value is accepted (a malformed one is replaced, not refused): the request
    header is a plain string; the answer's always has the pattern.
    """
    parameter = {
        "name": REQUEST_ID_HEADER,
        "in": "header",
        "required": False,
        "description": "Identifiant de la requête, repris dans la réponse et les journaux "
        f"s'il est bien formé (expression `{REQUEST_ID_PATTERN.pattern}`), remplacé sinon.",
        "schema": {"type": "string"},
    }
    header = {
        "description": "Identifiant de la requête (celui reçu s'il était bien formé).",
        "schema": {"type": "string", "pattern": f"^{REQUEST_ID_PATTERN.pattern}$"},
    }
    for path in document.get("paths", {}).values():
        for operation in path.values():
            operation.setdefault("parameters", []).append(parameter)
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})[REQUEST_ID_HEADER] = header


def add_tenancy(document: dict[str, Any]) -> None:
    """Document how a ``/v1`` operation chooses its tenant and proves its right to it (read
    by :mod:`missio.service.tenancy`, not by FastAPI): the path parameter, the header, the
    bearer token."""
    tenant = {"type": "string", "pattern": TENANT_PATTERN}
    in_path = {
        "name": "tenant",
        "in": "path",
        "required": True,
        "description": "Identifiant du tenant (collectivité).",
        "schema": tenant,
    }
    header = {
        "name": TENANT_HEADER,
        "in": "header",
        "required": False,
        "description": "Tenant (collectivité) de la requête ; sans lui, le tenant par défaut "
        "de la configuration.",
        "schema": tenant,
    }
    document.setdefault("components", {})["securitySchemes"] = {
        "jeton": {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton d'accès du tenant (en-tête « Authorization: Bearer … »), "
            "exigé quand la configuration du tenant en déclare.",
        }
    }
    for route, path in document.get("paths", {}).items():
        if not route.startswith("/v1/"):
            continue
        # Under /v1/t/{tenant} the path names the tenant: the header is not documented there
        # (accepted when it names the same tenant, 400 otherwise).
        params = [in_path] if "{tenant}" in route else [header]
        for operation in path.values():
            operation["parameters"] = params + operation.get("parameters", [])
            # The token is optional: only protected tenants ask for one.
            operation["security"] = [{"jeton": []}, {}]


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
            add_tenancy(document)
            add_request_id(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
