"""statut_fpt's legal sources: the whole date axis covered, the Code cited after 1 March 2022."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from missio.engine import Engine
from missio.models import DATE_MINIMALE

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "statut_fpt"
AUJOURD_HUI = date(2026, 11, 26)
CODE = date(2022, 3, 1)
# Laws whose articles the Code général de la fonction publique replaced on 1 March 2022.
LOIS_CODIFIEES = ("Loi n° 84-53", "Loi n° 83-634", "Loi n° 84-834")


@pytest.fixture(scope="module")
def sources() -> dict[str, object]:
    engine = Engine()
    return {
        cle: engine.referentiel.source(cle)
        for cle in engine.referentiel
        if engine.referentiel.auteur(cle) == "statut_fpt"
    }


def test_every_key_covers_july_2007_to_today_without_gap(sources: dict[str, object]) -> None:
    for cle, source in sources.items():
        versions = source.versions  # type: ignore[attr-defined]
        assert versions[0].du is None or versions[0].du <= DATE_MINIMALE, cle
        assert versions[-1].au is None or versions[-1].au >= AUJOURD_HUI, cle
        # Source already refuses gaps and overlaps between consecutive versions.
        for avant, apres in itertools.pairwise(versions):
            assert (apres.du - avant.au).days == 1, cle


def test_no_codified_law_cited_after_the_code(sources: dict[str, object]) -> None:
    for cle, source in sources.items():
        for version in source.versions:  # type: ignore[attr-defined]
            if version.au is None or version.au >= CODE:
                assert not version.texte.startswith(LOIS_CODIFIEES), (cle, version.texte)


def test_the_code_is_cited_from_its_first_day(sources: dict[str, object]) -> None:
    for cle, source in sources.items():
        if any(v.texte.startswith(LOIS_CODIFIEES) for v in source.versions):  # type: ignore[attr-defined]
            avant = source.en_vigueur(date(2022, 2, 28), date(2022, 2, 28))  # type: ignore[attr-defined]
            apres = source.en_vigueur(CODE, CODE)  # type: ignore[attr-defined]
            assert avant[0].texte.startswith(LOIS_CODIFIEES), cle
            assert not apres[0].texte.startswith(LOIS_CODIFIEES), cle


def test_every_declared_key_is_cited_by_a_rule(sources: dict[str, object]) -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PLUGIN.glob("*.py"))
    for cle in sources:
        assert f'"{cle}"' in code, f"{cle} is declared but no rule cites it"


def test_every_a_verifier_reference_is_listed_in_the_readme(sources: dict[str, object]) -> None:
    readme = (PLUGIN / "README.md").read_text(encoding="utf-8")
    for cle, source in sources.items():
        if any(v.statut == "a_verifier" for v in source.versions):  # type: ignore[attr-defined]
            assert re.search(rf"`{re.escape(cle)}`", readme), f"{cle} missing from the README list"


def test_mission_straddling_the_code_cites_both_texts(decider: object) -> None:
    decision = decider(  # type: ignore[operator]
        cadre="operateur",
        accueil={"nom": "Expertise France", "nature": "operateur", "pays": "SN"},
        pays="SN",
        periodes=[{"debut": "2022-01-10", "fin": "2022-04-29"}],
        teletravail_jours_par_semaine=None,
        date_demande="2021-11-15",
    )
    assert decision.dispositif == "mise_a_disposition"
    textes = [(f.texte, f.article) for f in decision.fondements if f.cle == "mad.conditions"]
    assert textes == [
        ("Loi n° 84-53 du 26 janvier 1984", "art. 61"),
        ("Code général de la fonction publique", "L. 512-7"),
    ]
    entree = next(t for t in decision.trace if t.regle == "mad.procedure")
    assert any("art. 61" in r for r in entree.references) and any(
        "L. 512-7" in r for r in entree.references
    )


def test_before_and_after_the_code(decider: object) -> None:
    operateur = {
        "cadre": "operateur",
        "accueil": {"nom": "Expertise France", "nature": "operateur", "pays": "SN"},
        "pays": "SN",
        "teletravail_jours_par_semaine": None,
    }
    avant = decider(
        **operateur,
        periodes=[{"debut": "2021-03-01", "fin": "2021-04-30"}],
        date_demande="2021-01-04",
    )  # type: ignore[operator]
    apres = decider(**operateur, periodes=[{"debut": "2026-03-02", "fin": "2026-04-30"}])  # type: ignore[operator]
    assert {f.article for f in avant.fondements if f.cle == "mad.remboursement"} == {
        "art. 61-1 (II)"
    }
    assert {f.article for f in apres.fondements if f.cle == "mad.remboursement"} == {"L. 512-11"}
