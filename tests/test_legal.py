"""Legal references resolved at the mission's dates, with their verification marks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from missio.legal import HorsPeriode, ReferenceInconnue, Referentiel, Source, statut_le_plus_faible

D = date.fromisoformat


def test_same_key_cites_the_law_in_force(engine: Any) -> None:
    avant = engine.referentiel.resoudre("mad.conditions", D("2021-05-03"))
    apres = engine.referentiel.resoudre("mad.conditions", D("2026-05-04"))
    assert [(v.texte, v.article, v.statut) for v in avant] == [
        ("Loi n° 84-53 du 26 janvier 1984", "art. 61", "verifie_secondaire")
    ]
    assert [(v.texte, v.article, v.statut) for v in apres] == [
        ("Code général de la fonction publique", "L. 512-7", "verifie")
    ]


def test_day_before_and_day_of_the_code() -> None:
    from missio.engine import Engine

    ref = Engine().referentiel
    assert ref.resoudre("mad.hotes", D("2022-02-28"))[0].article == "art. 61-1, I"
    assert ref.resoudre("mad.hotes", D("2022-03-01"))[0].article.startswith("L. 512-8")


def test_straddling_range_cites_both(engine: Any) -> None:
    versions = engine.referentiel.resoudre(
        "detachement.definition", D("2022-01-10"), D("2022-06-30")
    )
    assert [v.texte for v in versions] == [
        "Loi n° 84-53 du 26 janvier 1984",
        "Code général de la fonction publique",
    ]


def test_overlap_and_gap_are_refused() -> None:
    base = {"cle": "x.y", "intitule": "t"}
    v1 = {"en_vigueur_le": "2007-07-01", "au": "2022-02-28", "texte": "A", "statut": "verifie"}
    v2 = {"en_vigueur_le": "2007-07-01", "texte": "B", "statut": "verifie"}
    with pytest.raises(ValueError, match="chevauchent"):
        Source.model_validate({**base, "versions": [v1, {**v2, "du": "2022-02-01"}]})
    with pytest.raises(ValueError, match="trou"):
        Source.model_validate({**base, "versions": [v1, {**v2, "du": "2022-03-05"}]})


def test_unknown_key_and_out_of_period() -> None:
    ref = Referentiel()
    ref.charger(
        {
            "x.y": {
                "intitule": "t",
                "versions": [{"en_vigueur_le": "2020-01-01", "texte": "A", "statut": "a_verifier"}],
            }
        },
        "p",
    )
    with pytest.raises(ReferenceInconnue):
        ref.resoudre("x.z", D("2021-01-01"))
    with pytest.raises(HorsPeriode):
        ref.resoudre("x.y", D("2019-01-01"))


def test_two_plugins_declaring_one_key_is_an_error() -> None:
    ref = Referentiel()
    version = {"en_vigueur_le": "2007-07-01", "texte": "A", "statut": "verifie"}
    donnees = {"x.y": {"intitule": "t", "versions": [version]}}
    ref.charger(donnees, "p1")
    with pytest.raises(ValueError, match="p1 et par p2"):
        ref.charger(donnees, "p2")


def test_weakest_mark_wins() -> None:
    assert statut_le_plus_faible(["verifie", "a_verifier", "verifie_secondaire"]) == "a_verifier"
    assert statut_le_plus_faible(["verifie", "verifie_secondaire"]) == "verifie_secondaire"
    assert statut_le_plus_faible([]) == "verifie"


def test_compiled_twins_of_the_plugins_sources_are_current() -> None:
    """The JSON twins are read instead of the YAML only when current; keep them so."""
    from pathlib import Path

    from missio.legal import compiler

    for yaml_ in sorted(
        (Path(__file__).resolve().parent.parent / "plugins").glob("*/sources.yaml")
    ):
        jumeau = yaml_.with_suffix(".json")
        assert jumeau.is_file() and jumeau.read_text(encoding="utf-8") == compiler(yaml_), (
            f"run: python -m missio.legal {yaml_}"
        )


def test_an_edited_yaml_is_never_shadowed_by_its_twin(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from missio.legal import lire_sources, main

    fichier = tmp_path / "sources.yaml"
    fichier.write_text(
        "x.y: {intitule: A, versions: [{en_vigueur_le: 2007-07-01, texte: T, statut: verifie}]}\n",
        encoding="utf-8",
    )
    main([str(fichier)])
    assert lire_sources(fichier)["x.y"]["intitule"] == "A"
    fichier.write_text(
        "x.y: {intitule: B, versions: [{en_vigueur_le: 2007-07-01, texte: T, statut: verifie}]}\n",
        encoding="utf-8",
    )
    assert lire_sources(fichier)["x.y"]["intitule"] == "B"


def test_a_version_never_starts_before_its_text_exists() -> None:
    base = {"cle": "x.y", "intitule": "t"}
    texte = {"texte": "Décret n° 2008-580", "statut": "verifie", "en_vigueur_le": "2008-06-21"}
    source = Source.model_validate({**base, "versions": [texte]})
    assert source.versions[0].du == D("2008-06-21")
    assert not source.en_vigueur(D("2008-06-01"), D("2008-06-20"))
    with pytest.raises(ValueError, match="entrée en vigueur"):
        Source.model_validate({**base, "versions": [{**texte, "du": "2008-06-20"}]})


def test_every_version_says_when_its_text_entered_into_force() -> None:
    with pytest.raises(ValueError, match="en_vigueur_le"):
        Source.model_validate(
            {"cle": "x.y", "intitule": "t", "versions": [{"texte": "A", "statut": "verifie"}]}
        )


def _referentiel_a_puis_b(
    valeurs_a: dict[str, Any] | None = None, valeurs_b: dict[str, Any] | None = None
) -> Referentiel:
    """One key, ``x.y``: version A from 3 May 2007 to 31 January 2017, then version B."""
    a = {"en_vigueur_le": "2007-05-03", "au": "2017-01-31", "texte": "A", "statut": "verifie"}
    b = {"en_vigueur_le": "2017-02-01", "texte": "B", "statut": "verifie"}
    ref = Referentiel()
    versions = [a | ({"valeurs": valeurs_a} if valeurs_a else {})]
    versions.append(b | ({"valeurs": valeurs_b} if valeurs_b else {}))
    ref.charger({"x.y": {"intitule": "t", "versions": versions}}, "p")
    return ref


def test_a_rule_reads_the_version_in_force_at_a_date() -> None:
    ref = _referentiel_a_puis_b({"silence": "autorisation"}, {"silence": "rejet", "delai_mois": 1})
    avant, apres = ref.version("x.y", D("2017-01-31")), ref.version("x.y", D("2017-02-01"))
    assert avant is not None and avant.valeur("silence") == "autorisation"
    assert avant.valeur("delai_mois", 0) == 0
    assert apres is not None and (apres.valeur("silence"), apres.valeur("delai_mois")) == (
        "rejet",
        1,
    )
    assert ref.version("x.y", D("2007-05-02")) is None  # before the text existed: the rule decides
    with pytest.raises(ReferenceInconnue):
        ref.version("x.z", D("2020-01-01"))


def test_resolutions_kept_by_stretch_of_time_answer_as_the_sources_do() -> None:
    """The referentiel keeps what it resolved per stretch of time between two days on which a
    version starts or ends (Referentiel.epoque), so that missions of other dates hit it: for
    every key of the built-in plugins and periods drawn across four decades, in an order that
    makes later periods meet what earlier ones of the same stretches left, the answer is
    the sources' own."""
    import random

    from missio.engine import Engine

    ref = Engine().referentiel
    hasard = random.Random(20261202)
    versions = [v for cle in ref for v in ref.source(cle).versions]
    bornes = sorted({v.du for v in versions if v.du} | {v.au for v in versions if v.au})
    jours = [
        jour + timedelta(days=decalage)
        for jour in bornes
        for decalage in (-1, 0, 1, hasard.randrange(2, 400))
    ] + [date(1985, 1, 1) + timedelta(days=hasard.randrange(20_000)) for _ in range(60)]
    compares = 0
    for cle in ref:
        source = ref.source(cle)
        for _ in range(40):
            debut, fin = sorted(hasard.sample(jours, 2))
            attendu = source.en_vigueur(debut, fin)
            if not attendu:
                with pytest.raises(HorsPeriode):
                    ref.resoudre(cle, debut, fin)
                continue
            assert ref.resoudre(cle, debut, fin) == attendu, (cle, debut, fin)
            assert ref.version(cle, debut) == (source.en_vigueur(debut, debut) or (None,))[0]
            compares += 1
    assert compares > 1000


