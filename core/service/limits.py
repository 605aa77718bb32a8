"""Bounds on what one request may cost: its body (size, and time to arrive), and the work it
asks for (run in bounded thread pools, admitted or refused before it starts).

The event loop only moves bytes, checks tokens and answers the health check: every evaluation
and every render runs in a pool of threads. A pool admits at most its threads plus its queue;
past that a request is refused with 429 and ``Retry-After`` before any of its work is done (and
before its body is read when the pool is already full), so a burst costs a refusal, not a
growing queue, and ``/healthz`` never waits behind it.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import Request

from missio.service.config import Limits
from missio.service.errors import ServiceError

T = TypeVar("T")

# Set in the request's state once its body has been received whole: an error answered before
# that closes the connection, so a client cannot keep one open by trickling an unread body.
BODY_READ = "body_read"


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


def body_too_slow(timeout: float) -> ServiceError:
    return ServiceError(
        408,
        "lecture_trop_lente",
        f"Le corps de la requête n'est pas arrivé en entier en {timeout:g} s (limite "
        "« delai_lecture » de la configuration du service).",
    )


async def read_body(request: Request, max_size: int, timeout: float) -> bytes:
    """The request's body, refused past `max_size` bytes (413, announced or counted as it
    arrives, for chunked uploads) or past `timeout` seconds (408): a slow or stalled client
    holds at most `max_size` bytes for at most `timeout` seconds."""
    announced = request.headers.get("content-length")
    if announced is not None and announced.isdigit() and int(announced) > max_size:
        raise body_too_large(max_size)
    chunks: list[bytes] = []
    size = 0
    receive = request.receive
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    # Nobody will read the answer; the log line says the request was cut.
                    raise ServiceError(400, "requete_interrompue", "Requête interrompue.")
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > max_size:
                    raise body_too_large(max_size)
                if chunk:
                    chunks.append(chunk)
                if not message.get("more_body", False):
                    break
    except TimeoutError:
        raise body_too_slow(timeout) from None
    request.state.body_read = True
    # Most bodies arrive in one piece: no copy then.
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class WorkPool:
    """`threads` threads and at most `waiting` queued tasks beyond them; each task answered
    within its deadline when it has one (queue time included).

    A thread cannot be killed: a task past its deadline goes on in the background and keeps
    its place until it ends, which is exactly what admission must count. Tasks that can be
    ended (a LibreOffice conversion) receive the deadline and end themselves at it.
    """

    def __init__(self, threads: int, waiting: int, name: str, busy: Callable[[int], ServiceError]):
        self.capacity = threads + waiting
        self._threads, self._name = threads, name
        self._busy_error = busy
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._busy = 0

    @property
    def busy(self) -> int:
        """Tasks running or queued."""
        return self._busy

    def admit(self) -> None:
        """Refuse now (429) when the pool is full; reserves nothing (see :meth:`run`)."""
        if self._busy >= self.capacity:
            raise self._busy_error(self._busy)

    def _release(self, _future: Future[Any]) -> None:
        with self._lock:
            self._busy -= 1

    async def run(
        self,
        function: Callable[..., T],
        *args: object,
        deadline: float | None = None,
        late: Callable[[], ServiceError] | None = None,
    ) -> T:
        """Run ``function(*args)`` in the pool, or refuse it (429) when the pool is full.

        :param deadline: ``time.monotonic()`` past which the caller gets ``late()`` at once.
        """
        with self._lock:
            if self._busy >= self.capacity:
                raise self._busy_error(self._busy)
            self._busy += 1
        future = self._executor.submit(function, *args)
        # Runs when the task ends, or at once if it is cancelled while still queued.
        future.add_done_callback(self._release)
        if deadline is None:
            return await asyncio.wrap_future(future)
        try:
            async with asyncio.timeout_at(_loop_time(deadline)):
                return await asyncio.wrap_future(future)
        except TimeoutError:
            future.cancel()  # frees its place at once if it had not started
            raise (
                late() if late else ServiceError(503, "delai_depasse", "Délai dépassé.")
            ) from None

    def close(self) -> None:
        """Stop: drop the queued tasks, and wait for the running ones (they end by their
        deadlines, or sooner when their LibreOffice was killed) so that they clean up. The
        pool then takes tasks again (an application whose lifespan runs again, in tests)."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = ThreadPoolExecutor(self._threads, thread_name_prefix=self._name)


def _loop_time(deadline: float) -> float:
    # asyncio's clock is time.monotonic on every platform CPython supports; translated anyway
    # so that a loop with another clock keeps the same deadline.
    loop = asyncio.get_running_loop()
    return loop.time() + (deadline - time.monotonic())


def _too_many_evaluations(busy: int) -> ServiceError:
    return ServiceError(
        429,
        "service_sature",
        f"Le service a déjà {busy} évaluations en cours ou en attente (limites "
        "« evaluations_simultanees » et « evaluations_en_attente ») : réessayez dans quelques "
        "secondes.",
        headers={"Retry-After": "1"},
    )


def _too_many_renders(busy: int) -> ServiceError:
    return ServiceError(
        429,
        "trop_de_rendus",
        f"Le service a déjà {busy} rendus d'actes en cours ou en attente (limites "
        "« rendus_simultanes » et « rendus_en_attente ») : réessayez dans quelques secondes.",
        headers={"Retry-After": "2"},
    )


def render_too_late(timeout: float) -> ServiceError:
    return ServiceError(
        503,
        "delai_rendu_depasse",
        f"Le rendu des actes a dépassé {timeout:g} s (limite « delai_rendu » de la "
        "configuration du service) : réessayez plus tard ou demandez un seul document avec "
        "?code=.",
        headers={"Retry-After": "5"},
    )


class Pools:
    """The two pools of a process: evaluations (decisions, batches) and renders (acts), apart
    so that slow renders never hold up decisions."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.closing = False
        self.evaluations = WorkPool(
            limits.evaluations_simultanees,
            limits.evaluations_en_attente,
            "missio-evaluation",
            _too_many_evaluations,
        )
        self.renders = WorkPool(
            limits.rendus_simultanes, limits.rendus_en_attente, "missio-render", _too_many_renders
        )

    def render_deadline(self) -> float:
        return time.monotonic() + self.limits.delai_rendu

    def open(self) -> None:
        self.closing = False

    def close(self) -> None:
        self.closing = True
        self.renders.close()
        self.evaluations.close()
