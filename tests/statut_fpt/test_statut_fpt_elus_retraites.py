"""statut_fpt, elected officials (mandat spécial by level, CGCT) and retirees (age limit by
generation, loi n° 84-834, art. 6-2 kept after 2022)."""

from __future__ import annotations

import pytest
from outils_statut import OPERATEUR, codes, de_type, mission, periode, regle, voie

from missio.findings import Alerte, Cas
from missio_statut_fpt.retraites import limite_d_age

ELU = {"agent": {"statut": "elu"}}


def employeur(nature: str) -> dict[str, object]:
    return {"employeur": {"nature": nature}}


def test_statut_elu_mandat_special_in_own_cooperation_else_refused() -> None:
    proposition = voie("statut.elu", mission(**ELU))
    assert proposition.dispositif == "mandat_special"
    assert proposition.fondements == ("elu.mandat_special.commune",)
    hors = voie("statut.elu", mission(**ELU, **OPERATEUR))
    assert hors.refus is not None and hors.refus.code == "statut_elu"
    assert voie("statut.elu", mission()) is None


@pytest.mark.parametrize(
    ("nature", "cle"),
    [
        ("commune", "elu.mandat_special.commune"),
        ("departement", "elu.mandat_special.departement"),
        ("region", "elu.mandat_special.region"),
        ("epci", "elu.mandat_special.epci"),
    ],
)
def test_elu_mandat_special_cites_the_article_of_the_level(nature: str, cle: str) -> None:
    trouves = regle("elu.mandat_special", mission(**ELU, **employeur(nature)), "mandat_special")
    (cas,) = de_type(trouves, Cas)
    assert cas.fondements == (cle,)
    assert all(getattr(f, "fondements", (cle,)) == (cle,) for f in trouves)
    assert "elu.mandat_special_article" not in codes(trouves)


@pytest.mark.parametrize(
    "nature",
    [
        "collectivite_territoriale_unique",
        "syndicat_mixte",
        "etablissement_public",
        "association_elus",
    ],
)
def test_elu_mandat_special_lends_no_article_where_none_was_read(nature: str) -> None:
    trouves = regle("elu.mandat_special", mission(**ELU, **employeur(nature)), "mandat_special")
    alerte = de_type(trouves, Alerte)[0]
    assert alerte.code == "elu.mandat_special_article" and alerte.fondements == (
        "elu.mandat_special",
    )
    assert de_type(trouves, Cas)[0].fondements == ("elu.mandat_special",)


def test_elu_mandat_special_under_expe_ct_for_an_epci() -> None:
    trouves = regle(
        "elu.mandat_special", mission(**ELU, cadre="expe_ct", **employeur("epci")), "mandat_special"
    )
    assert de_type(trouves, Cas)[0].fondements == ("elu.mandat_special.epci",)


LIMITES = [
    {"nes_depuis": None, "mois": 780},
    {"nes_depuis": "1951-07-01", "mois": 784},
    {"nes_depuis": "1952-01-01", "mois": 789},
    {"nes_depuis": "1953-01-01", "mois": 794},
    {"nes_depuis": "1954-01-01", "mois": 799},
    {"nes_depuis": "1955-01-01", "mois": 804},
]


@pytest.mark.parametrize(
    ("naissance", "mois"),
    [
        ("1951-06-30", 780),
        ("1951-07-01", 784),
        ("1952-06-15", 789),
        ("1953-12-31", 794),
        ("1954-01-01", 799),
        ("1960-02-10", 804),
    ],
)
def test_limite_d_age_by_generation(naissance: str, mois: int) -> None:
    from datetime import date

    assert limite_d_age(date.fromisoformat(naissance), LIMITES) == mois


def test_retraite_information_reads_the_table_from_the_source() -> None:
    ne_1952 = mission(**OPERATEUR, agent={"statut": "retraite", "date_naissance": "1952-06-15"})
    alerte = next(
        a
        for a in regle("retraite.information", ne_1952, "recrutement_direct")
        if getattr(a, "code", "") == "retraite.limite_age"
    )
    assert "65 ans et 9 mois" in alerte.message and "15/03/2018" in alerte.message
    assert alerte.fondements == ("retraite.limite_age", "retraite.mission_ponctuelle")
    jeune = mission(
        **OPERATEUR,
        agent={"statut": "retraite", "date_naissance": "1960-02-10"},
        periodes=periode("2026-09-07", "2026-10-30"),
    )
    assert "retraite.limite_age" not in codes(
        regle("retraite.information", jeune, "recrutement_direct")
    )
    inconnu = mission(**OPERATEUR, agent={"statut": "retraite", "date_naissance": None})
    assert "retraite.date_naissance" in codes(
        regle("retraite.information", inconnu, "recrutement_direct")
    )


def test_statut_retraite_is_direct_hiring() -> None:
    proposition = voie("statut.retraite", mission(**OPERATEUR, agent={"statut": "retraite"}))
    assert proposition.dispositif == "recrutement_direct"
    assert voie("statut.retraite", mission(sens="accueil", agent={"statut": "retraite"})) is None
