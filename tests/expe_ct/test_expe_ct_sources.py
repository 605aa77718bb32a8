"""The plugin's dated sources: no text cited before it existed (issue 12, point 7).

The règlement EXPE-CT is dated 7 July 2020; the DAECT note was published on 24 June 2021
(seed 002, statut.md « Arbre de décision », calendrier.md § 1). Before the note, the same
propositions are missio's own reading, marked « à vérifier », and the note is never cited.
"""

from __future__ import annotations

from datetime import date

import pytest
from expe_ct_aide import decider

from missio.engine import Engine
from missio.legal import Version
from missio_expe_ct.textes import debut_du_programme, entree_en_vigueur

REGLEMENT = date(2020, 7, 7)
NOTE = date(2021, 6, 24)
NOTE_TEXTE = "Note d'information du MEAE (DAECT)"


def _versions(engine: Engine) -> list[tuple[str, Version]]:
    return [
        (cle, version)
        for cle in engine.referentiel
        if engine.referentiel.auteur(cle) == "expe_ct"
        for version in engine.referentiel.source(cle).versions
    ]


def test_every_version_says_when_its_text_entered_into_force(engine: Engine) -> None:
    versions = _versions(engine)
    assert len(versions) >= 20
    for cle, version in versions:
        assert version.en_vigueur_le is not None, cle
        assert version.du is not None and version.du >= version.en_vigueur_le, cle


def test_the_reglement_is_never_cited_before_7_july_2020(engine: Engine) -> None:
    for cle, version in _versions(engine):
        if "Règlement du programme EXPE-CT" in version.texte:
            assert version.en_vigueur_le == REGLEMENT and version.du >= REGLEMENT, cle


def test_the_daect_note_is_never_cited_before_its_publication(engine: Engine) -> None:
    notes = [(c, v) for c, v in _versions(engine) if v.texte.startswith(NOTE_TEXTE)]
    assert {c for c, _ in notes} == {
        "expe_ct.note.responsabilite_employeur",
        "expe_ct.note.securite",
        "expe_ct.note.cumul",
        "expe_ct.note.hors_programme",
    }
    for cle, version in notes:
        assert version.en_vigueur_le == NOTE and version.du == NOTE, cle
        avant = engine.referentiel.resoudre(cle, date(2021, 6, 23))[0]
        assert avant.statut == "a_verifier" and "Lecture de missio" in avant.texte
        assert avant.du == REGLEMENT and avant.au == date(2021, 6, 23)


def test_the_programmes_start_is_read_from_the_sources() -> None:
    assert debut_du_programme() == REGLEMENT
    assert entree_en_vigueur("expe_ct.note.securite") == REGLEMENT  # the reading, then the note


@pytest.mark.parametrize(
    ("debut", "fin", "note_citee", "lecture_citee"),
    [
        ("2020-10-05", "2020-10-09", False, True),  # before the note: missio's reading only
        ("2021-06-21", "2021-06-25", True, True),  # straddles its publication: both
        ("2021-09-06", "2021-09-10", True, False),  # after: the note only
    ],
)
def test_a_mission_cites_the_note_only_from_its_publication(
    debut: str, fin: str, note_citee: bool, lecture_citee: bool
) -> None:
    decision = decider(
        periodes=[{"debut": debut, "fin": fin}],
        date_demande="2020-09-01",
        employeur={"labels": [{"nom": "EXPE-CT", "obtenu_le": "2020-09-15"}]},
        ext={"validation_ambassade": "2020-09-20"},
    )
    assert decision.conforme, decision.blocages
    textes = [f.texte for f in decision.fondements if f.cle == "expe_ct.note.securite"]
    assert any(t.startswith(NOTE_TEXTE) for t in textes) is note_citee
    assert any(t.startswith("Lecture de missio") for t in textes) is lecture_citee
