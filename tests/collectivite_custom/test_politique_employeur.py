"""A policy applies to its own collectivité only: the CAESM bonus never reaches Grand Paris Sud."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from politique_outils import POLITIQUES, decider, ecrire, politique, regle

GPS = {
    "nom": "Communauté d'agglomération Grand Paris Sud Seine-Essonne-Sénart",
    "departement": "91",
    "labels": [],
}


def test_caesm_policy_on_the_caesm_mission(exemple: dict[str, Any]) -> None:
    d = decider([POLITIQUES / "caesm.yaml"], exemple)
    lignes = {f.poste: f for f in d.financements if "caesm.deliberation" in f.fondements}
    assert str(lignes["prime_installation"].montant) == "1000.00"
    assert lignes["prime_installation"].payeur == "employeur"
    # The ticket is the statute's `transport` item: one line on both bases, the policy's words.
    assert lignes["transport"].payeur == "employeur"
    assert lignes["transport"].libelle == "Billet d'avion aller-retour en classe économique"
    assert "om.frais_fpt" in lignes["transport"].fondements
    assert [f.poste for f in d.financements].count("transport") == 1
    assert lignes["remuneration"].payeur == "employeur"
    # Accommodation and meals left to the agent, on the shared item the statutory mission
    # allowances use: the decision reports the contradiction (the policy cannot withhold them).
    assert lignes["indemnites_mission"].payeur == "agent"
    alerte = next(a for a in d.alertes if a.code == "financement_contradictoire")
    assert "« indemnites_mission »" in alerte.message
    assert "à la charge de l'agent (politique.caesm" in alerte.message
    assert (
        "à la charge de la collectivité (statut_fpt, règle om.ordre_de_mission)" in alerte.message
    )
    assert "charge_agent_a_verifier" not in [a.code for a in d.alertes]
    assert "decision_prime_installation" in d.documents or "document_sans_modele" in [
        a.code for a in d.alertes
    ]
    codes = [o.code for o in d.obligations]
    assert "caesm.plan_continuite" in codes and "caesm.autorisation_teletravail" in codes
    assert "caesm.continuite_service" in [a.code for a in d.alertes]


def test_caesm_bonus_absent_from_a_grand_paris_sud_mission(exemple: dict[str, Any]) -> None:
    mission = copy.deepcopy(exemple)
    mission["employeur"].update(GPS)
    d = decider([POLITIQUES / "caesm.yaml", POLITIQUES / "grand-paris-sud.yaml"], mission)
    assert not [
        f
        for f in d.financements
        if f.poste == "prime_installation" or "caesm.deliberation" in f.fondements
    ]
    # The CAESM policy ran no rule for Grand Paris Sud: its only trace line says it was skipped.
    assert [t.regle for t in d.trace if t.plugin == "politique.caesm"] == ["politique.caesm.portee"]
    assert "politique.caesm" not in d.versions and "politique.grand_paris_sud" in d.versions
    assert "decision_prime_installation" not in d.documents
    assert "grand_paris_sud.lettre_motivation" in [o.code for o in d.obligations]


def test_matching_by_siren_name_and_departement(tmp_path: Path, exemple: dict[str, Any]) -> None:
    effet = {"alerte": {"code": "vu", "message": "appliquée"}}

    def applique(collectivite: dict[str, Any], employeur: dict[str, Any]) -> list[str]:
        fichier = ecrire(tmp_path, politique(collectivite=collectivite, regles=[regle(effet)]))
        mission = copy.deepcopy(exemple)
        mission["employeur"].update(employeur)
        return [a.code for a in decider([fichier], mission).alertes]

    nom = exemple["employeur"]["nom"]
    # Names compare without case, accents or apostrophe style.
    assert "essai.vu" in applique({"nom": nom.upper().replace("'", "’")}, {})
    assert "essai.vu" not in applique({"nom": nom, "departement": "971"}, {})
    assert "essai.vu" in applique({"siren": "200041788"}, {"siren": "200041788"})
    assert "essai.vu" not in applique({"siren": "200041788", "nom": nom}, {"siren": "123456789"})
    # A policy naming its employer by SIREN only cannot apply to a mission without one: it says so.
    assert "politique_non_appliquee" in applique({"siren": "200041788"}, {})
