"""After the return (R12): the report deadline, its validation, the risk of reimbursement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from expe_ct_aide import alertes, decider, obligations, periode

from missio.calendar import calendrier
from missio_expe_ct.delais import echeance_rapport
from missio_expe_ct.ecriture import jour_fr, montant_fr

D = date.fromisoformat


@pytest.mark.parametrize(
    ("retour", "departement", "nominale", "prudente", "reportee"),
    [
        ("2026-05-15", "75", "2026-07-15", "2026-07-15", "2026-07-15"),  # T20
        ("2026-03-31", "75", "2026-05-31", "2026-05-29", "2026-06-01"),  # T21: Sunday
        ("2025-12-31", "75", "2026-02-28", "2026-02-27", "2026-03-02"),  # T22: month end
        ("2027-12-30", "75", "2028-02-29", "2028-02-29", "2028-02-29"),  # T23: leap year
        ("2026-05-14", "75", "2026-07-14", "2026-07-13", "2026-07-15"),  # T24: 14 July
        ("2026-03-22", "972", "2026-05-22", "2026-05-21", "2026-05-26"),  # T25: abolition
        ("2026-03-22", "75", "2026-05-22", "2026-05-22", "2026-05-22"),  # T25: Paris works
        ("2026-10-20", "974", "2026-12-20", "2026-12-18", "2026-12-21"),  # T26: Sunday
    ],
)
def test_report_deadlines_t20_to_t26(retour, departement, nominale, prudente, reportee) -> None:  # type: ignore[no-untyped-def]
    e = echeance_rapport(D(retour), calendrier(departement))
    assert (e.nominale, e.prudente, e.reportee) == (D(nominale), D(prudente), D(reportee))
    assert e.ouvree is (nominale == prudente == reportee)


def test_a_working_day_deadline_is_one_date() -> None:
    decision = decider(periodes=periode("2026-05-11", "2026-05-15"))  # T20
    rapport = obligations(decision)["expe_ct.rapport"]
    assert rapport.echeance == D("2026-07-15") and rapport.responsable == "agent"
    assert "mercredi 15 juillet 2026" in rapport.libelle
    assert obligations(decision)["expe_ct.rapport_validation"].responsable == "employeur"
    assert "expe_ct.rapport_echeance_non_ouvree" not in alertes(decision)
    assert rapport.fondements == ["expe_ct.reglement.retour", "expe_ct.lecture.delai_rapport"]


def test_a_deadline_on_a_day_off_gives_both_working_days() -> None:
    decision = decider(periodes=periode("2026-05-08", "2026-05-14"))  # T24, Paris
    rapport = obligations(decision)["expe_ct.rapport"]
    assert rapport.echeance == D("2026-07-13")  # the cautious date
    for jour in ("mardi 14 juillet 2026", "lundi 13 juillet 2026", "mercredi 15 juillet 2026"):
        assert jour in rapport.libelle
    assert "expe_ct.lecture.report_jour_ouvre" in rapport.fondements
    message = alertes(decision)["expe_ct.rapport_echeance_non_ouvree"].message
    assert "mercredi 15 juillet 2026" in message
    fondement = {f.cle: f for f in decision.fondements}["expe_ct.lecture.report_jour_ouvre"]
    assert fondement.article == "art. 642 (par analogie)" and fondement.statut == "a_verifier"


def test_the_employers_territory_sets_the_holidays() -> None:
    # T25: return Sunday 22 March 2026; 22 May is a holiday in Martinique, not in Paris.
    martinique = decider(
        periodes=periode("2026-03-16", "2026-03-22"), employeur={"departement": "972"}
    )
    paris = decider(periodes=periode("2026-03-16", "2026-03-22"))
    assert obligations(martinique)["expe_ct.rapport"].echeance == D("2026-05-21")
    assert "mardi 26 mai 2026" in obligations(martinique)["expe_ct.rapport"].libelle
    assert obligations(paris)["expe_ct.rapport"].echeance == D("2026-05-22")


def test_the_report_document_is_asked_for_a_sending_only() -> None:
    envoi, accueil = (
        decider(),
        decider(pays="FR", sens="accueil", ext={"nombre_personnes": 2}),
    )
    sans_modele = [a.message for a in envoi.alertes if a.code == "document_sans_modele"]
    assert "rapport_mission_expe_ct" in envoi.documents or any(
        "rapport_mission_expe_ct" in m for m in sans_modele
    )
    assert not any("rapport_mission_expe_ct" in a.message for a in accueil.alertes)
    assert "rapport_mission_expe_ct" not in accueil.documents
    assert obligations(accueil)["expe_ct.rapport"].responsable == "employeur"


def test_a_late_report_risks_reimbursement_with_the_amount() -> None:
    # T27: return 15 May 2026, report on 16 July (deadline Wednesday 15 July).
    decision = decider(
        periodes=periode("2026-05-11", "2026-05-15"),
        ext={
            "rapport_remis_le": "2026-07-16",
            "rapport_valide_le": "2026-07-10",
            "montant_en_jeu": "1850.00",
        },
    )
    alerte = alertes(decision)["expe_ct.rapport_tardif"]
    assert alerte.niveau == "attention" and "remboursement" in alerte.message
    assert "1\u202f850,00\u00a0€" in alerte.message
    assert decision.conforme  # the mission itself stays lawful


def test_a_report_on_the_first_working_day_after_is_not_late() -> None:
    # Deadline Sunday 31 May 2026; delivered Monday 1 June.
    decision = decider(
        periodes=periode("2026-03-25", "2026-03-31"),
        employeur={"labels": [{"nom": "EXPE-CT", "obtenu_le": "2021-02-01"}]},
        ext={
            "validation_ambassade": "2026-03-01",
            "rapport_remis_le": "2026-06-01",
            "rapport_valide_le": "2026-05-28",
        },
    )
    assert "expe_ct.rapport_tardif" not in alertes(decision)
    assert "expe_ct.remboursement" not in alertes(decision)


def test_an_unvalidated_report_warns() -> None:
    decision = decider(ext={"rapport_remis_le": "2026-07-01"})  # T28
    assert "non validé" in alertes(decision)["expe_ct.rapport_non_valide"].message


def test_a_late_validation_warns() -> None:
    decision = decider(ext={"rapport_remis_le": "2026-07-01", "rapport_valide_le": "2026-07-20"})
    assert "expe_ct.validation_tardive" in alertes(decision)


@pytest.mark.parametrize(("evaluation", "manquant"), [("2026-07-17", False), ("2026-07-18", True)])
def test_a_missing_report_once_the_deadline_has_passed(evaluation, manquant) -> None:  # type: ignore[no-untyped-def]
    # Return Sunday 17 May 2026: deadline Friday 17 July.
    decision = decider(date_evaluation=D(evaluation), ext={"montant_en_jeu": "900"})
    codes = alertes(decision)
    assert ("expe_ct.rapport_manquant" in codes) is manquant
    assert ("expe_ct.remboursement" in codes) is not manquant
    if manquant:
        assert "900,00\u00a0€" in codes["expe_ct.rapport_manquant"].message


def test_before_the_deadline_the_risk_is_stated_as_information() -> None:
    alerte = alertes(decider())["expe_ct.remboursement"]
    assert alerte.niveau == "info" and "montant non renseigné" in alerte.message


def test_french_formats() -> None:
    assert jour_fr(D("2026-06-01")) == "lundi 1er juin 2026"
    assert montant_fr(Decimal("1234567.5")) == "1\u202f234\u202f567,50\u00a0€"