def test_a_stretch_of_time_ends_where_a_version_starts_or_ends() -> None:
    ref = _referentiel_a_puis_b()
    epoque = ref.epoque
    assert epoque(D("1990-01-01")) == epoque(D("2007-05-02")) != epoque(D("2007-05-03"))
    assert epoque(D("2007-05-03")) == epoque(D("2017-01-31")) != epoque(D("2017-02-01"))
    assert epoque(D("2017-02-01")) == epoque(D("2090-12-31"))
    ref.charger(  # a source added later moves the stretches
        {
            "x.z": {
                "intitule": "t",
                "versions": [{"en_vigueur_le": "2020-06-01", "texte": "C", "statut": "verifie"}],
            }
        },
        "p",
    )
    assert epoque(D("2019-01-01")) != epoque(D("2021-01-01"))
    assert [v.texte for v in ref.resoudre("x.y", D("2021-01-01"))] == ["B"]


def test_missions_of_many_dates_leave_the_caches_small() -> None:
    """benchmarks/memoire_moteur.py with 400 missions over fourteen years: the engine's caches
    grow with the stretches of time the missions fall in, not with their dates (3 372 and
    3 749 entries when they were kept by date, against fewer than 200 each)."""
    import importlib.util
    from pathlib import Path

    chemin = Path(__file__).resolve().parent.parent / "benchmarks" / "memoire_moteur.py"
    spec = importlib.util.spec_from_file_location("memoire_moteur", chemin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mesure = module.mesurer(400)
    assert mesure["cache_citations"] < 400 and mesure["cache_versions"] < 400, mesure
