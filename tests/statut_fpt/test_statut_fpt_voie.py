"""statut_fpt, the route by cadre and volume (note DAECT, II), and the 6-day reading."""

from __future__ import annotations

import pytest
from outils_statut import (
    COMMUNE_SN,
    ENTREPRISE,
    OI,
    ONG,
    OPERATEUR,
    contexte,
    mission,
    periode,
    regle,
    voie,
)

from missio_statut_fpt.registre import voies
from missio_statut_fpt.voie import libelle_daect, palier

SIX = periode("2026-03-02", "2026-03-09")  # 6 working days in Lyon


def test_voie_accueil_en_france_applies_to_hosting_only() -> None:
    proposition = voie("voie.accueil_en_france", mission(sens="accueil"))
    assert proposition.dispositif == "aucun" and proposition.refus is None
    assert voie("voie.accueil_en_france", mission()) is None


def test_voie_cooperation_propre_is_an_ordre_de_mission_with_the_note_read_at_the_decision() -> (
    None
):
    proposition = voie("voie.cooperation_propre", mission(accueil=COMMUNE_SN, pays="SN"))
    assert proposition.dispositif == "ordre_de_mission"
    assert proposition.fondements == ("aect.base", "om.definition_mission")
    assert [a.dispositif for a in proposition.alternatives] == [
        "mise_a_disposition"
    ]  # checked later
    (constat,) = proposition.constats
    assert (
        constat.fondements == ("daect.cooperation_propre",)
        and "recommandation de la note DAECT" in constat.texte
    )
    court = voie(
        "voie.cooperation_propre", mission(periodes=SIX[:1] and periode("2026-03-02", "2026-03-04"))
    )
    assert court.alternatives == ()


@pytest.mark.parametrize(
    ("jours_fin", "dispositif"),
    [
        ("2026-03-06", "cumul_activites"),
        ("2026-03-09", "mise_a_disposition"),
        ("2026-10-30", "detachement_courte_duree"),
    ],
)
def test_voie_operateur_grid(jours_fin: str, dispositif: str) -> None:
    proposition = voie(
        "voie.operateur", mission(**OPERATEUR, periodes=periode("2026-03-02", jours_fin))
    )
    assert proposition.dispositif == dispositif
    assert proposition.constats[0].fondements == ("daect.seuils",)


def test_voie_operateur_on_service_time_is_an_ordre_de_mission() -> None:
    proposition = voie(
        "voie.operateur",
        mission(
            **OPERATEUR, sur_temps_de_service=True, periodes=periode("2026-03-02", "2026-03-04")
        ),
    )
    assert proposition.dispositif == "ordre_de_mission"
    assert [a.dispositif for a in proposition.alternatives] == ["cumul_activites"]


def test_voie_accueil_direct_uses_the_same_grid() -> None:
    proposition = voie(
        "voie.accueil_direct",
        mission(cadre="organisation_internationale", accueil=OI, periodes=SIX),
    )
    assert (
        proposition.dispositif == "mise_a_disposition"
        and voie("voie.operateur", mission(cadre="organisation_internationale")) is None
    )


def test_voie_initiative_agent_detachement_when_a_case_fits_or_may_fit() -> None:
    long = {
        "cadre": "initiative_agent",
        "pays": "SN",
        "periodes": periode("2026-03-02", "2026-12-18"),
    }
    assert (
        voie("voie.initiative_agent", mission(**long, accueil=OI)).dispositif
        == "detachement_courte_duree"
    )
    assert (
        voie("voie.initiative_agent", mission(**long, accueil=ONG)).dispositif
        == "detachement_courte_duree"
    )
    assert (
        voie("voie.initiative_agent", mission(**long, accueil=ENTREPRISE)).dispositif
        == "disponibilite"
    )
    court = voie(
        "voie.initiative_agent",
        mission(**{**long, "periodes": periode("2026-03-02", "2026-03-04")}, accueil=ONG),
    )
    assert court.dispositif == "cumul_activites"


def test_exactly_one_route_rule_applies() -> None:
    for m in (
        mission(),
        mission(sens="accueil"),
        mission(agent={"statut": "elu"}),
        mission(**OPERATEUR, agent={"statut": "retraite"}),
        mission(**OPERATEUR),
        mission(cadre="initiative_agent"),
    ):
        propositions = [r.code for r in voies if voies.appeler(r.code, m, contexte(m)) is not None]
        assert len(propositions) == 1, propositions


def test_the_grid_label_follows_the_date_of_the_note() -> None:
    avant = mission(**OPERATEUR, periodes=SIX, date_demande="2021-06-23")
    apres = mission(**OPERATEUR, periodes=SIX, date_demande="2021-06-24")
    assert (
        libelle_daect("daect.seuils", avant, contexte(avant))
        == "grille missio, antérieure à la note DAECT"
    )
    assert (
        libelle_daect("daect.seuils", apres, contexte(apres)) == "recommandation de la note DAECT"
    )


def test_palier_has_no_gap() -> None:
    m = mission()
    assert [palier(v, contexte(m)) for v in (5, 6, 130, 131)] == [
        "cumul_activites",
        "mise_a_disposition",
        "mise_a_disposition",
        "detachement",
    ]


def test_daect_borne_6_only_when_the_note_may_be_cited() -> None:
    m = mission(**OPERATEUR, periodes=SIX)
    (constat,) = regle("daect.borne_6", m, "mise_a_disposition")
    assert "annexe 1" in constat.texte and constat.le == m.date_procedure
    avant = mission(
        **OPERATEUR, periodes=periode("2021-03-01", "2021-03-08"), date_demande="2021-01-04"
    )
    assert regle("daect.borne_6", avant, "mise_a_disposition") == []  # missio's own grid then
    assert (
        regle(
            "daect.borne_6",
            mission(**OPERATEUR, periodes=periode("2026-03-02", "2026-03-10")),
            "mise_a_disposition",
        )
        == []
    )
