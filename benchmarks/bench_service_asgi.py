"""The service's own layers out of the network: the ASGI app called directly in a uvloop loop.

    .venv/bin/python benchmarks/bench_service_asgi.py [--requetes 3000] [--tours 3]

One request at a time, the example mission, ``POST /v1/decisions``; CPU per request (all the
process's threads), median of the rounds:

- **ancre** : the anchor of bench_service.py (benchmarks/ancre_service.py), FastAPI's route
  answering constant bytes;
- **missio, réponse prête** : missio's app with its evaluation pool replaced by one that hands
  back the decision's bytes at once: missio's layers (log, request id, tenant and token,
  limits, body) without the engine nor the hop to a thread;
- **missio** : the real app, its pool and engine; the part of its event loop (this thread) and
  the engine's time inside the pool's thread;
- **moteur sur ce fil** : ``operations.decide`` (what the pool's thread runs) on this thread.

Where the real app's CPU goes beyond the two other lines is the hop to the evaluation thread
and back, and the engine's cold caches on the other core (docs/service.md, « Performances »).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
Application = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def portee(corps: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/decisions",
        "raw_path": b"/v1/decisions",
        "query_string": b"",
        "root_path": "",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(corps)).encode()),
        ],
    }


async def requetes(application: Application, corps: bytes, nombre: int) -> tuple[float, float]:
    """CPU seconds per request of the process, and of this thread, for `nombre` requests."""
    statuts: list[int] = []

    async def recevoir() -> dict[str, Any]:
        return {"type": "http.request", "body": corps, "more_body": False}

    async def envoyer(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuts.append(message["status"])

    processus, fil = time.process_time(), time.thread_time()
    for _ in range(nombre):
        await application(portee(corps), recevoir, envoyer)
    resultat = (time.process_time() - processus) / nombre, (time.thread_time() - fil) / nombre
    if set(statuts) != {200}:
        sys.exit(f"réponses inattendues : {sorted(set(statuts))}")
    return resultat


async def mesurer(nombre: int, tours: int) -> dict[str, list[float]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import ancre_service

    from missio.service import operations
    from missio.service.app import create_app

    corps = EXEMPLE.read_bytes()
    ancre = ancre_service.application()
    app = create_app()
    tenant = app.state.tenants.reference()
    reponse = operations.decide(tenant, corps, None)
    pool = app.state.pools.evaluations
    decider = operations.decide
    dans_le_fil = [0.0]

    def decide_chronometre(*args: Any) -> bytes:
        debut = time.thread_time()
        try:
            return decider(*args)
        finally:
            dans_le_fil[0] += time.thread_time() - debut

    async def reponse_prete(*_args: Any, **_kwargs: Any) -> bytes:
        return reponse

    mesures: dict[str, list[float]] = {}

    def noter(nom: str, valeur: float) -> None:
        mesures.setdefault(nom, []).append(valeur * 1e6)

    async with app.router.lifespan_context(app):
        for tour in range(tours + 1):  # the first round warms up, uncounted
            compte = tour > 0
            total, _ = await requetes(ancre, corps, nombre)
            if compte:
                noter("ancre", total)
            pool.run = reponse_prete  # type: ignore[method-assign]
            total, _ = await requetes(app, corps, nombre)
            del pool.run
            if compte:
                noter("missio, réponse prête", total)
            operations.decide = decide_chronometre  # type: ignore[assignment]
            dans_le_fil[0] = 0.0
            total, boucle = await requetes(app, corps, nombre)
            operations.decide = decider  # type: ignore[assignment]
            if compte:
                noter("missio", total)
                noter("missio : sa boucle", boucle)
                noter("missio : le moteur dans le fil", dans_le_fil[0] / nombre)
            debut = time.thread_time()
            for _ in range(nombre):
                decider(tenant, corps, None)
            if compte:
                noter("moteur sur ce fil", (time.thread_time() - debut) / nombre)
    return mesures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requetes", type=int, default=3000)
    parser.add_argument("--tours", type=int, default=3)
    args = parser.parse_args()
    import uvloop

    from missio.service.logs import LOGGER, JsonFormatter

    # Each request's log line is formatted and written as by the service, to /dev/null rather
    # than to this terminal (create_app installs no handler when the logger has one).
    nul = logging.StreamHandler(open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    nul.setFormatter(JsonFormatter())
    LOGGER.addHandler(nul)
    mesures = uvloop.run(mesurer(args.requetes, args.tours))
    print(
        f"POST /v1/decisions en ASGI direct, {args.requetes} requêtes par tour, médiane de "
        f"{args.tours} tours (étendue) : CPU par requête"
    )
    for nom, valeurs in mesures.items():
        print(
            f"  {nom:<32} {statistics.median(valeurs):7.1f} µs "
            f"({min(valeurs):.1f}–{max(valeurs):.1f})"
        )


if __name__ == "__main__":
    main()
