"""Mise à disposition: the convention's mandatory clauses, the arrêté, the agent's consent and
the prior information of the assembly."""

from __future__ import annotations

import pytest
from outils_templates import moteur, rendre, texte

from missio.documents import Redacteur


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


@pytest.fixture(scope="module")
def actes(redacteur: Redacteur) -> dict[str, str]:
    return {code: texte(c) for code, c in rendre(redacteur, "mise_a_disposition").items()}


@pytest.mark.parametrize(
    "clause",
    [
        "Article 2 — Nature et niveau des activités",
        "Article 3 — Durée",
        "Article 4 — Conditions d'emploi",
        "Article 6 — Contrôle et évaluation des activités",
        "Article 7 — Rémunération",
        "Article 8 — Remboursement",
        "Article 9 — Complément de rémunération et frais",
        "Article 10 — Fin de la mise à disposition",
        "Article 11 — Modification",
        "Article 12 — Litiges",
    ],
)
def test_convention_has_every_mandatory_clause(actes: dict[str, str], clause: str) -> None:
    assert clause in actes["convention_mise_a_disposition"]


def test_convention_content(actes: dict[str, str]) -> None:
    t = actes["convention_mise_a_disposition"]
    # Two distinct parties (the DAECT model names both "organisme d'accueil").
    assert (
        "ci-après « la collectivité d'origine »" in t and "ci-après « l'organisme d'accueil »" in t
    )
    assert "mission d'expertise « Mise en place du tri sélectif à Montmagny », au Sénégal" in t
    assert "prend effet le 6 avril 2026 et prend fin le 29 mai 2026, soit 34 jours ouvrés" in t
    assert "Elle ne peut excéder trois ans" in t
    assert "rapport sur la manière de servir" in t
    assert "rembourse à la collectivité d'origine la rémunération" in t
    assert "Aucune dérogation n'est possible pour cet organisme" in t
    assert (
        "Complément de rémunération versé à l'agent par l'organisme d'accueil pour la durée de la "
        "mise à disposition : ………" in t
    )
    assert "moyennant un préavis de ………" in t and "faute disciplinaire" in t
    # The blanks are listed, by what they stand for, in the review box at the top.
    assert "– montant du complément de rémunération, ou « néant »" in t
    assert "– durée du préavis de fin anticipée" in t
    # The nature of the activities comes from the mission, not from dotted lines.
    assert "les activités de la mission d'expertise « Mise en place du tri sélectif" in t
    assert "fait l'objet d'un avenant, soumis avant sa signature à l'accord de l'agent" in t
    assert "tribunal administratif compétent" in t
    assert "Vu :" in t and "statut particulier" not in t  # not the model's wrong title
    assert "Pour la collectivité d'origine / Président / André Lesueur | Pour l'organisme" in t


def test_convention_offers_the_waiver_where_the_law_allows_it(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "convention_mise_a_disposition",
            cadre="organisation_internationale",
            accueil={
                "nom": "Organisation des Nations unies pour l'éducation",
                "nature": "organisation_internationale",
                "pays": "FR",
            },
            pays="FR",
            remuneration_accueil="600",
        )["convention_mise_a_disposition"]
    )
    assert "Option A — remboursement" in t and "Option B — dérogation" in t
    assert "600,00 € (six cents euros)" in t
    assert "– option de remboursement retenue (cocher A ou B)" in t


def test_half_time_keeps_sick_leave_with_the_employer(redacteur: Redacteur) -> None:
    # The share put at the host's disposal, not the agent's working time (décret n° 2008-580,
    # art. 6): an agent working full time put at the host's disposal for half of it.
    actes = {
        c: texte(b)
        for c, b in rendre(redacteur, "mise_a_disposition", quotite_mise_a_disposition=0.5).items()
    }
    t = actes["convention_mise_a_disposition"]
    assert "est mise à disposition de l'organisme d'accueil pour 50 % de son service" in t
    assert "temps de travail" not in t
    assert "sont prises par la collectivité d'origine, après avis de l'organisme d'accueil" in t
    assert "pour 50 % de son service, afin d'y exercer" in actes["arrete_mise_a_disposition"]
    assert "pour 50 % de mon service" in actes["accord_agent"]
    assert (
        "Quotité de mise à disposition | 50 % du service de l'agent"
        in (actes["information_organe_deliberant"])
    )


def test_part_time_agent_put_at_disposal_for_all_of_the_service(redacteur: Redacteur) -> None:
    # An agent at 80 %, put at the host's disposal for the whole service: the host decides on
    # leave; the acts never print the working time as the share of the mise à disposition.
    actes = {
        c: texte(b)
        for c, b in rendre(redacteur, "mise_a_disposition", agent={"quotite_travail": 0.8}).items()
    }
    t = actes["convention_mise_a_disposition"]
    assert "pour la totalité de son service" in t and "80 %" not in t
    assert "l'organisme d'accueil prend également les décisions relatives à ses congés annuels" in t
    assert "pour la totalité de son service" in actes["arrete_mise_a_disposition"]


def test_arrete(actes: dict[str, str]) -> None:
    t = actes["arrete_mise_a_disposition"]
    assert "ARRÊTÉ PORTANT MISE À DISPOSITION" in t
    assert "André Lesueur, Président," in t and "Arrête :" in t
    assert (
        "l'accord écrit de l'agent en date du" in t
        and "l'information préalable de l'assemblée délibérante" in t
    )
    assert "est mise à disposition d'Expertise France (Sénégal) du 6 avril 2026 au 29 mai 2026" in t
    assert "recours contentieux devant le tribunal administratif compétent" in t
    assert "Notifié à l'agent le" in t


def test_agent_consent_and_assembly_information(actes: dict[str, str]) -> None:
    accord = actes["accord_agent"]
    assert "ACCORD DE L'AGENT SUR SA MISE À DISPOSITION" in accord
    assert "Je soussignée, Mme Line Rosier" in accord
    assert (
        "la nature des activités qui me seront confiées" in accord
        and "mes conditions d'emploi" in accord
    )
    assert "Code général de la fonction publique, art. L. 512-7" in accord
    information = actes["information_organe_deliberant"]
    assert "Code général de la fonction publique, art. L. 512-12" in information
    assert (
        "avant qu'elle ne soit prononcée" in information
        and "ne donne pas lieu à un vote" in information
    )
    assert "Organisme d'accueil | Expertise France (Sénégal)" in information
