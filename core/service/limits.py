"""Bounds on what one request may cost: body size, and renders run in bounded worker threads.

A render (docxtpl, and LibreOffice for PDF) can take long or hang on a pathological input.
It runs in a small thread pool with a time bound: past the bound the caller gets a 503 at once
instead of a stalled connection, and past the pool's queue a 429, so a burst of renders
cannot pile up unboundedly behind one another.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from missio.service.config import Limits
from missio.service.errors import ServiceError

T = TypeVar("T")


def _human_size(size: int) -> str:
    if size >= 1_048_576 and size % 1_048_576 == 0:
        return f"{size // 1_048_576} Mio"
    if size >= 1_024 and size % 1_024 == 0:
        return f"{size // 1_024} Kio"
    return f"{size} octets"


def body_too_large(max_size: int) -> ServiceError:
    return ServiceError(
        413,
        "requete_trop_grande",
        f"Le corps de la requête dépasse la taille maximale de {_human_size(max_size)} "
        "(limite « taille_max_requete » de la configuration du service).",
    )


class BodySizeLimit:
    """ASGI middleware: refuse a body larger than `max_size` with 413, before the app
    reads it. The body is read here (it is small by construction) and replayed to the app,
    so a chunked upload without Content-Length is bounded too."""

    def __init__(self, app: ASGIApp, max_size: int) -> None:
        self.app = app
        self.max_size = max_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        announced = dict(scope.get("headers", ())).get(b"content-length")
        if announced is not None and announced.isdigit() and int(announced) > self.max_size:
            await self._reject(scope, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left: nothing to answer
            body += message.get("body", b"")
            if len(body) > self.max_size:
                await self._reject(scope, send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, send: Send) -> None:
        request_id = str(scope.get("state", {}).get("request_id", ""))
        await body_too_large(self.max_size).send(send, request_id, close=True)


class RenderPool:
    """A bounded pool for renders: `rendus_simultanes` threads, `rendus_en_attente` queued,
    each render answered within `delai_rendu` seconds (queue time included).

    A thread cannot be killed: a render past its bound goes on in the background and keeps its
    slot until it ends, which is exactly what the admission count must see.
    """

    def __init__(self, limits: Limits) -> None:
        self.timeout = limits.delai_rendu
        self._capacity = limits.rendus_simultanes + limits.rendus_en_attente
        self._executor = ThreadPoolExecutor(
            max_workers=limits.rendus_simultanes, thread_name_prefix="missio-render"
        )
        self._lock = threading.Lock()
        self._busy = 0

    def _release(self, _future: Future[Any]) -> None:
        with self._lock:
            self._busy -= 1

    async def run(self, function: Callable[[], T]) -> T:
        with self._lock:
            if self._busy >= self._capacity:
                raise ServiceError(
                    429,
                    "trop_de_rendus",
                    f"Le service a déjà {self._busy} rendus d'actes en cours ou en attente "
                    "(limites « rendus_simultanes » et « rendus_en_attente ») : réessayez dans "
                    "quelques secondes.",
                    headers={"Retry-After": "2"},
                )
            self._busy += 1
        future = self._executor.submit(function)
        # Runs when the render ends, or at once if it is cancelled while still queued.
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            raise ServiceError(
                503,
                "delai_rendu_depasse",
                f"Le rendu des actes a dépassé {self.timeout:g} s (limite « delai_rendu » de la "
                "configuration du service) : réessayez plus tard ou demandez un seul document "
                "avec ?code=.",
                headers={"Retry-After": "5"},
            ) from None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
