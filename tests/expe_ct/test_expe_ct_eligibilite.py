"""Who may send whom: label (R1), domain (R3), experts (R4), embassy (R5), DAECT (R6)."""

from __future__ import annotations

from datetime import date

import pytest
from expe_ct_aide import alertes, blocages, decider, obligations, periode, trace

from missio_expe_ct.faits import nom_normalise

# --- R1: label held over the whole mission (11 to 17 May 2026) ------------------------------


def test_a_conforming_mission_has_no_blocage() -> None:
    decision = decider()
    assert decision.conforme and decision.blocages == []
    assert "Label EXPE-CT obtenu le lundi 1er février 2021" in trace(decision, "expe_ct.label")[0]


def test_no_label_blocks_with_the_way_out() -> None:
    decision = decider(employeur={"labels": []})
    assert blocages(decision) == ["expe_ct.label_absent"]
    blocage = decision.blocages[0]
    assert blocage.fondements == ["expe_ct.reglement.labellisation"]
    assert "hors EXPE-CT" in (blocage.remede or "") and "DAECT" in (blocage.remede or "")
    assert [a.dispositif for a in decision.alternatives] == ["ordre_de_mission"]
    assert "expe_ct.transport_international" not in {f.poste for f in decision.financements}


@pytest.mark.parametrize(
    ("obtenu_le", "fin", "code"),
    [
        ("2026-05-11", None, None),  # notified on the day of departure: held
        ("2026-05-12", None, "expe_ct.label_posterieur"),  # the day after: not held
        ("2026-09-01", None, "expe_ct.label_posterieur"),  # obtained after the mission
        ("2021-02-01", "2026-05-17", None),  # ends on the day of return: held
        ("2021-02-01", "2026-05-16", "expe_ct.label_expire"),  # ends the day before
        ("2021-02-01", "2025-12-31", "expe_ct.label_expire"),  # T9
    ],
)
def test_label_dates_at_the_boundaries(obtenu_le, fin, code) -> None:  # type: ignore[no-untyped-def]
    labels = [{"nom": "EXPE-CT", "obtenu_le": obtenu_le, "fin": fin}]
    decision = decider(employeur={"labels": labels})
    assert blocages(decision) == ([code] if code else [])


def test_an_ended_label_cites_the_unsettled_duration() -> None:
    labels = [{"nom": "EXPE-CT", "obtenu_le": "2021-02-01", "fin": "2025-12-31"}]
    blocage = decider(employeur={"labels": labels}).blocages[0]
    assert "expe_ct.lecture.label_fin" in blocage.fondements
    assert "mercredi 31 décembre 2025" in blocage.message


def test_a_renewed_label_covers_the_mission() -> None:
    labels = [
        {"nom": "EXPE-CT", "obtenu_le": "2021-02-01", "fin": "2025-12-31"},
        {"nom": "EXPE-CT", "obtenu_le": "2026-01-15"},
    ]
    assert blocages(decider(employeur={"labels": labels})) == []


def test_pact_labels_are_distinct_from_expe_ct() -> None:
    labels = [{"nom": "PACT 3", "obtenu_le": "2017-06-01"}]
    decision = decider(employeur={"labels": labels})
    assert blocages(decision) == ["expe_ct.label_pact"]
    assert "PACT 3" in decision.blocages[0].message


@pytest.mark.parametrize("nom", ["EXPE-CT", "Expe-CT", "EXPE CT", "expé-ct"])
def test_the_label_name_is_read_loosely(nom: str) -> None:
    assert nom_normalise(nom) == "EXPECT"
    assert nom_normalise("PACT 3") != "EXPECT"


# --- R3: domain (warning, « à vérifier ») -------------------------------------------------


def test_a_mission_outside_the_labelled_fields_warns() -> None:
    decision = decider(ext={"domaine": "gestion de crise"})
    assert decision.conforme
    alerte = alertes(decision)["expe_ct.hors_domaine"]
    assert alerte.niveau == "attention" and "gestion des déchets" in alerte.message
    entree = next(t for t in decision.trace if t.regle == "expe_ct.domaine")
    assert entree.statut == "a_verifier"


def test_the_domain_is_compared_without_case_or_accents() -> None:
    decision = decider(ext={"domaine": "Gestion des DECHETS"})
    assert "expe_ct.hors_domaine" not in alertes(decision)


def test_an_unstated_domain_is_not_guessed() -> None:
    decision = decider(ext={"domaine": None})
    assert "expe_ct.hors_domaine" not in alertes(decision)
    assert "non comparé" in trace(decision, "expe_ct.domaine")[0]


# --- R4: who goes ------------------------------------------------------------------------


