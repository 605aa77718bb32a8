"""statut_fpt: routes by cadre and volume, at each boundary, and by statut and host."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from missio.calendar import calendrier

OPERATEUR = {
    "cadre": "operateur",
    "accueil": {"nom": "Expertise France", "nature": "operateur", "pays": "SN"},
    "pays": "SN",
    "teletravail_jours_par_semaine": None,
}


def periode_de(
    jours: int, departement: str = "75", debut: str = "2026-03-02"
) -> list[dict[str, str]]:
    """One period starting `debut` whose last day makes exactly `jours` working days."""
    cal, depart = calendrier(departement), date.fromisoformat(debut)
    fin = depart
    while cal.jours_ouvres(depart, fin) < jours or not cal.est_ouvre(fin):
        fin += timedelta(days=1)
    assert cal.jours_ouvres(depart, fin) == jours
    return [{"debut": depart.isoformat(), "fin": fin.isoformat()}]


def operateur(decider: Any, jours: int, **changements: Any) -> Any:
    donnees = {**OPERATEUR, "employeur": {"departement": "75"}, "periodes": periode_de(jours)}
    return decider(**{**donnees, **changements})


def codes(elements: list[Any], attribut: str = "code") -> list[str]:
    return [getattr(e, attribut) for e in elements]


def requis(decision: Any) -> set[str]:
    """Documents the rules call for (rendered or not yet covered by a template)."""
    prefixe = "document requis : "
    return {t.resultat[len(prefixe) :] for t in decision.trace if t.resultat.startswith(prefixe)}


@pytest.mark.parametrize(
    ("jours", "dispositif"),
    [
        (1, "cumul_activites"),
        (5, "cumul_activites"),
        (6, "mise_a_disposition"),
        (130, "mise_a_disposition"),
        (131, "detachement_courte_duree"),
    ],
)
def test_operator_grid_boundaries(decider: Any, jours: int, dispositif: str) -> None:
    decision = operateur(decider, jours)
    assert decision.volume_jours_ouvres == jours
    assert decision.dispositif == dispositif and decision.conforme


def test_six_days_says_the_annex_disagrees(decider: Any) -> None:
    decision = operateur(decider, 6)
    constat = next(t for t in decision.trace if t.regle == "daect.borne_6")
    assert "corps de la note" in constat.resultat and "annexe 1" in constat.resultat
    assert not any(t.regle == "daect.borne_6" for t in operateur(decider, 5).trace)


def test_short_operator_mission_on_service_time_is_an_ordre_de_mission(decider: Any) -> None:
    decision = operateur(decider, 3, sur_temps_de_service=True)
    assert decision.dispositif == "ordre_de_mission"
    assert "cumul_activites" in codes(decision.alternatives, "dispositif")
    assert "convention_partenariat" in requis(decision)


def test_cumul_obligations_and_documents(decider: Any) -> None:
    decision = operateur(decider, 3, date_demande="2026-01-05")
    obligations = {o.code: o for o in decision.obligations}
    assert obligations["cumul.demande"].echeance == date(2026, 2, 2)  # one month before 2 March
    assert obligations["cumul.demande"].responsable == "agent"
    assert obligations["cumul.reponse"].echeance == date(2026, 2, 5)
    assert {"demande_cumul_activites", "autorisation_cumul_activites"} <= requis(decision)
    silence = next(a for a in decision.alertes if a.code == "cumul.silence")
    assert "vaut rejet" in silence.message
    assert "ordre_de_mission" in codes(decision.alternatives, "dispositif")


def test_cumul_silence_meant_authorisation_before_february_2017(decider: Any) -> None:
    decision = operateur(
        decider,
        3,
        date_demande="2016-09-01",
        periodes=[{"debut": "2016-10-03", "fin": "2016-10-05"}],
    )
    silence = next(a for a in decision.alertes if a.code == "cumul.silence")
    assert "vaut autorisation" in silence.message
    procedure = next(f for f in decision.fondements if f.cle == "cumul.procedure")
    assert procedure.texte == "Décret n° 2007-658 du 2 mai 2007"


def test_late_cumul_request_is_flagged(decider: Any) -> None:
    decision = operateur(decider, 3, date_demande="2026-02-20")
    assert "cumul.demande_tardive" in codes(decision.alertes)


def test_mad_obligations_deadlines_and_reimbursement(decider: Any) -> None:
    decision = operateur(decider, 40)
    obligations = {o.code: o for o in decision.obligations}
    veille = date(2026, 2, 27)  # last working day before Monday 2 March 2026
    for code in ("mad.accord_agent", "mad.information_assemblee", "mad.convention", "mad.arrete"):
        assert obligations[code].echeance == veille, code
    assert obligations["mad.remboursement"].responsable == "operateur"
    assert {
        "convention_mise_a_disposition",
        "arrete_mise_a_disposition",
        "accord_agent",
        "information_organe_deliberant",
        "convention_partenariat",
    } <= requis(decision)
    alerte = next(a for a in decision.alertes if a.code == "mad.operateur_question_ouverte")
    assert alerte.fondements == ["mad.hotes_operateur"]
    entree = next(t for t in decision.trace if t.fondements == ["mad.hotes_operateur"])
    assert entree.statut == "a_verifier"


def test_international_organisation_may_waive_reimbursement(decider: Any) -> None:
    decision = operateur(
        decider,
        40,
        cadre="organisation_internationale",
        accueil={"nom": "UNESCO", "nature": "organisation_internationale", "pays": "FR"},
    )
    assert decision.dispositif == "mise_a_disposition"
    assert "mad.derogation_possible" in codes(decision.alertes)
    assert "mad.remboursement" not in codes(decision.obligations)


def test_long_detachement_beyond_a_year_abroad(decider: Any) -> None:
    decision = operateur(decider, 300, periodes=[{"debut": "2026-03-02", "fin": "2027-06-30"}])
    assert decision.dispositif == "detachement_longue_duree"
    assert "detachement.reintegration_non_garantie" in codes(decision.alertes)
    court = operateur(decider, 200, periodes=[{"debut": "2026-03-02", "fin": "2027-03-01"}])
    assert court.dispositif == "detachement_courte_duree"
    assert {"detachement.reintegration"} <= set(codes(court.obligations))
    # A case of détachement fits (9° b): a disponibilité would be neither useful nor offered.
    assert "disponibilite" not in codes(court.alternatives, "dispositif")
    assert [c.fondements for c in court.cas] == [["detachement.cas.cooperation_internationale"]]


def test_initiative_agent_never_a_paid_mise_a_disposition(decider: Any) -> None:
    ong = {"nom": "ONG Eau Vive", "nature": "association", "pays": "SN"}
    association = operateur(decider, 100, cadre="initiative_agent", accueil=ong)
    # An NGO is not sent to disponibilité when a case of détachement may fit (6° or 9° b).
    assert association.dispositif.startswith("detachement") and association.conforme
    assert codes(association.conditions) == [
        "detachement.qualification",
        "detachement.option_cnracl",
    ]
    assert codes(association.alternatives, "dispositif") == ["disponibilite"]
    aucun = operateur(
        decider,
        100,
        cadre="initiative_agent",
        accueil=ong,
        extensions={"statut_fpt": {"cas_detachement": "aucun"}},
    )
    assert aucun.dispositif == "disponibilite"
    reintegration = next(o for o in aucun.obligations if o.code == "disponibilite.reintegration")
    assert reintegration.responsable == "agent"
    oi = operateur(
        decider,
        100,
        cadre="initiative_agent",
        accueil={"nom": "Banque mondiale", "nature": "organisation_internationale", "pays": "US"},
    )
    assert oi.dispositif.startswith("detachement")
    assert all(a.dispositif != "mise_a_disposition" for a in oi.alternatives)


@pytest.mark.parametrize("statut", ["stagiaire", "contractuel_cdd", "contractuel_cdi"])
def test_non_titulaires_cannot_take_a_position(decider: Any, statut: str) -> None:
    decision = operateur(decider, 40, agent={"statut": statut})
    assert decision.dispositif == "aucun" and not decision.conforme
    blocage = decision.blocages[0]
    assert blocage.code == f"statut_{statut}" and blocage.remede
    assert "ordre_de_mission" in codes(decision.alternatives, "dispositif")
    assert decision.documents == []


def test_stagiaire_short_mission_offers_cumul(decider: Any) -> None:
    decision = operateur(decider, 4, agent={"statut": "stagiaire"})
    assert decision.dispositif == "cumul_activites" and decision.conforme


def test_stagiaire_cites_the_unread_decree_as_a_verifier(decider: Any) -> None:
    decision = operateur(decider, 40, agent={"statut": "stagiaire"})
    fondement = next(f for f in decision.fondements if f.cle == "stagiaire.positions_interdites")
    assert fondement.statut == "a_verifier" and fondement.article is None


def test_retiree_is_hired_directly(decider: Any) -> None:
    decision = operateur(decider, 40, agent={"statut": "retraite", "date_naissance": "1958-01-10"})
    assert decision.dispositif == "recrutement_direct" and decision.conforme
    assert {"retraite.limite_age", "retraite.cumul_pension"} <= set(codes(decision.alertes))
    assert requis(decision) - {"checklist"} == {"note_information_retraite"}
    jeune = operateur(decider, 40, agent={"statut": "retraite", "date_naissance": "1963-01-10"})
    assert "retraite.limite_age" not in codes(jeune.alertes)


def test_elected_official(decider: Any) -> None:
    decision = decider(agent={"statut": "elu"})
    assert decision.dispositif == "mandat_special"
    assert "elu.deliberation" in codes(decision.obligations)
    assert "demande_mandat_special" in requis(decision)
    hors = operateur(decider, 5, agent={"statut": "elu"})
    assert not hors.conforme and codes(hors.blocages) == ["statut_elu"]


def test_mad_refused_for_a_company_host(decider: Any) -> None:
    decision = operateur(
        decider,
        40,
        cadre="organisation_internationale",
        accueil={"nom": "Bureau d'études SA", "nature": "entreprise", "pays": "SN"},
    )
    assert decision.dispositif == "aucun"
    assert codes(decision.blocages) == ["mad_accueil_admissible"]
    assert "disponibilite" in codes(decision.alternatives, "dispositif")


def test_cooperation_with_a_foreign_state_is_flagged(decider: Any) -> None:
    decision = decider(accueil={"nom": "Royaume du Maroc", "nature": "etat_etranger", "pays": "MA"})
    assert "aect.etat_etranger" in codes(decision.alertes)


def test_telework_conflicts_with_a_full_time_position(decider: Any) -> None:
    decision = operateur(decider, 40, teletravail_jours_par_semaine=2)
    assert "teletravail.position" in codes(decision.alertes)


def test_ordre_de_mission_beyond_twelve_months(decider: Any) -> None:
    decision = decider(periodes=[{"debut": "2026-03-02", "fin": "2027-03-15"}])
    assert "om.validite_12_mois" in codes(decision.alertes)
    assert "om.validite_12_mois" not in codes(decider().alertes)


def test_mad_beyond_three_years(decider: Any) -> None:
    decision = operateur(
        decider, 100, jours_expertise=100, periodes=[{"debut": "2026-03-02", "fin": "2029-06-30"}]
    )
    assert decision.dispositif == "mise_a_disposition"
    assert "mad.duree_3_ans" in codes(decision.alertes)
    assert any("jours d'expertise déclarés" in t.resultat for t in decision.trace)


def test_declared_days_above_working_days(decider: Any) -> None:
    # Five working days, Monday to Sunday: seven days can be spent on site, never more.
    semaine = [{"debut": "2026-03-02", "fin": "2026-03-08"}]
    decision = operateur(decider, 5, jours_expertise=7, periodes=semaine)
    assert decision.volume_jours_ouvres == 7 and decision.dispositif == "mise_a_disposition"
    assert "calendrier.jours_declares" in codes(decision.alertes)


def test_disponibilite_renewal_rule_follows_december_2025(decider: Any) -> None:
    association = {
        "cadre": "initiative_agent",
        "accueil": {"nom": "ONG", "nature": "association", "pays": "SN"},
        "extensions": {"statut_fpt": {"cas_detachement": "aucun"}},
    }
    avant = operateur(
        decider, 100, **association, periodes=[{"debut": "2020-09-01", "fin": "2026-08-31"}]
    )
    message = next(
        a.message for a in avant.alertes if a.code == "disponibilite.renouvellement_5_ans"
    )
    assert "exige" in message and "18 mois" in message
    apres = operateur(
        decider, 100, **association, periodes=[{"debut": "2021-01-04", "fin": "2026-12-31"}]
    )
    message = next(
        a.message for a in apres.alertes if a.code == "disponibilite.renouvellement_5_ans"
    )
    assert "n'exige plus" in message
    trop = operateur(
        decider, 100, **association, periodes=[{"debut": "2026-01-05", "fin": "2036-06-30"}]
    )
    assert codes(trop.blocages) == ["disponibilite.duree_10_ans"]


def test_parameters_move_the_thresholds(mission: Any) -> None:
    from missio.engine import Engine

    engine = Engine(parametres={"statut_fpt.seuil_cumul_max_jours": 10})
    donnees = mission(
        **{**OPERATEUR, "employeur": {"departement": "75"}, "periodes": periode_de(8)}
    )
    decision = engine.evaluer(engine.valider(donnees))
    assert decision.dispositif == "cumul_activites"
    assert any(t.regle == "parametre.statut_fpt.seuil_cumul_max_jours" for t in decision.trace)


def test_pentecost_monday_warning_and_solidarity_setting(mission: Any) -> None:
    from missio.engine import Engine

    donnees = mission(
        **{
            **OPERATEUR,
            "employeur": {"departement": "75"},
            "periodes": [{"debut": "2026-05-18", "fin": "2026-05-29"}],
        }
    )
    sans = Engine().evaluer(Engine().valider(donnees))
    assert sans.volume_jours_ouvres == 9 and "calendrier.pentecote" in codes(sans.alertes)
    avec = Engine(journee_solidarite="lundi_pentecote")
    decision = avec.evaluer(avec.valider(donnees))
    assert decision.volume_jours_ouvres == 10 and "calendrier.pentecote" not in codes(
        decision.alertes
    )
