"""Warm decisions to count instructions under valgrind (deterministic on a loaded machine).

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        .venv/bin/python benchmarks/instructions_decision.py PARTIE N

runs N operations of PARTIE after 30 warm-up decisions, garbage collector stopped. Run it with
two values of N (20 and 420) and divide the difference of the "I refs" totals by 400: the
instructions of one operation, without the start-up. With ``PYTHONHASHSEED=0`` the count
repeats to within a few thousand. Parts: ``total`` (JSON in, JSON out), ``valider``, ``lire``
(intake.lire_json), ``modele`` (Mission.model_validate), ``decider``, ``json`` (writing),
``statut`` (statut_fpt's hook), ``fusion`` (the merge replayed on the same findings), and
``distinctes``: JSON in, JSON out for a different mission each time (the example with its
period moved day by day, as a service or a batch sees them: the engine's caches miss).
To compare with another commit, put its sources first on PYTHONPATH (symlinks named
``missio``, ``missio_statut_fpt``… to its folders).
"""

from __future__ import annotations

import gc
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from missio import returns as retours
from missio.engine import Engine, en_json
from missio.intake import lire_json
from missio.merge import Fusion
from missio.models import Mission

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"


def main() -> None:
    partie, n = sys.argv[1], int(sys.argv[2])
    texte = EXEMPLE.read_bytes()
    engine = Engine()
    for _ in range(30):
        engine.evaluer_json(texte)
    mission = engine.valider(texte)
    donnees = engine.decider(mission)
    contexte, impls = _contexte(engine, mission)
    constats = [
        (i.plugin, retours.liste(i.appeler(mission=mission, contexte=contexte), i.hook))
        for i in impls
    ]
    statut = next(i for i in impls if i.plugin == "statut_fpt")
    brut = lire_json(texte)
    distinctes = iter(_missions_distinctes(texte, 1000))
    operations: dict[str, Any] = {
        "total": lambda: engine.evaluer_json(texte),
        "valider": lambda: engine.valider(texte),
        "lire": lambda: lire_json(texte),
        "modele": lambda: Mission.model_validate(brut),
        "decider": lambda: engine.decider(mission),
        "json": lambda: en_json(donnees),
        "statut": lambda: statut.appeler(mission=mission, contexte=contexte),
        "fusion": lambda: _fusion(engine, mission, constats),
        "distinctes": lambda: engine.evaluer_json(next(distinctes)),
    }
    operation = operations[partie]
    gc.collect()
    gc.disable()
    for _ in range(n):
        operation()


def _missions_distinctes(texte: bytes, nombre: int) -> list[bytes]:
    """`nombre` missions as JSON texts, the example's period moved by one more day each time
    (built before counting, whatever the number of operations)."""
    base = json.loads(texte)
    debut = date.fromisoformat(base["periodes"][0]["debut"])
    missions = []
    for i in range(nombre):
        jour = debut + timedelta(days=i % 700)
        periode = {
            "debut": jour.isoformat(),
            "fin": (jour + timedelta(days=100 + i % 37)).isoformat(),
        }
        missions.append(json.dumps({**base, "periodes": [periode]}, ensure_ascii=False).encode())
    return missions


def _contexte(engine: Engine, mission: Mission) -> tuple[Any, list[Any]]:
    """The context the engine gives the plugins, and the plugins it calls, for `mission`."""
    vus: dict[str, Any] = {}
    original = Engine._constats

    def espion(self: Engine, impl: Any, mission: Mission, contexte: Any, fusion: Fusion) -> None:
        vus.setdefault("contexte", contexte)
        vus.setdefault("impls", []).append(impl)
        original(self, impl, mission, contexte, fusion)

    Engine._constats = espion  # type: ignore[method-assign]
    try:
        engine.decider(mission)
    finally:
        Engine._constats = original  # type: ignore[method-assign]
    return vus["contexte"], vus["impls"]


def _fusion(engine: Engine, mission: Mission, constats: list[tuple[str, Any]]) -> None:
    fusion = Fusion(
        mission, engine.referentiel, engine._statuts_regles, engine.documents, engine._citations
    )
    for plugin, resultats in constats:
        fusion.ajouter(plugin, resultats)
    fusion.decision(122, engine._versions, None, jours_ouvres_periodes=122)


if __name__ == "__main__":
    main()
