"""Internal errors (plugin failure, conflict, a bug), oversized bodies, unknown routes, and the
request id every answer carries."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_aide import PluginEnPanne

from missio import hookimpl
from missio.documents import Redacteur
from missio.engine import Engine
from missio.findings import Voie
from missio.service.tenants import Tenant


def _sans_trace(reponse: Any) -> None:
    assert "Traceback" not in reponse.text and 'File "' not in reponse.text


def test_a_plugin_failure_is_a_500_naming_the_plugin_and_rule(
    client_pour: Callable[..., TestClient], exemple: dict[str, Any]
) -> None:
    engine = Engine([PluginEnPanne()])
    client = client_pour({"t": Tenant("t", engine, Redacteur(engine))}, "t")
    reponse = client.post("/v1/decisions", json=exemple)
    assert reponse.status_code == 500
    corps = reponse.json()
    assert (corps["code"], corps["plugin"], corps["regle"]) == (
        "erreur_plugin",
        "en_panne",
        "panne.division",
    )
    assert "Le plugin en_panne a échoué dans la règle panne.division" in corps["message"]
    assert corps["request_id"] == reponse.headers["x-request-id"]
    assert "connection" not in reponse.headers  # its body was read: the connection is kept
    _sans_trace(reponse)


class PolitiqueContraire:
    PLUGIN_NAME = "politique_contraire"

    @hookimpl
    def missio_legal_sources(self, register: Any) -> None:
        version = {
            "en_vigueur_le": "2025-12-15",
            "texte": "Délibération n° 2025-12 du conseil",
            "statut": "verifie",
        }
        register({"locale.deliberation": {"intitule": "Délibération", "versions": [version]}})

    @hookimpl
    def missio_findings(self) -> list[Any]:
        return [
            Voie(
                regle="locale.duree",
                dispositif="detachement_courte_duree",
                motif="politique",
                fondements=("locale.deliberation",),
            )
        ]


def test_conflicting_plugins_are_a_500_naming_both(
    client_pour: Callable[..., TestClient], exemple: dict[str, Any]
) -> None:
    engine = Engine([PolitiqueContraire()])
    client = client_pour({"t": Tenant("t", engine, Redacteur(engine))}, "t")
    reponse = client.post("/v1/decisions", json=exemple)
    assert reponse.status_code == 500
    corps = reponse.json()
    assert corps["code"] == "conflit_dispositif"
    assert "statut_fpt" in corps["message"] and "politique_contraire" in corps["message"]
    resultats = client.post("/v1/decisions:batch", json=[exemple]).json()["resultats"]
    assert resultats[0]["statut"] == 500 and resultats[0]["erreur"]["code"] == "conflit_dispositif"


def test_a_bug_is_a_plain_500_without_traceback(
    client: TestClient, corps: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    def bogue(*args: Any) -> None:
        raise RuntimeError("Rosier")

    monkeypatch.setattr("missio.service.operations.decide", bogue)
    reponse = client.post("/v1/decisions", content=corps())
    assert reponse.status_code == 500
    assert reponse.json()["code"] == "erreur_interne"
    assert "Rosier" not in reponse.text
    _sans_trace(reponse)


def test_a_bug_in_a_fastapi_route_is_the_same_plain_500(
    client: TestClient,
    corps: Callable[..., bytes],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Routes behind FastAPI (here the acts) answer a bug as POST /v1/decisions does: the
    error body with the request id, and one log line naming the exception's type only."""

    def bogue(*args: Any) -> None:
        raise RuntimeError("Rosier")

    monkeypatch.setattr("missio.service.operations.documents", bogue)
    reponse = client.post("/v1/documents", content=corps(), headers={"X-Request-Id": "bug-7"})
    assert reponse.status_code == 500
    assert reponse.headers["content-type"] == "application/json"
    assert reponse.headers["cache-control"] == "no-store"
    assert reponse.json() == {
        "code": "erreur_interne",
        "message": "Erreur interne du service. Citez l'identifiant de requête à son exploitant.",
        "erreurs": [],
        "request_id": "bug-7",
    }
    _sans_trace(reponse)
    bugs = [r for r in caplog.records if r.getMessage() == "unhandled_exception"]
    assert len(bugs) == 1 and "Rosier" not in caplog.text
    assert bugs[0].fields["exception"] == "RuntimeError"  # type: ignore[attr-defined]
    (ligne,) = [r for r in caplog.records if r.getMessage() == "request"]
    assert ligne.fields["status"] == 500  # type: ignore[attr-defined]


