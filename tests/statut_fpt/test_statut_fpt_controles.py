"""statut_fpt, cross-cutting rules: destination vigilance, holidays that move the route,
declared days, the partner of a decentralised cooperation, telework."""

from __future__ import annotations

from outils_statut import COMMUNE_SN, ETAT, OPERATEUR, codes, de_type, mission, periode, regle

from missio.findings import Alerte, Constat

METZ = {"employeur": {"nom": "Ville de Metz", "departement": "57", "nature": "commune"}}


def test_securite_vigilance_for_orange_and_red_on_every_route() -> None:
    for dispositif in (
        "ordre_de_mission",
        "mise_a_disposition",
        "detachement_longue_duree",
        "mandat_special",
    ):
        (alerte,) = regle("securite.vigilance", mission(vigilance="orange"), dispositif)
        assert (
            alerte.code == "securite.vigilance"
            and "déconseillée sauf raison impérative" in alerte.message
        )
        assert alerte.fondements == ("securite.devoir_employeur", "securite.conseils_voyageurs")
    assert (
        "formellement déconseillée"
        in regle("securite.vigilance", mission(vigilance="rouge"), "ordre_de_mission")[0].message
    )
    assert regle("securite.vigilance", mission(vigilance="jaune"), "ordre_de_mission") == []
    assert regle("securite.vigilance", mission(vigilance="rouge"), "recrutement_direct") == []
    assert regle("securite.vigilance", mission(vigilance="rouge", sens="accueil"), "aucun") == []


def test_securite_vigilance_cites_the_note_only_from_june_2021() -> None:
    (alerte,) = regle(
        "securite.vigilance",
        mission(vigilance="rouge", periodes=periode("2019-03-04", "2019-03-08")),
        "ordre_de_mission",
    )
    assert alerte.fondements == ("securite.conseils_voyageurs",)


def test_calendrier_feries_seuil_names_the_day_and_the_other_route() -> None:
    m = mission(**OPERATEUR, **METZ, periodes=periode("2026-11-02", "2027-05-10"))
    (alerte,) = regle("calendrier.feries_seuil", m, "mise_a_disposition")
    assert alerte.code == "calendrier.ferie_seuil" and alerte.fondements == (
        "calendrier.feries_alsace_moselle",
    )
    assert "26/03/2027 (Vendredi saint)" in alerte.message
    assert "130 jours ouvrés (mise à disposition)" in alerte.message
    assert "131 jours ouvrés" in alerte.message and "détachement de courte durée" in alerte.message


def test_calendrier_feries_seuil_pentecost_when_the_solidarity_day_is_unknown() -> None:
    m = mission(
        **OPERATEUR, periodes=periode("2026-05-20", "2026-05-27")
    )  # 5 days with Pentecost off
    (alerte,) = regle("calendrier.feries_seuil", m, "cumul_activites")
    assert "25/05/2026 (lundi de Pentecôte)" in alerte.message and alerte.fondements == (
        "calendrier.journee_solidarite",
    )


def test_calendrier_feries_seuil_silent_when_the_route_would_not_change() -> None:
    assert (
        regle(
            "calendrier.feries_seuil",
            mission(**OPERATEUR, **METZ, periodes=periode("2026-03-30", "2026-04-30")),
            "mise_a_disposition",
        )
        == []
    )
    declare = mission(
        **OPERATEUR, **METZ, periodes=periode("2026-11-02", "2027-05-10"), jours_expertise=130
    )
    assert (
        regle("calendrier.feries_seuil", declare, "mise_a_disposition") == []
    )  # a declared volume
    assert (
        regle(
            "calendrier.feries_seuil",
            mission(**METZ, periodes=periode("2026-11-02", "2027-05-10")),
            "ordre_de_mission",
        )
        == []
    )


def test_calendrier_pentecote_alert() -> None:
    (alerte,) = regle(
        "calendrier.pentecote",
        mission(**OPERATEUR, periodes=periode("2026-05-18", "2026-05-29")),
        "mise_a_disposition",
    )
    assert "le volume est de 10 jours ouvrés" in alerte.message
    declare = mission(**OPERATEUR, periodes=periode("2026-05-18", "2026-05-29"), jours_expertise=4)
    assert (
        "les périodes comptent 10 jours ouvrés"
        in regle("calendrier.pentecote", declare, "cumul_activites")[0].message
    )


def test_calendrier_jours_declares_and_jours_non_couverts() -> None:
    m = mission(**OPERATEUR, periodes=periode("2026-09-07", "2026-09-18"), jours_expertise=4)
    (constat,) = regle("calendrier.jours_declares", m, "cumul_activites")
    assert (
        isinstance(constat, Constat)
        and "4 jours d'expertise déclarés (au lieu des 10" in constat.texte
    )
    (alerte,) = regle("calendrier.jours_non_couverts", m, "cumul_activites")
    assert (
        "10 jours ouvrés d'absence, dont 4 jours d'expertise" in alerte.message
        and "6 autres" in alerte.message
    )
    assert "quotité" in regle("calendrier.jours_non_couverts", m, "mise_a_disposition")[0].message
    assert regle("calendrier.jours_non_couverts", m, "ordre_de_mission") == []
    # 7 days declared over a Monday-Sunday week: the weekend is worked (more would be refused).
    au_dessus = mission(
        **OPERATEUR, periodes=periode("2026-09-07", "2026-09-13"), jours_expertise=7
    )
    assert (
        codes(regle("calendrier.jours_declares", au_dessus, "mise_a_disposition"))[-1]
        == "calendrier.jours_declares"
    )


def test_aect_partenaire() -> None:
    assert codes(regle("aect.partenaire", mission(accueil=ETAT), "ordre_de_mission")) == [
        "aect.etat_etranger"
    ]
    assert regle("aect.partenaire", mission(accueil=COMMUNE_SN), "ordre_de_mission") == []


def test_teletravail_compatibilite() -> None:
    (alerte,) = regle(
        "teletravail.compatibilite", mission(teletravail_jours_par_semaine=2), "mise_a_disposition"
    )
    assert isinstance(alerte, Alerte) and alerte.code == "teletravail.position"
    assert codes(
        regle(
            "teletravail.compatibilite",
            mission(teletravail_jours_par_semaine=2),
            "ordre_de_mission",
        )
    ) == ["teletravail.etranger"]
    assert de_type(regle("teletravail.compatibilite", mission(), "ordre_de_mission"), Alerte) == []
