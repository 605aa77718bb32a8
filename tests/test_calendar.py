"""Working days of the employer's territory (shared/domain/calendrier.md, § 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from missio.calendar import (
    Calendrier,
    DepartementInconnu,
    HorsCalendrier,
    ajouter_mois,
    annees_connues,
    annees_couvertes,
    calendrier,
    fusionner,
    subdivision,
)

D = date.fromisoformat

# calendrier.md § 9, Pentecost Monday counted as a holiday.
CAS = [
    ("2026-03-30", "2026-04-10", {"75": 9, "57": 8, "67": 8, "972": 9, "971": 8, "974": 9}),
    ("2026-04-03", "2026-04-03", {"75": 1, "57": 0, "67": 0, "972": 1, "971": 0, "974": 1}),
    (
        "2026-04-27",
        "2026-05-08",
        {"75": 8, "57": 8, "67": 8, "972": 8, "971": 8, "974": 8, "976": 7},
    ),
    ("2026-05-11", "2026-05-15", {"75": 4, "57": 4, "67": 4, "972": 4, "971": 4, "974": 4}),
    ("2026-05-09", "2026-05-15", {"75": 4, "57": 4, "67": 4, "972": 4, "971": 4, "974": 4}),
    ("2026-05-18", "2026-05-29", {"75": 9, "57": 9, "67": 9, "972": 8, "971": 8, "974": 9}),
    ("2026-05-22", "2026-05-28", {"75": 4, "57": 4, "67": 4, "972": 3, "971": 3, "974": 4}),
    ("2026-05-25", "2026-05-31", {"75": 4, "57": 4, "67": 4, "972": 4, "971": 3, "974": 4}),
    ("2026-07-20", "2026-07-24", {"75": 5, "57": 5, "67": 5, "972": 4, "971": 4, "974": 5}),
    ("2026-03-09", "2026-03-13", {"75": 5, "57": 5, "67": 5, "972": 5, "971": 4, "974": 5}),
    ("2026-12-21", "2026-12-31", {"75": 8, "57": 8, "67": 8, "972": 8, "971": 8, "974": 8}),
    ("2025-12-22", "2025-12-26", {"75": 4, "57": 3, "67": 3, "972": 4, "971": 4, "974": 4}),
    ("2027-12-20", "2027-12-24", {"75": 5, "57": 5, "67": 5, "972": 5, "971": 5, "974": 4}),
    (
        "2026-01-01",
        "2026-12-31",
        {"75": 252, "57": 251, "67": 251, "972": 250, "971": 248, "974": 252},
    ),
    ("2026-06-08", "2026-06-12", {"973": 4}),
    ("2026-05-18", "2026-05-29", {"978": 8, "68": 9}),
]


@pytest.mark.parametrize(("debut", "fin", "attendus"), CAS)
def test_working_days_match_the_domain_table(
    debut: str, fin: str, attendus: dict[str, int]
) -> None:
    for departement, attendu in attendus.items():
        assert calendrier(departement).jours_ouvres(D(debut), D(fin)) == attendu, departement


def test_pentecost_worked_when_it_is_the_solidarity_day() -> None:
    cal = Calendrier("75", journee_solidarite="lundi_pentecote")
    assert cal.jours_ouvres(D("2026-05-18"), D("2026-05-29")) == 10
    assert Calendrier("972", "lundi_pentecote").jours_ouvres(D("2026-05-18"), D("2026-05-29")) == 9
    assert Calendrier("75", "rtt").jours_ouvres(D("2026-05-18"), D("2026-05-29")) == 9


def test_alsace_moselle_and_martinique_differ_from_paris() -> None:
    paris, moselle, martinique = calendrier("75"), calendrier("57"), calendrier("972")
    annee = (D("2026-01-01"), D("2026-12-31"))
    assert moselle.jours_ouvres(*annee) < paris.jours_ouvres(*annee)
    assert martinique.jours_ouvres(*annee) < paris.jours_ouvres(*annee)
    assert [f.nom for f in moselle.feries(D("2026-04-03"), D("2026-04-03"))] == ["Vendredi saint"]
    assert martinique.feries(D("2026-05-22"), D("2026-05-22"))[0].nom == "Abolition de l'esclavage"


def test_caesm_example_volume() -> None:
    assert calendrier("972").jours_ouvres(D("2026-03-02"), D("2026-08-28")) == 122


def test_departement_codes() -> None:
    assert subdivision("67") == subdivision("68") == "6AE"
    assert subdivision("57") == "57"
    assert subdivision("75") == subdivision("2A") == ""
    for inconnu in ("20", "00", "96", "986", "6AE", ""):
        with pytest.raises(DepartementInconnu):
            subdivision(inconnu)


def test_table_equals_the_holidays_package() -> None:
    """The generated table must stay what `holidays` (pinned in the lock file) says."""
    from missio.calendar import _table
    from missio.data.generer_feries import construire

    attendu, stocke = construire(), _table()
    assert stocke["annees"] == attendu["annees"]
    assert stocke["annees_paquet"] == attendu["annees_paquet"]
    assert stocke["subdivisions"] == attendu["subdivisions"], (
        "feries.json is stale: run python -m missio.data.generer_feries"
    )


def test_years_outside_the_table_come_from_the_package() -> None:
    """Beyond the generated table, a year is computed from `holidays` on first use and counts
    exactly as the package says; beyond what the package knows, a clean refusal."""
    import holidays

    premiere, derniere = annees_couvertes()
    assert premiere == 2007
    for departement, code in (("75", None), ("972", "972"), ("57", "57")):
        cal = Calendrier(departement)
        feries = holidays.country_holidays("FR", subdiv=code, years=range(2044, 2053))
        debut, fin = D(f"{derniere - 1}-11-01"), D(f"{derniere + 6}-02-15")  # across the edge
        jours = [debut + timedelta(days=i) for i in range((fin - debut).days + 1)]
        assert cal.jours_ouvres(debut, fin) == sum(
            j.weekday() < 5 and j not in feries for j in jours
        )
        assert [f.jour for f in cal.feries(debut, fin)] == [
            j for j in jours if j in feries and j.weekday() < 5
        ]
        assert all(cal.est_ouvre(j) == (j.weekday() < 5 and j not in feries) for j in jours)
    pentecote = Calendrier("75").lundi_de_pentecote_chome(D("2050-01-01"), D("2050-12-31"))
    assert pentecote == D("2050-05-30")
    assert (
        Calendrier("75", "lundi_pentecote").lundi_de_pentecote_chome(
            D("2050-01-01"), D("2050-12-31")
        )
        is None
    )
    assert Calendrier("75").jours_ouvres(D("2006-12-25"), D("2007-01-05")) == 8  # before too
    derniere_connue = annees_connues()[1]
    with pytest.raises(HorsCalendrier, match=f"ne sont connus que de 1803 à {derniere_connue}"):
        calendrier("75").jours_ouvres(
            D(f"{derniere_connue}-12-01"), D(f"{derniere_connue + 1}-01-02")
        )


def test_covered_years_never_import_the_holidays_package() -> None:
    """The package costs 0.2 s to import: the table answers every year it covers."""
    import subprocess
    import sys

    code = (
        "import sys; from datetime import date; from missio.calendar import calendrier; "
        "c = calendrier('972'); c.jours_ouvres(date(2007, 1, 1), date(2045, 12, 31)); "
        "c.est_ouvre(date(2045, 12, 31)); c.feries(date(2026, 1, 1), date(2026, 12, 31)); "
        "sys.exit('holidays' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_fast_count_matches_day_by_day_loop() -> None:
    import random
    from datetime import timedelta

    tirage = random.Random(2026)
    for departement in ("75", "57", "972", "971", "974", "976"):
        cal = calendrier(departement)
        for _ in range(300):
            debut = D("2008-01-01") + timedelta(days=tirage.randrange(0, 13000))
            fin = debut + timedelta(days=tirage.randrange(0, 400))
            jours = [debut + timedelta(days=i) for i in range((fin - debut).days + 1)]
            assert cal.jours_ouvres(debut, fin) == sum(cal.est_ouvre(j) for j in jours)


def test_month_arithmetic_and_merging() -> None:
    assert ajouter_mois(D("2026-05-15"), 2) == D("2026-07-15")
    assert ajouter_mois(D("2025-12-31"), 2) == D("2026-02-28")
    assert ajouter_mois(D("2027-12-30"), 2) == D("2028-02-29")
    assert ajouter_mois(D("2026-03-31"), -1) == D("2026-02-28")
    assert fusionner(
        [
            (D("2026-05-12"), D("2026-05-15")),
            (D("2026-04-01"), D("2026-04-03")),
            (D("2026-05-14"), D("2026-05-20")),
        ]
    ) == [(D("2026-04-01"), D("2026-04-03")), (D("2026-05-12"), D("2026-05-20"))]
