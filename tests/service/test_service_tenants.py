"""Tenants: two collectivités with their own policies, parameters, templates and tokens,
served by one process from one configuration file."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_aide import installer_tiers, operateur_6_jours

from missio.engine import Engine
from missio.service.app import create_app
from missio.service.config import load_config
from missio.service.tenants import Tenant

JETON_LYON = "jeton-de-test-lyon-0123456789abcdef"

CONFIGURATION = """
tenant_defaut = "caesm"

[limites]
lot_max = 10

[tenants.caesm]
nom = "Communauté d'agglomération de l'Espace Sud de la Martinique"

[tenants.lyon]
nom = "Ville de Lyon"
politiques = ["politiques/lyon.tiers"]
modeles = "modeles/lyon"
jetons_env = ["MISSIO_TEST_JETON_LYON"]
origine_parametres = "délibération n° 2026-07 du conseil municipal"

[tenants.lyon.parametres]
"statut_fpt.seuil_cumul_max_jours" = 10
"""


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Path:
    """A configuration folder: the file, Lyon's policy and Lyon's own ordre de mission."""
    racine = tmp_path_factory.mktemp("config")
    (racine / "missio.toml").write_text(CONFIGURATION, encoding="utf-8")
    (racine / "politiques").mkdir()
    (racine / "politiques" / "lyon.tiers").write_text(
        "Politique de mobilité internationale de la Ville de Lyon\n", encoding="utf-8"
    )
    modeles = racine / "modeles" / "lyon"
    modeles.mkdir(parents=True)
    defaut = engine.documents["ordre_de_mission"].modele
    with zipfile.ZipFile(defaut) as source, zipfile.ZipFile(modeles / defaut.name, "w") as copie:
        for info in source.infolist():
            contenu = source.read(info)
            if info.filename == "word/document.xml":
                titre = "ORDRE DE\u00a0MISSION".encode()  # the title's last word never alone
                contenu = contenu.replace(titre, titre + b" (VILLE DE LYON)")
            copie.writestr(info, contenu)
    return racine


@pytest.fixture(scope="module")
def client(dossier: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for both tenants, from the file; the .tiers policy format comes from a
    third-party plugin installed as a distribution (as collectivite_custom's YAML would)."""
    site = tmp_path_factory.mktemp("site")
    installer_tiers(site)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        patch.setenv("MISSIO_TEST_JETON_LYON", JETON_LYON)
        app = create_app(load_config(dossier / "missio.toml"))
    with TestClient(app) as client:
        yield client


LYON = {"Authorization": f"Bearer {JETON_LYON}"}


def test_two_tenants_decide_the_same_mission_differently(
    client: TestClient, exemple: dict[str, Any]
) -> None:
    mission = operateur_6_jours(exemple)
    caesm = client.post("/v1/t/caesm/decisions", json=mission).json()
    lyon = client.post("/v1/t/lyon/decisions", json=mission, headers=LYON).json()
    assert caesm["dispositif"] == "mise_a_disposition"
    # Lyon's parameter raises the cumul threshold, and its policy adds its alert.
    assert lyon["dispositif"] == "cumul_activites"
    assert "tiers.politique" in {a["code"] for a in lyon["alertes"]}
    assert "tiers.politique" not in {a["code"] for a in caesm["alertes"]}
    trace = {(t["plugin"], t["regle"]) for t in lyon["trace"]}
    assert ("missio", "parametre.statut_fpt.seuil_cumul_max_jours") in trace
    # The header chooses the tenant as the path does; without either, the default tenant.
    entete = client.post("/v1/decisions", json=mission, headers=LYON | {"X-Missio-Tenant": "lyon"})
    assert entete.json() == lyon
    assert client.post("/v1/decisions", json=mission).json() == caesm


def test_each_tenant_renders_with_its_own_templates(
    client: TestClient, exemple: dict[str, Any]
) -> None:
    def titre(chemin: str, entetes: dict[str, str]) -> str:
        reponse = client.post(chemin, json=exemple, headers=entetes)
        assert reponse.status_code == 200
        docx = zipfile.ZipFile(io.BytesIO(reponse.content))
        return docx.read("word/document.xml").decode("utf-8")

    assert "VILLE DE LYON" in titre("/v1/t/lyon/documents?code=ordre_de_mission", LYON)
    assert "VILLE DE LYON" not in titre("/v1/t/caesm/documents?code=ordre_de_mission", {})


def test_plugins_and_schema_per_tenant(client: TestClient) -> None:
    lyon = {p["nom"]: p for p in client.get("/v1/t/lyon/plugins", headers=LYON).json()}
    caesm = {p["nom"]: p for p in client.get("/v1/t/caesm/plugins").json()}
    assert lyon["politique_lyon"]["origine"] == "explicite"
    assert "politique_lyon" not in caesm
    statut = caesm["statut_fpt"]
    assert statut["regles"] and statut["parametres"]
    assert {"code", "titre"} <= set(statut["regles"][0])
    schema = client.get("/v1/t/caesm/schema/mission").json()
    assert "expe_ct" in schema["properties"]["extensions"]["properties"]


def _sans_id(reponse: Any) -> tuple[int, dict[str, Any], str | None]:
    corps = reponse.json()
    corps.pop("request_id")
    return reponse.status_code, corps, reponse.headers.get("www-authenticate")


