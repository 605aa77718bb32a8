"""POST /v1/decisions:batch: one result per mission, in order; failures stay with their item."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from missio.documents import Redacteur
from missio.engine import Engine
from missio.service.tenants import Tenant


def test_batch_answers_each_mission_in_order(
    client: TestClient, engine: Engine, mission: Callable[..., dict[str, Any]]
) -> None:
    bonne = mission()
    invalide = mission(agent={"statut": "vacataire"})
    non_conforme = mission(accueil={"nature": "entreprise"}, cadre="operateur")
    reponse = client.post("/v1/decisions:batch", json=[bonne, invalide, non_conforme, bonne])
    assert reponse.status_code == 200
    corps = reponse.json()
    assert corps["request_id"] == reponse.headers["x-request-id"]
    resultats = corps["resultats"]
    assert [(r["index"], r["statut"]) for r in resultats] == [
        (0, 200),
        (1, 422),
        (2, 200),
        (3, 200),
    ]
    attendue = json.loads(engine.evaluer_json(json.dumps(bonne)))
    assert resultats[0]["decision"] == attendue == resultats[3]["decision"]
    assert resultats[2]["decision"]["conforme"] is False
    erreur = resultats[1]["erreur"]
    assert erreur["code"] == "donnees_invalides" and "request_id" not in erreur
    assert erreur["erreurs"][0]["champ"] == "agent.statut"


def test_a_plugin_failure_fails_only_its_item(
    client_pour: Callable[..., TestClient],
    engine_en_panne: Engine,
    mission: Callable[..., dict[str, Any]],
) -> None:
    client = client_pour({"t": Tenant("t", engine_en_panne, Redacteur(engine_en_panne))}, "t")
    lot = [mission(), mission(reference="PANNE-1"), mission()]
    resultats = client.post("/v1/decisions:batch", json=lot).json()["resultats"]
    assert [r["statut"] for r in resultats] == [200, 500, 200]
    erreur = resultats[1]["erreur"]
    assert (erreur["code"], erreur["plugin"], erreur["regle"]) == (
        "erreur_plugin",
        "en_panne",
        "panne.division",
    )
    assert "Traceback" not in json.dumps(erreur)


def test_batch_size_is_bounded(
    client_pour: Callable[..., TestClient], tenant_defaut: Tenant, mission: Callable[..., Any]
) -> None:
    client = client_pour({"defaut": tenant_defaut}, "defaut", lot_max=2)
    assert client.post("/v1/decisions:batch", json=[mission()] * 2).status_code == 200
    reponse = client.post("/v1/decisions:batch", json=[mission()] * 3)
    assert reponse.status_code == 413
    corps = reponse.json()
    assert corps["code"] == "lot_trop_grand"
    assert "3 missions" in corps["message"] and "2 au plus" in corps["message"]


def test_batch_must_be_a_json_list(client: TestClient, mission: Callable[..., Any]) -> None:
    reponse = client.post("/v1/decisions:batch", json=mission())
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        {"champ": "(racine)", "message": "une liste de missions est attendue."}
    ]
    reponse = client.post("/v1/decisions:batch", content=b"[{")
    assert reponse.status_code == 422 and "JSON invalide" in reponse.json()["message"]
    assert client.post("/v1/decisions:batch", json=[]).json()["resultats"] == []
