"""POST /v1/decisions: the CLI's decision, the CLI's French errors with their field paths."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from missio.engine import Engine


def _champs(reponse: Any) -> dict[str, str]:
    return {e["champ"]: e["message"] for e in reponse.json()["erreurs"]}


def test_decision_is_the_clis_json(
    client: TestClient, engine: Engine, corps: Callable[..., bytes]
) -> None:
    reponse = client.post("/v1/decisions", content=corps())
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/json"
    assert reponse.text == engine.evaluer_json(corps(), indent=2)
    decision = reponse.json()
    assert (decision["dispositif"], decision["conforme"], decision["volume_jours_ouvres"]) == (
        "ordre_de_mission",
        True,
        122,
    )


def test_a_decision_that_is_not_conforme_is_still_a_200(
    client: TestClient, mission: Callable[..., dict[str, Any]]
) -> None:
    donnees = mission(accueil={"nature": "entreprise"}, cadre="operateur")
    reponse = client.post("/v1/decisions", json=donnees)
    assert reponse.status_code == 200
    assert reponse.json()["conforme"] is False
    assert reponse.json()["blocages"]


def test_invalid_mission_gives_the_clis_messages_and_paths(
    client: TestClient, engine: Engine, mission: Callable[..., dict[str, Any]]
) -> None:
    donnees = mission(
        periodes=[{"debut": "2026-03-02", "fin": "2026-02-27"}], agent={"statut": "vacataire"}
    )
    reponse = client.post("/v1/decisions", json=donnees)
    assert reponse.status_code == 422
    corps = reponse.json()
    assert corps["code"] == "donnees_invalides"
    assert corps["request_id"] == reponse.headers["x-request-id"]
    champs = _champs(reponse)
    assert "titulaire" in champs["agent.statut"] and "vacataire" in champs["agent.statut"]
    assert "antérieure au début" in champs["periodes[0]"]
    # The very pairs the engine (and so the CLI) reports.
    try:
        engine.valider(json.dumps(donnees))
    except Exception as exc:
        attendues = exc.erreurs  # type: ignore[attr-defined]
    assert [(e["champ"], e["message"]) for e in corps["erreurs"]] == attendues


def test_unknown_field_and_extension_are_named(
    client: TestClient, mission: Callable[..., dict[str, Any]]
) -> None:
    champs = _champs(client.post("/v1/decisions", json=mission(couleur="bleu")))
    assert "champ inconnu" in champs["couleur"]
    champs = _champs(client.post("/v1/decisions", json=mission(extensions={"inconnue": {}})))
    assert "expe_ct" in champs["extensions.inconnue"]


def test_body_that_is_not_json(client: TestClient) -> None:
    reponse = client.post("/v1/decisions", content=b"{pas du json")
    assert reponse.status_code == 422
    assert "JSON invalide" in reponse.json()["erreurs"][0]["message"]
    assert client.post("/v1/decisions", content=b"").status_code == 422


def test_evaluation_date_parameter(client: TestClient, corps: Callable[..., bytes]) -> None:
    assert client.post("/v1/decisions?date=2026-02-20", content=corps()).status_code == 200
    reponse = client.post("/v1/decisions?date=20-02-2026", content=corps())
    assert reponse.status_code == 422
    assert _champs(reponse) == {"date": "« 20-02-2026 » n'est pas une date au format AAAA-MM-JJ."}
    assert client.post("/v1/decisions?date=2026-02-30", content=corps()).status_code == 422


def test_same_answer_under_the_tenant_path_and_header(
    client: TestClient, corps: Callable[..., bytes]
) -> None:
    simple = client.post("/v1/decisions", content=corps()).text
    assert client.post("/v1/t/defaut/decisions", content=corps()).text == simple
    entete = {"X-Missio-Tenant": "defaut"}
    assert client.post("/v1/decisions", content=corps(), headers=entete).text == simple
