"""Each effect type, the deadlines in the employer's calendar, and the legal-basis principle."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from politique_outils import decider, ecrire, politique, regle


def _decision(tmp_path: Path, exemple: dict[str, Any], *effets: dict[str, Any], **kw: Any) -> Any:
    fichier = ecrire(tmp_path, politique(regles=[regle(*effets, **kw)]))
    return decider([fichier], exemple)


def test_funding_line_fixed_amount_on_its_deliberation(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    d = _decision(
        tmp_path,
        exemple,
        {
            "financement": {
                "poste": "prime_installation",
                "libelle": "Prime",
                "payeur": "employeur",
                "montant": 1000,
            }
        },
    )
    ligne = next(f for f in d.financements if f.poste == "prime_installation")
    assert (ligne.payeur, str(ligne.montant), ligne.fondements) == (
        "employeur",
        "1000.00",
        ["essai.deliberation"],
    )
    assert "fondement_juridique_manquant" not in [a.code for a in d.alertes]
    cite = next(f for f in d.fondements if f.cle == "essai.deliberation")
    assert cite.texte == "Délibération n° 2026-001 du conseil communautaire du 15 janvier 2026"
    # A deliberation typed into a policy is « à vérifier » until the policy says it was read.
    assert cite.statut == "a_verifier" and str(cite.en_vigueur_depuis) == "2026-01-15"
    entree = next(t for t in d.trace if t.regle == "essai.r")
    assert entree.plugin == "politique.essai"


def test_an_advantage_without_deliberation_has_no_amount(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    d = _decision(
        tmp_path,
        exemple,
        {
            "financement": {
                "poste": "prime",
                "libelle": "Prime",
                "payeur": "employeur",
                "montant": 500,
            }
        },
        fondement=None,
    )
    assert next(f for f in d.financements if f.poste == "prime").montant is None
    alerte = next(a for a in d.alertes if a.code == "fondement_juridique_manquant")
    assert "fondement juridique manquant" in alerte.message and "500.00 €" in alerte.message


def test_a_deliberation_to_complete_keeps_the_amount_and_warns(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    donnees = politique(
        regles=[
            regle(
                {
                    "financement": {
                        "poste": "prime",
                        "libelle": "Prime",
                        "payeur": "employeur",
                        "montant": 1000,
                    }
                }
            )
        ]
    )
    donnees["fondements"]["deliberation"].update(numero="à compléter", date="à compléter")
    d = decider([ecrire(tmp_path, donnees)], exemple)
    assert str(next(f for f in d.financements if f.poste == "prime").montant) == "1000.00"
    assert "fondement_juridique_manquant" in [a.code for a in d.alertes]
    assert next(f for f in d.fondements if f.cle == "essai.deliberation").statut == "a_verifier"


def test_rate_table_times_days(tmp_path: Path, exemple: dict[str, Any]) -> None:
    bareme = {"par": "nuit", "taux": {"CA": "50.00"}, "plafond": 8000}
    d = _decision(
        tmp_path,
        exemple,
        {
            "financement": {
                "poste": "sejour",
                "libelle": "Séjour",
                "payeur": "employeur",
                "bareme": bareme,
            }
        },
    )
    assert (
        str(next(f for f in d.financements if f.poste == "sejour").montant) == "8000.00"
    )  # 179 × 50 capped
    exemple = dict(exemple, pays="SN", accueil=dict(exemple["accueil"], pays="SN"))
    d = decider([tmp_path / "essai.yaml"], exemple)
    assert next(f for f in d.financements if f.poste == "sejour").montant is None
    assert "bareme_sans_taux" in [a.code for a in d.alertes]


def test_obligations_pieces_approvals_with_deadlines(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    d = _decision(
        tmp_path,
        exemple,
        {
            "obligation": {
                "code": "a",
                "libelle": "A",
                "responsable": "agent",
                "echeance": "15 jours avant le départ",
            }
        },
        {
            "obligation": {
                "code": "b",
                "libelle": "B",
                "responsable": "agent",
                "echeance": "10 jours ouvrés avant le départ",
            }
        },
        {
            "obligation": {
                "code": "c",
                "libelle": "C",
                "responsable": "agent",
                "echeance": "2 mois après le retour",
            }
        },
        {"piece": {"code": "d", "libelle": "lettre", "echeance": "au retour"}},
        {"approbation": {"code": "e", "role": "le DGS"}},
    )
    echeances = {o.code: str(o.echeance) for o in d.obligations}
    # 2 March 2026 − 15 days = Sunday 15 February → Friday 13 February (Martinique).
    assert echeances["essai.a"] == "2026-02-13"
    # Ten working days before Monday 2 March: Monday 16 February (no holiday in between).
    assert echeances["essai.b"] == "2026-02-16"
    # 28 August + 2 months = Wednesday 28 October.
    assert echeances["essai.c"] == "2026-10-28"
    assert echeances["essai.d"] == "2026-08-28"
    assert echeances["essai.e"] == "2026-02-27"  # approvals: before departure by default
    libelles = {o.code: o.libelle for o in d.obligations}
    assert libelles["essai.d"] == "Joindre au dossier : lettre"
    assert libelles["essai.e"] == "Recueillir l'accord écrit de le DGS"


def test_holidays_of_the_employer_move_deadlines(tmp_path: Path, exemple: dict[str, Any]) -> None:
    # Return on Friday 22 May 2026; 0 days after return falls on the same day in Martinique,
    # but « 3 jours après le retour » is Monday 25 May (Pentecost Monday, a holiday) → 26 May.
    exemple = dict(exemple, periodes=[{"debut": "2026-05-04", "fin": "2026-05-22"}])
    d = _decision(
        tmp_path,
        exemple,
        {
            "obligation": {
                "code": "a",
                "libelle": "A",
                "responsable": "agent",
                "echeance": "3 jours après le retour",
            }
        },
    )
    assert str(next(o for o in d.obligations if o.code == "essai.a").echeance) == "2026-05-26"


def test_alerts_blocages_documents(tmp_path: Path, exemple: dict[str, Any]) -> None:
    d = _decision(
        tmp_path,
        exemple,
        {"alerte": {"code": "x", "niveau": "info", "message": "Info"}},
        {"blocage": {"code": "y", "message": "Non", "remede": "Autrement"}},
        {"document": {"code": "decision_prime_installation"}},
    )
    assert ("essai.x", "info") in [(a.code, a.niveau) for a in d.alertes]
    assert [(b.code, b.plugin, b.regle) for b in d.blocages] == [
        ("essai.y", "politique.essai", "essai.r")
    ]
    assert not d.conforme and d.documents == []  # no act from a blocked decision


def test_conditions_and_missing_data(tmp_path: Path, exemple: dict[str, Any]) -> None:
    exemple = copy.deepcopy(exemple)  # the fixture is shared by the session
    effet = {"approbation": {"code": "maire", "role": "le maire"}}
    fichier = ecrire(
        tmp_path,
        politique(
            regles=[
                regle(
                    effet,
                    si={"missions_dans_l_annee": {"min": 3}, "cadre": "cooperation_decentralisee"},
                )
            ]
        ),
    )
    d = decider([fichier], exemple)  # missions_dans_l_annee: null
    alerte = next(a for a in d.alertes if a.code == "donnee_manquante")
    assert alerte.niveau == "attention" and "agent.missions_dans_l_annee" in alerte.message
    exemple["agent"] = dict(exemple["agent"], missions_dans_l_annee=3)
    assert "essai.maire" in [o.code for o in decider([fichier], exemple).obligations]
    exemple["agent"]["missions_dans_l_annee"] = 2
    d = decider([fichier], exemple)
    assert "essai.maire" not in [o.code for o in d.obligations]
    assert "donnee_manquante" not in [a.code for a in d.alertes]
    exemple["agent"]["missions_dans_l_annee"] = None
    exemple["cadre"] = "operateur"  # a false condition wins over an unknown one
    assert "donnee_manquante" not in [a.code for a in decider([fichier], exemple).alertes]


def test_rule_not_applied_before_its_deliberation(tmp_path: Path, exemple: dict[str, Any]) -> None:
    donnees = politique(regles=[regle({"alerte": {"message": "x"}})])
    donnees["fondements"]["deliberation"]["date_effet"] = "2027-01-01"
    d = decider([ecrire(tmp_path, donnees)], exemple)
    assert "essai.r" not in [a.code for a in d.alertes]
    assert any(t.regle == "essai.r" and "pas en vigueur" in t.resultat for t in d.trace)
