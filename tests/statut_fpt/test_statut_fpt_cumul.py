"""statut_fpt, cumul d'activités: the request, the answer's delay and the sense of silence, read
at the date of the request from the dated sources (2007-658, 2017-105, 2020-69, CGFP R.)."""

from __future__ import annotations

from datetime import date

from outils_statut import OPERATEUR, codes, de_type, mission, periode, regle

from missio.findings import Alerte, Obligation


def cumul(debut: str, fin: str, demande: str | None):  # type: ignore[no-untyped-def]
    m = mission(**OPERATEUR, periodes=periode(debut, fin), date_demande=demande)
    return regle("cumul.procedure", m, "cumul_activites")


def test_cumul_procedure_since_2017_one_month_and_silence_refusal() -> None:
    trouves = cumul("2026-03-02", "2026-03-04", "2026-01-05")
    obligations = {o.code: o for o in de_type(trouves, Obligation)}
    assert obligations["cumul.demande"].echeance == date(2026, 2, 2)
    assert obligations["cumul.demande"].fondements == ("cumul.demande", "cumul.procedure")
    assert "un mois au moins avant le début" in obligations["cumul.demande"].libelle
    assert obligations["cumul.reponse"].echeance == date(2026, 2, 5)
    assert "délai d'un mois (deux mois si" in obligations["cumul.reponse"].libelle
    silence = next(a for a in de_type(trouves, Alerte) if a.code == "cumul.silence")
    assert "vaut rejet" in silence.message and silence.le == date(2026, 1, 5)


def test_cumul_procedure_before_february_2017_silence_authorises() -> None:
    trouves = cumul("2016-10-03", "2016-10-05", "2016-09-01")
    assert (
        "vaut autorisation"
        in next(a for a in de_type(trouves, Alerte) if a.code == "cumul.silence").message
    )
    reponse = next(o for o in de_type(trouves, Obligation) if o.code == "cumul.reponse")
    # Décret n° 2007-658, art. 6: one month; the delay for an incomplete request was not read.
    assert reponse.echeance == date(2016, 10, 1) and reponse.libelle.endswith("délai d'un mois")


def test_cumul_procedure_no_delay_is_guessed_where_none_was_read() -> None:
    from outils_statut import contexte

    from missio_statut_fpt.cumul import procedure
    from missio_statut_fpt.route import Route

    m = mission(
        **OPERATEUR, periodes=periode("2016-10-03", "2016-10-05"), date_demande="2016-09-01"
    )
    ctx = contexte(m)
    source = ctx.referentiel.source("cumul.procedure")
    sans_delai = source.versions[0].model_copy(update={"valeurs": {"silence": "autorisation"}})
    ctx.referentiel._sources["cumul.procedure"] = source.model_copy(
        update={"versions": (sans_delai, *source.versions[1:])}
    )
    ctx.referentiel._cache.clear()
    try:
        trouves = list(
            procedure(m, ctx, Route(recommande="cumul_activites", dispositif="cumul_activites"))
        )
    finally:
        ctx.referentiel._sources["cumul.procedure"] = source
        ctx.referentiel._cache.clear()
    demande = next(o for o in de_type(trouves, Obligation) if o.code == "cumul.demande")
    assert demande.echeance is None and "non relevé" in demande.libelle
    assert "cumul.reponse" not in codes(trouves)


def test_cumul_procedure_late_request() -> None:
    assert "cumul.demande_tardive" in codes(cumul("2026-03-02", "2026-03-04", "2026-02-20"))
    assert "cumul.demande_tardive" not in codes(cumul("2026-03-02", "2026-03-04", "2026-01-20"))


def test_cumul_procedure_is_silent_for_other_routes() -> None:
    assert regle("cumul.procedure", mission(**OPERATEUR), "mise_a_disposition") == []