@pytest.mark.parametrize(
    "entetes",
    [{}, {"Authorization": "Bearer mauvais-jeton-0123456789"}, {"Authorization": "Basic eDp5"}],
)
def test_unknown_tenants_answer_as_protected_ones(
    client: TestClient, exemple: dict[str, Any], entetes: dict[str, str]
) -> None:
    """Without a valid token, nothing tells an existing tenant (lyon) from an unknown one."""
    corps = json.dumps(exemple).encode("utf-8")
    for methode, route in (
        ("POST", "/v1/t/{}/decisions"),
        ("GET", "/v1/t/{}/plugins"),
        ("GET", "/v1/t/{}/schema/mission"),
    ):
        contenu = corps if methode == "POST" else None
        lyon = client.request(methode, route.format("lyon"), headers=entetes, content=contenu)
        paris = client.request(methode, route.format("paris"), headers=entetes, content=contenu)
        assert lyon.status_code in (401, 403)
        assert _sans_id(paris) == _sans_id(lyon)
        assert "paris" not in paris.text
    par_entete = client.get("/v1/plugins", headers={"X-Missio-Tenant": "paris", **entetes})
    lyon = client.get("/v1/plugins", headers={"X-Missio-Tenant": "lyon", **entetes})
    assert _sans_id(par_entete) == _sans_id(lyon)
    # Lyon's own token opens Lyon only.
    assert client.get("/v1/t/paris/plugins", headers=LYON).status_code == 403


def test_unknown_and_contradictory_tenants(
    client: TestClient, client_pour: Callable[..., TestClient], tenant_defaut: Tenant
) -> None:
    # Where no tenant is protected there is nothing to hide: the unknown tenant is named.
    ouvert = client_pour({"a": tenant_defaut}, "a")
    reponse = ouvert.post("/v1/t/paris/decisions", json={})
    assert reponse.status_code == 404
    assert reponse.json()["code"] == "tenant_inconnu" and "paris" in reponse.json()["message"]
    assert ouvert.get("/v1/plugins", headers={"X-Missio-Tenant": "paris"}).status_code == 404
    # A header given empty names no tenant (it is not "the default").
    assert ouvert.get("/v1/plugins", headers={"X-Missio-Tenant": ""}).status_code == 404
    reponse = client.get("/v1/t/caesm/plugins", headers={"X-Missio-Tenant": "lyon"})
    assert reponse.status_code == 400 and reponse.json()["code"] == "tenant_contradictoire"


def test_without_a_default_a_tenant_must_be_named(
    client_pour: Callable[..., TestClient], tenant_defaut: Tenant
) -> None:
    client = client_pour({"a": tenant_defaut}, None)
    reponse = client.get("/v1/plugins")
    assert reponse.status_code == 404
    assert reponse.json()["code"] == "tenant_absent"
    assert "X-Missio-Tenant" in reponse.json()["message"]
    assert client.get("/v1/t/a/plugins").status_code == 200


def test_bearer_tokens_per_tenant(client: TestClient, exemple: dict[str, Any]) -> None:
    reponse = client.post("/v1/t/lyon/decisions", json=exemple)
    assert reponse.status_code == 401
    assert reponse.json()["code"] == "jeton_absent"
    assert reponse.headers["www-authenticate"].startswith("Bearer")
    reponse = client.get("/v1/t/lyon/plugins", headers={"Authorization": "Bearer mauvais"})
    assert reponse.status_code == 403 and reponse.json()["code"] == "jeton_refuse"
    # A token of another scheme is no bearer token.
    assert (
        client.get("/v1/t/lyon/plugins", headers={"Authorization": "Basic eDp5"}).status_code == 401
    )
    assert client.get("/v1/t/lyon/plugins", headers=LYON).status_code == 200
    # The other tenant asks for none; health and the API description never do.
    assert client.get("/v1/t/caesm/plugins").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/openapi.json").status_code == 200


def test_configured_limits_apply(client: TestClient, exemple: dict[str, Any]) -> None:
    reponse = client.post("/v1/decisions:batch", json=[exemple] * 11)
    assert reponse.status_code == 413 and "10 au plus" in reponse.json()["message"]


def test_the_configuration_file_is_not_echoed(client: TestClient) -> None:
    # Tokens and paths of the configuration appear in no answer.
    texte = json.dumps(client.get("/openapi.json").json()) + client.get("/v1/plugins").text
    assert JETON_LYON not in texte and "lyon.tiers" not in texte


def test_a_yaml_policy_of_collectivite_custom(
    client_pour: Callable[..., TestClient], tenant_defaut: Tenant, exemple: dict[str, Any]
) -> None:
    """The CAESM's own policy file, loaded as a tenant's policy: its installation bonus and
    its decision appear for that tenant only."""
    from missio.documents import Redacteur
    from missio_collectivite_custom import EXEMPLES

    engine = Engine(politiques=[EXEMPLES / "caesm.yaml"])
    caesm = Tenant("caesm", engine, Redacteur(engine))
    client = client_pour({"caesm": caesm, "autre": tenant_defaut}, None)
    avec = client.post("/v1/t/caesm/decisions", json=exemple).json()
    sans = client.post("/v1/t/autre/decisions", json=exemple).json()
    assert "prime_installation" in {f["poste"] for f in avec["financements"]}
    assert "prime_installation" not in {f["poste"] for f in sans["financements"]}
    actes = client.post("/v1/t/caesm/documents", json=exemple)
    noms = zipfile.ZipFile(io.BytesIO(actes.content)).namelist()
    assert "decision_prime_installation.docx" in noms
