"""The legal sources of every loaded plugin on the date axis: no version before its text entered
into force, no gap or overlap, no Code général de la fonction publique before 1 March 2022 (its
regulatory part before 1 February 2025), no codified law after it; and statut_fpt's own sources."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from missio.engine import Engine
from missio.legal import Source
from missio.models import DATE_MINIMALE

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "statut_fpt"
AUJOURD_HUI = date(2026, 12, 1)
CODE = date(2022, 3, 1)
PARTIE_REGLEMENTAIRE = date(2025, 2, 1)
CGFP = "Code général de la fonction publique"
# Laws whose articles the Code général de la fonction publique replaced on 1 March 2022; loi n°
# 84-834, art. 6-2 has no equivalent in the Code (statut.md § 8) and stays cited after it.
LOIS_CODIFIEES = ("Loi n° 84-53", "Loi n° 83-634")
# Texts whose first version starts after 1 July 2007: they did not exist before, and the rules
# that cite them check the version in force (contexte.version) first.
NES_APRES_2007 = {
    "mad.contractuel_cdi_etat",  # décret n° 2016-1123
    "securite.devoir_employeur",  # note DAECT, 24 June 2021
    "securite.conseils_voyageurs",  # oldest source read: 2013
    "disponibilite.avancement",  # loi n° 2018-771
}


@pytest.fixture(scope="module")
def toutes() -> dict[str, tuple[str, Source]]:
    engine = Engine()
    return {
        cle: (engine.referentiel.auteur(cle), engine.referentiel.source(cle))
        for cle in engine.referentiel
    }


def test_every_version_of_every_plugin_starts_after_its_text_entered_into_force(
    toutes: dict[str, Any],
) -> None:
    assert {plugin for plugin, _ in toutes.values()} >= {"statut_fpt", "expe_ct"}
    for cle, (_, source) in toutes.items():
        for version in source.versions:
            assert version.en_vigueur_le is not None, cle
            assert version.du is not None and version.du >= version.en_vigueur_le, (cle, version)


def test_no_gap_or_overlap_in_any_key(toutes: dict[str, Any]) -> None:
    for cle, (_, source) in toutes.items():
        for avant, apres in itertools.pairwise(source.versions):
            assert avant.au is not None and apres.du is not None, cle
            assert (apres.du - avant.au).days == 1, (cle, avant.au, apres.du)
        assert source.versions[-1].au is None or source.versions[-1].au >= AUJOURD_HUI, cle


def test_no_code_before_it_existed(toutes: dict[str, Any]) -> None:
    for cle, (_, source) in toutes.items():
        for version in source.versions:
            if version.texte.startswith(CGFP):
                assert version.du >= CODE and version.en_vigueur_le >= CODE, cle
                if (version.article or "").startswith(
                    "R."
                ) or "partie réglementaire" in version.texte:
                    assert version.du >= PARTIE_REGLEMENTAIRE, cle


def test_no_codified_law_cited_after_the_code(toutes: dict[str, Any]) -> None:
    for cle, (_, source) in toutes.items():
        for version in source.versions:
            if version.au is None or version.au >= CODE:
                assert not version.texte.startswith(LOIS_CODIFIEES), (cle, version.texte)


def test_decret_2020_69_ends_on_31_january_2025(toutes: dict[str, Any]) -> None:
    for cle, (_, source) in toutes.items():
        for version in source.versions:
            if "2020-69" in version.texte:
                assert version.du >= date(2020, 2, 1) and version.au == date(2025, 1, 31), cle


def test_dated_chains_of_the_brief(toutes: dict[str, Any]) -> None:
    def texte(cle: str, jour: str) -> str:
        (version,) = toutes[cle][1].en_vigueur(date.fromisoformat(jour), date.fromisoformat(jour))
        return f"{version.texte}, {version.article}"

    assert "85-1081" in texte("mad.decret.texte_applicable", "2008-06-20")
    assert "2008-580" in texte("mad.decret.texte_applicable", "2008-06-21")
    assert "art. 25, I" in texte("cumul.principe_interdictions", "2016-04-21")
    assert "25 septies" in texte("cumul.principe_interdictions", "2016-04-22")
    assert "2007-658" in texte("cumul.liste", "2017-01-31") and "2017-105" in texte(
        "cumul.liste", "2017-02-01"
    )
    assert "2020-69" in texte("cumul.liste", "2020-02-01") and "R. 123-8" in texte(
        "cumul.liste", "2025-02-01"
    )
    assert "Grille de missio" in texte("daect.seuils", "2021-06-23")
    assert "Note d'information" in texte("daect.seuils", "2021-06-24")
    assert "art. 6-2" in texte("retraite.mission_ponctuelle", "2026-01-01")
    assert "art. 5" in texte("mad.decret.fin", "2026-01-01")
    assert "art. 66" in texte("detachement.remuneration_accueil", "2021-01-01")
    assert "L. 513-24 et L. 513-26" in texte("detachement.reintegration", "2026-01-01")


def test_statut_fpt_keys_cover_july_2007_to_today(toutes: dict[str, Any]) -> None:
    for cle, (plugin, source) in toutes.items():
        if plugin != "statut_fpt" or cle in NES_APRES_2007:
            continue
        assert source.versions[0].du <= DATE_MINIMALE, cle


def test_one_text_per_version(toutes: dict[str, Any]) -> None:
    """A citation line names one text with its own articles: no « loi … ; décret … »."""
    for cle, (plugin, source) in toutes.items():
        if plugin != "statut_fpt":
            continue
        for version in source.versions:
            assert " ; " not in version.texte and " ; " not in (version.article or ""), cle


def test_every_declared_key_is_cited_by_a_rule(toutes: dict[str, Any]) -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PLUGIN.glob("*.py"))
    for cle, (plugin, _) in toutes.items():
        if plugin == "statut_fpt":
            assert f'"{cle}"' in code, f"{cle} is declared but no rule cites it"


def test_every_a_verifier_reference_is_listed_in_the_readme(toutes: dict[str, Any]) -> None:
    readme = (PLUGIN / "README.md").read_text(encoding="utf-8")
    for cle, (plugin, source) in toutes.items():
        if plugin == "statut_fpt" and any(v.statut == "a_verifier" for v in source.versions):
            assert re.search(rf"`{re.escape(cle)}`", readme), f"{cle} missing from the README list"


def test_mission_straddling_the_code_cites_both_texts_for_the_position(decider: Any) -> None:
    decision = decider(
        cadre="operateur",
        accueil={"nom": "Expertise France", "nature": "operateur", "pays": "SN"},
        pays="SN",
        periodes=[{"debut": "2022-01-10", "fin": "2022-04-29"}],
        teletravail_jours_par_semaine=None,
        date_demande="2021-11-15",
    )
    assert decision.dispositif == "mise_a_disposition"
    assert [(f.texte, f.article) for f in decision.fondements if f.cle == "mad.definition"] == [
        ("Loi n° 84-53 du 26 janvier 1984", "art. 61, al. 1"),
        ("Code général de la fonction publique", "L. 512-6"),
    ]
    # The acts, signed before the departure of 10 January 2022, cite the law only.
    assert [f.article for f in decision.fondements if f.cle == "mad.conditions"] == ["art. 61"]


def test_before_and_after_the_code(decider: Any) -> None:
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
    )
    apres = decider(**operateur, periodes=[{"debut": "2026-03-02", "fin": "2026-04-30"}])
    assert {f.article for f in avant.fondements if f.cle == "mad.remboursement"} == {
        "art. 61-1, II"
    }
    assert {f.article for f in apres.fondements if f.cle == "mad.remboursement"} == {"L. 512-11"}
