"""Memory of one engine fed many missions of different dates, as a service's engine is.

    .venv/bin/python benchmarks/memoire_moteur.py [--missions 20000]

The example mission, its period moved by a week from one mission to the next across fourteen
years (and its length varied): the peak resident memory of the process (``ru_maxrss``) after
building the engine and after the missions, and how many entries the engine's caches hold.
Citations are kept by stretch of time between two changes of the sources
(``Referentiel.epoque``), so the caches stay small however many dates the missions have.
"""

from __future__ import annotations

import argparse
import json
import resource
from datetime import date, timedelta
from pathlib import Path
from typing import Any

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"


def mesurer(missions: int) -> dict[str, Any]:
    from missio.engine import Engine

    mission = json.loads(EXEMPLE.read_bytes())
    engine = Engine()
    apres_construction = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    premier = date.fromisoformat(mission["periodes"][0]["debut"])
    for i in range(missions):
        debut = premier + timedelta(days=(i * 7) % 5000 - 2500)
        fin = debut + timedelta(days=30 + i % 200)
        mission["periodes"] = [{"debut": debut.isoformat(), "fin": fin.isoformat()}]
        engine.evaluer_json(json.dumps(mission))
    return {
        "missions": missions,
        "rss_construction_mo": round(apres_construction / 1024, 1),
        "rss_max_mo": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # Private, read here only to report them: the two caches that dates used to fill.
        "cache_citations": len(engine._citations),
        "cache_versions": len(engine.referentiel._cache),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--missions", type=int, default=20_000)
    print(json.dumps(mesurer(parser.parse_args().missions), ensure_ascii=False))


if __name__ == "__main__":
    main()
