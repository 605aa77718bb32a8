"""The work pools (missio.service.limits.WorkPool) on their own: results and errors come back
to the event loop, admission counts every task until it ends, a task past its deadline is
dropped unstarted, and closing drops the queue and waits for the running tasks."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from typing import Any

import pytest

from missio.service.errors import ServiceError
from missio.service.limits import WorkPool


def _plein(occupes: int) -> ServiceError:
    return ServiceError(429, "plein", f"{occupes} tâches", headers={"Retry-After": "1"})


def _pool(threads: int = 1, waiting: int = 1) -> WorkPool:
    return WorkPool(threads, waiting, "essai", _plein)


def test_results_and_errors_come_back() -> None:
    pool = _pool(2, 4)

    def echoue() -> None:
        raise ValueError("raté")

    async def scenario() -> None:
        assert await pool.run(lambda a, b: a + b, 2, 3) == 5
        resultats = await asyncio.gather(*(pool.run(lambda i=i: i * i) for i in range(6)))
        assert resultats == [0, 1, 4, 9, 16, 25]
        with pytest.raises(ValueError, match="raté"):
            await pool.run(echoue)

    asyncio.run(scenario())
    assert pool.busy == 0
    # Threads are started for the first task, no more than asked, and named after the pool.
    noms = {t.name for t in threading.enumerate() if t.name.startswith("essai_")}
    assert noms == {"essai_0", "essai_1"}
    pool.close()
    assert not any(t.name.startswith("essai_") for t in threading.enumerate())


def test_a_full_pool_refuses_until_a_task_ends() -> None:
    pool = _pool(1, 1)
    lacher = threading.Event()

    async def scenario() -> None:
        premiere = asyncio.ensure_future(pool.run(lacher.wait, 5))
        seconde = asyncio.ensure_future(pool.run(lambda: "seconde"))
        await asyncio.sleep(0.05)
        assert pool.busy == 2
        with pytest.raises(ServiceError) as refus:
            pool.admit()
        assert refus.value.status == 429 and refus.value.headers == {"Retry-After": "1"}
        with pytest.raises(ServiceError):
            await pool.run(lambda: "de trop")
        lacher.set()
        assert await premiere is True
        assert await seconde == "seconde"
        assert pool.busy == 0
        pool.admit()  # room again

    asyncio.run(scenario())
    pool.close()


def test_a_task_past_its_deadline_is_answered_then_dropped_unstarted() -> None:
    pool = _pool(1, 1)
    lacher = threading.Event()
    commencees: list[str] = []

    def tache(nom: str) -> str:
        commencees.append(nom)
        lacher.wait(5)
        return nom

    async def scenario() -> None:
        occupe = asyncio.ensure_future(pool.run(tache, "longue"))
        await asyncio.sleep(0.05)
        debut = time.monotonic()
        with pytest.raises(ServiceError) as retard:
            await pool.run(
                tache,
                "en retard",
                deadline=time.monotonic() + 0.1,
                late=lambda: ServiceError(503, "trop_tard", "Trop tard."),
            )
        assert retard.value.code == "trop_tard"
        assert time.monotonic() - debut < 2  # answered at its deadline, not when a thread freed
        # Its place is kept until a thread takes it (and drops it): a thread cannot be killed,
        # and the queue is what admission counts.
        assert pool.busy == 2
        lacher.set()
        assert await occupe == "longue"
        for _ in range(100):
            if pool.busy == 0:
                break
            await asyncio.sleep(0.01)
        assert pool.busy == 0

    asyncio.run(scenario())
    assert commencees == ["longue"]
    pool.close()


def test_close_drops_the_queue_and_waits_for_the_running_task() -> None:
    pool = _pool(1, 2)
    commence, lacher = threading.Event(), threading.Event()
    finies: list[str] = []

    def longue() -> str:
        commence.set()
        lacher.wait(5)
        time.sleep(0.1)
        finies.append("longue")
        return "longue"

    async def scenario() -> tuple[Any, Any]:
        courante = asyncio.ensure_future(pool.run(longue))
        en_attente = asyncio.ensure_future(pool.run(finies.append, "en attente"))
        await asyncio.to_thread(commence.wait, 5)
        threading.Timer(0.05, lacher.set).start()
        await asyncio.to_thread(pool.close)  # as the lifespan does at shutdown
        # The running task ended before close() returned; the queued one never started.
        assert finies == ["longue"]
        return await asyncio.gather(courante, en_attente, return_exceptions=True)

    courante, en_attente = asyncio.run(scenario())
    assert courante == "longue"
    assert isinstance(en_attente, asyncio.CancelledError)
    assert pool.busy == 0
    # The pool takes tasks again (an app whose lifespan runs again).
    assert asyncio.run(pool.run(lambda: "encore")) == "encore"
    pool.close()


def test_results_reach_the_loop_that_asked() -> None:
    """Two event loops in two threads (two test clients of one app) share a pool: each gets
    its own results."""
    pool = _pool(2, 8)
    resultats: dict[str, list[int]] = {}

    def boucle(nom: str, base: int) -> None:
        async def scenario() -> list[int]:
            return list(await asyncio.gather(*(pool.run(lambda i=i: base + i) for i in range(5))))

        resultats[nom] = asyncio.run(scenario())

    fils = [threading.Thread(target=boucle, args=(n, b)) for n, b in (("a", 0), ("b", 100))]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join(10)
    assert resultats == {"a": [0, 1, 2, 3, 4], "b": [100, 101, 102, 103, 104]}
    pool.close()


def test_the_switch_interval_is_short_only_while_long_tasks_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a batch or a render runs, the event loop gets the interpreter every 0.5 ms; a
    decision alone leaves the interval as it was, and so does a pool in a process that did
    not ask for it (an application embedding the service)."""
    from missio.service import limits

    habituel = sys.getswitchinterval()
    monkeypatch.setattr(limits, "LONG_TASKS", limits.LongTasks())
    pool = _pool(2, 2)
    vus: dict[str, float] = {}
    lacher = threading.Event()

    def note(nom: str) -> None:
        vus[nom] = sys.getswitchinterval()

    def longue() -> None:
        note("longue")
        lacher.wait(5)

    async def scenario() -> None:
        await pool.run(note, "sans réglage", long=True)
        limits.LONG_TASKS.enable(0.0005)
        await pool.run(note, "courte")
        premiere = asyncio.ensure_future(pool.run(longue, long=True))
        await asyncio.sleep(0.05)
        # Two long tasks at once: short until the last one ends.
        await pool.run(note, "longue aussi", long=True)
        note("une longue en cours")
        lacher.set()
        await premiere
        note("après")

    try:
        asyncio.run(scenario())
    finally:
        sys.setswitchinterval(habituel)
        pool.close()
    assert vus["sans réglage"] == vus["courte"] == pytest.approx(habituel)
    assert vus["longue"] == vus["longue aussi"] == pytest.approx(0.0005)
    assert vus["une longue en cours"] == pytest.approx(0.0005)
    assert vus["après"] == pytest.approx(habituel)
