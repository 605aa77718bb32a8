"""Every route's decision renders every act it lists: valid OOXML, no placeholder left, French
formatting, the texts in force at the mission's dates, byte-identical on a second render."""

from __future__ import annotations

import pytest
from outils_templates import ROUTES, decider, moteur, rendre, texte

from missio.documents import Redacteur

ATTENDUS = {
    "ordre_de_mission": ["ordre_de_mission", "checklist"],
    # No partnership convention under a cumul: the agent contracts privately with the operator.
    "cumul": ["demande_cumul_activites", "autorisation_cumul_activites", "checklist"],
    "mise_a_disposition": [
        "convention_partenariat",
        "accord_agent",
        "information_organe_deliberant",
        "convention_mise_a_disposition",
        "arrete_mise_a_disposition",
        "checklist",
    ],
    # Expertise France: décret n° 86-68, art. 2, 9° b), under a convention passed beforehand.
    "detachement_courte": [
        "accord_agent",
        "convention_detachement",
        "arrete_detachement",
        "checklist",
    ],
    "detachement_longue": [
        "accord_agent",
        "convention_detachement",
        "arrete_detachement",
        "checklist",
    ],
    # A foreign State (L. 512-8, 7°): the lettre de mission stands for the convention.
    "mise_a_disposition_etat_etranger": [
        "accord_agent",
        "information_organe_deliberant",
        "lettre_de_mission",
        "arrete_mise_a_disposition",
        "checklist",
    ],
    "disponibilite": ["arrete_disponibilite", "checklist"],
    "elu": ["demande_mandat_special", "checklist"],
    "retraite": ["note_information_retraite", "checklist"],
}


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_listed_act_renders_valid_and_deterministic(redacteur: Redacteur, route: str) -> None:
    mission, decision = decider(redacteur.engine, route)
    assert decision.documents == ATTENDUS[route]
    actes = rendre(redacteur, route)  # checks the OOXML of each
    assert list(actes) == ATTENDUS[route]
    assert actes == Redacteur(redacteur.engine).rendre(decision, mission)
    for code, contenu in actes.items():
        t = texte(contenu)
        assert t.startswith("Communauté d'agglomération de l'Espace Sud de la Martinique"), code
        assert "Line Rosier" in t, code
        assert "CAESM-2026-014" in t, code
        assert "None" not in t and "[" not in t, code


def test_acts_cite_the_law_in_force_the_day_they_are_signed(redacteur: Redacteur) -> None:
    avant = [{"debut": "2021-09-06", "fin": "2021-10-29"}]
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "convention_mise_a_disposition",
            periodes=avant,
            date_demande="2021-06-01",
        )["convention_mise_a_disposition"]
    )
    assert "Loi n° 84-53 du 26 janvier 1984, art. 61" in t
    assert "Code général de la fonction publique" not in t
    apres = texte(
        rendre(redacteur, "mise_a_disposition", "convention_mise_a_disposition")[
            "convention_mise_a_disposition"
        ]
    )
    assert "Code général de la fonction publique, art. L. 512-7" in apres
    assert "Loi n° 84-53" not in apres
    a_cheval = [{"debut": "2022-02-07", "fin": "2022-03-25"}]
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "arrete_mise_a_disposition",
            periodes=a_cheval,
            date_demande="2022-01-03",
        )["arrete_mise_a_disposition"]
    )
    # Signed at the latest on 4 February 2022 (last working day before departure): the law the
    # act is signed under, never the Code that comes into force during the mission.
    assert "Loi n° 84-53 du 26 janvier 1984, art. 61, relatif à l'accord de l'agent" in t
    assert "Code général de la fonction publique" not in t


def test_unverified_references_stay_marked(redacteur: Redacteur) -> None:
    t = texte(
        rendre(redacteur, "mise_a_disposition", "convention_mise_a_disposition")[
            "convention_mise_a_disposition"
        ]
    )
    assert "Décret n° 2008-580 du 18 juin 2008, art. 1 et art. 3 (à vérifier)" in t
    assert "art. 6 (à vérifier)" not in t  # art. 6 was read
    assert "art. 9 (à vérifier)" not in t  # art. 9: read in the DAECT model (secondary source)


def test_french_formatting_and_agreement(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "convention_mise_a_disposition",
            agent={"remuneration_brute_mensuelle": "2150.5"},
        )["convention_mise_a_disposition"]
    )
    assert "2 150,50 € (deux mille cent cinquante euros et cinquante centimes)" in t
    assert "est mise à disposition" in t and "prend effet le 6 avril 2026" in t
    homme = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "arrete_mise_a_disposition",
            agent={"civilite": "M.", "prenom": "Paul"},
        )["arrete_mise_a_disposition"]
    )
    assert "M. Paul Rosier" in homme and "est mis à disposition d'Expertise France" in homme
    premier = texte(
        rendre(
            redacteur,
            "cumul",
            "autorisation_cumul_activites",
            periodes=[{"debut": "2026-06-01", "fin": "2026-06-03"}],
        )["autorisation_cumul_activites"]
    )
    assert "du lundi 1er juin 2026 au mercredi 3 juin 2026" in premier
