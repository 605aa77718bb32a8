"""The HTTP endpoints, each twice: under ``/v1/…`` (tenant from the header or the default)
and under ``/v1/t/{tenant}/…``.

Every ``/v1`` endpoint does the same steps, in this order, so that a request costs only what it
is entitled to: tenant and token (:mod:`missio.service.tenancy`), parameters, admission to a
pool (429 before anything is read when it is full), the body read within its size and time
limits (:func:`missio.service.limits.read_body`), then the work in the pool. Bodies are read as
bytes and handed to the engine, which validates them exactly as the CLI does (same French
messages, same field paths); the OpenAPI document describes them with the engine's own JSON
Schema, and the parameters read here by hand (see :mod:`missio.service.openapi`).

``POST /decisions``, the busiest, is answered in front of FastAPI by
:mod:`missio.service.decision_route`, with the same steps (:func:`decision_text`); its route
here describes it in the OpenAPI document and answers it under a ``root_path``.
"""

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from missio import __version__
from missio.documents.pdf import libreoffice
from missio.models import Decision
from missio.service import operations
from missio.service.decision_route import decision_text, parse_date
from missio.service.errors import ServiceError, invalid_input
from missio.service.limits import Pools, read_body, render_too_late
from missio.service.responses import (
    BatchBody,
    Health,
    PluginInfo,
    error_responses,
    plugin_infos,
)
from missio.service.tenancy import tenant_of

MISSION_REF = {"$ref": "#/components/schemas/Mission"}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
JSON = "application/json"

DATE_PARAM = {
    "name": "date",
    "in": "query",
    "required": False,
    "description": "Date d'évaluation (AAAA-MM-JJ), pour les alertes sur les échéances déjà "
    "passées ; comme « missio evaluate --date ».",
    "schema": {"type": "string", "format": "date"},
}
CODE_PARAM = {
    "name": "code",
    "in": "query",
    "required": False,
    "description": "Code d'un document de la décision (par exemple ordre_de_mission).",
    "schema": {"type": "string"},
}
FORMAT_PARAM = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "docx (défaut) ou pdf (LibreOffice requis sur le serveur).",
    "schema": {"type": "string", "enum": ["docx", "pdf"], "default": "docx"},
}


def _check_format(text: str) -> bool:
    """Whether PDF is asked; 503 at once when it cannot be produced here."""
    if text not in ("docx", "pdf"):
        raise invalid_input(
            [("format", f"« {text[:40]} » n'est pas reconnu. Valeurs admises : docx, pdf.")],
            "Paramètre invalide.",
        )
    if text == "pdf" and libreoffice() is None:
        raise ServiceError(
            503,
            "libreoffice_absent",
            "LibreOffice n'est pas installé sur le serveur : les PDF ne peuvent pas être "
            "produits. Demandez les DOCX (sans « format=pdf ») ou faites installer "
            "LibreOffice (paquet « libreoffice-writer-nogui »).",
        )
    return text == "pdf"


def _operation(
    description: str, schema: dict[str, Any] | None, *parameters: dict[str, Any]
) -> dict[str, Any]:
    # Bodies and parameters are read by hand (see the module docstring), so FastAPI is told
    # here what they are.
    extra: dict[str, Any] = {"parameters": list(parameters)}
    if schema is not None:
        extra["requestBody"] = {
            "required": True,
            "description": description,
            "content": {JSON: {"schema": schema}},
        }
    return extra


