"""The anchor of benchmarks/bench_service.py: FastAPI's least for missio's busiest route.

``POST /v1/decisions`` reads the body and answers a constant JSON; ``GET /healthz`` tells the
benchmark it is up. Served by bench_service.py with ``missio serve``'s own uvicorn options, so
that the ratio missio/anchor measures what missio adds to FastAPI and uvicorn.
"""

from fastapi import FastAPI, Request
from fastapi.responses import Response


def application() -> FastAPI:
    app = FastAPI()

    @app.get("/healthz")
    async def sante() -> Response:
        return Response(b'{"statut":"ok"}', media_type="application/json")

    @app.post("/v1/decisions")
    async def decisions(request: Request) -> Response:
        await request.body()
        return Response(b'{"ok":true}', media_type="application/json")

    return app
