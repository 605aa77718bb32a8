"""Structured logs: one JSON line per request with its id, and never the agent's personal
data, whatever the request did."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_aide import NAISSANCE, NOM, PRENOM, SIGNATAIRE, PluginEnPanne

from missio.documents import Redacteur
from missio.engine import Engine
from missio.service.logs import JsonFormatter
from missio.service.tenants import Tenant


def _lignes(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    formateur = JsonFormatter()
    return [json.loads(formateur.format(r)) for r in caplog.records if r.name.startswith("missio")]


def test_one_json_line_per_request(
    client: TestClient, corps: Callable[..., bytes], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="missio.service")
    reponse = client.post("/v1/t/defaut/decisions?date=2026-02-01", content=corps())
    (ligne,) = _lignes(caplog)
    assert ligne["event"] == "request" and ligne["level"] == "info"
    assert {k: ligne[k] for k in ("method", "path", "tenant", "status")} == {
        "method": "POST",
        "path": "/v1/t/defaut/decisions",  # never the query string
        "tenant": "defaut",
        "status": 200,
    }
    assert ligne["request_id"] == reponse.headers["x-request-id"]
    assert isinstance(ligne["duration_ms"], float) and ligne["duration_ms"] >= 0
    assert ligne["ts"].endswith("+00:00")


def test_batch_lines_count_items(
    client: TestClient, mission: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="missio.service")
    client.post("/v1/decisions:batch", json=[mission(), mission(agent={"statut": "x"})])
    (ligne,) = _lignes(caplog)
    assert (ligne["items"], ligne["item_errors"]) == (2, 1)


def test_no_personal_data_in_any_log_line(
    client: TestClient,
    client_pour: Callable[..., TestClient],
    mission: Callable[..., dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    donnees = mission()
    client.post("/v1/decisions", json=donnees)
    client.post("/v1/documents", json=donnees)
    client.post("/v1/decisions:batch", json=[donnees, donnees])
    # Invalid input whose values are personal data: the answer quotes them, the log does not.
    mauvaise = mission(agent={"date_naissance": NOM, "statut": PRENOM})
    assert NOM in client.post("/v1/decisions", json=mauvaise).text
    # A plugin whose exception message is the agent's name.
    engine = Engine([PluginEnPanne()])
    en_panne = client_pour({"p": Tenant("p", engine, Redacteur(engine))}, "p")
    assert en_panne.post("/v1/decisions", json=donnees).status_code == 500

    # A bug whose exception message is the agent's name.
    def bogue(*args: Any) -> None:
        raise ValueError(f"{NOM} {NAISSANCE}")

    monkeypatch.setattr("missio.service.operations.decide", bogue)
    assert client.post("/v1/decisions", json=donnees).status_code == 500

    lignes = _lignes(caplog)
    texte = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert len([ligne for ligne in lignes if ligne["event"] == "request"]) == 6
    for donnee in (NOM, PRENOM, NAISSANCE, SIGNATAIRE):
        assert donnee not in texte
    panne = next(ligne for ligne in lignes if ligne.get("plugin"))
    assert (panne["plugin"], panne["rule"], panne["status"]) == ("en_panne", "panne.division", 500)
    bug = next(ligne for ligne in lignes if ligne["event"] == "unhandled_exception")
    assert bug["exception"] == "ValueError" and bug["stack"]
