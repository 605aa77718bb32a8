"""The rendering machinery: sync of the default templates with their sources, determinism,
escaping, sandbox, overrides checked at load time (names, attribute paths, literal arguments),
the logo, and writing nothing when a render fails."""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "templates"))
from outils_templates import decider, moteur, texte, valider_ooxml

from missio.documents import ErreurRendu, Redacteur
from missio.documents.output import ecrire
from missio.documents.rendering import ErreurModele
from missio.engine import Engine
from missio_templates import build


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def rendre(redacteur: Redacteur, code: str = "ordre_de_mission", **changements: Any) -> bytes:
    mission, decision = decider(redacteur.engine, "ordre_de_mission", **changements)
    contenu = redacteur.rendre_un(code, decision, mission)
    valider_ooxml(contenu, accolades_saisies="{{" in repr(changements))
    return contenu


def test_templates_are_in_sync_with_their_sources() -> None:
    sources = build.sources()
    assert {s.stem for s in sources} | {"en_tete"} == {p.stem for p in build.DOCX.glob("*.docx")}
    for source in sources:
        committed = (build.DOCX / f"{source.stem}.docx").read_bytes()
        assert build.construire(source) == committed, (
            f"run python -m missio_templates.build ({source.name})"
        )
    assert build.construire_en_tete() == build.EN_TETE_DOCX.read_bytes()


def test_templates_have_slim_style_parts() -> None:
    for modele in build.DOCX.glob("*.docx"):
        with zipfile.ZipFile(modele) as archive:
            assert archive.getinfo("word/styles.xml").file_size < 20_000, modele.name
            assert "word/stylesWithEffects.xml" not in archive.namelist()


def test_same_input_same_bytes(redacteur: Redacteur) -> None:
    assert rendre(redacteur) == rendre(Redacteur(moteur()))


def test_user_text_is_escaped(redacteur: Redacteur) -> None:
    nom = "O'Brien <&> {{ agent.nom }} {% if %}"
    t = texte(rendre(redacteur, agent={"nom": nom}, accueil={"nom": "Ville <b>&amp;</b>"}))
    assert f"Mme Line {nom}" in t and "« Ville <b>&amp;</b> »" in t


def _modele(dossier: Path, code: str, *paragraphes: str) -> Path:
    chemin = dossier / f"{code}.docx"
    document = docx.Document()
    for phrase in paragraphes:
        document.add_paragraph(phrase)
    document.save(chemin)
    return chemin


def test_override_folder_replaces_a_template(tmp_path: Path) -> None:
    _modele(
        tmp_path,
        "ordre_de_mission",
        "Mission de {{ agent.prenom }} {{ agent.nom|upper }} {{ accueil.nom|de }} — modèle CAESM",
        "{%p for p in mission.periodes %}",
        "Du {{ p.debut|date_fr }} au {{ p.fin|date_fr }}",
        "{%p endfor %}",
    )
    redacteur = Redacteur(moteur(modeles=tmp_path))
    t = texte(rendre(redacteur))
    assert (
        "Mission de Line ROSIER de la Municipalité régionale de comté de Montmagny — modèle CAESM"
        in t
    )
    assert "Du 2 mars 2026 au 28 août 2026" in t


