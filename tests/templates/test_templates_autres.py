"""The other acts: ordre de mission (EXPE-CT mentions), mandat spécial, retiree's note,
partnership convention and its financial annex, EXPE-CT report, installation bonus."""

from __future__ import annotations

import pytest
from outils_templates import avec, decider, moteur, rendre, texte, valider_ooxml

from missio.documents import Redacteur
from missio.models import Financement, Obligation


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def test_ordre_de_mission(redacteur: Redacteur) -> None:
    t = texte(rendre(redacteur, "ordre_de_mission", "ordre_de_mission")["ordre_de_mission"])
    assert "Mme Line Rosier, adjoint technique territorial, est chargée de la mission" in t
    assert "du lundi 2 mars 2026 au vendredi 28 août 2026" in t
    assert "122 jours ouvrés (cent vingt-deux)" in t
    assert "Elle est agent en mission, munie du présent ordre" in t
    assert "dans la limite de douze mois" in t
    assert "EXPE-CT" not in t


def test_ordre_de_mission_carries_the_expe_ct_mentions(redacteur: Redacteur) -> None:
    mission, decision = decider(
        redacteur.engine,
        "ordre_de_mission",
        cadre="expe_ct",
        periodes=[{"debut": "2026-05-11", "fin": "2026-05-15"}],
    )
    decision = avec(
        decision,
        obligations=[
            *decision.obligations,
            Obligation(
                code="expe_ct.rapport",
                libelle="Remettre le rapport de mission",
                echeance="2026-07-15",
                responsable="agent",
                fondements=[],
            ),
        ],
        financements=[
            Financement(
                poste="transport_international",
                libelle="Transport international",
                payeur="meae",
                montant=None,
                fondements=[],
            ),
            Financement(
                poste="sejour",
                libelle="Frais de séjour",
                payeur="accueil",
                montant=None,
                fondements=[],
            ),
        ],
    )
    contenu = redacteur.rendre_un("ordre_de_mission", decision, mission)
    valider_ooxml(contenu)
    t = texte(contenu)
    assert (
        "le label EXPE-CT délivré à la Communauté d'agglomération de l'Espace Sud de la Martinique le 1er février 2021 pour : gestion des déchets"
        in t
    )
    assert "dans le cadre du programme EXPE-CT" in t
    assert (
        "Transport international — à la charge du ministère de l'Europe et des Affaires étrangères"
        in t
    )
    assert "Frais de séjour — à la charge de l'organisme d'accueil" in t
    assert (
        "le transport international est pris en charge par le ministère de l'Europe et des Affaires étrangères"
        in t
    )
    assert "Article 6 — Rapport de mission" in t and "au plus tard le 15 juillet 2026" in t
    # The steps and deadlines are the checklist's: an ordre de mission does not carry them.
    assert "Démarches et échéances" not in t.split("\n")[-1] or "Article 8" not in t
    assert "Article 7 — Validité" in t and "Article 8" not in t
    rapport = redacteur.rendre_un("rapport_mission_expe_ct", decision, mission)
    valider_ooxml(rapport)
    r = texte(rapport)
    assert "À remettre au plus tard le 15 juillet 2026" in r
    assert "2. Compte rendu de la mission" in r and "3. Action complémentaire" in r
    assert "coopération à plus long terme" in r and "remboursement des frais" in r
    assert "label EXPE-CT du 1er février 2021 (gestion des déchets)" in r


def test_mandat_special(redacteur: Redacteur) -> None:
    t = texte(rendre(redacteur, "elu", "demande_mandat_special")["demande_mandat_special"])
    assert (
        "Mme Line Rosier, conseillère communautaire déléguée, élue de la Communauté d'agglomération"
        in t
    )
    assert "PROJET DE DÉLIBÉRATION" in t
    # The CAESM is an EPCI: its elected officials' mandat spécial is CGCT L. 5211-14.
    assert "Code général des collectivités territoriales, art. L. 5211-14" in t
    assert "L. 2123-18" not in t
    assert "Un mandat spécial est confié à Mme Line Rosier" in t
    # No advice in the act (« un mandat spécial ne se confère pas après coup »): the deadline
    # of the deliberation is the checklist's.
    assert "après coup" not in t and "au plus tard" not in t
    assert "ordre de mission" not in t
    assert "– date de la séance de l'assemblée délibérante" in t  # a blank, in the review box


