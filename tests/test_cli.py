"""The command line: outputs, exit codes and French errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from missio.cli.commands import main
from missio.engine import Engine

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"


def lancer(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_evaluate_prints_a_french_summary() -> None:
    resultat = lancer("evaluate", str(EXEMPLE))
    assert resultat.exit_code == 0
    assert "Dispositif retenu : ordre de mission — conforme" in resultat.output
    assert "Volume : 122 jours ouvrés (Martinique)" in resultat.output
    assert (
        "Code général des collectivités territoriales, art. L. 1115-1 — vérifié" in resultat.output
    )


def test_evaluate_json_is_the_engines_decision() -> None:
    resultat = lancer("evaluate", str(EXEMPLE), "--json")
    assert resultat.exit_code == 0
    assert resultat.output.strip() == Engine().evaluer_json(EXEMPLE.read_bytes(), indent=2)


def test_invalid_mission_exits_2_naming_the_field(tmp_path: Path, exemple: dict[str, Any]) -> None:
    exemple = json.loads(json.dumps(exemple))
    exemple["agent"]["statut"] = "vacataire"
    exemple["periodes"][0]["fin"] = "2026-02-01"
    fichier = tmp_path / "m.json"
    fichier.write_text(json.dumps(exemple))
    resultat = subprocess.run(
        [sys.executable, "-m", "missio", "evaluate", str(fichier)], capture_output=True, text=True
    )
    assert resultat.returncode == 2
    assert "agent.statut : « vacataire » n'est pas reconnu" in resultat.stderr
    assert "periodes[0] : 2026-02-01 est antérieure au début (2026-03-02)" in resultat.stderr
    assert "Traceback" not in resultat.stderr and resultat.stdout == ""


def test_missing_file_exits_2(tmp_path: Path) -> None:
    resultat = lancer("evaluate", str(tmp_path / "absent.json"))
    assert resultat.exit_code == 2 and "fichier illisible" in resultat.output


def test_plugin_failure_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from test_engine import PluginEnPanne

    import missio.cli.commands as cli

    monkeypatch.setattr(cli, "_engine", lambda *a, **k: Engine([PluginEnPanne()]))
    resultat = lancer("evaluate", str(EXEMPLE), "--json")
    assert resultat.exit_code == 1
    assert '"plugin": "en_panne"' in resultat.output


def test_render_writes_decision_and_documents(tmp_path: Path) -> None:
    sortie = tmp_path / "actes"
    resultat = lancer("render", str(EXEMPLE), "--out", str(sortie))
    assert resultat.exit_code == 0, resultat.output
    assert {"decision.json", "ordre_de_mission.docx"} <= {p.name for p in sortie.iterdir()}
    assert json.loads((sortie / "decision.json").read_text())["dispositif"] == "ordre_de_mission"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_render_pdf_says_when_libreoffice_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("missio.documents.pdf.libreoffice", lambda: None)
    resultat = CliRunner().invoke(
        main, ["render", str(EXEMPLE), "--out", str(tmp_path / "o"), "--pdf"]
    )
    assert resultat.exit_code == 0
    assert "LibreOffice n'est pas installé" in resultat.output
    assert (tmp_path / "o" / "ordre_de_mission.docx").exists()


def test_failed_render_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import missio.documents as documents

    def panne(*args: Any, **kwargs: Any) -> bytes:
        raise documents.ErreurRendu("modèle cassé")

    monkeypatch.setattr(documents.Redacteur, "rendre_detail", panne)
    sortie = tmp_path / "actes"
    resultat = lancer("render", str(EXEMPLE), "--out", str(sortie))
    assert resultat.exit_code == 1 and "modèle cassé" in resultat.output
    assert not sortie.exists() and list(tmp_path.iterdir()) == []


def test_plugins_and_schema() -> None:
    resultat = lancer("plugins")
    assert resultat.exit_code == 0
    assert "statut_fpt" in resultat.output and "document  ordre_de_mission" in resultat.output
    schema = json.loads(lancer("schema").output)
    assert schema["properties"]["agent"]["$ref"].endswith("Agent")
    assert "statut" in schema["$defs"]["Agent"]["properties"]
    decision = json.loads(lancer("schema", "decision").output)
    assert "dispositif" in decision["properties"]


def test_help_is_french() -> None:
    assert "Évalue une mission" in lancer("--help").output
