"""The anchor of benchmarks/bench_service.py: FastAPI's least for missio's busiest route.

``POST /v1/decisions`` reads the body and answers a constant JSON of the same bytes as
missio's answer for the example mission (its decision, computed once at start): the ratio
missio/anchor then measures what missio adds to FastAPI and uvicorn (routing, token, pools,
log line, the engine), not the cost of moving a larger answer. ``GET /healthz`` tells the
benchmark it is up. Served by bench_service.py with ``missio serve``'s own uvicorn options.
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"


def application() -> FastAPI:
    from missio.engine import Engine

    decision = Engine().evaluer_json(EXEMPLE.read_bytes(), indent=2).encode("utf-8")
    app = FastAPI()

    @app.get("/healthz")
    async def sante() -> Response:
        return Response(b'{"statut":"ok"}', media_type="application/json")

    @app.post("/v1/decisions")
    async def decisions(request: Request) -> Response:
        await request.body()
        return Response(decision, media_type="application/json")

    return app
