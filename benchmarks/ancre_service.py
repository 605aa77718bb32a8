"""The anchors of benchmarks/bench_service.py: FastAPI's least for missio's busiest route.

Three apps, served by bench_service.py with ``missio serve``'s own uvicorn options:

- :func:`application`, **the anchor**: ``POST /v1/decisions`` reads the body and answers a
  constant JSON of the same bytes as missio's answer for the example mission (its decision,
  computed once at start). The ratio missio/anchor then measures what missio adds to FastAPI
  and uvicorn (routing, token, pools, log line, the engine), not the cost of moving a larger
  answer.
- :func:`application_moteur_boucle`: the same route calling the engine in its ``async``
  handler, on the event loop. No server can do the engine's work for less; but while it
  evaluates, nothing else of the process runs (health checks, tokens, other bodies), which
  missio's own availability rules forbid (docs/service.md, « Limites »).
- :func:`application_moteur_fil`: the same route as a plain ``def`` handler, which FastAPI
  runs in its thread pool: the usual FastAPI way to keep the loop free, and the cost of that
  hop from the loop to a thread and back.

``GET /healthz`` tells the benchmark each is up.
"""

from collections.abc import Callable
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"


async def lire_corps(request: Request) -> bytes:
    """The body, read on the loop (a dependency), for a ``def`` handler run in a thread."""
    return await request.body()


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/healthz")
    async def sante() -> Response:
        return Response(b'{"statut":"ok"}', media_type="application/json")

    return app


def _decision() -> Callable[[bytes], bytes]:
    """The engine's answer to a body, as missio's service writes it (indented JSON bytes)."""
    from missio.engine import Engine, en_json_octets

    engine = Engine()

    def decider(corps: bytes) -> bytes:
        return en_json_octets(engine.decider(engine.valider(corps)), indent=2)

    return decider


def application() -> FastAPI:
    decision = _decision()(EXEMPLE.read_bytes())
    app = _app()

    @app.post("/v1/decisions")
    async def decisions(request: Request) -> Response:
        await request.body()
        return Response(decision, media_type="application/json")

    return app


def application_moteur_boucle() -> FastAPI:
    decider = _decision()
    app = _app()

    @app.post("/v1/decisions")
    async def decisions(request: Request) -> Response:
        return Response(decider(await request.body()), media_type="application/json")

    return app


def application_moteur_fil() -> FastAPI:
    decider = _decision()
    app = _app()

    @app.post("/v1/decisions")
    def decisions(corps: bytes = Depends(lire_corps)) -> Response:
        return Response(decider(corps), media_type="application/json")

    return app
