"""docs/python.md runs as written: its Python blocks, in order, from the project's root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
DOC = RACINE / "docs" / "python.md"


def blocs() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_integrators_guide_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(RACINE)
    espace: dict[str, object] = {"__name__": "doc_python"}
    codes = blocs()
    assert len(codes) >= 6
    for numero, code in enumerate(codes, 1):
        exec(compile(code, f"{DOC.name}, bloc {numero}", "exec"), espace)
    sortie = capsys.readouterr().out
    assert "objet : ce champ ne peut pas être vide." in sortie
    assert "ordre_de_mission True" in sortie
    assert "Décision non conforme (statut_stagiaire) : aucun acte n'est produit" in sortie


def test_the_guide_is_linked_from_the_readme_and_the_contract() -> None:
    for page in (RACINE / "README.md", RACINE / "docs" / "contrat.md"):
        assert "python.md" in page.read_text(encoding="utf-8"), page


def test_the_api_names_come_from_missio_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, missio\n"
        "avant = 'missio.engine' in sys.modules\n"
        "from missio import Engine, Redacteur, Mission, Decision, ErreurValidation, ErreurFichier\n"
        "from missio import ErreurPlugin, ErreurRendu, MissioError, charger_politiques\n"
        "print(avant, Engine.__module__, Redacteur.__module__, ErreurRendu.__mro__[1].__name__)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.split() == ["False", "missio.engine", "missio.documents.redacteur", "MissioError"]


def test_evaluer_refuses_text_and_says_to_validate(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=r"engine\.valider\(texte\)"):
        engine.evaluer('{"reference": "x"}')