def test_oversized_bodies_are_refused_with_413(
    client_pour: Callable[..., TestClient], tenant_defaut: Tenant, corps: Callable[..., bytes]
) -> None:
    client = client_pour({"defaut": tenant_defaut}, "defaut", taille_max_requete=2048)
    assert client.post("/v1/decisions", content=corps()).status_code == 200
    gros = corps(objet="x" * 4000)
    reponse = client.post("/v1/decisions", content=gros)
    assert reponse.status_code == 413
    assert reponse.json()["code"] == "requete_trop_grande" and "2 Kio" in reponse.json()["message"]
    assert reponse.json()["request_id"] == reponse.headers["x-request-id"]

    # Without Content-Length (chunked upload), the body is counted as it arrives.
    def morceaux() -> Iterator[bytes]:
        for i in range(0, len(gros), 512):
            yield gros[i : i + 512]

    assert client.post("/v1/decisions", content=morceaux()).status_code == 413


def test_unknown_route_and_method_in_french(client: TestClient) -> None:
    reponse = client.get("/v2/decisions")
    assert reponse.status_code == 404 and reponse.json()["code"] == "route_inconnue"
    reponse = client.get("/v1/decisions")
    assert reponse.status_code == 405 and reponse.json()["code"] == "methode_non_admise"
    assert "POST" in reponse.headers["allow"]


@pytest.mark.parametrize(
    ("recu", "garde"),
    [
        ("sirh-7f3a-2026.11.26:42", True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("deux mots", False),
        ("x\u00e9", False),
        ("", False),
    ],
)
def test_request_id_is_kept_when_well_formed(
    client: TestClient, corps: Callable[..., bytes], recu: str, garde: bool
) -> None:
    reponse = client.post(
        "/v1/decisions", content=corps(), headers={"X-Request-Id": recu.encode("utf-8")}
    )
    identifiant = reponse.headers["x-request-id"]
    assert (identifiant == recu) is garde
    if not garde:
        assert len(identifiant) == 32 and int(identifiant, 16) >= 0


def test_every_answer_has_a_fresh_request_id(client: TestClient) -> None:
    ids = {client.get("/healthz").headers["x-request-id"] for _ in range(5)}
    ids.add(client.get("/nulle-part").headers["x-request-id"])
    ids.add(client.post("/v1/decisions", content=b"{").headers["x-request-id"])
    assert len(ids) == 7
    corps = client.post("/v1/decisions", content=b"{", headers={"X-Request-Id": "abc-1"}).json()
    assert corps["request_id"] == "abc-1"
    assert json.loads(client.get("/healthz").text) == {"statut": "ok", "version": "0.1.0"}


def test_a_bug_in_one_batch_item_fails_only_that_item(
    client: TestClient,
    mission: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from missio.service import operations

    decider = operations._decide

    def bogue(tenant: Any, corps: str, le: Any) -> Any:
        if "BOGUE" in corps:
            raise RuntimeError("Rosier")
        return decider(tenant, corps, le)

    monkeypatch.setattr(operations, "_decide", bogue)
    reponse = client.post("/v1/decisions:batch", json=[mission(reference="BOGUE"), mission()])
    resultats = reponse.json()["resultats"]
    assert [r["statut"] for r in resultats] == [500, 200]
    assert resultats[0]["erreur"]["code"] == "erreur_interne"
    assert "Rosier" not in reponse.text and "Rosier" not in caplog.text
    ligne = next(r for r in caplog.records if r.getMessage() == "unhandled_exception")
    assert ligne.fields["request_id"] == reponse.headers["x-request-id"]  # type: ignore[attr-defined]


def test_parameter_errors_from_fastapi_are_in_french() -> None:
    from missio.service.errors import request_errors

    assert request_errors([{"type": "missing", "loc": ("query", "x"), "input": None}]) == [
        ("x", "champ obligatoire manquant.")
    ]
    assert request_errors([{"type": "inconnu", "loc": ("header", "y")}]) == [
        ("y", "valeur invalide.")
    ]
