"""The mission's shape: team (R7), « une semaine » (R8) and working time (R10)."""

from __future__ import annotations

import pytest
from expe_ct_aide import alertes, blocages, decider, mission_expe, periode, trace

from missio.engine import Engine
from missio.errors import ErreurValidation

OUVRES = {"expe_ct.duree_max": {"valeur": 5, "unite": "jours_ouvres_sur_place"}}

# --- R7: one or two people -----------------------------------------------------------------


@pytest.mark.parametrize(("nombre", "bloque"), [(0, True), (1, False), (2, False), (3, True)])
def test_team_of_one_or_two_sent(nombre, bloque) -> None:  # type: ignore[no-untyped-def]
    decision = decider(ext={"nombre_personnes": nombre})
    assert blocages(decision) == (["expe_ct.taille_equipe"] if bloque else [])


def test_three_agents_are_told_how_to_split() -> None:
    decision = decider(ext={"nombre_personnes": 3})
    blocage = decision.blocages[0]
    assert "3 personnes" in blocage.message
    assert "deux personnes" in (blocage.remede or "") and "hors EXPE-CT" in (blocage.remede or "")
    assert "ordre_de_mission" in [a.dispositif for a in decision.alternatives]


@pytest.mark.parametrize(("nombre", "bloque"), [(2, False), (3, True)])
def test_team_of_one_or_two_hosted(nombre, bloque) -> None:  # type: ignore[no-untyped-def]
    decision = decider(pays="FR", sens="accueil", ext={"nombre_personnes": nombre})
    assert blocages(decision) == (["expe_ct.taille_equipe"] if bloque else [])
    if bloque:
        assert "représentants" in decision.blocages[0].message


def test_an_unstated_hosted_team_warns() -> None:
    decision = decider(pays="FR", sens="accueil", ext={"nombre_personnes": None})
    assert decision.conforme
    assert "expe_ct.equipe_non_precisee" in alertes(decision)


# --- R8: « une semaine maximum » -------------------------------------------------------------


@pytest.mark.parametrize(
    ("debut", "fin", "bloque"),
    [
        ("2026-05-11", "2026-05-17", False),  # T1: 7 days, Monday to Sunday
        ("2026-05-09", "2026-05-15", False),  # T2: 7 days, Saturday to Friday
        ("2026-05-09", "2026-05-16", True),  # T3: 8 days
        ("2026-05-11", "2026-05-11", False),  # a single day
    ],
)
def test_seven_calendar_days_by_default(debut, fin, bloque) -> None:  # type: ignore[no-untyped-def]
    decision = decider(periodes=periode(debut, fin))
    assert blocages(decision) == (["expe_ct.duree_depassee"] if bloque else [])


def test_the_trace_says_which_reading_was_applied() -> None:
    texte = trace(decider(), "expe_ct.duree")[0]
    assert "7 jours calendaires du départ au retour" in texte
    assert "expe_ct.duree_max" in texte and "lecture par défaut" in texte
    assert "7 jours calendaires, 4 jours ouvrés sur place." in texte


def test_eight_days_block_with_what_to_change() -> None:
    decision = decider(periodes=periode("2026-05-09", "2026-05-16"))
    blocage = decision.blocages[0]
    assert "8 jours calendaires" in blocage.message and "une semaine" in blocage.message
    assert "découper" in (blocage.remede or "")
    assert blocage.fondements == ["expe_ct.reglement.mission", "expe_ct.lecture.semaine"]
    entree = next(t for t in decision.trace if t.regle == "expe_ct.duree")
    assert entree.statut == "a_verifier"  # the reading is ours


def test_working_day_reading_warns_beyond_seven_calendar_days() -> None:
    engine = Engine(parametres=OUVRES, origine_parametres="délibération n° 12")
    # T4: 8 calendar days, 4 working days in Paris (Ascension, 14 May 2026).
    decision = engine.evaluer(
        engine.valider(mission_expe(periodes=periode("2026-05-09", "2026-05-16")))
    )
    assert decision.conforme
    assert "expe_ct.duree_lecture_contestee" in alertes(decision)
    texte = trace(decision, "expe_ct.duree")[0]
    assert "5 jours ouvrés sur place" in texte and "8 jours calendaires, 4 jours ouvrés" in texte
    assert any("délibération n° 12" in t.resultat for t in decision.trace)


def test_working_day_reading_blocks_beyond_five_working_days() -> None:
    engine = Engine(parametres=OUVRES)
    decision = engine.evaluer(
        engine.valider(mission_expe(periodes=periode("2026-05-18", "2026-05-26")))
    )
    assert blocages(decision) == ["expe_ct.duree_depassee"]
    assert "6 jours ouvrés" in decision.blocages[0].message


