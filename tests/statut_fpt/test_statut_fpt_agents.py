"""statut_fpt, who may take which position: stagiaires, contractuels (statut.md § 2 and § 7)."""

from __future__ import annotations

import pytest
from outils_statut import (
    AMBASSADE,
    EXPERTISE_FRANCE,
    OPERATEUR,
    codes,
    condition,
    de_type,
    mission,
    periode,
    regle,
)

from missio.findings import Alerte, Alternative, Blocage, Cas

QUARANTE = {**OPERATEUR, "periodes": periode("2026-03-02", "2026-04-24")}
TROIS = {**OPERATEUR, "periodes": periode("2026-03-02", "2026-03-04")}
POSITIONS = (
    "mise_a_disposition",
    "detachement_courte_duree",
    "detachement_longue_duree",
    "disponibilite",
)


@pytest.mark.parametrize("dispositif", POSITIONS)
def test_statut_stagiaire_refuses_every_position(dispositif: str) -> None:
    trouves = condition(
        "statut.stagiaire", mission(**QUARANTE, agent={"statut": "stagiaire"}), dispositif
    )
    (blocage,) = de_type(trouves, Blocage)
    assert blocage.code == "statut_stagiaire" and blocage.fondements == (
        "stagiaire.positions_interdites",
    )
    assert "placé en mise à disposition" not in blocage.message
    assert [a.dispositif for a in de_type(trouves, Alternative)] == ["ordre_de_mission"]


def test_statut_stagiaire_says_mis_a_disposition_and_offers_a_short_cumul() -> None:
    trouves = condition(
        "statut.stagiaire", mission(**TROIS, agent={"statut": "stagiaire"}), "mise_a_disposition"
    )
    assert "ne peut pas être mis à disposition" in de_type(trouves, Blocage)[0].message
    assert [a.dispositif for a in de_type(trouves, Alternative)] == [
        "ordre_de_mission",
        "cumul_activites",
    ]
    assert (
        condition(
            "statut.stagiaire", mission(**TROIS, agent={"statut": "stagiaire"}), "cumul_activites"
        )
        == []
    )


@pytest.mark.parametrize("dispositif", POSITIONS)
def test_statut_contractuel_cdd_refuses_every_position(dispositif: str) -> None:
    trouves = condition(
        "statut.contractuel_cdd",
        mission(**QUARANTE, agent={"statut": "contractuel_cdd"}),
        dispositif,
    )
    assert codes(trouves)[0] == "statut_contractuel_cdd"
    assert de_type(trouves, Blocage)[0].fondements == (
        "mad.contractuel_cdi",
        "detachement.definition",
    )


def test_statut_contractuel_cdi_only_territorial_hosts() -> None:
    cdi = {"agent": {"statut": "contractuel_cdi"}}
    refus = condition("statut.contractuel_cdi", mission(**QUARANTE, **cdi), "mise_a_disposition")
    assert codes(refus)[0] == "statut_contractuel_cdi"
    territoire = {"nom": "Métropole de Lyon", "nature": "collectivite_francaise", "pays": "FR"}
    admis = condition(
        "statut.contractuel_cdi",
        mission(**{**QUARANTE, **cdi, "accueil": territoire}),
        "mise_a_disposition",
    )
    (cas,) = de_type(admis, Cas)
    assert cas.fondements == ("mad.contractuel_cdi",) and not de_type(admis, Blocage)
    position = condition("statut.contractuel_cdi", mission(**QUARANTE, **cdi), "disponibilite")
    assert "position de fonctionnaire" in de_type(position, Blocage)[0].message


def test_statut_contractuel_cdi_shows_the_open_question_on_the_state() -> None:
    cdi = {"agent": {"statut": "contractuel_cdi"}}
    etat = condition(
        "statut.contractuel_cdi",
        mission(**{**QUARANTE, **cdi, "accueil": AMBASSADE}),
        "mise_a_disposition",
    )
    blocage = de_type(etat, Blocage)[0]
    assert blocage.fondements == ("mad.contractuel_cdi", "mad.contractuel_cdi_etat")
    assert "Question ouverte (à vérifier)" in blocage.message and "2016-1123" in blocage.message
    # Before the decree's earliest attested date, the question does not arise.
    avant = mission(
        **{**QUARANTE, **cdi, "accueil": AMBASSADE, "periodes": periode("2016-03-01", "2016-04-22")}
    )
    assert de_type(condition("statut.contractuel_cdi", avant, "mise_a_disposition"), Blocage)[
        0
    ].fondements == ("mad.contractuel_cdi",)
    # Only for the State: an operator raises no such question.
    operateur = condition(
        "statut.contractuel_cdi",
        mission(**{**QUARANTE, **cdi, "accueil": EXPERTISE_FRANCE}),
        "mise_a_disposition",
    )
    assert "Question ouverte" not in de_type(operateur, Blocage)[0].message


def test_titulaire_passes_every_statut_condition() -> None:
    for code in ("statut.stagiaire", "statut.contractuel_cdd", "statut.contractuel_cdi"):
        for dispositif in POSITIONS:
            assert condition(code, mission(**QUARANTE), dispositif) == []


def test_contrat_fin_before_the_return() -> None:
    m = mission(**TROIS, agent={"statut": "contractuel_cdd", "fin_contrat": "2026-03-03"})
    (alerte,) = regle("contrat.fin", m, "cumul_activites")
    assert isinstance(alerte, Alerte) and alerte.code == "contrat.fin_avant_retour"
    assert alerte.fondements == ("cumul.accessoire",) and "03/03/2026" in alerte.message
    assert regle("contrat.fin", m, "ordre_de_mission")[0].fondements == ("om.definition_mission",)
    assert (
        regle(
            "contrat.fin",
            mission(**TROIS, agent={"statut": "contractuel_cdd", "fin_contrat": "2026-12-31"}),
            "cumul_activites",
        )
        == []
    )
