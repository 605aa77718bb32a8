"""Helpers of the expe_ct tests: a conforming EXPE-CT mission (expe-ct.md §5, common
hypotheses), its evaluation, and readers of a decision by code.

Plain functions rather than fixtures: a conftest.py here would shadow the module ``conftest``
that other tests import by name."""

from __future__ import annotations

import copy
from datetime import date
from functools import cache
from typing import Any

from missio.casebook.cas import appliquer_changements
from missio.engine import Engine
from missio.models import Decision

# Labelled employer (Paris), embassy's validation, agent titulaire on the list of experts, green
# zone, default reading of the week: expe-ct.md §5 "hypothèses communes". T1's dates.
EXTENSION_CONFORME: dict[str, Any] = {
    "nombre_personnes": 1,
    "validation_ambassade": "2026-04-20",
    "origine_sollicitation": "daect",
    "termes": {
        "nature": "Réponse à une demande d'expertise de la municipalité",
        "deroulement": "mission_seule",
        "resultat_attendu": "Plan de collecte sélective",
    },
    "expert_declare": True,
    "domaine": "gestion des déchets",
    "attestation_assistance": True,
    "inscription_ariane": True,
}


def mission_conforme() -> dict[str, Any]:
    return {
        "reference": "EXPE-CT-TEST",
        "objet": "Appui à la collecte sélective des déchets",
        "cadre": "expe_ct",
        "pays": "SN",
        "vigilance": "vert",
        "periodes": [{"debut": "2026-05-11", "fin": "2026-05-17"}],
        "date_demande": "2026-04-01",
        "agent": {"civilite": "Mme", "nom": "Rosier", "prenom": "Line", "statut": "titulaire"},
        "employeur": {
            "nom": "Ville de Paris",
            "nature": "commune",
            "departement": "75",
            "labels": [
                {"nom": "EXPE-CT", "obtenu_le": "2021-02-01", "domaines": ["gestion des déchets"]}
            ],
        },
        "accueil": {
            "nom": "Commune de Saint-Louis",
            "nature": "collectivite_etrangere",
            "pays": "SN",
        },
        "extensions": {"expe_ct": copy.deepcopy(EXTENSION_CONFORME)},
    }


def periode(debut: str, fin: str) -> list[dict[str, str]]:
    return [{"debut": debut, "fin": fin}]


def blocages(decision: Decision) -> list[str]:
    return sorted(b.code for b in decision.blocages)


def alertes(decision: Decision) -> dict[str, Any]:
    return {a.code: a for a in decision.alertes}


def obligations(decision: Decision) -> dict[str, Any]:
    return {o.code: o for o in decision.obligations}


def financements(decision: Decision) -> dict[str, str]:
    return {f.poste: f.payeur for f in decision.financements if f.poste.startswith("expe_ct.")}


def trace(decision: Decision, regle: str) -> list[str]:
    return [t.resultat for t in decision.trace if t.regle == regle]


@cache
def moteur() -> Engine:
    """The engine with the installed plugins, built once for these tests."""
    return Engine()


def mission_expe(ext: dict[str, Any] | None = None, **changements: Any) -> dict[str, Any]:
    """The conforming mission with nested changes; ``ext=`` changes extensions.expe_ct and
    ``extensions=`` replaces the whole mapping."""
    extensions = changements.pop("extensions", None)
    donnees = appliquer_changements(mission_conforme(), changements)
    appliquer_changements(donnees["extensions"]["expe_ct"], ext or {})
    if extensions is not None:
        donnees["extensions"] = extensions
    return donnees


def decider(date_evaluation: date | None = None, **changements: Any) -> Decision:
    """Evaluate the conforming mission with changes."""
    engine = moteur()
    return engine.evaluer(
        engine.valider(mission_expe(**changements)), date_evaluation=date_evaluation
    )