def router(suffix: str, pools: Pools) -> APIRouter:
    """The endpoints; `suffix` keeps operation ids unique between the two copies (the tenant
    comes from the path when the router is mounted under ``/v1/t/{tenant}``)."""
    r = APIRouter()
    limits = pools.limits

    async def admitted_body(request: Request, pool: Any) -> bytes:
        pool.admit()
        return await read_body(request, limits.taille_max_requete, limits.delai_lecture)

    @r.post(
        "/decisions",
        operation_id=f"evaluer{suffix}",
        summary="Évaluer une mission",
        description="Une mission (JSON du contrat) en entrée, la décision en sortie : "
        "dispositif, fondements en vigueur, obligations, financements, alertes, blocages. "
        "Le corps de la réponse est celui de « missio evaluate --json ». Une décision "
        "non conforme est une réponse 200 ; un plugin en échec, une 500 qui le nomme avec sa "
        "règle.",
        tags=["décisions"],
        response_class=Response,
        responses=error_responses(400, 401, 403, 404, 408, 413, 422, 429, 500)
        | {200: {"model": Decision, "description": "La décision."}},
        openapi_extra=_operation("La mission.", MISSION_REF, DATE_PARAM),
    )
    async def decisions(request: Request) -> Response:
        # Served by missio.service.decision_route in front of FastAPI; reached here only by an
        # application mounted under a root_path, with the same steps.
        in_path = request.path_params.get("tenant")
        tenants = request.app.state.tenants
        body = await decision_text(tenants, pools, in_path, request.scope, request.receive)
        return Response(body, media_type=JSON)

    @r.post(
        "/decisions:batch",
        operation_id=f"evaluer_lot{suffix}",
        summary="Évaluer un lot de missions",
        description="Une liste de missions en entrée ; en sortie, pour chacune et dans l'ordre, "
        "sa décision (statut 200) ou son erreur (statut 422 ou 500 et le corps d'erreur "
        f"habituel). L'échec d'une mission n'empêche pas les autres. {limits.lot_max} missions "
        "au plus (limite « lot_max », 413 au-delà).",
        tags=["décisions"],
        response_class=Response,
        responses=error_responses(400, 401, 403, 404, 408, 413, 422, 429)
        | {200: {"model": BatchBody, "description": "Un résultat par mission."}},
        openapi_extra=_operation(
            "Les missions. Chacune est validée à part : une mission invalide reçoit son erreur "
            "(statut 422) dans les résultats sans faire échouer le lot, d'où « anyOf ».",
            {
                "type": "array",
                "items": {"anyOf": [MISSION_REF, {}]},
                "maxItems": limits.lot_max,
            },
            DATE_PARAM,
        ),
    )
    async def batch(request: Request) -> Response:
        tenant = tenant_of(request)
        day = parse_date(request.query_params.get("date"))
        body = await admitted_body(request, pools.evaluations)
        request_id = request.state.request_id
        results, count, failed = await pools.evaluations.run(
            operations.batch, tenant, body, limits.lot_max, day, request_id, long=True
        )
        request.state.items, request.state.item_errors = count, failed
        return Response(
            f'{{"resultats":{results},"request_id":{json.dumps(request_id)}}}', media_type=JSON
        )

    @r.post(
        "/documents",
        operation_id=f"rediger{suffix}",
        summary="Rédiger les actes d'une mission",
        description="Une mission en entrée ; en sortie, une archive zip de « decision.json » et "
        "de chaque acte de la décision (DOCX, et les échéances en Markdown, JSON et iCalendar "
        "des documents qui les portent), ou un seul "
        "document avec « ?code= ». « ?format=pdf » ajoute (ou donne) le PDF, par LibreOffice ; "
        "503 quand LibreOffice n'est pas installé. Une décision non conforme ne donne que "
        "« decision.json ». Le rendu est borné dans le temps (limite « delai_rendu », 503) et "
        "en nombre (429).",
        tags=["documents"],
        response_class=Response,
        responses=error_responses(400, 401, 403, 404, 408, 413, 422, 429, 500, 503)
        | {
            200: {
                "description": "L'archive, ou le document demandé.",
                "content": {
                    operations.TYPE_ZIP: _BINARY,
                    operations.TYPE_DOCX: _BINARY,
                    operations.TYPE_PDF: _BINARY,
                },
            }
        },
        openapi_extra=_operation("La mission.", MISSION_REF, CODE_PARAM, FORMAT_PARAM, DATE_PARAM),
    )
    async def documents(request: Request) -> Response:
        tenant = tenant_of(request)
        query = request.query_params
        day = parse_date(query.get("date"))
        pdf = _check_format(query.get("format", "docx"))
        body = await admitted_body(request, pools.renders)
        deadline = pools.render_deadline()
        data, media_type, name = await pools.renders.run(
            operations.documents,
            tenant,
            body,
            day,
            query.get("code"),
            pdf,
            deadline,
            deadline=deadline,
            late=lambda: render_too_late(limits.delai_rendu),
        )
        disposition = f'attachment; filename="{name}"'
        return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})

    @r.get(
        "/schema/mission",
        operation_id=f"schema_mission{suffix}",
        summary="Schéma JSON de la mission",
        description="Le schéma JSON de la mission pour ce tenant, avec les champs « extensions » "
        "de ses plugins ; comme « missio schema ».",
        tags=["contrat"],
        response_model=dict[str, Any],
        responses=error_responses(400, 401, 403, 404),
        openapi_extra=_operation("", None),
    )
    async def schema_mission(request: Request) -> JSONResponse:
        return JSONResponse(tenant_of(request).engine.schema_mission())

    @r.get(
        "/schema/decision",
        operation_id=f"schema_decision{suffix}",
        summary="Schéma JSON de la décision",
        description="Le schéma JSON de la décision ; comme « missio schema decision ».",
        tags=["contrat"],
        response_model=dict[str, Any],
        responses=error_responses(400, 401, 403, 404),
        openapi_extra=_operation("", None),
    )
    async def schema_decision(request: Request) -> JSONResponse:
        tenant_of(request)
        return JSONResponse(Decision.model_json_schema())

    @r.get(
        "/plugins",
        operation_id=f"plugins{suffix}",
        summary="Plugins du tenant",
        description="Chaque plugin chargé pour ce tenant (politiques comprises) : nom, version, "
        "règles, documents et paramètres ; comme « missio plugins ».",
        tags=["contrat"],
        response_model=list[PluginInfo],
        responses=error_responses(400, 401, 403, 404),
        openapi_extra=_operation("", None),
    )
    async def plugins(request: Request) -> list[PluginInfo]:
        return plugin_infos(tenant_of(request))

    return r


