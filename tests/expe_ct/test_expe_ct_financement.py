"""Who pays what (R9, R13): transport by the ministry, stay by the host, pay by the employer."""

from __future__ import annotations

import pytest
from expe_ct_aide import alertes, decider, financements

ACCUEIL = {"nombre_personnes": 2}


def test_sending_transport_meae_stay_host_pay_employer() -> None:
    decision = decider()
    assert financements(decision) == {
        "expe_ct.transport_international": "meae",
        "expe_ct.frais_sejour": "accueil",
    }
    # One salary line, paid by the employer, on both plugins' bases (the engine merges them).
    salaire = [f for f in decision.financements if f.poste == "remuneration"]
    assert len(salaire) == 1 and salaire[0].payeur == "employeur"
    assert "expe_ct.note.responsabilite_employeur" in salaire[0].fondements
    sejour = next(f for f in decision.financements if f.poste == "expe_ct.frais_sejour")
    assert "Commune de Saint-Louis" in sejour.libelle
    assert sejour.fondements == ["expe_ct.reglement.mission"]
    assert alertes(decision)["expe_ct.frais_non_couverts"].niveau == "info"


def test_hosting_a_delegation_the_collectivite_pays_the_stay() -> None:
    decision = decider(pays="FR", sens="accueil", ext=ACCUEIL)
    assert financements(decision) == {
        "expe_ct.transport_international": "meae",
        "expe_ct.frais_sejour": "employeur",
    }
    assert alertes(decision)["expe_ct.accueil_engagement"].niveau == "info"
    entree = next(t for t in decision.trace if t.regle == "expe_ct.accueil")
    assert entree.statut == "a_verifier"


@pytest.mark.parametrize("statut", ["elu", "retraite"])
def test_no_salary_line_for_who_is_not_an_agent_in_activity(statut) -> None:  # type: ignore[no-untyped-def]
    decision = decider(agent={"statut": statut})
    postes = financements(decision)
    assert all(f.poste != "remuneration" for f in decision.financements)
    assert postes["expe_ct.transport_international"] == "meae"


@pytest.mark.parametrize(
    "changement",
    [
        {"employeur": {"labels": []}},
        {"ext": {"validation_ambassade": None}},
        {"ext": {"nombre_personnes": 3}},
        {"periodes": [{"debut": "2026-05-09", "fin": "2026-05-16"}]},
        {"vigilance": "rouge"},
    ],
)
def test_a_refused_mission_gets_no_ministry_money(changement) -> None:  # type: ignore[no-untyped-def]
    decision = decider(**changement)
    assert not decision.conforme
    assert financements(decision) == {}
    assert "expe_ct.rapport" not in {o.code for o in decision.obligations}


def test_a_budget_charging_the_flight_to_the_collectivite_warns() -> None:
    decision = decider(ext={"payeur_transport_international": "employeur"})
    alerte = alertes(decision)["expe_ct.budget_incoherent"]
    assert "transport international" in alerte.message and "MEAE" in alerte.message
    assert decision.conforme


def test_a_budget_charging_the_stay_to_the_ministry_warns() -> None:
    message = alertes(decider(ext={"payeur_sejour": "meae"}))["expe_ct.budget_incoherent"].message
    assert "séjour" in message and "« accueil »" in message


@pytest.mark.parametrize(("direction", "sejour"), [("envoi", "accueil"), ("accueil", "employeur")])
def test_a_budget_following_the_reglement_is_silent(direction, sejour) -> None:  # type: ignore[no-untyped-def]
    ext = {"payeur_transport_international": "meae", "payeur_sejour": sejour}
    assert "expe_ct.budget_incoherent" not in alertes(decider(sens=direction, ext=ext))
