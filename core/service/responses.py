"""Response models: what the OpenAPI document promises besides the Decision itself."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from missio.models import Decision
from missio.service.errors import ErrorBody, ErrorDetail
from missio.service.tenants import Tenant

_ERROR_DESCRIPTIONS = {
    400: "Tenant contradictoire : le chemin et l'en-tête X-Missio-Tenant diffèrent.",
    401: "Jeton d'accès absent alors que le tenant en exige un (ou tenant inconnu d'une "
    "instance dont des tenants sont protégés).",
    403: "Jeton d'accès refusé.",
    404: "Tenant inconnu, ou aucun tenant indiqué et pas de tenant par défaut.",
    408: "Corps de la requête reçu trop lentement (limite « delai_lecture »).",
    413: "Corps de requête ou lot trop grand.",
    422: "Données invalides : les champs en cause et ce qui est admis, en français. Le schéma "
    "JSON ne dit pas toutes les règles du moteur : une mission conforme au schéma peut encore "
    "être refusée (périodes hors du champ de missio ou dans le désordre, par exemple).",
    429: "Service saturé (évaluations ou rendus en cours et en attente au maximum) : réessayer "
    "après le délai de Retry-After.",
    500: "Erreur interne : un plugin a échoué (nommé avec sa règle) ou conflit entre plugins.",
    503: "Rendu trop long, ou PDF demandé sans LibreOffice installé.",
}
# Statuses whose answers carry Retry-After.
_RETRY_AFTER = {429, 503}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entries of the given error statuses, all with the error body."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        response: dict[str, Any] = {"model": ErrorBody, "description": _ERROR_DESCRIPTIONS[status]}
        if status in _RETRY_AFTER:
            response["headers"] = {
                "Retry-After": {
                    "description": "Secondes à attendre avant de réessayer (429, et 503 pour "
                    "un rendu trop long).",
                    "schema": {"type": "integer"},
                }
            }
        responses[status] = response
    return responses


class BatchItem(BaseModel):
    """The result of one mission of a batch: a decision, or an error."""

    index: int = Field(description="Position de la mission dans le lot (à partir de 0).")
    statut: int = Field(description="Statut HTTP qu'aurait eu cette mission seule.")
    decision: Decision | None = Field(None, description="La décision (statut 200).")
    erreur: ErrorDetail | None = Field(
        None,
        description="L'erreur (autre statut), au format des réponses d'erreur, sans "
        "request_id (celui du lot est en tête de réponse).",
    )


class BatchBody(BaseModel):
    resultats: list[BatchItem] = Field(description="Un résultat par mission, dans l'ordre.")
    request_id: str


class RuleInfo(BaseModel):
    code: str
    titre: str


class DocumentInfo(BaseModel):
    code: str
    titre: str


class ParameterInfo(BaseModel):
    nom: str
    defaut: Any = None
    description: str


class PluginInfo(BaseModel):
    nom: str
    version: str
    origine: str = Field(description="Distribution, ou « explicite » (politique, test).")
    description: str
    regles: list[RuleInfo]
    documents: list[DocumentInfo]
    parametres: list[ParameterInfo]


class Health(BaseModel):
    statut: str = Field(
        description="« ok » quand le service répond ; pour /readyz, « arret » ou « bloque » "
        "quand il n'est pas prêt."
    )
    version: str
    motif: str | None = Field(None, description="Pourquoi l'instance n'est pas prête (503).")


def _json_value(value: Any) -> Any:
    # Defaults may be Decimals or dates: their text keeps the exact value.
    return json.loads(json.dumps(value, default=str))


def plugin_infos(tenant: Tenant) -> list[PluginInfo]:
    """``missio plugins`` as data."""
    engine = tenant.engine
    return [
        PluginInfo(
            nom=info.nom,
            version=info.version,
            origine=info.origine,
            description=info.description,
            regles=[
                RuleInfo(code=r.code, titre=r.titre)
                for r in engine.regles.values()
                if r.plugin == info.nom
            ],
            documents=[
                DocumentInfo(code=d.code, titre=d.titre)
                for d in engine.documents.values()
                if d.plugin == info.nom
            ],
            parametres=[
                ParameterInfo(nom=p.nom, defaut=_json_value(p.defaut), description=p.description)
                for p in engine.parametres.values()
                if p.plugin == info.nom
            ],
        )
        for info in engine.plugins.infos()
    ]