@pytest.mark.parametrize(
    ("phrase", "attendu"),
    [
        ("{{ agent.nom }} {{ inconnu.champ }}", "champ inconnu « inconnu »"),
        ("{% if agent.nom %}sans fin", "erreur de syntaxe"),
        ("{{ agent.prenon }}", "champ inconnu « agent.prenon »"),
        (
            "{{ mission.employeur.signataire.titre }}",
            "champ inconnu « mission.employeur.signataire.titre »",
        ),
        ("{{ mission.periodes.debut }}", "« mission.periodes » est une liste"),
        ("{% for p in mission.periodes %}{{ p.debutt }}{% endfor %}", "champ inconnu « p.debutt »"),
        ("{% for o in decision.obligations %}{{ o.echeanse }}{% endfor %}", "« o.echeanse »"),
        ("{{ obligation('x').libele }}", "« obligation(…).libele »"),
        ("{{ citer('mad.inexistante') }}", "référence juridique inconnu(e) « mad.inexistante »"),
        ("{{ titre_document('ordre_de_mision') }}", "document inconnu(e) « ordre_de_mision »"),
    ],
)
def test_broken_override_refused_at_load(tmp_path: Path, phrase: str, attendu: str) -> None:
    _modele(tmp_path, "ordre_de_mission", phrase)
    with pytest.raises(ErreurModele) as exc:
        Redacteur(moteur(modeles=tmp_path))
    assert "ordre_de_mission.docx" in str(exc.value) and attendu in str(exc.value)


def test_valid_paths_are_accepted(tmp_path: Path) -> None:
    _modele(
        tmp_path,
        "ordre_de_mission",
        "{% set f = decision.financements|selectattr('payeur', 'equalto', 'employeur')|first %}"
        "{{ f.libelle }} {{ mission.extensions.quoi.que.ce.soit if mission.extensions else '' }}"
        "{{ employeur.labels[0].nom }} {{ agent.get('nom') }} {{ dates.debut|date_fr }}"
        "{{ citer('mad.conditions', '2021-01-04') }}",
    )
    t = texte(rendre(Redacteur(moteur(modeles=tmp_path))))
    assert "Rémunération maintenue" in t and "EXPE-CT Rosier 2 mars 2026" in t
    assert "Loi n° 84-53 du 26 janvier 1984, art. 61" in t


@pytest.mark.parametrize(
    "phrase",
    # A placeholder's delimiters left in the act's text, written as they are or as character
    # references (which only the parsed text shows).
    ["Mission {{ '{{' }} agent.nom", "Mission {{ '\\x26#123;\\x26#123;'|safe }} agent.nom"],
)
def test_a_placeholder_left_in_the_text_is_refused(tmp_path: Path, phrase: str) -> None:
    _modele(tmp_path, "ordre_de_mission", phrase)
    with pytest.raises(ErreurModele, match="un champ de fusion n'a pas été remplacé"):
        rendre(Redacteur(moteur(modeles=tmp_path)))


