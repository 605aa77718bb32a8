"""A collectivité's templates: export with the version each came from, check a folder of
overrides (valid, and up to date with the defaults), one letterhead for every act, and the
limits a collectivité's template runs under."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "templates"))
from outils_templates import decider, moteur, texte

from missio.cli.commands import main
from missio.documents import Redacteur, limits
from missio.documents.modeles_collectivite import empreinte
from missio.documents.rendering import ErreurModele

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"


def lancer(*arguments: str) -> object:
    return CliRunner().invoke(main, list(arguments), catch_exceptions=False)


def _modele(chemin: Path, *paragraphes: str) -> Path:
    document = docx.Document()
    for phrase in paragraphes:
        document.add_paragraph(phrase)
    document.save(chemin)
    return chemin


def test_export_records_the_version_of_each_default(tmp_path: Path) -> None:
    resultat = lancer("modeles", "export", str(tmp_path), "ordre_de_mission", "en_tete")
    assert resultat.exit_code == 0, resultat.output
    registre = json.loads((tmp_path / "modeles.json").read_text(encoding="utf-8"))
    from missio_templates import DOCX

    assert registre["modeles"]["ordre_de_mission"]["empreinte"] == empreinte(
        DOCX / "ordre_de_mission.docx"
    )
    assert registre["modeles"]["en_tete"]["fichier"] == "en_tete.docx"
    assert (tmp_path / "ordre_de_mission.docx").read_bytes() == (
        DOCX / "ordre_de_mission.docx"
    ).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "en_tete.docx",
        "modeles.json",
        "ordre_de_mission.docx",
    ]
    inconnu = lancer("modeles", "export", str(tmp_path), "ordre_de_mision")
    assert inconnu.exit_code == 2 and "Code de modèle inconnu" in inconnu.output


def test_check_says_which_overrides_miss_a_change_of_the_default(tmp_path: Path) -> None:
    assert lancer("modeles", "export", str(tmp_path)).exit_code == 0
    a_jour = lancer("modeles", "check", str(tmp_path))
    assert a_jour.exit_code == 0
    assert "ordre_de_mission.docx : valide ; le modèle par défaut n'a pas changé" in a_jour.output
    # The default of the convention changed since the export (a legal correction, say).
    registre = json.loads((tmp_path / "modeles.json").read_text(encoding="utf-8"))
    registre["modeles"]["convention_mise_a_disposition"]["empreinte"] = "sha256:ancienne"
    (tmp_path / "modeles.json").write_text(json.dumps(registre), encoding="utf-8")
    change = lancer("modeles", "check", str(tmp_path))
    assert change.exit_code == 0
    assert (
        "convention_mise_a_disposition.docx : valide ; le modèle par défaut a changé depuis "
        "l'export" in change.output
    )
    # A broken override is reported with its file and field; the others are still checked.
    _modele(tmp_path / "arrete_detachement.docx", "{{ agnet.nom }}")
    casse = lancer("modeles", "check", str(tmp_path))
    assert casse.exit_code == 2
    assert "arrete_detachement.docx : ERREUR" in casse.output and "agnet" in casse.output
    assert "ordre_de_mission.docx : valide" in casse.output
    assert "Erreur : 1 modèle invalide" in casse.output


def test_check_of_a_hand_made_override(tmp_path: Path) -> None:
    _modele(tmp_path / "ordre_de_mission.docx", "Mission de {{ agent.nom }}")
    resultat = lancer("modeles", "check", str(tmp_path))
    assert resultat.exit_code == 0 and "aucune empreinte d'export" in resultat.output


def test_one_letterhead_for_every_act(tmp_path: Path) -> None:
    document = docx.Document()
    entete = document.sections[0].header.paragraphs[0]
    entete.text = (
        "VILLE DE LE HAVRE — {{ employeur.nom|upper }} — Direction des ressources humaines"
    )
    document.add_paragraph("corps non utilisé")
    document.save(tmp_path / "en_tete.docx")
    _modele(tmp_path / "checklist.docx", "Démarches de {{ agent.nom }}")
    redacteur = Redacteur(moteur(modeles=tmp_path))
    mission, decision = decider(redacteur.engine, "mise_a_disposition")
    actes = redacteur.rendre(decision, mission)
    for code, contenu in actes.items():  # defaults and the overridden checklist alike
        premiere = texte(contenu).split("\n")[0]
        assert premiere.startswith("VILLE DE LE HAVRE — COMMUNAUTÉ D'AGGLOMÉRATION"), code
        assert "corps non utilisé" not in texte(contenu)
    # Without a letterhead of its own, an act keeps the default one.
    assert texte(Redacteur(moteur()).rendre(decision, mission)["checklist"]).startswith(
        "Communauté d'agglomération"
    )


def test_letterhead_without_page_header_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("pas d'en-tête")
    document.save(tmp_path / "en_tete.docx")
    with pytest.raises(ErreurModele, match=r"en_tete\.docx : ce document n'a pas d'en-tête"):
        Redacteur(moteur(modeles=tmp_path))


@pytest.mark.parametrize(
    ("modele", "message"),
    [
        ("{{ 'a' * 10**9 }}", "taille maximale"),
        ("{{ 'a'.ljust(10**9) }}", "argument trop grand"),
        ("{% set x = 'a' * 100000 %}{{ x|replace('a', x) }}", "taille maximale"),
        ("{{ '%1000000000s' % 'a' }}", "largeur de format"),
        (
            "{% set ns = namespace(x='a') %}{% for i in range(40) %}"
            "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
            "taille maximale",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "ressources permises"),
        ("{{ 1 + 'a' }}", "erreur dans un champ de fusion"),
    ],
)
def test_a_collectivite_template_runs_within_limits(
    tmp_path: Path, modele: str, message: str
) -> None:
    _modele(tmp_path / "ordre_de_mission.docx", modele)
    redacteur = Redacteur(moteur(modeles=tmp_path))
    mission, decision = decider(redacteur.engine, "ordre_de_mission")
    with pytest.raises(ErreurModele, match=f"ordre_de_mission.docx .*{message}"):
        redacteur.rendre_un("ordre_de_mission", decision, mission)


def test_an_endless_loop_stops_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "DUREE_MAX", 0.3)
    _modele(
        tmp_path / "ordre_de_mission.docx",
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    )
    redacteur = Redacteur(moteur(modeles=tmp_path))
    mission, decision = decider(redacteur.engine, "ordre_de_mission")
    with pytest.raises(ErreurModele, match=r"durée maximale de 0\.3 s"):
        redacteur.rendre_un("ordre_de_mission", decision, mission)


def test_the_cli_stops_a_huge_template_with_a_french_error_and_little_memory(
    tmp_path: Path,
) -> None:
    (tmp_path / "modeles").mkdir()
    _modele(tmp_path / "modeles" / "ordre_de_mission.docx", "{{ 'a' * 10**9 }}")
    # The command runs with 1 GB of address space at most: building the text would need more.
    limite = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
    commande = [
        sys.executable,
        "-c",
        limite + "import sys; from missio.cli.commands import main; sys.argv[0] = 'missio'; main()",
        "render",
        str(EXEMPLE),
        "--out",
        str(tmp_path / "actes"),
        "--modeles",
        str(tmp_path / "modeles"),
    ]
    resultat = subprocess.run(commande, capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 2, resultat.stderr
    assert resultat.stderr.startswith("Erreur : ordre_de_mission.docx")
    assert "taille maximale" in resultat.stderr and "Traceback" not in resultat.stderr
    assert not (tmp_path / "actes").exists()


def test_render_writes_provenance_and_review_copies(tmp_path: Path) -> None:
    resultat = lancer("render", str(EXEMPLE), "--out", str(tmp_path / "o"), "--relecture")
    assert resultat.exit_code == 0, resultat.output
    noms = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert "ordre_de_mission.provenance.json" in noms and "ordre_de_mission.relecture.docx" in noms
    with zipfile.ZipFile(tmp_path / "o" / "ordre_de_mission.relecture.docx") as archive:
        assert "word/comments.xml" in archive.namelist()
    lancer("render", str(EXEMPLE), "--out", str(tmp_path / "s"))
    assert not [p for p in (tmp_path / "s").iterdir() if ".relecture." in p.name]


def test_a_template_mistake_is_a_user_error(tmp_path: Path) -> None:
    _modele(tmp_path / "ordre_de_mission.docx", "{{ agent.prenon }}")
    resultat = lancer(
        "render", str(EXEMPLE), "--out", str(tmp_path / "o"), "--modeles", str(tmp_path)
    )
    assert resultat.exit_code == 2
    assert resultat.output.startswith("Erreur : ordre_de_mission.docx")
    assert "Erreur interne" not in resultat.output
