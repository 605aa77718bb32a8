"""The core's layers import only the layers before them: deciding (the top of ``missio``) never
imports drafting (``missio.documents``), and neither imports a face (``missio.cli``,
``missio.casebook``, ``missio.service``). docs/architecture.md draws the same tree."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "core"
RANG = {"decider": 0, "rediger": 1, "faces": 2}
SOUS_PAQUETS = {"documents": "rediger", "cli": "faces", "casebook": "faces", "service": "faces"}
# The package's facade names Redacteur lazily for integrators, and `python -m missio` is the CLI.
ENTREES = {CORE / "__init__.py", CORE / "__main__.py"}


def _couche_du_fichier(fichier: Path) -> str:
    parties = fichier.relative_to(CORE).parts
    return SOUS_PAQUETS.get(parties[0], "decider") if len(parties) > 1 else "decider"


def _couche_du_module(module: str) -> str | None:
    parties = module.split(".")
    if parties[0] != "missio":
        return None
    return SOUS_PAQUETS.get(parties[1], "decider") if len(parties) > 1 else "decider"


def _modules_importes(fichier: Path) -> list[str]:
    modules = []
    for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        if isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            modules.append(noeud.module)
            if noeud.module == "missio":  # from missio import documents
                modules += [f"missio.{alias.name}" for alias in noeud.names]
        elif isinstance(noeud, ast.Import):
            modules += [alias.name for alias in noeud.names]
    return modules


def test_layers_import_only_the_layers_before_them() -> None:
    fautes = []
    for fichier in sorted(CORE.rglob("*.py")):
        if fichier in ENTREES:
            continue
        couche = _couche_du_fichier(fichier)
        for module in _modules_importes(fichier):
            cible = _couche_du_module(module)
            if cible is not None and RANG[cible] > RANG[couche]:
                fautes.append(f"{fichier.relative_to(CORE)} ({couche}) importe {module}")
    assert fautes == []


def test_the_check_places_modules_in_their_layer() -> None:
    assert _couche_du_fichier(CORE / "engine.py") == "decider"
    assert _couche_du_fichier(CORE / "documents" / "rendering.py") == "rediger"
    assert _couche_du_fichier(CORE / "service" / "web" / "pages.py") == "faces"
    assert _couche_du_module("missio.documents.output") == "rediger"
    assert _couche_du_module("missio.casebook.cli") == "faces"
    assert _couche_du_module("missio") == "decider"
    assert _couche_du_module("missio_statut_fpt") is None