def test_a_retiree_is_outside_the_reglement() -> None:
    decision = decider(agent={"statut": "retraite"})
    alerte = alertes(decision)["expe_ct.retraite_hors_reglement"]
    assert alerte.niveau == "attention" and "DAECT" in alerte.message
    assert "expe_ct.lecture.retraite" in alerte.fondements
    assert decision.dispositif == "recrutement_direct"
    assert "ordre_de_mission" not in decision.documents


def test_an_elected_official_goes_under_mandat_special() -> None:
    decision = decider(agent={"statut": "elu"})
    assert decision.dispositif == "mandat_special" and decision.conforme
    assert "mandat spécial" in trace(decision, "expe_ct.experts")[0]


@pytest.mark.parametrize(
    ("statut", "lecture"),
    [
        ("titulaire", False),
        ("stagiaire", False),
        ("contractuel_cdi", True),
        ("contractuel_cdd", True),
    ],
)
def test_agents_titulaires_and_contractuels_are_admitted(statut: str, lecture: bool) -> None:
    decision = decider(agent={"statut": statut})
    assert not [a for a in decision.alertes if a.code.startswith("expe_ct.retraite")]
    entree = next(t for t in decision.trace if t.regle == "expe_ct.experts")
    assert statut in entree.resultat and "sous ordre de mission" in entree.resultat
    # « agents territoriaux » read as covering contractuels: expe-ct.md R4, « à vérifier ».
    assert ("expe_ct.lecture.contractuels" in entree.fondements) is lecture
    assert entree.statut == ("a_verifier" if lecture else "verifie")


def test_a_hosting_agent_does_not_travel() -> None:
    decision = decider(pays="FR", sens="accueil", ext={"nombre_personnes": 2})
    texte = trace(decision, "expe_ct.experts")[0]
    assert "reçoit la délégation en France" in texte and "ordre de mission" not in texte
    elu = decider(pays="FR", sens="accueil", agent={"statut": "elu"}, ext={"nombre_personnes": 2})
    assert "mandat spécial" not in trace(elu, "expe_ct.experts")[0]


def test_an_expert_missing_from_the_list_warns() -> None:
    decision = decider(ext={"expert_declare": False})
    assert decision.conforme
    assert "Line Rosier" in alertes(decision)["expe_ct.expert_non_declare"].message


def test_an_unstated_expert_list_is_not_a_warning() -> None:
    assert "expe_ct.expert_non_declare" not in alertes(decider(ext={"expert_declare": None}))


@pytest.mark.parametrize(("fin_contrat", "alerte"), [("2026-05-16", True), ("2026-05-17", False)])
def test_a_contract_ending_before_the_return_warns(fin_contrat, alerte) -> None:  # type: ignore[no-untyped-def]
    decision = decider(agent={"statut": "contractuel_cdd", "fin_contrat": fin_contrat})
    assert ("contrat.fin_avant_retour" in alertes(decision)) is alerte


# --- R5: embassy and terms -----------------------------------------------------------------


def test_no_embassy_validation_blocks() -> None:
    decision = decider(ext={"validation_ambassade": None})
    assert blocages(decision) == ["expe_ct.ambassade_non_validee"]
    blocage = decision.blocages[0]
    assert "(SN)" in blocage.message and "validation_ambassade" in (blocage.remede or "")
    assert blocage.plugin == "expe_ct" and blocage.regle == "expe_ct.ambassade"


@pytest.mark.parametrize(("validee", "alerte"), [("2026-05-11", False), ("2026-05-12", True)])
def test_a_validation_after_departure_warns(validee, alerte) -> None:  # type: ignore[no-untyped-def]
    decision = decider(ext={"validation_ambassade": validee})
    assert decision.conforme
    assert ("expe_ct.ambassade_apres_depart" in alertes(decision)) is alerte
    if alerte:  # « validée par l'ambassade », without saying when: the timing is our reading
        fondements = alertes(decision)["expe_ct.ambassade_apres_depart"].fondements
        assert fondements == ["expe_ct.reglement.mission", "expe_ct.lecture.validation_prealable"]
        entree = next(t for t in decision.trace if "postérieure" in t.resultat)
        assert entree.statut == "a_verifier"


def test_hosting_names_the_delegations_country() -> None:
    decision = decider(
        pays="FR",
        sens="accueil",
        ext={"nombre_personnes": 2, "validation_ambassade": None},
    )
    assert "(SN)" in decision.blocages[0].message


