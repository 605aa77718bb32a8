"""The command line: missio policy check / schema, and --policy on evaluate and render."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from politique_outils import POLITIQUES, RACINE

from missio.cli.commands import main

EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
CAESM = POLITIQUES / "caesm.yaml"


def test_policy_check_accepts_the_shipped_policies() -> None:
    fichiers = [str(p) for p in sorted(POLITIQUES.glob("*.yaml"))]
    resultat = CliRunner().invoke(main, ["policy", "check", *fichiers])
    assert resultat.exit_code == 0, resultat.output
    assert "caesm.yaml : politique « Missions de coopération de six mois de la CAESM » valide" in (
        resultat.output
    )
    assert "avertissement" in resultat.output and "à compléter" in resultat.output


def test_policy_check_exits_2_with_file_line_and_field(tmp_path: Path) -> None:
    fichier = tmp_path / "faute.yaml"
    fichier.write_text(
        "code: essai\ntitre: Essai\ncollectivite: {nom: X}\nregles:\n"
        "  - code: r\n    titre: R\n    alors:\n      - alerte: {mesage: oups}\n"
    )
    resultat = subprocess.run(
        [sys.executable, "-m", "missio", "policy", "check", str(fichier)],
        capture_output=True,
        text=True,
    )
    assert resultat.returncode == 2
    assert f"{fichier}:8 : regles[0].alors[0].alerte.mesage : champ inconnu" in resultat.stderr
    assert "Vouliez-vous dire « message » ?" in resultat.stderr
    assert "Traceback" not in resultat.stderr


def test_policy_schema() -> None:
    resultat = CliRunner().invoke(main, ["policy", "schema"])
    assert resultat.exit_code == 0
    assert json.loads(resultat.output)["title"] == "Politique locale missio"


def test_evaluate_with_policy() -> None:
    resultat = CliRunner().invoke(
        main, ["evaluate", str(EXEMPLE), "--json", "--policy", str(CAESM)]
    )
    assert resultat.exit_code == 0, resultat.output
    decision = json.loads(resultat.output)
    prime = next(f for f in decision["financements"] if f["poste"] == "prime_installation")
    assert prime == {
        "poste": "prime_installation",
        "libelle": "Prime d'installation, versée une fois au départ",
        "payeur": "employeur",
        "montant": "1000.00",
        "fondements": ["caesm.deliberation"],
    }
    resume = CliRunner().invoke(main, ["evaluate", str(EXEMPLE), "--policy", str(CAESM)]).output
    assert "Prime d'installation, versée une fois au départ — la collectivité : 1" in resume


def test_render_with_policy_writes_the_bonus_decision(tmp_path: Path) -> None:
    sortie = tmp_path / "actes"
    resultat = CliRunner().invoke(
        main, ["render", str(EXEMPLE), "--policy", str(CAESM), "--out", str(sortie)]
    )
    assert resultat.exit_code == 0, resultat.output
    decision = json.loads((sortie / "decision.json").read_text())
    assert "prime_installation" in [f["poste"] for f in decision["financements"]]
    if "decision_prime_installation" in decision["documents"]:
        assert (sortie / "decision_prime_installation.docx").exists()


def test_invalid_policy_on_evaluate_exits_2(tmp_path: Path) -> None:
    fichier = tmp_path / "vide.yaml"
    fichier.write_text("- pas une politique\n")
    resultat = CliRunner().invoke(main, ["evaluate", str(EXEMPLE), "--policy", str(fichier)])
    assert resultat.exit_code == 2 and f"{fichier}:1" in resultat.output
