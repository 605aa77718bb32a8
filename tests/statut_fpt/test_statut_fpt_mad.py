"""statut_fpt, mise à disposition: hosts (CGFP L. 512-8), lettre de mission (L. 512-7), lien
fonctionnel (L. 512-8, 7°), reimbursement and its waivers (L. 512-11), duration."""

from __future__ import annotations

import pytest
from outils_statut import (
    AMBASSADE,
    COMMUNE_SN,
    ENTREPRISE,
    ETAT,
    EXPERTISE_FRANCE,
    GIP,
    OI,
    ONG,
    UE,
    codes,
    condition,
    de_type,
    mission,
    periode,
    regle,
)

from missio.findings import (
    Alerte,
    Alternative,
    Blocage,
    Cas,
    Condition,
    Document,
    Financement,
    Obligation,
)

DEUX_MOIS = {
    "cadre": "organisation_internationale",
    "periodes": periode("2026-09-01", "2026-10-30"),
}


@pytest.mark.parametrize(
    ("accueil", "cle"),
    [
        (AMBASSADE, "mad.hote_etat"),
        (
            {"nom": "Région Île-de-France", "nature": "collectivite_francaise", "pays": "FR"},
            "mad.hote_collectivite",
        ),
        (GIP, "mad.hote_gip"),
        (EXPERTISE_FRANCE, "mad.hotes_operateur"),
        (OI, "mad.hote_oi"),
        (UE, "mad.hote_ue"),
        (ETAT, "mad.hote_etat_etranger"),
        (COMMUNE_SN, "mad.hote_etat_etranger"),
    ],
)
def test_mad_accueil_admissible_cites_the_case_of_l_512_8(
    accueil: dict[str, str], cle: str
) -> None:
    trouves = condition(
        "mad.accueil_admissible", mission(**DEUX_MOIS, accueil=accueil), "mise_a_disposition"
    )
    assert not de_type(trouves, Blocage)
    (cas,) = de_type(trouves, Cas)
    assert cas.code == "mad.organisme_accueil" and cas.fondements == (cle,)


def test_mad_accueil_admissible_refuses_a_company_and_offers_lawful_fallbacks() -> None:
    m = mission(**DEUX_MOIS, accueil=ENTREPRISE)
    trouves = condition("mad.accueil_admissible", m, "mise_a_disposition")
    (blocage,) = de_type(trouves, Blocage)
    assert blocage.code == "mad_accueil_admissible" and blocage.regle == "mad.accueil_admissible"
    assert blocage.fondements == ("mad.hotes",)
    # A company without a stated case of détachement: détachement offered (checked later), and
    # disponibilité since no case of art. 2 fits by default.
    assert [a.dispositif for a in de_type(trouves, Alternative)] == [
        "detachement_courte_duree",
        "disponibilite",
    ]


def test_mad_accueil_admissible_leaves_contractuels_to_their_own_rule() -> None:
    m = mission(**DEUX_MOIS, accueil=ENTREPRISE, agent={"statut": "contractuel_cdi"})
    assert condition("mad.accueil_admissible", m, "mise_a_disposition") == []
    assert (
        condition("mad.accueil_admissible", mission(**DEUX_MOIS), "detachement_courte_duree") == []
    )


def test_mad_accueil_admissible_asks_a_lawyer_about_an_operator() -> None:
    trouves = condition(
        "mad.accueil_admissible",
        mission(**DEUX_MOIS, accueil=EXPERTISE_FRANCE),
        "mise_a_disposition",
    )
    (alerte,) = de_type(trouves, Alerte)
    assert alerte.code == "mad.operateur_question_ouverte" and alerte.fondements == (
        "mad.hotes_operateur",
    )


def test_mad_lien_fonctionnel_is_a_condition_for_a_foreign_state_only() -> None:
    (cond,) = regle(
        "mad.lien_fonctionnel", mission(**DEUX_MOIS, accueil=ETAT), "mise_a_disposition"
    )
    assert isinstance(cond, Condition) and cond.code == "mad.lien_fonctionnel"
    assert (
        cond.fondements == ("mad.etat_etranger.lien_fonctionnel",)
        and "lien fonctionnel" in cond.libelle
    )
    assert regle(
        "mad.lien_fonctionnel", mission(**DEUX_MOIS, accueil=COMMUNE_SN), "mise_a_disposition"
    )
    assert (
        regle("mad.lien_fonctionnel", mission(**DEUX_MOIS, accueil=OI), "mise_a_disposition") == []
    )
    assert (
        regle("mad.lien_fonctionnel", mission(**DEUX_MOIS, accueil=ETAT), "ordre_de_mission") == []
    )


