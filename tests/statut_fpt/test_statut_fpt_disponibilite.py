"""statut_fpt, disponibilité: art. 26 of décret n° 86-68 (no request for three months or less,
never before the period starts), renewal steps beyond one arrêté (art. 21), career limit."""

from __future__ import annotations

from datetime import date

from outils_statut import ENTREPRISE, codes, de_type, mission, periode, regle

from missio.findings import Alerte, Blocage, Constat, Obligation

BUREAU = {"cadre": "initiative_agent", "pays": "SN", "accueil": ENTREPRISE}


def obligations(debut: str, fin: str) -> dict[str, Obligation]:
    trouves = regle(
        "disponibilite.reintegration",
        mission(**BUREAU, periodes=periode(debut, fin)),
        "disponibilite",
    )
    return {o.code: o for o in de_type(trouves, Obligation)}


def test_disponibilite_reintegration_none_for_three_months_or_less() -> None:
    trouves = regle(
        "disponibilite.reintegration",
        mission(**BUREAU, periodes=periode("2026-03-02", "2026-06-01")),
        "disponibilite",
    )
    assert not de_type(trouves, Obligation)
    (constat,) = de_type(trouves, Constat)
    assert "aucune demande de réintégration" in constat.texte
    assert constat.fondements == (
        "disponibilite.reintegration",
        "disponibilite.delai_reintegration",
    )


def test_disponibilite_reintegration_three_months_before_the_term_never_before_the_start() -> None:
    quatre = obligations("2026-03-02", "2026-07-01")
    assert quatre["disponibilite.reintegration"].echeance == date(2026, 4, 2)
    assert quatre["disponibilite.reintegration"].echeance >= date(2026, 3, 2)
    un_an = obligations("2026-09-01", "2027-08-31")
    assert un_an["disponibilite.reintegration"].echeance == date(2027, 6, 1)
    assert set(un_an) == {"disponibilite.reintegration"}


def test_disponibilite_reintegration_renewal_steps_beyond_one_arrete() -> None:
    six_ans = obligations("2020-09-01", "2026-08-31")
    assert six_ans["disponibilite.renouvellement"].echeance == date(2025, 6, 1)
    assert six_ans["disponibilite.arrete_renouvellement"].echeance == date(2025, 8, 31)
    assert six_ans["disponibilite.reintegration"].echeance == date(2026, 6, 1)


def test_disponibilite_reintegration_before_2022_is_the_prudent_reading() -> None:
    ancienne = obligations("2015-09-01", "2016-08-31")["disponibilite.reintegration"]
    assert ancienne.echeance == date(2016, 6, 1) and ancienne.le == date(2016, 8, 31)


def test_disponibilite_procedure_acts_and_deontological_control() -> None:
    trouves = regle(
        "disponibilite.procedure",
        mission(**BUREAU, periodes=periode("2026-09-01", "2027-08-31")),
        "disponibilite",
    )
    assert {
        "disponibilite.demande",
        "disponibilite.arrete",
        "disponibilite.controle_deontologique",
    } <= set(codes(trouves))
    controle = next(
        o for o in de_type(trouves, Obligation) if o.code == "disponibilite.controle_deontologique"
    )
    assert controle.fondements == (
        "disponibilite.controle_deonto",
        "disponibilite.controle_deonto_procedure",
    )
    alerte = next(
        a for a in de_type(trouves, Alerte) if a.code == "disponibilite.sans_remuneration"
    )
    assert "5 ans au plus" in alerte.message and "disponibilite.avancement" in alerte.fondements


def test_disponibilite_procedure_advancement_not_kept_before_september_2018() -> None:
    trouves = regle(
        "disponibilite.procedure",
        mission(**BUREAU, periodes=periode("2015-09-01", "2016-08-31")),
        "disponibilite",
    )
    alerte = next(
        a for a in de_type(trouves, Alerte) if a.code == "disponibilite.sans_remuneration"
    )
    assert "il perd ses droits à l'avancement" in alerte.message


def test_disponibilite_duree_eighteen_months_until_december_2025() -> None:
    avant = regle(
        "disponibilite.duree",
        mission(**BUREAU, periodes=periode("2020-09-01", "2026-08-31")),
        "disponibilite",
    )
    assert "Au-delà de 5 ans" in de_type(avant, Alerte)[0].message
    assert "au moins 18 mois de services effectifs" in de_type(avant, Alerte)[0].message
    apres = regle(
        "disponibilite.duree",
        mission(**BUREAU, periodes=periode("2021-01-04", "2026-12-31")),
        "disponibilite",
    )
    assert "n'exige plus" in apres[0].message and "07/12/2025" in apres[0].message


def test_disponibilite_duree_ten_years_and_unknown_older_rules() -> None:
    trop = regle(
        "disponibilite.duree",
        mission(**BUREAU, periodes=periode("2026-01-05", "2036-06-30")),
        "disponibilite",
    )
    assert codes(de_type(trop, Blocage)) == ["disponibilite.duree_10_ans"]
    ancienne = regle(
        "disponibilite.duree",
        mission(**BUREAU, periodes=periode("2015-09-01", "2016-08-31")),
        "disponibilite",
    )
    assert codes(ancienne) == ["disponibilite.duree_non_verifiee"]
    assert "2019-234" in ancienne[0].message  # read from the version's note, not written in code
