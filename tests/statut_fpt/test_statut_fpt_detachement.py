"""statut_fpt, détachement: the cases of décret n° 86-68, art. 2, its acts (convention préalable
for 9° b only, approval of the draft contract for 5° a and 6°), CNRACL option, duration."""

from __future__ import annotations

from datetime import date

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
    contexte,
    de_type,
    mission,
    periode,
    regle,
)

from missio.findings import Alerte, Alternative, Blocage, Cas, Condition, Constat, Obligation
from missio_statut_fpt.detachement import par_duree

DIX_MOIS = {"cadre": "initiative_agent", "periodes": periode("2026-09-01", "2027-06-30")}


def avec_cas(cas: str) -> dict[str, object]:
    return {"extensions": {"statut_fpt": {"cas_detachement": cas}}}


@pytest.mark.parametrize(
    ("accueil", "cle"),
    [
        (AMBASSADE, "detachement.cas.etat"),
        (
            {"nom": "Département du Nord", "nature": "collectivite_francaise", "pays": "FR"},
            "detachement.cas.collectivite",
        ),
        (GIP, "detachement.cas.entreprise_publique_gip"),
        (EXPERTISE_FRANCE, "detachement.cas.cooperation_internationale"),
        (OI, "detachement.cas.mission_etranger_oi"),
        (UE, "detachement.cas.mission_etranger_oi"),
        (ETAT, "detachement.cas.mission_etranger_oi"),
        (COMMUNE_SN, "detachement.cas.mission_etranger_oi"),
    ],
)
def test_detachement_accueil_admissible_case_by_nature(accueil: dict[str, str], cle: str) -> None:
    trouves = condition(
        "detachement.accueil_admissible",
        mission(**DIX_MOIS, accueil=accueil),
        "detachement_courte_duree",
    )
    (cas,) = de_type(trouves, Cas)
    assert cas.code == "detachement.cas" and cas.fondements == (cle,)
    assert not de_type(trouves, Blocage) and not de_type(trouves, Alternative)


@pytest.mark.parametrize(
    ("accueil", "declare", "cle"),
    [
        (ONG, "6", "detachement.cas.association"),
        (ONG, "9b", "detachement.cas.cooperation_internationale"),
        (ENTREPRISE, "5a", "detachement.cas.entreprise_privee"),
        (ENTREPRISE, "3", "detachement.cas.entreprise_publique_gip"),
        (ETAT, "7", "detachement.cas.cooperation_1972"),
        (ONG, "8", "detachement.cas.enseignement"),  # teaching abroad, whatever the host
    ],
)
def test_detachement_accueil_admissible_takes_the_stated_case(
    accueil: dict[str, str], declare: str, cle: str
) -> None:
    m = mission(**DIX_MOIS, accueil=accueil, **avec_cas(declare))
    (cas,) = de_type(
        condition("detachement.accueil_admissible", m, "detachement_courte_duree"), Cas
    )
    assert cas.fondements == (cle,)


def test_detachement_accueil_admissible_asks_to_qualify_an_ngo_without_blocking() -> None:
    trouves = condition(
        "detachement.accueil_admissible",
        mission(**DIX_MOIS, accueil=ONG),
        "detachement_courte_duree",
    )
    assert not de_type(trouves, Blocage)
    (qualification,) = de_type(trouves, Condition)
    assert qualification.code == "detachement.qualification"
    assert qualification.fondements == (
        "detachement.cas.association",
        "detachement.cas.cooperation_internationale",
    )
    assert [a.dispositif for a in de_type(trouves, Alternative)] == ["disponibilite"]


def test_detachement_accueil_admissible_refuses_a_company_without_a_case() -> None:
    trouves = condition(
        "detachement.accueil_admissible",
        mission(**DIX_MOIS, accueil=ENTREPRISE),
        "detachement_courte_duree",
    )
    (blocage,) = de_type(trouves, Blocage)
    assert blocage.code == "detachement_accueil_admissible" and "5a ou 3" in (blocage.remede or "")
    assert [a.dispositif for a in de_type(trouves, Alternative)] == ["disponibilite"]
    aucun = mission(**DIX_MOIS, accueil=ONG, **avec_cas("aucun"))
    assert codes(
        condition("detachement.accueil_admissible", aucun, "detachement_courte_duree")
    ) == [
        "detachement_accueil_admissible",
        "disponibilite",
    ]


def test_detachement_accueil_admissible_refuses_a_case_the_host_cannot_have() -> None:
    m = mission(**DIX_MOIS, accueil=ONG, **avec_cas("1"))
    (blocage,) = de_type(
        condition("detachement.accueil_admissible", m, "detachement_courte_duree"), Blocage
    )
    assert blocage.code == "detachement_cas_declare" and "6, 9b, 8" in blocage.message


def test_detachement_accueil_admissible_only_for_a_titulaire_and_a_detachement() -> None:
    assert (
        condition(
            "detachement.accueil_admissible",
            mission(**DIX_MOIS, accueil=ENTREPRISE),
            "disponibilite",
        )
        == []
    )
    stagiaire = mission(**DIX_MOIS, accueil=ENTREPRISE, agent={"statut": "stagiaire"})
    assert condition("detachement.accueil_admissible", stagiaire, "detachement_courte_duree") == []


def _obligations(m, dispositif="detachement_courte_duree"):  # type: ignore[no-untyped-def]
    return {o.code: o for o in de_type(regle("detachement.procedure", m, dispositif), Obligation)}


def test_detachement_procedure_convention_only_for_9b() -> None:
    assert "detachement.convention" in _obligations(mission(**DIX_MOIS, accueil=EXPERTISE_FRANCE))
    assert "detachement.convention" in _obligations(
        mission(**DIX_MOIS, accueil=ONG, **avec_cas("9b"))
    )
    for accueil in (OI, AMBASSADE, ETAT):
        assert "detachement.convention" not in _obligations(mission(**DIX_MOIS, accueil=accueil)), (
            accueil
        )
    trouves = regle(
        "detachement.procedure",
        mission(**DIX_MOIS, accueil=EXPERTISE_FRANCE),
        "detachement_courte_duree",
    )
    assert "detachement.convention_9b" in codes(de_type(trouves, Condition))


def test_detachement_procedure_approval_of_the_contract_for_5a_and_6() -> None:
    for accueil, cas in ((ENTREPRISE, "5a"), (ONG, "6")):
        m = mission(**DIX_MOIS, accueil=accueil, **avec_cas(cas))
        obligations = _obligations(m)
        assert (
            "detachement.approbation_contrat" in obligations
            and "detachement.convention" not in obligations
        )
        assert obligations["detachement.approbation_contrat"].fondements == (
            "detachement.approbation_contrat",
        )


def test_detachement_procedure_both_steps_conditional_while_the_ngo_is_not_qualified() -> None:
    obligations = _obligations(mission(**DIX_MOIS, accueil=ONG))
    assert "(si l'organisme relève du 9° b)" in obligations["detachement.convention"].libelle
    assert "(si l'organisme relève du 6°)" in obligations["detachement.approbation_contrat"].libelle


def test_detachement_procedure_acts_before_departure_read_at_signature() -> None:
    m = mission(**{**DIX_MOIS, "periodes": periode("2022-03-02", "2022-12-30")}, accueil=OI)
    arrete = _obligations(m)["detachement.arrete"]
    assert arrete.echeance == arrete.le == date(2022, 3, 1)


def test_detachement_retraite_option_abroad_or_international() -> None:
    # CGFP L. 513-6: optional affiliation for a host implanted in a foreign State or
    # international; missio reads where the host is implanted, not where the mission is.
    trouves = regle(
        "detachement.retraite", mission(**DIX_MOIS, accueil=ETAT), "detachement_longue_duree"
    )
    assert codes(trouves) == ["detachement.option_cnracl", "detachement.information_cnracl"]
    assert codes(
        regle("detachement.retraite", mission(**DIX_MOIS, accueil=OI), "detachement_courte_duree")
    ) == ["detachement.option_cnracl", "detachement.information_cnracl"]  # OI in France
    # A local association declared in Senegal is a body implanted abroad.
    assert "detachement.option_cnracl" in codes(
        regle("detachement.retraite", mission(**DIX_MOIS, accueil=ONG), "detachement_longue_duree")
    )
    en_france = mission(
        **DIX_MOIS,
        pays="FR",
        accueil={"nom": "Région", "nature": "collectivite_francaise", "pays": "FR"},
    )
    (constat,) = regle("detachement.retraite", en_france, "detachement_courte_duree")
    # The rule cites the retirement texts for every détachement (L. 513-4: stays affiliated).
    assert isinstance(constat, Constat) and constat.fondements == ("detachement.retraite",)


@pytest.mark.parametrize("accueil", [EXPERTISE_FRANCE, AMBASSADE])
def test_detachement_retraite_french_body_abroad_keeps_the_cnracl_a_verifier(
    accueil: dict[str, str],
) -> None:
    # Expertise France (an établissement public whose seat is in France) or an embassy (the
    # French State) declared in Senegal: missio's reading keeps the affiliation (L. 513-4) and
    # says so « à vérifier »; no option, no information on an option.
    m = mission(**{**DIX_MOIS, "cadre": "operateur", "pays": "SN"}, accueil=accueil)
    trouves = regle("detachement.retraite", m, "detachement_longue_duree")
    assert "detachement.option_cnracl" not in codes(trouves)
    (alerte,) = de_type(trouves, Alerte)
    assert alerte.code == "detachement.retraite_organisme_francais"
    assert alerte.fondements == ("detachement.retraite.organisme_francais",)
    assert "reste affilié à la CNRACL" in alerte.message and "à vérifier" in alerte.message
    assert alerte.le == date(2026, 8, 31)  # read the day the arrêté is signed


def test_par_duree_reads_six_months_and_one_year_abroad() -> None:
    un_an = mission(**{**DIX_MOIS, "periodes": periode("2026-09-01", "2027-08-31")})
    assert par_duree(un_an, contexte(un_an)) == "detachement_courte_duree"
    plus = mission(**{**DIX_MOIS, "periodes": periode("2026-09-01", "2027-09-01")})
    assert par_duree(plus, contexte(plus)) == "detachement_longue_duree"
    france = mission(**{**DIX_MOIS, "pays": "FR", "periodes": periode("2026-09-01", "2027-03-01")})
    assert par_duree(france, contexte(france)) == "detachement_longue_duree"  # 6 months in France


def test_detachement_duree_short_and_long() -> None:
    courte = regle("detachement.duree", mission(**DIX_MOIS, accueil=OI), "detachement_courte_duree")
    assert codes(courte) == ["detachement.reintegration", "detachement.courte_non_renouvelable"]
    assert "6 mois, 1 an pour servir à l'étranger" in de_type(courte, Alerte)[0].message
    six_ans = mission(**{**DIX_MOIS, "periodes": periode("2026-09-01", "2032-09-30")}, accueil=OI)
    longue = regle("detachement.duree", six_ans, "detachement_longue_duree")
    assert codes(longue) == ["detachement.reintegration_non_garantie", "detachement.duree_5_ans"]
    reintegration = de_type(longue, Alerte)[0]
    assert reintegration.fondements == ("detachement.reintegration", "detachement.longue_duree")
