"""The guide's plugin is a real distribution: it installs, is listed, and applies in a decision."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from politique_outils import RACINE

GUIDE = RACINE / "tests" / "fixtures" / "guide_plugin"


def test_guide_plugin_installs_and_runs(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(
        GUIDE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    )
    site = tmp_path / "site"
    # Offline: no dependency resolution, the venv's setuptools builds the wheel.
    installation = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(source)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert installation.returncode == 0, installation.stderr
    assert list(site.glob("missio_exercices-0.1.0.dist-info"))
    env = {**os.environ, "PYTHONPATH": str(site)}
    liste = subprocess.run(
        [sys.executable, "-m", "missio", "plugins"], capture_output=True, text=True, env=env
    )
    assert liste.returncode == 0, liste.stderr
    assert "exercices 0.1.0 (missio-exercices)" in liste.stdout
    assert "règle     exercices.deux_exercices" in liste.stdout
    mission = json.loads((RACINE / "examples" / "caesm-montmagny.json").read_text())
    mission["periodes"] = [{"debut": "2026-12-01", "fin": "2027-01-29"}]
    fichier = tmp_path / "mission.json"
    fichier.write_text(json.dumps(mission))
    evaluation = subprocess.run(
        [sys.executable, "-m", "missio", "evaluate", str(fichier), "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    decision = json.loads(evaluation.stdout)
    credits = next(o for o in decision["obligations"] if o["code"] == "exercices.credits")
    assert credits["echeance"] == "2026-11-30" and credits["fondements"] == ["exercices.annualite"]
    assert decision["versions"]["exercices"] == "0.1.0"
    # The plugin's own tests (its casebook) pass against the installed distribution.
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        env=env,
        cwd=source,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout
