"""The measuring scripts of issue 13, with small counts: generated bad input never fails
(benchmarks/entrees_mutees.py) and killed renders never leave a partial folder
(benchmarks/rendus_interrompus.py). The full runs and their figures are in the scripts."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

RACINE = Path(__file__).resolve().parent.parent


def _script(nom: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(nom, RACINE / "benchmarks" / f"{nom}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[nom] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_generated_bad_input_is_refused_cleanly_or_decided() -> None:
    bilan = _script("entrees_mutees").executer(250, graine=13)
    assert bilan.echecs == [], bilan.echecs[:5]
    assert bilan.generes == 250 == bilan.refuses + bilan.acceptes
    assert bilan.refuses > 150 and bilan.acceptes > 10  # both outcomes are exercised
    assert {"jours_expertise", "date_demande", "agent.date_naissance"} <= set(bilan.champs)


def test_renders_killed_at_random_leave_no_partial_folder(tmp_path: Path) -> None:
    compte = _script("rendus_interrompus").mesurer_ecriture(12, tmp_path, random.Random(13))
    assert compte.runs == 12
    assert compte.partiels == 0 and compte.notes_perdues == 0
    assert compte.temporaires_restants == 0
