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
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from typing import Any, NamedTuple, TypeVar

from starlette.requests import Request
from starlette.types import Receive

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


async def receive_body(
    receive: Receive, announced: bytes | None, max_size: int, timeout: float
) -> bytes:
    """The body of a request, refused past `max_size` bytes (413, announced in
    `Content-Length` or counted as it arrives, for chunked uploads) or past `timeout` seconds
    (408): a slow or stalled client holds at most `max_size` bytes for at most `timeout`
    seconds."""
    if announced is not None and announced.isdigit() and int(announced) > max_size:
        raise body_too_large(max_size)
    chunks: list[bytes] = []
    size = 0
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
    # Most bodies arrive in one piece: no copy then.
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def read_body(request: Request, max_size: int, timeout: float) -> bytes:
    """:func:`receive_body` for a Starlette request; marks it read (see :data:`BODY_READ`)."""
    announced = request.headers.get("content-length")
    body = await receive_body(
        request.receive,
        None if announced is None else announced.encode("latin-1"),
        max_size,
        timeout,
    )
    request.state.body_read = True
    return body


class LongTasks:
    """The interpreter's switch interval, shortened while a long task (a batch, a render) runs.

    A thread keeps the interpreter lock until it waits, or until another thread has waited
    ``sys.getswitchinterval()`` for it. Behind a batch of 100 missions or a render, the event
    loop (health checks, tokens, bodies) would wait that long at each of its turns: at
    Python's 5 ms, a health check took 290 ms (median) under 16 clients sending batches, and
    13 to 22 ms at 0.2 to 1 ms (tests/service/test_service_load.py). A decision alone ends
    within the default interval, and each switch it would force costs two context switches
    and cold caches (up to 0.15 ms of CPU per decision at 8 connections, docs/service.md):
    while only decisions run, the interval stays as it was.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._short: float | None = None  # None: the interval is never changed
        self._usual = 0.0
        self._running = 0

    def enable(self, short: float) -> None:
        """Shorten the interval to `short` seconds while long tasks run (a process that
        serves missio: :func:`missio.service.app.tune_process`)."""
        self._short = short

    @property
    def interval(self) -> float | None:
        """The interval while long tasks run; None: never changed (the default)."""
        return self._short

    def begin(self) -> None:
        if self._short is None:
            return
        with self._lock:
            self._running += 1
            if self._running == 1:
                self._usual = sys.getswitchinterval()
                sys.setswitchinterval(self._short)

    def end(self) -> None:
        if self._short is None:
            return
        with self._lock:
            self._running -= 1
            if self._running == 0:
                sys.setswitchinterval(self._usual)


LONG_TASKS = LongTasks()


class _Task:
    """One call queued in a :class:`WorkPool`, and where its result goes."""

    __slots__ = ("args", "cancelled", "function", "future", "long", "loop")

    def __init__(
        self,
        function: Callable[..., Any],
        args: tuple[object, ...],
        loop: asyncio.AbstractEventLoop,
        future: asyncio.Future[Any],
        long: bool,
    ) -> None:
        self.function, self.args = function, args
        self.loop, self.future = loop, future
        self.long = long  # may hold the interpreter for long: see LongTasks
        self.cancelled = False  # set by the caller past its deadline: not started, dropped


class _Worker:
    """One thread of a :class:`WorkPool`: the lock it sleeps on, and the task handed to it."""

    __slots__ = ("generation", "started", "task", "wake")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        # Held while the thread has nothing to do: it sleeps acquiring it, and whoever hands
        # it a task (or tells it to stop, with no task) releases it.
        self.wake = threading.Lock()
        self.wake.acquire()
        self.task: _Task | None = None
        self.started: float | None = None  # when its current task started


class _Outcome(NamedTuple):
    """What a thread hands back for a task it took: its result or its error (no task: a task
    dropped unstarted, nothing to hand back)."""

    task: _Task | None
    result: Any
    error: BaseException | None


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    # On the event loop. A caller gone past its deadline has cancelled its future.
    if future.done():
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


class WorkPool:
    """`threads` threads and at most `waiting` queued tasks beyond them; each task answered
    within its deadline when it has one (queue time included).

    A thread cannot be killed: a task past its deadline goes on in the background and keeps
    its place until it ends, which is exactly what admission must count. Tasks that can be
    ended (a LibreOffice conversion) receive the deadline and end themselves at it.

    The hop from the event loop to a thread and back is the cost of every decision beyond
    the engine's own, so it is kept short. A task goes straight to one idle thread, woken by
    its own lock (the one that worked last: its caches are warm), or waits in a deque that
    the threads empty before they sleep; each result goes back to the loop by one
    ``call_soon_threadsafe``. A queue shared by the threads woke every idle thread for each
    task (``SimpleQueue.get`` hands its lock on): each woken thread then asked for the
    interpreter lock and forced the busy one to give it up in the middle of its evaluation
    (docs/service.md, « Performances »). ``concurrent.futures`` plus ``asyncio.wrap_future``,
    before that, chained three callbacks and two futures per task.
    """

    def __init__(
        self,
        threads: int,
        waiting: int,
        name: str,
        busy: Callable[[int], ServiceError],
        long: bool = False,
    ):
        self.capacity = threads + waiting
        self._long = long  # every task is long (see run())
        self._size, self._name = threads, name
        self._busy_error = busy
        self._lock = threading.Lock()  # guards everything below
        self._tasks: deque[_Task] = deque()  # waiting for a thread
        self._idle: list[_Worker] = []  # sleeping, the last one to sleep at the end
        self._workers: list[_Worker] = []
        self._threads: list[threading.Thread] = []
        # Bumped by close(): the threads of an older generation stop after their task.
        self._generation = 0
        self._busy = 0

    @property
    def busy(self) -> int:
        """Tasks running or queued."""
        return self._busy

    def admit(self) -> None:
        """Refuse now (429) when the pool is full; reserves nothing (see :meth:`run`)."""
        if self._busy >= self.capacity:
            raise self._busy_error(self._busy)

    def blocked(self, bound: float) -> bool:
        """Whether every thread has been on its current task for more than `bound` seconds: no
        task can start until one of them ends, which a thread that cannot be killed may never
        do (a plugin caught in a loop)."""
        now = time.monotonic()
        workers = self._workers
        return len(workers) == self._size and all(
            (start := w.started) is not None and now - start > bound for w in workers
        )

    def _start_threads(self) -> None:
        # Started with the first task rather than with the app: an app built and never served
        # (the parent of uvicorn's workers, a test) keeps no idle threads. Daemons, so that an
        # app never closed does not hold the interpreter at exit; a served app joins them in
        # close().
        with self._lock:
            while len(self._threads) < self._size:
                number = len(self._threads)
                worker = _Worker(self._generation)
                thread = threading.Thread(
                    target=self._work, args=(worker,), name=f"{self._name}_{number}", daemon=True
                )
                self._workers.append(worker)
                self._threads.append(thread)
                thread.start()

    def _next(self, worker: _Worker, done: _Outcome | None) -> _Task | None:
        """The worker's next task, sleeping until there is one; None: stop.

        `done` is the outcome of the task it has just run: its place is freed, then its result
        goes to the loop as the thread's last step before it sleeps, so that the loop, woken
        by it, finds the interpreter lock free rather than waiting for it.
        """
        task = None
        with self._lock:
            if done is not None:
                self._busy -= 1
            stop = worker.generation != self._generation
            if not stop:
                if self._tasks:
                    task = self._tasks.popleft()
                else:
                    self._idle.append(worker)
        if done is not None and done.task is not None:
            finished = done.task
            with suppress(RuntimeError):  # a closed loop: nobody waits for this result
                finished.loop.call_soon_threadsafe(
                    _settle, finished.future, done.result, done.error
                )
        del done  # no reference kept while waiting for the next task
        if stop or task is not None:
            return task
        worker.wake.acquire()
        task, worker.task = worker.task, None
        return task

    def _work(self, worker: _Worker) -> None:
        done = None
        while (task := self._next(worker, done)) is not None:
            if task.cancelled:  # its caller has had its answer already: only its place freed
                done = _Outcome(None, None, None)
                continue
            worker.started = time.monotonic()
            if task.long:
                LONG_TASKS.begin()
            try:
                done = _Outcome(task, task.function(*task.args), None)
            except BaseException as exc:
                done = _Outcome(task, None, exc)
            finally:
                worker.started = None
                if task.long:
                    LONG_TASKS.end()
            del task

    def _release(self) -> None:
        with self._lock:
            self._busy -= 1

    def _submit(self, task: _Task) -> None:
        with self._lock:
            if self._idle:
                worker = self._idle.pop()
                worker.task = task
                worker.wake.release()
            else:
                self._tasks.append(task)

    async def run(
        self,
        function: Callable[..., T],
        *args: object,
        deadline: float | None = None,
        late: Callable[[], ServiceError] | None = None,
        long: bool = False,
    ) -> T:
        """Run ``function(*args)`` in the pool, or refuse it (429) when the pool is full.

        :param deadline: ``time.monotonic()`` past which the caller gets ``late()`` at once.
        :param long: the task may hold the interpreter for more than a few milliseconds (a
            batch, a render): the event loop then gets its turns sooner (:class:`LongTasks`).
        """
        with self._lock:
            if self._busy >= self.capacity:
                raise self._busy_error(self._busy)
            self._busy += 1
        if len(self._threads) < self._size:
            self._start_threads()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        task = _Task(function, args, loop, future, long or self._long)
        self._submit(task)
        if deadline is None:
            return await future
        try:
            async with asyncio.timeout_at(_loop_time(deadline, loop)):
                return await future
        except TimeoutError:
            task.cancelled = True  # frees its place as soon as a thread takes it, unstarted
            raise (
                late() if late else ServiceError(503, "delai_depasse", "Délai dépassé.")
            ) from None

    def close(self) -> None:
        """Stop: drop the queued tasks, and wait for the running ones (they end by their
        deadlines, or sooner when their LibreOffice was killed) so that they clean up. The
        pool then takes tasks again (an application whose lifespan runs again, in tests)."""
        with self._lock:
            threads, self._threads, self._workers = self._threads, [], []
            self._generation += 1
            queued = list(self._tasks)
            self._tasks.clear()
            idle, self._idle = self._idle, []
        for task in queued:  # their callers are told the service stops
            self._release()
            with suppress(RuntimeError):
                task.loop.call_soon_threadsafe(task.future.cancel)
        for worker in idle:  # woken without a task: they stop
            worker.wake.release()
        for thread in threads:
            thread.join()


def _loop_time(deadline: float, loop: asyncio.AbstractEventLoop) -> float:
    # asyncio's clock is time.monotonic on every platform CPython supports; translated anyway
    # so that a loop with another clock keeps the same deadline.
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
            limits.rendus_simultanes,
            limits.rendus_en_attente,
            "missio-render",
            _too_many_renders,
            long=True,
        )

    def render_deadline(self) -> float:
        return time.monotonic() + self.limits.delai_rendu

    def blocked(self) -> str | None:
        """The pool whose every thread is blocked (see :meth:`WorkPool.blocked`), if any."""
        bound = self.limits.delai_blocage
        if self.evaluations.blocked(bound):
            return "evaluations"
        if self.renders.blocked(bound):
            return "rendus"
        return None

    def open(self) -> None:
        self.closing = False

    def close(self) -> None:
        self.closing = True
        self.renders.close()
        self.evaluations.close()
