"""Documents: content, determinism, overrides, sandbox and escaping."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from missio.documents import Redacteur
from missio.engine import Engine
from missio.rendering import ErreurModele
from missio_templates import build

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def texte(contenu: bytes) -> str:
    document = docx.Document(io.BytesIO(contenu))
    lignes = [p.text for p in document.paragraphs]
    lignes += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    lignes += [p.text for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs]
    return "\n".join(lignes)


def valider_ooxml(contenu: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        assert archive.testzip() is None
        for nom in archive.namelist():
            if nom.endswith(".xml") or nom.endswith(".rels"):
                etree.fromstring(archive.read(nom))
        corps = etree.fromstring(archive.read("word/document.xml"))
        assert corps.find(f"{W}body") is not None


@pytest.fixture(scope="module")
def redacteur(engine: Engine) -> Redacteur:
    return Redacteur(engine)


def rendre(
    redacteur: Redacteur, engine: Engine, donnees: dict[str, Any], code: str = "ordre_de_mission"
) -> bytes:
    mission = engine.valider(donnees)
    return redacteur.rendre_un(code, engine.evaluer(mission), mission)


def test_ordre_de_mission_names_agent_host_dates_and_basis(
    redacteur: Redacteur, engine: Engine, exemple: dict[str, Any]
) -> None:
    contenu = rendre(redacteur, engine, exemple)
    valider_ooxml(contenu)
    t = texte(contenu)
    assert "Mme Line Rosier, adjoint technique territorial, est chargée de la mission" in t
    assert "« Municipalité régionale de comté de Montmagny » (Canada)" in t
    assert "du lundi 2 mars 2026 au vendredi 28 août 2026" in t
    assert "122 jours ouvrés (cent vingt-deux)" in t
    assert "Code général des collectivités territoriales, art. L. 1115-1" in t
    assert "Décret n° 2001-654 du 19 juillet 2001, art. 1 (à vérifier)" in t
    assert "télétravail 3 jour(s) par semaine" in t
    assert "27 février 2026" in t
    assert "Communauté d'agglomération de l'Espace Sud de la Martinique" in t  # header
    assert "{{" not in t and "{%" not in t


def test_same_input_same_bytes(
    redacteur: Redacteur, engine: Engine, exemple: dict[str, Any]
) -> None:
    assert rendre(redacteur, engine, exemple) == rendre(Redacteur(Engine()), engine, exemple)


def test_user_text_is_escaped(redacteur: Redacteur, engine: Engine, mission: Any) -> None:
    contenu = rendre(
        redacteur, engine, mission(agent={"nom": "O'Brien <&> {{ agent.nom }} {% if %}"})
    )
    valider_ooxml(contenu)
    assert "O'Brien <&> {{ agent.nom }} {% if %}" in texte(contenu)


def test_templates_are_in_sync_with_their_sources() -> None:
    for source in sorted(build.SOURCES.glob("*.yaml")):
        committed = (build.DOCX / f"{source.stem}.docx").read_bytes()
        assert build.construire(source) == committed, (
            f"run python -m missio_templates.build ({source.name})"
        )


def _modele(dossier: Path, code: str, phrase: str) -> Path:
    chemin = dossier / f"{code}.docx"
    document = docx.Document()
    document.add_paragraph(phrase)
    document.save(chemin)
    return chemin


def test_override_folder_replaces_a_template(tmp_path: Path, exemple: dict[str, Any]) -> None:
    _modele(
        tmp_path,
        "ordre_de_mission",
        "Mission de {{ agent.prenom }} {{ agent.nom }} — modèle de la CAESM",
    )
    engine = Engine(modeles=tmp_path)
    t = texte(rendre(Redacteur(engine), engine, exemple))
    assert "Mission de Line Rosier — modèle de la CAESM" in t


@pytest.mark.parametrize(
    ("phrase", "attendu"),
    [
        ("{{ agent.nom }} {{ inconnu.champ }}", "champ inconnu « inconnu »"),
        ("{% if agent.nom %}sans fin", "erreur de syntaxe"),
    ],
)
def test_broken_override_refused_at_load(tmp_path: Path, phrase: str, attendu: str) -> None:
    _modele(tmp_path, "ordre_de_mission", phrase)
    with pytest.raises(ErreurModele) as exc:
        Redacteur(Engine(modeles=tmp_path))
    assert "ordre_de_mission.docx" in str(exc.value) and attendu in str(exc.value)


def test_sandbox_blocks_python_internals(tmp_path: Path, exemple: dict[str, Any]) -> None:
    _modele(tmp_path, "ordre_de_mission", "{{ agent.__class__.__mro__[1].__subclasses__() }}")
    engine = Engine(modeles=tmp_path)
    with pytest.raises(ErreurModele):
        rendre(Redacteur(engine), engine, exemple)


def test_unknown_attribute_is_an_error_not_a_blank(tmp_path: Path, exemple: dict[str, Any]) -> None:
    _modele(tmp_path, "ordre_de_mission", "{{ agent.prenon }}")
    engine = Engine(modeles=tmp_path)
    with pytest.raises(ErreurModele, match="champ sans valeur"):
        rendre(Redacteur(engine), engine, exemple)