def test_override_of_an_unknown_code_is_refused(tmp_path: Path) -> None:
    _modele(tmp_path, "ordre_de_mision", "{{ agent.nom }}")
    with pytest.raises(ErreurModele, match="aucun document de code « ordre_de_mision »"):
        Redacteur(moteur(modeles=tmp_path))


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    _modele(tmp_path, "ordre_de_mission", "{{ agent.nom.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ErreurModele, match="opération interdite"):
        rendre(Redacteur(moteur(modeles=tmp_path)))


def _png(largeur: int, hauteur: int) -> bytes:
    def bloc(genre: bytes, donnees: bytes) -> bytes:
        return (
            struct.pack(">I", len(donnees))
            + genre
            + donnees
            + struct.pack(">I", zlib.crc32(genre + donnees))
        )

    lignes = b"".join(b"\x00" + b"\xff\x00\x00" * largeur for _ in range(hauteur))
    entete = struct.pack(">IIBBBBB", largeur, hauteur, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + bloc(b"IHDR", entete)
        + bloc(b"IDAT", zlib.compress(lignes))
        + bloc(b"IEND", b"")
    )


def test_logo_in_the_letterhead(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(_png(40, 20))
    contenu = rendre(Redacteur(moteur(), logo=tmp_path / "logo.png"))
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        assert archive.read("word/media/missio_logo.png") == (tmp_path / "logo.png").read_bytes()
        assert b"rIdMissioLogo" in archive.read("word/_rels/header1.xml.rels")
        assert b'r:embed="rIdMissioLogo"' in archive.read("word/header1.xml")
        assert b'cx="1080000" cy="540000"' in archive.read("word/header1.xml")  # 3 cm wide
        assert b'Extension="png"' in archive.read("[Content_Types].xml")
    document = docx.Document(io.BytesIO(contenu))
    logo, nom = document.sections[0].header.tables[0].rows[0].cells  # side by side
    assert logo.paragraphs[0]._p.xpath(".//w:drawing") and not logo.text.strip()
    assert nom.text == "Communauté d'agglomération de l'Espace Sud de la Martinique"
    with pytest.raises(ErreurModele, match="PNG ou JPEG"):
        Redacteur(moteur(), logo=Path(__file__))


def test_without_logo_no_picture(redacteur: Redacteur) -> None:
    with zipfile.ZipFile(io.BytesIO(rendre(redacteur))) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]


def test_every_default_template_loads(redacteur: Redacteur) -> None:
    redacteur.precharger()
    assert Redacteur(Engine()).engine.documents.keys() >= redacteur.engine.documents.keys()


def test_a_failed_render_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def panne(fichiers: list[Path], dossier: Path, profil: Path | None = None) -> list[Path]:
        raise ErreurRendu("LibreOffice a échoué")

    monkeypatch.setattr("missio.documents.output.convertir_pdf", panne)
    sortie = tmp_path / "actes"
    with pytest.raises(ErreurRendu):
        ecrire(sortie, {"a.docx": b"x", "checklist.ics": b"y"}, pdf=True)
    assert not sortie.exists() and list(tmp_path.iterdir()) == []


def test_cli_render_writes_every_format(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from missio.cli.commands import main

    (tmp_path / "logo.png").write_bytes(_png(10, 10))
    exemple = Path(__file__).parent.parent / "examples" / "caesm-montmagny.json"
    sortie = tmp_path / "actes"
    resultat = CliRunner().invoke(
        main, ["render", str(exemple), "--out", str(sortie), "--logo", str(tmp_path / "logo.png")]
    )
    assert resultat.exit_code == 0, resultat.output
    noms = {p.name for p in sortie.iterdir()}
    assert {"decision.json", "ordre_de_mission.docx", "checklist.docx", "checklist.md"} <= noms
    assert {"checklist.json", "checklist.ics"} <= noms


def test_no_act_for_a_decision_that_is_not_conforme(
    redacteur: Redacteur, exemple: dict[str, Any]
) -> None:
    engine = redacteur.engine
    mission = engine.valider(
        dict(exemple, cadre="operateur", agent=dict(exemple["agent"], statut="stagiaire"))
    )
    decision = engine.evaluer(mission)
    assert not decision.conforme
    assert redacteur.rendre(decision, mission) == {}
    for code in ("ordre_de_mission", "checklist"):
        with pytest.raises(ErreurRendu, match=r"Décision non conforme \(statut_stagiaire\)"):
            redacteur.rendre_un(code, decision, mission)


def test_a_document_context_function_that_fails_names_its_plugin(
    exemple: dict[str, Any],
) -> None:
    from missio import hookimpl

    def contexte(decision: Any, mission: Any) -> dict[str, Any]:
        raise KeyError("champ_absent")

    class Modeles:
        PLUGIN_NAME = "modeles_fautifs"

        @hookimpl
        def missio_documents(self, register: Any) -> None:
            modele = Redacteur(Engine()).engine.documents["checklist"].modele
            register(code="note_fautive", titre="Note", modele=modele, contexte=contexte)

    engine = Engine([Modeles()])
    mission = engine.valider(exemple)
    decision = engine.evaluer(mission)
    with pytest.raises(ErreurRendu) as exc:
        Redacteur(engine).rendre_un("note_fautive", decision, mission)
    assert str(exc.value).startswith(
        "Le plugin « modeles_fautifs » a échoué en préparant le document « note_fautive » "
        "(hook missio_documents, fonction contexte : KeyError"
    )
