"""Reading a request's body (missio.service.limits.receive_body): whole at once without a
timer, in pieces within the time and size limits, refused when too slow, too large or cut."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from missio.service.errors import ServiceError
from missio.service.limits import receive_body

Receive = Callable[[], Awaitable[dict[str, Any]]]


def _messages(*messages: dict[str, Any], pause: float = 0.0) -> Receive:
    """An ASGI receive giving `messages` in turn, each after `pause` seconds (0: at once,
    without suspending, as uvicorn gives a body already received); then waits forever."""
    pending = list(messages)

    async def receive() -> dict[str, Any]:
        if pause:
            await asyncio.sleep(pause)
        if not pending:
            await asyncio.Event().wait()
        return pending.pop(0)

    return receive


def _chunk(body: bytes, more: bool = False) -> dict[str, Any]:
    return {"type": "http.request", "body": body, "more_body": more}


def _read(receive: Receive, max_size: int = 100, timeout: float = 5.0) -> bytes:
    return asyncio.run(receive_body(receive, None, max_size, timeout))


def _refusal(receive: Receive, max_size: int = 100, timeout: float = 5.0) -> ServiceError:
    with pytest.raises(ServiceError) as refus:
        _read(receive, max_size, timeout)
    return refus.value


def test_a_body_received_whole_is_returned_as_is() -> None:
    body = b'{"reference": "m-1"}'
    assert _read(_messages(_chunk(body))) == body
    assert _read(_messages(_chunk(b""))) == b""


def test_a_body_in_pieces_is_joined_in_order() -> None:
    pieces = _messages(_chunk(b"ab", True), _chunk(b"", True), _chunk(b"cd"), pause=0.01)
    assert _read(pieces) == b"abcd"
    # The first piece at once, the others later: the same body.
    premier = _messages(_chunk(b"ab", True))
    suite = _messages(_chunk(b"cd"), pause=0.01)
    appels = iter([premier, suite])
    assert _read(lambda: next(appels)()) == b"abcd"


def test_a_body_past_the_size_limit_is_a_413() -> None:
    assert _refusal(_messages(_chunk(b"x" * 101))).status == 413
    trop = _messages(_chunk(b"x" * 60, True), _chunk(b"x" * 60), pause=0.01)
    assert _refusal(trop).code == "requete_trop_grande"
    # Announced too large: refused before anything is received.
    with pytest.raises(ServiceError) as annonce:
        asyncio.run(receive_body(_messages(), b"101", 100, 5.0))
    assert annonce.value.status == 413


@pytest.mark.parametrize(
    "receive",
    [
        _messages(),  # nothing ever arrives
        _messages(_chunk(b"ab", True)),  # the start, then nothing
        _messages(*[_chunk(b"a", True)] * 100, pause=0.05),  # a trickle
    ],
    ids=["rien", "debut", "goutte-a-goutte"],
)
def test_a_body_slower_than_the_limit_is_a_408_at_the_limit(receive: Receive) -> None:
    debut = time.monotonic()
    refus = _refusal(receive, timeout=0.3)
    assert (refus.status, refus.code) == (408, "lecture_trop_lente")
    assert "0.3 s" in refus.message and "delai_lecture" in refus.message
    assert 0.25 < time.monotonic() - debut < 2


def test_a_client_gone_before_its_body_is_a_400() -> None:
    parti = _messages(_chunk(b"ab", True), {"type": "http.disconnect"})
    assert _refusal(parti).code == "requete_interrompue"
    assert _refusal(_messages({"type": "http.disconnect"})).code == "requete_interrompue"


def test_a_cancelled_read_stops_its_receive() -> None:
    """The task cancelled while the body is on its way (the server shutting down): the
    cancellation reaches the pending receive, which ends."""
    fini: list[str] = []

    async def receive() -> dict[str, Any]:
        try:
            await asyncio.Event().wait()
        finally:
            fini.append("receive")
        return {}

    async def scenario() -> None:
        lecture = asyncio.ensure_future(receive_body(receive, None, 100, 5.0))
        await asyncio.sleep(0.05)
        lecture.cancel()
        with pytest.raises(asyncio.CancelledError):
            await lecture

    asyncio.run(scenario())
    assert fini == ["receive"]
