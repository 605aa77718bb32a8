"""Bad input is the caller's: a 4xx with the French error, never a 500, on every endpoint that
reads a mission (alone, in a batch, or to render its acts).

The checks themselves are the engine's (the CLI's): the service only passes the bytes on and
maps the engine's and the rendering's errors (dates beyond the holiday table, control
characters, short echoes of huge values…).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

ROUTES = ("/v1/decisions", "/v1/documents", "/v1/decisions:batch")


def _poster(client: TestClient, route: str, corps: bytes) -> tuple[int, dict[str, Any], int]:
    """The status and error body of `corps` posted to `route` (for a batch: of its one item,
    sent as a list), and the size of the whole answer."""
    if route.endswith(":batch"):
        reponse = client.post(route, content=b"[" + corps + b"]")
        if reponse.status_code != 200:
            return reponse.status_code, reponse.json(), len(reponse.content)
        (item,) = reponse.json()["resultats"]
        return item["statut"], item.get("erreur") or {}, len(reponse.content)
    reponse = client.post(route, content=corps)
    erreur = reponse.json() if reponse.status_code != 200 else {}
    return reponse.status_code, erreur, len(reponse.content)


def _modifiee(exemple: dict[str, Any], **changements: Any) -> bytes:
    donnees = copy.deepcopy(exemple)
    for chemin, valeur in changements.items():
        noeud = donnees
        *parents, feuille = chemin.split("__")
        for parent in parents:
            noeud = noeud[parent]
        noeud[feuille] = valeur
    return json.dumps(donnees, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "corps",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"agent":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"reference": "\xff\xfe"}',
        b"",
    ],
    ids=["liste-profonde", "objet-profond", "utf8-invalide", "vide"],
)
def test_malformed_json_is_a_422_in_french(client: TestClient, route: str, corps: bytes) -> None:
    if route.endswith(":batch") and not corps:
        corps = b"{"  # "[]", an empty batch, is valid
    statut, erreur, _ = _poster(client, route, corps)
    assert statut == 422
    assert erreur["code"] == "donnees_invalides"
    assert erreur["erreurs"] and all(e["message"] for e in erreur["erreurs"])


def test_a_batch_that_is_no_list_or_has_text_after_it(client: TestClient) -> None:
    for corps, attendu in (
        (b'{"a": 1}', "une liste de missions est attendue."),
        (b"[1, 2] [3]", "texte après la liste"),
        (b"[1 2]", "« , » ou « ] » attendu"),
    ):
        reponse = client.post("/v1/decisions:batch", content=corps)
        assert reponse.status_code == 422
        assert attendu in reponse.json()["erreurs"][0]["message"]


def test_a_text_the_acts_cannot_hold_is_a_422_naming_the_problem(
    client: TestClient, exemple: dict[str, Any]
) -> None:
    """A control character in the agent's name cannot be written in a Word document: the
    acts are refused with a 4xx (from the rendering today, from the engine's validation once
    it refuses such characters), never a 500."""
    corps = _modifiee(exemple, agent__nom="Ro\x01sier")
    reponse = client.post("/v1/documents", content=corps)
    assert reponse.status_code == 422
    corps_erreur = reponse.json()
    assert corps_erreur["code"] in ("rendu_impossible", "donnees_invalides")
    assert "Traceback" not in reponse.text and "/tmp" not in reponse.text


@pytest.mark.parametrize("route", ROUTES)
def test_control_characters_are_refused_everywhere(
    client: TestClient, exemple: dict[str, Any], route: str
) -> None:
    statut, erreur, _ = _poster(client, route, _modifiee(exemple, agent__nom="Ro\x01sier"))
    assert statut == 422
    assert "agent.nom" in {e["champ"] for e in erreur["erreurs"]}


@pytest.mark.parametrize("route", ROUTES)
def test_dates_beyond_the_holiday_table_are_refused_naming_the_field(
    client: TestClient, exemple: dict[str, Any], route: str
) -> None:
    corps = _modifiee(exemple, periodes=[{"debut": "2200-03-02", "fin": "2200-04-02"}])
    statut, erreur, _ = _poster(client, route, corps)
    assert statut == 422
    assert any(e["champ"].startswith("periodes[0]") for e in erreur["erreurs"])


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("champ", ["version_contrat", "employeur__departement"])
def test_huge_values_are_refused(
    client: TestClient, exemple: dict[str, Any], route: str, champ: str
) -> None:
    statut, erreur, _ = _poster(client, route, _modifiee(exemple, **{champ: "9" * 1_000_000}))
    assert statut == 422
    assert champ.replace("__", ".") in {e["champ"] for e in erreur["erreurs"]}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("champ", ["version_contrat", "employeur__departement"])
def test_huge_values_are_never_echoed_whole(
    client: TestClient, exemple: dict[str, Any], route: str, champ: str
) -> None:
    _, _, taille = _poster(client, route, _modifiee(exemple, **{champ: "9" * 1_000_000}))
    assert taille < 10_000


@pytest.mark.parametrize("route", ["/v1/decisions", "/v1/documents", "/v1/decisions:batch"])
def test_answers_with_personal_data_are_never_cached(
    client: TestClient, corps: Callable[..., bytes], route: str
) -> None:
    contenu = b"[" + corps() + b"]" if route.endswith(":batch") else corps()
    assert client.post(route, content=contenu).headers["cache-control"] == "no-store"
    # Errors too: they quote the values received.
    erreur = client.post(route, content=b"{")
    assert erreur.status_code == 422 and erreur.headers["cache-control"] == "no-store"
