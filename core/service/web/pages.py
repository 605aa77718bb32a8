"""The web page's routes: the form, the decision, the acts, per tenant.

- ``GET /``: the default tenant's page (a redirect to it), or, without a default tenant, a
  prompt for a tenant's access token;
- ``GET /t/{tenant}/``: the tenant's form; a tenant with tokens first asks for one, kept by the
  browser in a session cookie (HttpOnly, SameSite=Strict, limited to ``/t/{tenant}/``);
- ``POST /t/{tenant}/``: evaluate the form (or save it as JSON, or load a JSON file into it),
  and answer the page with the decision, or with the errors beside their fields;
- ``POST /t/{tenant}/actes``: one act (DOCX, PDF), all of them (zip), or the deadlines (.ics).

The work is the API's (:mod:`missio.service.operations`, the same validation, messages and
render pool); these handlers only turn a form into the contract's JSON and a decision into HTML.
Nothing is stored: the mission travels in the form, and the logs are the API's (no body).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from missio import __version__
from missio.documents.echeancier import Echeancier
from missio.documents.pdf import libreoffice
from missio.libelles import dispositif_nom
from missio.models import Decision, Mission
from missio.service import operations
from missio.service.errors import ServiceError
from missio.service.limits import Pools, WorkPool, render_too_late
from missio.service.tenants import Tenant, Tenants
from missio.service.web.schema_formulaire import ChampFormulaire, Section, lire_schema, sections
from missio.service.web.valeurs import depuis_formulaire, depuis_json, valeurs_initiales, vers_json
from missio.service.web.vue_decision import BADGES, VueDecision
from missio.service.web.vue_formulaire import Vue

COOKIE = "missio_jeton"
STATIQUE = "/statique"
# The page loads nothing from elsewhere, runs no inline script and is never framed.
SECURITE = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
TYPE_ICS = "text/calendar; charset=utf-8"
_FICHIER_ACTE = re.compile(r"(?P<code>[a-z0-9_]+)\.(?P<format>docx|pdf)")
LIBREOFFICE_ABSENT = (
    "LibreOffice n'est pas installé sur le serveur : les PDF ne peuvent pas être produits. "
    "Téléchargez les DOCX, ou demandez à l'exploitant d'installer LibreOffice (paquet "
    "« libreoffice-writer-nogui »)."
)


@dataclass
class Formulaire:
    """A tenant's form, read once from its mission schema."""

    champs: tuple[ChampFormulaire, ...]
    sections: list[Section]


@dataclass
class Web:
    """What the page keeps between requests: templates and each tenant's form (read-only)."""

    env: Environment
    formulaires: dict[str, Formulaire] = field(default_factory=dict)
    schema_decision: dict[str, Any] = field(default_factory=Decision.model_json_schema)

    def formulaire(self, tenant: Tenant) -> Formulaire:
        if tenant.name not in self.formulaires:
            champs = lire_schema(tenant.engine.schema_mission())
            self.formulaires[tenant.name] = Formulaire(champs, sections(champs))
        return self.formulaires[tenant.name]


