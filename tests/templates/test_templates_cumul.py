"""Cumul d'activités: the agent's request with the honour declaration, the employer's
authorisation with its conditions and the cases where it ends."""

from __future__ import annotations

import pytest
from outils_templates import moteur, rendre, texte

from missio.documents import Redacteur


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def test_request_has_the_honour_declaration(redacteur: Redacteur) -> None:
    t = texte(rendre(redacteur, "cumul", "demande_cumul_activites")["demande_cumul_activites"])
    assert "4. Déclaration sur l'honneur" in t
    assert "déclare sur l'honneur" in t
    assert "ni de la surveillance ni de l'administration de cet organisme" in t
    assert (
        "article 432-12 du code pénal relatif à la prise illégale d'intérêts (Code pénal, art. 432-12)"
        in t
    )
    assert "Organisme pour le compte duquel l'activité s'exerce | Expertise France (Sénégal)" in t
    assert "Durée | 3 jours ouvrés (trois)" in t
    assert "Rémunération de l'activité | …………" in t
    assert "5. Avis du supérieur hiérarchique" in t
    # The request is the agent's form: the answer's deadline and the silence rule are the
    # checklist's, not notes of the act.
    assert "vaut rejet" not in t and "au plus tard" not in t
    assert "– rémunération de l'activité accessoire" in t  # blank listed in the review box


def test_request_reads_the_procedure_at_the_date_of_the_request(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "cumul",
            "demande_cumul_activites",
            date_demande="2016-03-01",
            periodes=[{"debut": "2016-05-10", "fin": "2016-05-12"}],
            remuneration_accueil="1200",
        )["demande_cumul_activites"]
    )
    # Délai et silence : décret n° 2007-658, art. 6 (cité par idcite.com, relu en décembre 2026).
    assert "Décret n° 2007-658 du 2 mai 2007, art. 6" in t
    assert "1 200,00 € (mille deux cents euros), versés par Expertise France" in t


def test_authorisation_conditions_and_withdrawal(redacteur: Redacteur) -> None:
    t = texte(
        rendre(redacteur, "cumul", "autorisation_cumul_activites")["autorisation_cumul_activites"]
    )
    assert "ARRÊTÉ PORTANT AUTORISATION DE CUMUL D'ACTIVITÉS À TITRE ACCESSOIRE" in t
    assert (
        "Code général de la fonction publique, art. L. 123-7, relatif aux activités accessoires"
        in t
    )
    assert "est autorisée à exercer, à titre accessoire, pour le compte d'Expertise France" in t
    assert "en dehors des heures de service, sans autorisation d'absence" in t
    assert "peut s'opposer à tout moment" in t
    assert "informations sur lesquelles l'autorisation a été donnée se révèlent erronées" in t
    assert "cesse de revêtir un caractère accessoire" in t
    assert "nouvelle demande" in t
    assert "la demande présentée par Mme Line Rosier le 12 janvier 2026" in t
    # The agent works privately, on leave days, paid by the operator: nothing commits the
    # collectivité.
    assert "sont pris sur les congés annuels ou les jours de réduction du temps de travail" in t
    assert "est rémunérée directement par Expertise France" in t
    assert "La collectivité n'est pas partie à ce contrat" in t
    assert "soit 3 jours ouvrés (trois)." in t
