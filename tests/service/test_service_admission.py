"""What a request costs before it is admitted: its token is checked before its body is read,
a full pool refuses it (429, Retry-After) before any of its work, and the probes answer while
every thread is busy."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from missio import hookimpl
from missio.documents import Redacteur
from missio.engine import Engine
from missio.service.app import create_app
from missio.service.config import Limits, ServiceConfig
from missio.service.tenants import Tenant, Tenants

JETON = "jeton-de-test-0123456789abcdef"


class PluginLent:
    """Holds every evaluation until released, and counts the evaluations started."""

    PLUGIN_NAME = "lent"

    def __init__(self) -> None:
        self.commencees = 0
        self.commence = threading.Event()
        self.lacher = threading.Event()

    @hookimpl
    def missio_findings(self) -> list[Any]:
        self.commencees += 1
        self.commence.set()
        self.lacher.wait(10)
        return []


@pytest.fixture
def lent() -> Iterator[PluginLent]:
    plugin = PluginLent()
    yield plugin
    plugin.lacher.set()


@pytest.fixture
def sature(
    lent: PluginLent, client_pour: Callable[..., TestClient], exemple: dict[str, Any]
) -> Iterator[tuple[TestClient, Callable[[], Any]]]:
    """A service with one evaluation thread and no queue, that thread held by a decision."""
    engine = Engine([lent])
    protege = Tenant("p", engine, Redacteur(engine), (hashlib.sha256(JETON.encode()).digest(),))
    client = client_pour(
        {"t": Tenant("t", engine, Redacteur(engine)), "p": protege},
        "t",
        evaluations_simultanees=1,
        evaluations_en_attente=0,
    )
    with ThreadPoolExecutor(1) as fil:
        premiere = fil.submit(client.post, "/v1/decisions", content=_mission(exemple))
        yield client, premiere.result
        lent.lacher.set()


def _mission(exemple: dict[str, Any]) -> bytes:
    return json.dumps(exemple).encode("utf-8")


def test_a_full_pool_refuses_before_any_work(
    sature: tuple[TestClient, Callable[[], Any]], lent: PluginLent, exemple: dict[str, Any]
) -> None:
    client, premiere = sature
    assert lent.commence.wait(5)
    for route in ("/v1/decisions", "/v1/decisions:batch"):
        corps = _mission(exemple) if route == "/v1/decisions" else b"[" + _mission(exemple) + b"]"
        reponse = client.post(route, content=corps)
        assert reponse.status_code == 429
        assert reponse.json()["code"] == "service_sature"
        assert "evaluations_simultanees" in reponse.json()["message"]
        assert int(reponse.headers["retry-after"]) >= 1
    # Neither refused request started an evaluation.
    assert lent.commencees == 1
    lent.lacher.set()
    assert premiere().status_code == 200
    assert client.post("/v1/decisions", content=_mission(exemple)).status_code == 200


def test_probes_answer_while_every_thread_is_busy(
    sature: tuple[TestClient, Callable[[], Any]], lent: PluginLent
) -> None:
    client, _ = sature
    assert lent.commence.wait(5)
    with ThreadPoolExecutor(1) as fil:
        # A timeout, so that a probe waiting for a thread fails the test instead of hanging.
        sante = fil.submit(client.get, "/healthz").result(timeout=5)
        pret = fil.submit(client.get, "/readyz").result(timeout=5)
        # Tokens are checked on the event loop too: a refusal does not wait for a thread.
        refus = fil.submit(client.post, "/v1/t/p/decisions", content=b"{}").result(timeout=5)
    assert sante.status_code == 200 and sante.json()["statut"] == "ok"
    assert pret.status_code == 200
    assert refus.status_code == 401


def test_readiness_ends_when_the_service_stops(client: TestClient) -> None:
    pools = client.app.state.pools  # type: ignore[attr-defined]
    assert client.get("/readyz").status_code == 200
    pools.closing = True
    try:
        reponse = client.get("/readyz")
        assert reponse.status_code == 503 and reponse.json()["statut"] == "arret"
        assert client.get("/healthz").status_code == 200  # alive, not ready
    finally:
        pools.closing = False


def test_a_saturated_instance_stays_ready(
    sature: tuple[TestClient, Callable[[], Any]], lent: PluginLent, exemple: dict[str, Any]
) -> None:
    """Full (every thread busy, no room in the queue): the excess gets its 429 at once, and
    the instance stays in the load balancer (docs/service.md, « Vie et disponibilité »)."""
    client, _ = sature
    assert lent.commence.wait(5)
    assert client.post("/v1/decisions", content=_mission(exemple)).status_code == 429
    reponse = client.get("/readyz")
    assert reponse.status_code == 200 and reponse.json() == {"statut": "ok", "version": "0.1.0"}


def test_blocked_threads_make_the_instance_not_ready(
    lent: PluginLent, client_pour: Callable[..., TestClient], exemple: dict[str, Any]
) -> None:
    """Every evaluation thread on the same task past « delai_blocage »: /readyz says 503
    « bloque » (the load balancer stops sending it requests it can never serve), until the
    task ends; /healthz still answers."""
    engine = Engine([lent])
    client = client_pour(
        {"t": Tenant("t", engine, Redacteur(engine))},
        "t",
        evaluations_simultanees=1,
        delai_rendu=0.1,
        delai_blocage=0.3,
    )
    with ThreadPoolExecutor(1) as fil:
        premiere = fil.submit(client.post, "/v1/decisions", content=_mission(exemple))
        assert lent.commence.wait(5)
        assert client.get("/readyz").status_code == 200  # busy, not yet blocked
        time.sleep(0.5)
        reponse = client.get("/readyz")
        assert reponse.status_code == 503
        corps = reponse.json()
        assert corps["statut"] == "bloque"
        assert "fils d'évaluation" in corps["motif"] and "delai_blocage" in corps["motif"]
        assert client.get("/healthz").status_code == 200
        lent.lacher.set()
        assert premiere.result(timeout=10).status_code == 200
    assert client.get("/readyz").status_code == 200


def test_blocking_bound_must_exceed_the_render_limit() -> None:
    with pytest.raises(ValidationError) as erreur:
        Limits(delai_rendu=30, delai_blocage=20)
    assert "doit dépasser « delai_rendu »" in str(erreur.value)


def _asgi(app: Any, method: str, path: str, headers: dict[str, str], corps: bytes) -> Any:
    """Call `app` directly, recording how often it asked for the body."""
    lectures: list[int] = []
    envoye: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        lectures.append(1)
        return {"type": "http.request", "body": corps, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        envoye.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    debut = envoye[0]
    return debut["status"], dict(debut["headers"]), len(lectures)


@pytest.fixture(scope="module")
def app_protegee(engine: Engine, redacteur: Redacteur) -> Any:
    tenant = Tenant(
        "p", engine, redacteur, (__import__("hashlib").sha256(JETON.encode()).digest(),)
    )
    config = ServiceConfig(limites=Limits(taille_max_requete=4096))
    return create_app(config, tenants=Tenants({"p": tenant}, "p"))


@pytest.mark.parametrize(
    ("entetes", "statut"),
    [
        ({}, 401),
        ({"Authorization": "Bearer mauvais-jeton-0123456789"}, 403),
        ({"X-Missio-Tenant": "inconnu"}, 401),
        ({"Content-Length": "999999", "Authorization": f"Bearer {JETON}"}, 413),
    ],
)
def test_refused_before_the_body_is_read(
    app_protegee: Any, exemple: dict[str, Any], entetes: dict[str, str], statut: int
) -> None:
    for route in ("/v1/decisions", "/v1/decisions:batch", "/v1/documents"):
        recu, en_tetes, lectures = _asgi(app_protegee, "POST", route, entetes, _mission(exemple))
        assert recu == statut
        assert lectures == 0, "the body was read before the refusal"
        # The connection is not kept for a body nobody will read.
        assert en_tetes[b"connection"] == b"close"


def test_an_authenticated_request_reads_its_body(
    app_protegee: Any, exemple: dict[str, Any]
) -> None:
    entetes = {"Authorization": f"Bearer {JETON}"}
    recu, en_tetes, lectures = _asgi(
        app_protegee, "POST", "/v1/decisions", entetes, _mission(exemple)
    )
    assert (recu, lectures) == (200, 1)
    assert b"connection" not in en_tetes and en_tetes[b"cache-control"] == b"no-store"