def test_working_day_reading_counts_the_stay_not_the_declared_expertise_days() -> None:
    # Issue 12, point 12: Monday 1 to Friday 12 June 2026, 10 working days in Paris, of which
    # only 4 are declared as expertise days. The stay exceeds 5 working days.
    engine = Engine(parametres=OUVRES)
    decision = engine.evaluer(
        engine.valider(
            mission_expe(periodes=periode("2026-06-01", "2026-06-12"), jours_expertise=4)
        )
    )
    assert blocages(decision) == ["expe_ct.duree_depassee"]
    message = decision.blocages[0].message
    assert "La mission dure 10 jours ouvrés" in message
    assert "4 jours d'expertise déclarés n'y changent rien" in message
    assert "expe_ct.duree_lecture_contestee" not in alertes(decision)  # no false count anywhere
    texte = trace(decision, "expe_ct.duree")[0]
    assert "12 jours calendaires, 10 jours ouvrés sur place ; 4 jours d'expertise déclarés" in texte


def test_the_contested_alert_states_the_working_days_of_the_stay() -> None:
    # 8 calendar days, 4 working days in Paris (Ascension), 2 declared expertise days: the
    # alert gives the stay's 4 working days, never the 2 declared ones.
    engine = Engine(parametres=OUVRES)
    decision = engine.evaluer(
        engine.valider(
            mission_expe(periodes=periode("2026-05-09", "2026-05-16"), jours_expertise=2)
        )
    )
    assert decision.conforme
    message = alertes(decision)["expe_ct.duree_lecture_contestee"].message
    assert "8 jours calendaires pour 4 jours ouvrés sur place" in message


def test_declared_expertise_days_do_not_shorten_the_default_reading() -> None:
    decision = decider(periodes=periode("2026-06-01", "2026-06-12"), jours_expertise=4)
    assert blocages(decision) == ["expe_ct.duree_depassee"]
    assert "12 jours calendaires" in decision.blocages[0].message


def test_several_periods_say_how_each_reading_counts() -> None:
    periodes = [
        {"debut": "2026-06-01", "fin": "2026-06-02"},
        {"debut": "2026-06-04", "fin": "2026-06-05"},
    ]
    calendaire = alertes(decider(periodes=periodes))["expe_ct.plusieurs_periodes"].message
    assert "du premier départ au dernier retour" in calendaire
    engine = Engine(parametres=OUVRES)
    decision = engine.evaluer(engine.valider(mission_expe(periodes=periodes)))
    assert "sur l'ensemble des périodes" in alertes(decision)["expe_ct.plusieurs_periodes"].message
    assert "4 jours ouvrés sur place" in trace(decision, "expe_ct.duree")[0]


def test_a_hosting_too_long_is_not_offered_an_ordre_de_mission() -> None:
    decision = decider(
        pays="FR",
        sens="accueil",
        periodes=periode("2026-06-08", "2026-06-16"),
        ext={"nombre_personnes": 2},
    )
    assert blocages(decision) == ["expe_ct.duree_depassee"]
    assert decision.alternatives == []
    remede = decision.blocages[0].remede or ""
    assert "ordre de mission" not in remede and "accueil hors EXPE-CT" in remede


def test_a_reading_the_texts_do_not_allow_is_refused_when_the_engine_is_built() -> None:
    with pytest.raises(ErreurValidation) as exc:
        Engine(parametres={"expe_ct.duree_max": {"valeur": 7, "unite": "semaines"}})
    [(champ, message)] = exc.value.erreurs
    assert champ == "expe_ct.duree_max"
    assert "n'est pas admis par les textes" in message and "jours_ouvres_sur_place" in message


def test_an_extension_on_the_spot_blocks_the_whole() -> None:
    # T30: 7 days, then extended on site to 10.
    decision = decider(
        periodes=[
            {"debut": "2026-05-09", "fin": "2026-05-15"},
            {"debut": "2026-05-16", "fin": "2026-05-18"},
        ]
    )
    assert blocages(decision) == ["expe_ct.duree_depassee"]
    assert "10 jours calendaires" in decision.blocages[0].message
    assert alertes(decision)["expe_ct.plusieurs_periodes"].niveau == "info"


# --- R10: on working time, not a cumul d'activités --------------------------------------------


@pytest.mark.parametrize(("temps", "alerte"), [(False, True), (True, False), (None, False)])
def test_outside_working_time_is_not_an_expe_ct_mission(temps, alerte) -> None:  # type: ignore[no-untyped-def]
    decision = decider(sur_temps_de_service=temps)
    assert ("expe_ct.cumul_inadapte" in alertes(decision)) is alerte
    assert decision.dispositif == "ordre_de_mission"


def test_working_time_does_not_concern_a_hosting() -> None:
    decision = decider(
        pays="FR", sens="accueil", sur_temps_de_service=False, ext={"nombre_personnes": 1}
    )
    assert "expe_ct.cumul_inadapte" not in alertes(decision)


def test_working_time_does_not_concern_an_elected_official() -> None:
    decision = decider(agent={"statut": "elu"}, sur_temps_de_service=False)
    assert "expe_ct.cumul_inadapte" not in alertes(decision)
