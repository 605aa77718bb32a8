"""The service reads missions as the command line does (missio.intake): keys given twice, NaN,
deep nesting and characters no act can hold are refused naming the field, and in a batch only
the item that holds them fails."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def test_a_key_given_twice_is_a_422_naming_it(
    client: TestClient, corps: Callable[..., bytes]
) -> None:
    texte = corps().replace(b'"reference": "CAESM-2026-014"', b'"reference": "A", "reference": "B"')
    reponse = client.post("/v1/decisions", content=texte)
    assert reponse.status_code == 422
    [erreur] = reponse.json()["erreurs"]
    assert erreur["champ"] == "reference" and "apparaît plusieurs fois" in erreur["message"]


def test_in_a_batch_only_the_bad_items_fail(
    client: TestClient, mission: Callable[..., dict[str, Any]]
) -> None:
    bonne = json.dumps(mission())
    double = bonne.replace('"nom": "Rosier"', '"nom": "Rosier", "nom": "Rozier"')
    nan = json.dumps(mission(teletravail_jours_par_semaine=99)).replace("99", "NaN")
    controle = json.dumps(mission(objet="a\u0001b"))
    profond = bonne.replace(
        '"extensions": {}', '"extensions": {"expe_ct": ' + '{"a":' * 40 + "1" + "}" * 41
    )
    lot = f"[{bonne}, {double}, {nan}, {controle}, {profond}]".encode()
    reponse = client.post("/v1/decisions:batch", content=lot)
    assert reponse.status_code == 200, reponse.text
    resultats = reponse.json()["resultats"]
    assert [r["statut"] for r in resultats] == [200, 422, 422, 422, 422]
    champs = [r["erreur"]["erreurs"][0]["champ"] for r in resultats[1:]]
    assert champs[:3] == ["agent.nom", "teletravail_jours_par_semaine", "objet"]
    assert champs[3].startswith("extensions.expe_ct.a.a")


def test_a_batch_too_deep_to_read_is_a_422(client: TestClient) -> None:
    reponse = client.post("/v1/decisions:batch", content=b"[" * 100_000 + b"]" * 100_000)
    assert reponse.status_code in (413, 422)
    if reponse.status_code == 422:
        assert "imbriqué trop profondément" in reponse.json()["erreurs"][0]["message"]
