"""Helpers of statut_fpt's unit tests: a mission and its context, and one rule called alone."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from missio.calendar import calendrier
from missio.casebook.cas import appliquer_changements
from missio.context import Contexte, jours_ouvres_missions
from missio.engine import Engine
from missio.findings import Finding
from missio.models import Dispositif, Mission
from missio_statut_fpt.registre import conditions, regles, voies
from missio_statut_fpt.route import Route

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = json.loads((RACINE / "examples" / "caesm-montmagny.json").read_text(encoding="utf-8"))
ENGINE = Engine()

LYON = {"nom": "Ville de Lyon", "departement": "69", "nature": "commune", "labels": []}
EXPERTISE_FRANCE = {"nom": "Expertise France", "nature": "operateur", "pays": "SN"}
AMBASSADE = {"nom": "SCAC de l'ambassade de France", "nature": "administration_etat", "pays": "SN"}
ONG = {"nom": "ONG Eau Vive", "nature": "association", "pays": "SN"}
ENTREPRISE = {"nom": "Sahel Conseil SA", "nature": "entreprise", "pays": "SN"}
ETAT = {"nom": "Ministère sénégalais de l'Environnement", "nature": "etat_etranger", "pays": "SN"}
OI = {"nom": "UNESCO", "nature": "organisation_internationale", "pays": "FR"}
UE = {"nom": "Délégation de l'UE", "nature": "institution_ue", "pays": "SN"}
GIP = {"nom": "GIP de coopération", "nature": "gip", "pays": "SN"}
COMMUNE_SN = {"nom": "Commune de Saint-Louis", "nature": "collectivite_etrangere", "pays": "SN"}
OPERATEUR = {"cadre": "operateur", "pays": "SN", "accueil": EXPERTISE_FRANCE}


def mission(**changements: Any) -> Mission:
    """The example mission, moved to Lyon without telework, with `changements` (nested)."""
    donnees = appliquer_changements(
        copy.deepcopy(EXEMPLE),
        {"employeur": LYON, "teletravail_jours_par_semaine": None, "date_demande": None},
    )
    return ENGINE.valider(appliquer_changements(donnees, changements))


def contexte(m: Mission, engine: Engine = ENGINE, **parametres: Any) -> Contexte:
    """The context the engine gives the rules for `m` (the parameters' defaults unless set)."""
    cal = calendrier(m.employeur.departement, engine.journee_solidarite)
    jours = jours_ouvres_missions(m, cal)
    valeurs = {nom: p.defaut for nom, p in engine.parametres.items()} | {
        f"statut_fpt.{nom}": valeur for nom, valeur in parametres.items()
    }
    return Contexte(
        calendrier=cal,
        jours_ouvres_periodes=jours,
        volume_jours_ouvres=m.jours_expertise or jours,
        parametres=valeurs,
        extensions=engine._valider_extensions(m),
        referentiel=engine.referentiel,
    )


def voie(code: str, m: Mission) -> Any:
    """What route rule `code` proposes for `m` (None when it does not apply)."""
    return voies.appeler(code, m, contexte(m))


def condition(code: str, m: Mission, dispositif: Dispositif) -> list[Finding]:
    """What condition `code` finds for `dispositif`."""
    return list(conditions.appeler(code, m, contexte(m), dispositif) or ())


def regle(
    code: str, m: Mission, dispositif: Dispositif, recommande: Dispositif | None = None
) -> list[Finding]:
    """What consequence rule `code` finds when the route retained is `dispositif`."""
    route = Route(recommande=recommande or dispositif, dispositif=dispositif)
    return list(regles.appeler(code, m, contexte(m), route) or ())


def codes(findings: list[Finding]) -> list[str]:
    return [getattr(f, "code", None) or getattr(f, "dispositif", "") for f in findings]


def de_type(findings: list[Finding], classe: type) -> list[Any]:
    return [f for f in findings if type(f) is classe]


def periode(debut: str, fin: str) -> list[dict[str, str]]:
    return [{"debut": debut, "fin": fin}]
