"""The HTTP endpoints, each twice: under ``/v1/…`` (tenant from the header or the default)
and under ``/v1/t/{tenant}/…``.

Bodies are read as bytes and handed to the engine, which validates them exactly as the CLI
does (same French messages, same field paths); the OpenAPI document describes them with the
engine's own JSON Schema (see :mod:`missio.service.openapi`). The work itself is in
:mod:`missio.service.operations`, run in worker threads.
"""

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from missio.entree import lire_json
from missio.errors import ErreurValidation
from missio.models import Decision
from missio.service import operations
from missio.service.config import Limits
from missio.service.errors import ServiceError, invalid_input
from missio.service.limits import RenderPool
from missio.service.responses import (
    BatchBody,
    Health,
    PluginInfo,
    error_responses,
    plugin_infos,
)
from missio.service.tenants import Tenant
from missio.sortie import libreoffice

MISSION_REF = {"$ref": "#/components/schemas/Mission"}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")

DateParam = Annotated[
    str | None,
    Query(
        alias="date",
        description="Date d'évaluation (AAAA-MM-JJ), pour les alertes sur les échéances déjà "
        "passées ; comme « missio evaluate --date ».",
        json_schema_extra={"format": "date"},
    ),
]
CodeParam = Annotated[
    str | None,
    Query(description="Code d'un document de la décision (par exemple ordre_de_mission)."),
]
FormatParam = Annotated[
    str,
    Query(
        alias="format",
        description="docx (défaut) ou pdf (LibreOffice requis sur le serveur).",
        json_schema_extra={"enum": ["docx", "pdf"]},
    ),
]


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        if not _DATE_PATTERN.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise invalid_input(
            [("date", f"« {text[:40]} » n'est pas une date au format AAAA-MM-JJ.")],
            "Paramètre invalide.",
        ) from None


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


def _parse_batch(body: bytes, limit: int) -> list[Any]:
    # Read as a single mission is (missio.entree), but each item's values are checked with its
    # own mission (operations.evaluate_batch): one bad item never fails the batch.
    try:
        items = lire_json(body, verifier_valeurs=False)
    except ErreurValidation as exc:
        raise invalid_input(exc.erreurs, "JSON invalide.") from None
    if not isinstance(items, list):
        raise invalid_input(
            [("", "une liste de missions est attendue.")], "Une liste de missions est attendue."
        )
    if len(items) > limit:
        raise ServiceError(
            413,
            "lot_trop_grand",
            f"Le lot contient {len(items)} missions ; {limit} au plus par requête (limite "
            "« lot_max » de la configuration du service). Découpez-le.",
        )
    return items


def _json(text: str | bytes) -> Response:
    return Response(text, media_type="application/json")


def _attachment(reference: str, extension: str) -> str:
    # The caller's reference, reduced to characters safe in a header and a file name.
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)
    return f'attachment; filename="{safe[:80] or "missio"}.{extension}"'


def _body(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    # Bodies are read raw (see the module docstring), so FastAPI is told their schema here.
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": schema}},
        }
    }