def test_note_for_a_retiree(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "retraite",
            "note_information_retraite",
            agent={"date_naissance": "1959-03-01"},
        )["note_information_retraite"]
    )
    assert "Madame," in t and "Vous êtes recrutée directement par Expertise France" in t
    assert "Code général de la fonction publique, art. L. 556-11" in t
    assert "mission ponctuelle accomplie sans lien de subordination" in t
    assert "Limite d'âge des agents contractuels nés le 01/03/1959 : 67 ans, atteinte le" in t
    assert "CNRACL" in t and "ne constitue pas une décision" in t


def test_partnership_convention_and_financial_annex(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "convention_partenariat",
            agent={"remuneration_brute_mensuelle": "2300"},
            remuneration_accueil="1500",
        )["convention_partenariat"]
    )
    for article in (
        "Objet",
        "Actions à mettre en œuvre",
        "Modalités techniques",
        "Mobilisation de l'expert",
        "Pilotage, suivi et évaluation",
        "Propriété intellectuelle",
        "Communication",
        "Durée",
        "Résiliation",
        "Modification",
        "Litiges",
        "Exécution",
    ):
        assert f"— {article}" in t, article
    assert "L'agent est mis à disposition de l'opérateur, avec son accord" in t
    assert "ANNEXE FINANCIÈRE" in t
    assert (
        "1. Honoraires couvrant la rémunération de l'agent" in t and "2. Frais de gestion | ……" in t
    )
    assert "3. Complément de rémunération de l'expert" in t and "| 1 500,00 € |" in t
    assert "2 300,00 € (deux mille trois cents euros)" in t
    assert "– montant des frais de gestion" in t  # each blank is listed in the review box
    # The model's 5/6-day gap is not copied: the route comes from the decision.
    assert "5 jours" not in t and "6 jours" not in t


def test_installation_bonus(redacteur: Redacteur) -> None:
    mission, decision = decider(redacteur.engine, "ordre_de_mission")
    decision = avec(
        decision,
        financements=[
            *decision.financements,
            Financement(
                poste="prime_installation",
                libelle="Prime d'installation",
                payeur="employeur",
                montant="1000",
                fondements=["aect.base"],
            ),
            Financement(
                poste="transport",
                libelle="Billet d'avion aller-retour",
                payeur="employeur",
                montant=None,
                fondements=[],
            ),
        ],
    )
    contenu = redacteur.rendre_un("decision_prime_installation", decision, mission)
    valider_ooxml(contenu)
    t = texte(contenu)
    assert "Code général des collectivités territoriales, art. L. 1115-1 ;" in t  # its fondement
    assert (
        "Une prime d'installation de 1 000,00 € (mille euros) est attribuée à Mme Line Rosier" in t
    )
    assert "versée en une seule fois, au départ" in t
    # The journey is an item of the ordre de mission, not of the bonus's arrêté.
    assert "Billet d'avion" not in t and "Article 3 — Voies de recours" in t
    sans = texte(
        redacteur.rendre_un(
            "decision_prime_installation", decider(redacteur.engine, "ordre_de_mission")[1], mission
        )
    )
    assert "Une prime d'installation de ………" in sans and "Article 3 — Voies de recours" in sans
    assert "– montant de la prime d'installation" in sans  # in the review box
    # The agent pays nothing the act would sign: a policy cannot withhold the allowances.
    assert "à la charge de l'agent" not in t.lower() and "À la charge de l'agent" not in t
