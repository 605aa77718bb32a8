"""``missio serve`` for real, on loopback: one worker then two, a bounded load of decisions and
renders (the code of benchmarks/bench_service.py, with smaller counts), every request served.

The figures are printed (``pytest -s``) but not asserted beyond a loose floor: this machine is
shared and noisy; benchmarks/bench_service.py is where they are measured.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from service_aide import NAISSANCE, NOM, PRENOM

RACINE = Path(__file__).resolve().parents[2]


def bench() -> ModuleType:
    """benchmarks/bench_service.py as a module (loaded once)."""
    if "bench_service" in sys.modules:
        return sys.modules["bench_service"]
    chemin = RACINE / "benchmarks" / "bench_service.py"
    spec = importlib.util.spec_from_file_location("bench_service", chemin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_service"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("workers", [1, 2])
def test_load_on_loopback(workers: int) -> None:
    bench_ = bench()
    mesures, lignes = bench_.mesurer(workers, decisions=200, rendus=20, fils=4, limite=30.0)
    for mesure in mesures:
        print(f"--workers {workers}  {mesure.ligne()}")
        assert mesure.echecs == 0, mesure.ligne()
        assert mesure.requetes == (200 if mesure.nom == "décision" else 20)
        assert mesure.debit > 5  # a floor far below any sane machine: catches a stall only
    evenements = [json.loads(ligne) for ligne in lignes if ligne.startswith("{")]
    assert len(evenements) == len(lignes), "every log line is JSON"
    demarres = [e for e in evenements if str(e["event"]).startswith("Started server process")]
    assert len(demarres) == workers
    requetes = [e for e in evenements if e["event"] == "request"]
    assert len(requetes) >= 220 and {e["status"] for e in requetes} == {200}
    texte = "\n".join(lignes)
    assert NOM not in texte and PRENOM not in texte and NAISSANCE not in texte