def router(tenant_dependency: Callable[..., Tenant], suffix: str, limits: Limits) -> APIRouter:
    """The endpoints with one way of choosing the tenant; `suffix` keeps operation ids
    unique between the two copies."""
    r = APIRouter()
    TenantDep = Annotated[Tenant, Depends(tenant_dependency)]

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
        responses=error_responses(400, 401, 403, 404, 413, 422, 500)
        | {200: {"model": Decision, "description": "La décision."}},
        openapi_extra=_body("La mission.", MISSION_REF),
    )
    async def decisions(request: Request, tenant: TenantDep, on: DateParam = None) -> Response:
        day = _parse_date(on)
        body = await request.body()
        _, decision = await run_in_threadpool(operations.evaluate, tenant, body, day)
        return _json(decision.model_dump_json(indent=2))

    @r.post(
        "/decisions:batch",
        operation_id=f"evaluer_lot{suffix}",
        summary="Évaluer un lot de missions",
        description="Une liste de missions en entrée ; en sortie, pour chacune et dans l'ordre, "
        "sa décision (statut 200) ou son erreur (statut 422 ou 500 et le corps d'erreur "
        f"habituel). L'échec d'une mission n'empêche pas les autres. {limits.lot_max} missions "
        "au plus (limite « lot_max », 413 au-delà).",
        tags=["décisions"],
        response_model=BatchBody,
        responses=error_responses(400, 401, 403, 404, 413, 422),
        openapi_extra=_body(
            "Les missions.", {"type": "array", "items": MISSION_REF, "maxItems": limits.lot_max}
        ),
    )
    async def batch(request: Request, tenant: TenantDep, on: DateParam = None) -> Response:
        day = _parse_date(on)
        items = _parse_batch(await request.body(), limits.lot_max)
        results, failed = await run_in_threadpool(
            operations.evaluate_batch, tenant, items, day, request.state.request_id
        )
        request.state.items, request.state.item_errors = len(items), failed
        request_id = json.dumps(request.state.request_id)
        return _json(f'{{"resultats":[{",".join(results)}],"request_id":{request_id}}}')

    @r.post(
        "/documents",
        operation_id=f"rediger{suffix}",
        summary="Rédiger les actes d'une mission",
        description="Une mission en entrée ; en sortie, une archive zip de « decision.json » et "
        "de chaque acte de la décision (DOCX, et les formats de la checklist), ou un seul "
        "document avec « ?code= ». « ?format=pdf » ajoute (ou donne) le PDF, par LibreOffice ; "
        "503 quand LibreOffice n'est pas installé. Une décision non conforme ne donne que "
        "« decision.json ». Le rendu est borné dans le temps (limite « delai_rendu », 503) et "
        "en nombre (429).",
        tags=["documents"],
        response_class=Response,
        responses=error_responses(400, 401, 403, 404, 413, 422, 429, 500, 503)
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
        openapi_extra=_body("La mission.", MISSION_REF),
    )
    async def documents(
        request: Request,
        tenant: TenantDep,
        code: CodeParam = None,
        format_: FormatParam = "docx",
        on: DateParam = None,
    ) -> Response:
        day = _parse_date(on)
        pdf = _check_format(format_)
        body = await request.body()
        mission, decision = await run_in_threadpool(operations.evaluate, tenant, body, day)
        pool: RenderPool = request.app.state.renders
        if code is None:
            data = await pool.run(lambda: operations.build_archive(tenant, decision, mission, pdf))
            return Response(
                data,
                media_type=operations.TYPE_ZIP,
                headers={"Content-Disposition": _attachment(decision.reference, "zip")},
            )
        operations.check_code(tenant, decision, code)
        data = await pool.run(lambda: operations.render_one(tenant, decision, mission, code, pdf))
        extension = "pdf" if pdf else "docx"
        return Response(
            data,
            media_type=operations.TYPE_PDF if pdf else operations.TYPE_DOCX,
            headers={"Content-Disposition": f'attachment; filename="{code}.{extension}"'},
        )

    @r.get(
        "/schema/mission",
        operation_id=f"schema_mission{suffix}",
        summary="Schéma JSON de la mission",
        description="Le schéma JSON de la mission pour ce tenant, avec les champs « extensions » "
        "de ses plugins ; comme « missio schema ».",
        tags=["contrat"],
        response_model=dict[str, Any],
        responses=error_responses(400, 401, 403, 404, 422),
    )
    def schema_mission(tenant: TenantDep) -> JSONResponse:
        return JSONResponse(tenant.engine.schema_mission())

    @r.get(
        "/schema/decision",
        operation_id=f"schema_decision{suffix}",
        summary="Schéma JSON de la décision",
        description="Le schéma JSON de la décision ; comme « missio schema decision ».",
        tags=["contrat"],
        response_model=dict[str, Any],
        responses=error_responses(400, 401, 403, 404, 422),
    )
    def schema_decision(tenant: TenantDep) -> JSONResponse:
        return JSONResponse(Decision.model_json_schema())

    @r.get(
        "/plugins",
        operation_id=f"plugins{suffix}",
        summary="Plugins du tenant",
        description="Chaque plugin chargé pour ce tenant (politiques comprises) : nom, version, "
        "règles, documents et paramètres ; comme « missio plugins ».",
        tags=["contrat"],
        response_model=list[PluginInfo],
        responses=error_responses(400, 401, 403, 404, 422),
    )
    def plugins(tenant: TenantDep) -> list[PluginInfo]:
        return plugin_infos(tenant)

    return r


def root_router() -> APIRouter:
    r = APIRouter()

    @r.get(
        "/healthz",
        operation_id="sante",
        summary="État du service",
        description="Répond « ok » dès que les moteurs des tenants sont construits (sonde de "
        "vie et de disponibilité pour le répartiteur de charge). Sans tenant ni jeton.",
        tags=["exploitation"],
        response_model=Health,
    )
    def health() -> Health:
        from missio import __version__

        return Health(statut="ok", version=__version__)

    return r