def _convention(m) -> Obligation:  # type: ignore[no-untyped-def]
    trouves = regle("mad.procedure", m, "mise_a_disposition")
    return next(
        o
        for o in de_type(trouves, Obligation)
        if o.code in ("mad.convention", "mad.lettre_de_mission")
    )


@pytest.mark.parametrize(
    ("accueil", "debut", "lettre"),
    [
        (UE, "2026-09-01", True),
        (ETAT, "2026-09-01", True),
        (COMMUNE_SN, "2026-09-01", True),
        (OI, "2026-09-01", False),  # literal reading of L. 512-7: 6° and 7° only
        (EXPERTISE_FRANCE, "2026-09-01", False),
        (ETAT, "2016-04-22", True),  # loi n° 2016-483 (FPE art. 33), FPT wording à vérifier
        (ETAT, "2016-04-21", False),  # before loi n° 2016-483: a convention in every case
    ],
)
def test_mad_procedure_lettre_de_mission_by_host_and_date(
    accueil: dict[str, str], debut: str, lettre: bool
) -> None:
    fin = debut[:4] + "-12-30"
    m = mission(cadre="organisation_internationale", accueil=accueil, periodes=periode(debut, fin))
    convention = _convention(m)
    assert (convention.code == "mad.lettre_de_mission") is lettre
    assert ("lettre de mission" in convention.libelle) is lettre
    assert ("mad.lettre_de_mission" in convention.fondements) is lettre
    # The act drafted: the lettre de mission stands for the convention (L. 512-7, last para.).
    documents = [d.code for d in de_type(regle("mad.procedure", m, "mise_a_disposition"), Document)]
    assert ("lettre_de_mission" in documents) is lettre
    assert ("convention_mise_a_disposition" in documents) is not lettre


def test_mad_procedure_flags_the_international_organisation_convention() -> None:
    trouves = regle("mad.procedure", mission(**DEUX_MOIS, accueil=OI), "mise_a_disposition")
    assert "mad.convention_organisation_internationale" in codes(trouves)
    avant = regle(
        "mad.procedure",
        mission(
            cadre="organisation_internationale",
            accueil=OI,
            periodes=periode("2015-09-01", "2015-10-30"),
        ),
        "mise_a_disposition",
    )
    assert "mad.convention_organisation_internationale" not in codes(
        avant
    )  # no lettre de mission then


def test_mad_procedure_acts_are_read_at_their_signature() -> None:
    m = mission(**{**DEUX_MOIS, "periodes": periode("2022-03-01", "2022-04-29")})
    obligations = {
        o.code: o for o in de_type(regle("mad.procedure", m, "mise_a_disposition"), Obligation)
    }
    from datetime import date

    assert obligations["mad.arrete"].le == obligations["mad.arrete"].echeance == date(2022, 2, 28)
    assert obligations["mad.retour"].le is None  # the return is read over the mission's periods


def test_mad_duree_reads_three_years_from_the_decree() -> None:
    longue = mission(**{**DEUX_MOIS, "periodes": periode("2026-01-05", "2029-01-05")})
    (alerte,) = regle("mad.duree", longue, "mise_a_disposition")
    assert alerte.code == "mad.duree_3_ans" and "3 ans au plus" in alerte.message
    assert regle("mad.duree", mission(**DEUX_MOIS), "mise_a_disposition") == []
    ancienne = mission(**{**DEUX_MOIS, "periodes": periode("2008-03-03", "2011-04-01")})
    assert regle(
        "mad.duree", ancienne, "mise_a_disposition"
    )  # décret n° 85-1081, art. 7: same term