def _environnement() -> Environment:
    env = Environment(
        loader=PackageLoader("missio.service.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dispositif"] = dispositif_nom
    env.filters["badge"] = lambda statut: BADGES.get(statut, statut)
    return env


def install_web(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets at ``/statique`` (outside the OpenAPI document)."""
    app.state.web = Web(_environnement())
    app.include_router(router())
    app.mount(STATIQUE, StaticFiles(packages=[("missio.service.web", "static")]), name="statique")


# --- answers ---------------------------------------------------------------------------------


def _page(request: Request, modele: str, status: int = 200, **contexte: Any) -> HTMLResponse:
    web: Web = request.app.state.web
    texte = web.env.get_template(modele).render(statique=STATIQUE, version=__version__, **contexte)
    return HTMLResponse(texte, status_code=status, headers=SECURITE)


def _erreur(request: Request, erreur: ServiceError, tenant: str | None = None) -> HTMLResponse:
    return _page(
        request,
        "erreur.html",
        erreur.status,
        message=erreur.message,
        erreurs=erreur.fields,
        retour=f"/t/{tenant}/" if tenant else "/",
        request_id=request.state.request_id,
    )


def _fichier(donnees: bytes, type_: str, nom: str) -> Response:
    # The name comes from the mission's reference: reduced to what is safe in a header.
    sur = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in nom)
    return Response(
        donnees,
        media_type=type_,
        headers=SECURITE
        | {"Content-Disposition": f'attachment; filename="{sur[:100] or "missio"}"'},
    )


async def _formulaire_poste(request: Request) -> list[tuple[str, str]]:
    # The form is urlencoded (no file upload: a JSON file is read by the page's script).
    corps = await request.body()
    return parse_qsl(corps.decode("utf-8", "replace"), keep_blank_values=True)


# --- tenants and tokens ----------------------------------------------------------------------


# A token no tenant has: an unknown tenant of a protected instance refuses every token.
_AUCUN_JETON = (hashlib.sha256(secrets.token_bytes(32)).digest(),)


def _tenant(request: Request, nom: str) -> Tenant:
    """The tenant of the path. Unknown: 404 as the API answers, but when some tenant is
    protected it behaves as a protected tenant refusing every token (the API does the same),
    so that the page tells no one which collectivités the instance serves."""
    tenants: Tenants = request.app.state.tenants
    tenant = tenants.get(nom)
    if tenant is not None:
        request.state.tenant = tenant.name  # only configured names reach the logs
        return tenant
    if not tenants.any_protected:
        raise ServiceError(
            404,
            "tenant_inconnu",
            "Tenant inconnu : vérifiez l'adresse donnée par l'exploitant du service.",
        )
    modele = next(iter(tenants))
    return Tenant(nom, modele.engine, modele.redacteur, _AUCUN_JETON)


def _autorise(request: Request, tenant: Tenant) -> bool:
    return not tenant.protected or tenant.accepts(request.cookies.get(COOKIE, ""))


def _demande_jeton(
    request: Request, tenant: Tenant | None, message: str | None, status: int
) -> HTMLResponse:
    return _page(
        request,
        "jeton.html",
        status,
        action=f"/t/{tenant.name}/jeton" if tenant else "/",
        tenant=tenant.name if tenant else None,
        message=message,
    )


def _entrer(request: Request, tenant: Tenant, jeton: str) -> Response:
    reponse = RedirectResponse(f"/t/{tenant.name}/", status_code=303, headers=SECURITE)
    reponse.set_cookie(
        COOKIE,
        jeton,
        path=f"/t/{tenant.name}/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return reponse


# --- the page --------------------------------------------------------------------------------


def _page_mission(
    request: Request,
    tenant: Tenant,
    brut: Mapping[str, Any],
    *,
    erreurs: list[tuple[str, str]] | None = None,
    message: str | None = None,
    decision: tuple[Mission, Decision] | None = None,
    mission_json: str = "",
    status: int = 200,
) -> HTMLResponse:
    web: Web = request.app.state.web
    formulaire = web.formulaire(tenant)
    vue = Vue(brut, erreurs or [])
    noeuds = [vue.section(s) for s in formulaire.sections]
    resume = vue.resume()
    vue_decision = None
    if decision is not None:
        vue_decision = VueDecision(decision[1], decision[0], tenant.engine, web.schema_decision)
    return _page(
        request,
        "page.html",
        status,
        base=f"/t/{tenant.name}/",
        tenant=tenant.name,
        protege=tenant.protected,
        sections=noeuds,
        message=message,
        erreurs=resume,
        d=vue_decision,
        mission_json=mission_json,
        pdf=libreoffice() is not None,
        taille_max=request.app.state.pools.limits.taille_max_requete,
    )


def _lire_fichier(texte: str) -> tuple[dict[str, Any] | None, str | None]:
    """A loaded file's mission, or why it cannot be one."""
    try:
        donnees = json.loads(texte)
    except ValueError as exc:
        return None, f"Le fichier n'est pas un JSON valide ({exc})."
    if not isinstance(donnees, dict):
        return None, "Le fichier ne contient pas une mission : un objet JSON est attendu."
    return donnees, None


def router() -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/")
    async def accueil(request: Request) -> Response:
        tenants: Tenants = request.app.state.tenants
        if tenants.default is not None and tenants.get(tenants.default) is not None:
            return RedirectResponse(f"/t/{tenants.default}/", status_code=303, headers=SECURITE)
        return _demande_jeton(request, None, None, 200)

    @r.post("/")
    async def jeton_seul(request: Request) -> Response:
        """Without a default tenant, the token alone says whose page it is."""
        jeton = dict(await _formulaire_poste(request)).get("jeton", "")
        tenants: Tenants = request.app.state.tenants
        # Every tenant is tried (no early exit), each comparing in constant time.
        trouves = [t for t in tenants if t.protected and t.accepts(jeton)]
        if len(trouves) != 1:
            return _demande_jeton(request, None, "Jeton d'accès refusé.", 403)
        request.state.tenant = trouves[0].name
        return _entrer(request, trouves[0], jeton)

    @r.get("/t/{nom}/")
    async def formulaire(request: Request, nom: str) -> Response:
        try:
            tenant = _tenant(request, nom)
        except ServiceError as erreur:
            return _erreur(request, erreur)
        if not _autorise(request, tenant):
            return _demande_jeton(request, tenant, None, 401)
        web: Web = request.app.state.web
        return _page_mission(request, tenant, valeurs_initiales(web.formulaire(tenant).champs))

    @r.post("/t/{nom}/jeton")
    async def jeton(request: Request, nom: str) -> Response:
        try:
            tenant = _tenant(request, nom)
        except ServiceError as erreur:
            return _erreur(request, erreur)
        saisi = dict(await _formulaire_poste(request)).get("jeton", "")
        if not tenant.protected:
            return RedirectResponse(f"/t/{tenant.name}/", status_code=303, headers=SECURITE)
        if not saisi or not tenant.accepts(saisi):
            return _demande_jeton(
                request, tenant, "Jeton d'accès refusé pour cette collectivité.", 403
            )
        return _entrer(request, tenant, saisi)

    @r.post("/t/{nom}/sortie")
    async def sortie(request: Request, nom: str) -> Response:
        try:
            tenant = _tenant(request, nom)  # the cookie's path names a configured tenant only
        except ServiceError as erreur:
            return _erreur(request, erreur)
        reponse = RedirectResponse("/", status_code=303, headers=SECURITE)
        reponse.delete_cookie(COOKIE, path=f"/t/{tenant.name}/", httponly=True, samesite="strict")
        return reponse

    @r.post("/t/{nom}/")
    async def evaluer(request: Request, nom: str) -> Response:
        try:
            tenant = _tenant(request, nom)
        except ServiceError as erreur:
            return _erreur(request, erreur)
        if not _autorise(request, tenant):
            return _demande_jeton(
                request, tenant, "Saisissez le jeton d'accès de la collectivité.", 401
            )
        paires = await _formulaire_poste(request)
        saisie = dict(paires)
        web: Web = request.app.state.web
        champs = web.formulaire(tenant).champs
        brut = depuis_formulaire(champs, paires)
        donnees = vers_json(champs, brut)
        action = saisie.get("_action", "evaluer")
        if action == "json":
            texte = json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"
            return _fichier(
                texte.encode("utf-8"),
                "application/json",
                f"{donnees.get('reference') or 'mission'}.json",
            )
        corps = json.dumps(donnees, ensure_ascii=False)
        if action == "charger":
            charge, probleme = _lire_fichier(saisie.get("_fichier", ""))
            if charge is None:
                return _page_mission(request, tenant, brut, message=probleme, status=422)
            brut, corps = depuis_json(champs, charge), json.dumps(charge, ensure_ascii=False)
        try:
            resultat = await _evaluer(request, tenant, corps.encode())
        except ServiceError as erreur:
            n = len(erreur.fields)
            message = (
                f"La mission contient {n} erreur{'s' if n > 1 else ''} : corrigez "
                f"{'les champs signalés' if n > 1 else 'le champ signalé'}, puis évaluez-la à nouveau."
                if erreur.code == "donnees_invalides"
                else erreur.message
            )
            return _page_mission(
                request, tenant, brut, erreurs=erreur.fields, message=message, status=erreur.status
            )
        return _page_mission(request, tenant, brut, decision=resultat, mission_json=corps)

    @r.post("/t/{nom}/actes")
    async def actes(request: Request, nom: str) -> Response:
        try:
            tenant = _tenant(request, nom)
        except ServiceError as erreur:
            return _erreur(request, erreur)
        if not _autorise(request, tenant):
            return _demande_jeton(
                request, tenant, "Saisissez le jeton d'accès de la collectivité.", 401
            )
        try:
            return await _acte(request, tenant, dict(await _formulaire_poste(request)))
        except ServiceError as erreur:
            return _erreur(request, erreur, tenant.name)

    return r


async def _evaluer(request: Request, tenant: Tenant, corps: bytes) -> tuple[Mission, Decision]:
    """The mission and its decision, on the service's bounded pool of evaluations (as the API:
    429 when it is full)."""
    pools: Pools = request.app.state.pools
    return await pools.evaluations.run(operations.evaluate, tenant, corps, None)


async def _acte(request: Request, tenant: Tenant, saisie: Mapping[str, str]) -> Response:
    """The file asked for by the decision's download buttons (``fichier``), from the mission the
    decision was made for (``mission``, the JSON the page evaluated)."""
    mission, decision = await _evaluer(request, tenant, saisie.get("mission", "").encode("utf-8"))
    demande = saisie.get("fichier", "")
    if demande == "echeances.ics":
        ics = Echeancier(decision, mission).icalendar().encode("utf-8")
        return _fichier(ics, TYPE_ICS, f"echeances-{decision.reference}.ics")
    archive = demande in ("actes.zip", "actes-pdf.zip")
    acte = None if archive else _FICHIER_ACTE.fullmatch(demande)
    if not archive and acte is None:
        raise ServiceError(422, "donnees_invalides", f"Fichier inconnu : « {demande[:80]} ».")
    pdf = demande == "actes-pdf.zip" or (acte is not None and acte["format"] == "pdf")
    if pdf and libreoffice() is None:
        raise ServiceError(503, "libreoffice_absent", LIBREOFFICE_ABSENT)
    pools: Pools = request.app.state.pools
    pool: WorkPool = pools.renders
    echeance = pools.render_deadline()
    retard = partial(render_too_late, pools.limits.delai_rendu)
    if acte is None:
        zip_ = await pool.run(
            lambda: operations.build_archive(tenant, decision, mission, pdf, echeance),
            deadline=echeance,
            late=retard,
        )
        return _fichier(zip_, operations.TYPE_ZIP, f"{decision.reference}.zip")
    code = acte["code"]
    operations.check_code(tenant, decision, code)
    donnees = await pool.run(
        lambda: operations.render_one(tenant, decision, mission, code, pdf, echeance),
        deadline=echeance,
        late=retard,
    )
    type_ = operations.TYPE_PDF if pdf else operations.TYPE_DOCX
    return _fichier(donnees, type_, f"{code}.{'pdf' if pdf else 'docx'}")