@pytest.mark.parametrize(
    "changement",
    [
        {"ext": {"validation_ambassade": None}},  # R5 (T10), hosted
        {"employeur": {"labels": []}},  # R1 (T8), hosted
        {"employeur": {"labels": [{"nom": "EXPE-CT", "obtenu_le": "2026-06-09"}]}},
    ],
)
def test_a_hosted_delegation_is_never_offered_an_ordre_de_mission(changement) -> None:  # type: ignore[no-untyped-def]
    # Issue 12, point 12: nobody travels when a delegation is received in France; the way out
    # is the same reception outside the programme, at the collectivité's cost, not an OM.
    ext = {"nombre_personnes": 2, **changement.pop("ext", {})}
    decision = decider(
        pays="FR",
        sens="accueil",
        periodes=periode("2026-06-08", "2026-06-13"),
        ext=ext,
        **changement,
    )
    assert not decision.conforme and decision.dispositif == "aucun"
    assert decision.alternatives == []
    remede = decision.blocages[0].remede or ""
    assert "recevoir la délégation hors EXPE-CT" in remede and "ordre de mission" not in remede
    assert "personne ne se déplace" in remede


def test_a_label_obtained_after_a_hosting_began_says_so() -> None:
    decision = decider(
        pays="FR",
        sens="accueil",
        periodes=periode("2026-06-08", "2026-06-13"),
        employeur={"labels": [{"nom": "EXPE-CT", "obtenu_le": "2026-06-09"}]},
        ext={"nombre_personnes": 2, "validation_ambassade": "2026-06-09"},
    )
    assert "après le début de l'accueil, le lundi 8 juin 2026" in decision.blocages[0].message
    assert (
        "postérieure au début de l'accueil"
        in alertes(decision)["expe_ct.ambassade_apres_depart"].message
    )


def test_the_way_out_for_an_agent_cites_the_note_only_once_published() -> None:
    decision = decider(ext={"validation_ambassade": None})
    alternative = decision.alternatives[0]
    assert alternative.dispositif == "ordre_de_mission"
    assert alternative.fondements == ["expe_ct.reglement.mission", "expe_ct.note.hors_programme"]
    note = next(f for f in decision.fondements if f.cle == "expe_ct.note.hors_programme")
    assert note.article == "§ II.A.1" and str(note.en_vigueur_depuis) == "2021-06-24"


def test_the_way_out_for_an_elected_official_does_not_cite_a_note_on_agents() -> None:
    decision = decider(agent={"statut": "elu"}, ext={"validation_ambassade": None})
    alternative = decision.alternatives[0]
    assert alternative.dispositif == "mandat_special"
    assert alternative.fondements == ["expe_ct.reglement.mission"]


def test_a_retiree_is_offered_no_way_out() -> None:
    decision = decider(agent={"statut": "retraite"}, ext={"validation_ambassade": None})
    assert decision.alternatives == []


def test_incomplete_terms_warn_with_what_is_missing() -> None:
    decision = decider(
        ext={"termes": {"nature": "Séminaire", "deroulement": None, "resultat_attendu": None}}
    )
    message = alertes(decision)["expe_ct.termes_incomplets"].message
    assert "le déroulement" in message and "le résultat attendu" in message
    assert "la nature" not in message


# --- R6: the DAECT is told of any other solicitation ----------------------------------------


def test_a_direct_solicitation_obliges_to_inform_the_daect() -> None:
    decision = decider(ext={"origine_sollicitation": "collectivite_etrangere"})
    assert alertes(decision)["expe_ct.sollicitation_hors_daect"].niveau == "attention"
    obligation = obligations(decision)["expe_ct.information_daect"]
    assert obligation.responsable == "employeur"
    # Departure Monday 11 May 2026; Friday 8 May is a holiday: Thursday 7 May.
    assert obligation.echeance == date(2026, 5, 7)


def test_a_daect_mission_has_no_information_task() -> None:
    decision = decider()
    assert "expe_ct.information_daect" not in obligations(decision)
    assert "expe_ct.sollicitation_hors_daect" not in alertes(decision)


def test_an_unknown_origin_recalls_the_duty() -> None:
    decision = decider(ext={"origine_sollicitation": None})
    assert alertes(decision)["expe_ct.information_daect_rappel"].niveau == "info"


def test_a_hosting_speaks_of_its_own_acts_and_first_day() -> None:
    decision = decider(
        pays="FR",
        sens="accueil",
        periodes=periode("2026-06-08", "2026-06-13"),
        ext={"nombre_personnes": 2, "termes": None, "origine_sollicitation": "autre"},
    )
    assert "ordre de mission" not in alertes(decision)["expe_ct.termes_incomplets"].message
    libelle = obligations(decision)["expe_ct.information_daect"].libelle
    assert "veille ouvrée du début de l'accueil" in libelle
    assert obligations(decision)["expe_ct.information_daect"].echeance == date(2026, 6, 5)