@pytest.mark.parametrize(
    ("accueil", "cle"),
    [
        (AMBASSADE, "mad.derogation.etat"),
        (GIP, "mad.derogation.gip"),
        (OI, "mad.derogation.oi"),
        (UE, "mad.derogation.ue"),
        (ETAT, "mad.derogation.etat_etranger"),
        (COMMUNE_SN, "mad.derogation.etat_etranger"),
    ],
)
def test_mad_remboursement_waiver_cites_its_case_of_l_512_11(
    accueil: dict[str, str], cle: str
) -> None:
    trouves = regle(
        "mad.remboursement", mission(**DEUX_MOIS, accueil=accueil), "mise_a_disposition"
    )
    alerte = next(a for a in de_type(trouves, Alerte) if a.code == "mad.derogation_possible")
    assert alerte.fondements == (cle,)
    assert "mad.remboursement" not in [o.code for o in de_type(trouves, Obligation)]


def test_mad_remboursement_never_waived_for_an_operator() -> None:
    trouves = regle(
        "mad.remboursement", mission(**DEUX_MOIS, accueil=EXPERTISE_FRANCE), "mise_a_disposition"
    )
    assert "mad.derogation_possible" not in codes(trouves)
    obligation = next(o for o in de_type(trouves, Obligation) if o.code == "mad.remboursement")
    assert obligation.responsable == "operateur"
    rembourse = next(
        f for f in de_type(trouves, Financement) if f.poste == "remboursement_remuneration"
    )
    assert "aucune dérogation possible" in rembourse.libelle


def test_mad_rules_are_silent_for_other_routes() -> None:
    m = mission(**DEUX_MOIS, accueil=ONG)
    for code in (
        "mad.procedure",
        "mad.remboursement",
        "mad.duree",
        "mad.lien_fonctionnel",
        "mad.missions_service_public",
        "mad.conditions_emploi",
    ):
        assert regle(code, m, "detachement_courte_duree") == [], code


def test_mad_missions_service_public_for_an_operator_only() -> None:
    # CGFP L. 512-8, 4°: « pour l'exercice des seules missions de service public confiées à ces
    # organismes » — the condition the acts state for an operator, never for another host.
    (trouve,) = regle(
        "mad.missions_service_public",
        mission(**DEUX_MOIS, accueil=EXPERTISE_FRANCE),
        "mise_a_disposition",
    )
    assert isinstance(trouve, Condition) and trouve.code == "mad.missions_service_public"
    assert "missions de service public" in trouve.libelle
    assert trouve.fondements == ("mad.hotes_operateur",)
    for accueil in (AMBASSADE, OI, UE, ETAT):
        m = mission(**DEUX_MOIS, accueil=accueil)
        assert regle("mad.missions_service_public", m, "mise_a_disposition") == []


@pytest.mark.parametrize(
    ("quotite", "quotite_travail", "collectivite_garde"),
    [
        (None, 0.5, False),  # the agent's working time is not the share put at disposal
        ("0.5", 1, True),
        ("0.4", 1, True),
        ("0.6", 1, False),
        ("1", 0.8, False),
    ],
)
def test_mad_conditions_emploi_follow_the_share_put_at_disposal(
    quotite: str | None, quotite_travail: float, collectivite_garde: bool
) -> None:
    # Décret n° 2008-580, art. 6: at half of the service or less, sick leave stays with the
    # collectivité; above, the host decides on leave.
    donnees = {"quotite_mise_a_disposition": quotite} if quotite else {}
    m = mission(**DEUX_MOIS, **donnees, agent={"quotite_travail": quotite_travail})
    trouves = regle("mad.conditions_emploi", m, "mise_a_disposition")
    (alerte,) = de_type(trouves, Alerte)
    # The acts' leave clause follows this condition, not a threshold of their own.
    conditions = [c.code for c in de_type(trouves, Condition)]
    assert conditions == (["mad.conges_a_l_origine"] if collectivite_garde else [])
    assert alerte.code == "mad.conditions_emploi"
    assert alerte.fondements == ("mad.decret.conditions_travail", "mad.decret.discipline")
    assert ("restent à la collectivité" in alerte.message) is collectivite_garde
    assert ("l'organisme d'accueil prend les décisions" in alerte.message) is not collectivite_garde
    if quotite == "0.4":
        assert "40 % de son service" in alerte.message
    if quotite is None:
        assert "la totalité de son service" in alerte.message
