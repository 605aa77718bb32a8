"""One published API: ``missio.__all__`` is the list docs/python.md shows, ``PLUGIN_MODULES`` the
one docs/plugins/guide.md shows, and the built-in plugins import nothing else of the core."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import missio

RACINE = Path(__file__).resolve().parent.parent
PLUGINS = [*(RACINE / "plugins").glob("*/"), RACINE / "templates"]


def _premier_tableau(texte: str) -> list[str]:
    """The first column's names (in backquotes) of the first Markdown table."""
    lignes = texte.split("\n| nom | rôle |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    return [
        nom
        for ligne in lignes.splitlines()
        for nom in re.findall(r"`([^`]+)`", ligne.split("|")[1])
    ]


def test_docs_python_lists_exactly_missio_all() -> None:
    doc = _premier_tableau((RACINE / "docs" / "python.md").read_text(encoding="utf-8"))
    assert sorted(doc) == sorted(missio.__all__)
    for nom in missio.__all__:
        assert getattr(missio, nom) is not None


def test_guide_lists_exactly_the_plugin_modules() -> None:
    guide = (RACINE / "docs" / "plugins" / "guide.md").read_text(encoding="utf-8")
    apres = guide.split("les modules de `missio.PLUGIN_MODULES`", 1)[1]
    liste = apres.split("\n\n", 2)[1]  # the bullet list that follows the sentence
    assert sorted(set(re.findall(r"`(missio\.[a-z_.]+)`", liste))) == sorted(missio.PLUGIN_MODULES)


def _imports_du_coeur(fichier: Path) -> list[tuple[str, str]]:
    """Each (module, name) a file imports from the core; name "" for ``import missio.x``."""
    trouves = []
    for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        if isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            racine = noeud.module.split(".")[0]
            if racine == "missio":
                trouves += [(noeud.module, alias.name) for alias in noeud.names]
        elif isinstance(noeud, ast.Import):
            trouves += [(a.name, "") for a in noeud.names if a.name.split(".")[0] == "missio"]
    return trouves


def test_built_in_plugins_import_only_the_published_api() -> None:
    hors_liste = []
    for dossier in PLUGINS:
        for fichier in dossier.rglob("*.py"):
            for module, nom in _imports_du_coeur(fichier):
                if module == "missio":
                    publie = nom in missio.__all__
                else:
                    publie = module in missio.PLUGIN_MODULES and not nom.startswith("_")
                if not publie:
                    hors_liste.append(f"{fichier.relative_to(RACINE)}: {module} {nom}")
    assert hors_liste == []


def test_the_check_sees_imports_outside_the_list(tmp_path: Path) -> None:
    # The walk above must catch every form, or the test passes on nothing.
    fichier = tmp_path / "p.py"
    fichier.write_text(
        "from missio.merge import Fusion\nimport missio.engine\n"
        "def f():\n    from missio import Redacteur, _API\n"
    )
    assert _imports_du_coeur(fichier) == [
        ("missio.merge", "Fusion"),
        ("missio.engine", ""),
        ("missio", "Redacteur"),
        ("missio", "_API"),
    ]
    assert "_API" not in missio.__all__


def test_layer_packages_import_nothing_on_their_own() -> None:
    # A rule plugin that writes a date through missio.documents.francais, and `missio evaluate`,
    # never pay for the drafting machinery: the packages are namespaces, loaded lazily.
    import subprocess
    import sys

    code = (
        "import sys, missio.documents.francais, missio.cli\n"
        "lourds = ['missio.documents.redacteur', 'missio.documents.rendering', 'missio.engine',"
        " 'missio.cli.commands', 'docxtpl']\n"
        "print([m for m in lourds if m in sys.modules])\n"
        "from missio.documents import Redacteur\n"
        "print(Redacteur.__module__)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert sortie[:2] == ["[]", "missio.documents.redacteur"]