def _not_ready(status: str, reason: str) -> Response:
    body = Health(statut=status, version=__version__, motif=reason)
    return Response(body.model_dump_json(), status_code=503, media_type=JSON)


def root_router(pools: Pools) -> APIRouter:
    """The probes: answered on the event loop, never behind an evaluation or a render."""
    r = APIRouter()
    ok = Health(statut="ok", version=__version__).model_dump_json(exclude_none=True).encode("utf-8")

    @r.get(
        "/healthz",
        operation_id="sante",
        summary="État du service",
        description="Sonde de vie : répond « ok » tant que le processus sert des requêtes, même "
        "quand tous ses fils d'évaluation et de rendu sont occupés (elle ne passe jamais par "
        "eux). Sans tenant ni jeton.",
        tags=["exploitation"],
        response_class=Response,
        responses={200: {"model": Health, "description": "Le service répond."}},
    )
    async def health() -> Response:
        return Response(ok, media_type=JSON)

    @r.get(
        "/readyz",
        operation_id="disponibilite",
        summary="Disponibilité du service",
        description="Sonde de disponibilité pour le répartiteur de charge : « ok » dès que les "
        "moteurs des tenants sont construits ; 503 dès que l'arrêt du processus a commencé "
        "(« arret »), ou quand tous les fils d'évaluation, ou tous ceux de rendu, sont occupés "
        "par la même tâche depuis plus de « delai_blocage » secondes (« bloque » : aucune "
        "requête de ce type ne peut plus aboutir). Une instance seulement saturée reste prête : "
        "elle refuse l'excédent en 429 sans rien lire ni calculer. Sans tenant ni jeton.",
        tags=["exploitation"],
        response_class=Response,
        responses={
            200: {"model": Health, "description": "Prêt à servir."},
            503: {"model": Health, "description": "Arrêt en cours, ou fils bloqués."},
        },
    )
    async def ready() -> Response:
        if pools.closing:
            return _not_ready("arret", "arrêt du processus en cours")
        blocked = pools.blocked()
        if blocked is not None:
            threads = "d'évaluation" if blocked == "evaluations" else "de rendu"
            return _not_ready(
                "bloque",
                f"tous les fils {threads} sont occupés par la même tâche depuis plus de "
                f"{pools.limits.delai_blocage:g} s (limite « delai_blocage »)",
            )
        return Response(ok, media_type=JSON)

    return r
