"""deploy/kubernetes: valid against the Kubernetes schemas (offline, ``kubernetes-validate``),
and consistent with the service: the configuration it mounts loads, the tokens it injects are
the ones the configuration names, the probes and the port exist, the grace period covers a
render."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from kubernetes_validate import utils as kubernetes

from missio.service.config import load_config

RACINE = Path(__file__).resolve().parents[2]
MANIFESTES = sorted((RACINE / "deploy" / "kubernetes").glob("*.yaml"))
# The oldest Kubernetes still commonly run, and the newest the validator knows.
VERSIONS = ["1.30.0", kubernetes.latest_version()]


def _ressources() -> dict[str, dict[str, Any]]:
    ressources = {}
    for manifeste in MANIFESTES:
        for document in yaml.safe_load_all(manifeste.read_text(encoding="utf-8")):
            ressources[document["kind"]] = document
    return ressources


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("manifeste", MANIFESTES, ids=lambda p: p.name)
def test_manifests_are_valid_kubernetes(manifeste: Path, version: str) -> None:
    for document in yaml.safe_load_all(manifeste.read_text(encoding="utf-8")):
        # strict: an unknown field (a typo) is an error, not silently dropped by the cluster.
        kubernetes.validate(document, version, strict=True)


def test_the_validator_catches_a_mistake() -> None:
    deploiement = _ressources()["Deployment"]
    conteneur = deploiement["spec"]["template"]["spec"]["containers"][0]
    conteneur["livenessProbe"]["httpGet"]["prot"] = 8000
    with pytest.raises(kubernetes.ValidationError):
        kubernetes.validate(deploiement, VERSIONS[-1], strict=True)


def test_the_manifests_fit_the_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ressources = _ressources()
    deploiement, secret = ressources["Deployment"], ressources["Secret"]
    pod = deploiement["spec"]["template"]["spec"]
    (conteneur,) = pod["containers"]
    # The configuration file the pod mounts is a valid one, and its token variables are the
    # Secret's.
    fichier = tmp_path / "missio.toml"
    fichier.write_text(ressources["ConfigMap"]["data"]["missio.toml"], encoding="utf-8")
    for nom, valeur in secret["stringData"].items():
        monkeypatch.setenv(nom, valeur)
    config = load_config(fichier)
    variables = {v for t in config.tenants.values() for v in t.jetons_env}
    assert variables == set(secret["stringData"])
    assert conteneur["envFrom"] == [{"secretRef": {"name": secret["metadata"]["name"]}}]
    # The command reads that file, on the port the probes and the Service use.
    args = conteneur["args"]
    assert args[:2] == ["missio", "serve"]
    chemin = args[args.index("--config") + 1]
    montage = next(m for m in conteneur["volumeMounts"] if m["name"] == "config")
    assert chemin == f"{montage['mountPath']}/missio.toml"
    assert args[args.index("--port") + 1] == str(conteneur["ports"][0]["containerPort"])
    assert args[args.index("--host") + 1] == "0.0.0.0"
    assert ressources["Service"]["spec"]["ports"][0]["targetPort"] == "http"
    # The grace period covers a render at its limit after the preStop pause.
    pause = int(conteneur["lifecycle"]["preStop"]["exec"]["command"][-1])
    assert pod["terminationGracePeriodSeconds"] > config.limites.delai_rendu + pause
    # The probes exist and answer without a token.
    from missio.service.app import create_app

    with TestClient(create_app(config)) as client:
        for sonde in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert client.get(conteneur[sonde]["httpGet"]["path"]).status_code == 200


def test_the_container_listens_where_the_docs_say() -> None:
    containerfile = (RACINE / "Containerfile").read_text(encoding="utf-8")
    guide = (RACINE / "docs" / "service.md").read_text(encoding="utf-8")
    assert "EXPOSE 8000" in containerfile
    commande = re.search(r"^CMD \[(.*)\]$", containerfile, re.MULTILINE)
    assert commande is not None
    assert '"--host", "0.0.0.0", "--port", "8000"' in commande.group(1)
    assert "http://127.0.0.1:8000/healthz" in containerfile
    assert "0.0.0.0:8000" in guide or "--port 8000" in guide
    tomllib.loads(_ressources()["ConfigMap"]["data"]["missio.toml"])
