"""PDF conversion under its time limit: LibreOffice killed with its children at the render
limit, its temporary folders (they hold the acts, so the agent's name) removed in every case,
SIGTERM of the service included, and its failures told without a command line or a path."""

from __future__ import annotations

import http.client
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_aide import faux_soffice, vivants

from missio.documents.pdf import convertir_pdf, libreoffice
from missio.errors import MissioError
from missio.service.tenants import Tenant

ODM_PDF = "/v1/documents?code=ordre_de_mission&format=pdf"


def _attendre(condition: Callable[[], bool], delai: float = 5.0) -> bool:
    fin = time.monotonic() + delai
    while not condition():
        if time.monotonic() > fin:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def temporaire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The process's temporary folder, watched: nothing may be left in it."""
    dossier = tmp_path / "tmp"
    dossier.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(dossier))
    return dossier


def _faux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> Path:
    dossier = tmp_path / "bin"
    dossier.mkdir()
    pids = faux_soffice(dossier, mode)
    monkeypatch.setenv("PATH", f"{dossier}{os.pathsep}{os.environ['PATH']}")
    assert libreoffice() == str(dossier / "soffice")
    return pids


def test_a_hung_conversion_is_killed_at_the_render_limit(
    client_pour: Callable[..., TestClient],
    tenant_defaut: Tenant,
    corps: Callable[..., bytes],
    tmp_path: Path,
    temporaire: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pids = _faux(tmp_path, monkeypatch, "bloque")
    client = client_pour({"t": tenant_defaut}, "t", delai_rendu=1.0)
    debut = time.monotonic()
    reponse = client.post(ODM_PDF, content=corps())
    assert time.monotonic() - debut < 5
    assert reponse.status_code == 503 and reponse.json()["code"] == "delai_rendu_depasse"
    assert len(pids.read_text().split()) == 2  # the launcher and its child both started
    # Both are killed (the whole process group), and the folders holding the acts removed.
    assert _attendre(lambda: not vivants(pids)), vivants(pids)
    assert _attendre(lambda: not list(temporaire.iterdir())), list(temporaire.iterdir())
    # The slot is free again: the next render is not refused.
    pids.unlink()
    assert client.post("/v1/documents", content=corps()).status_code == 200


def test_a_libreoffice_failure_names_no_command_nor_path(
    client: TestClient,
    corps: Callable[..., bytes],
    tmp_path: Path,
    temporaire: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _faux(tmp_path, monkeypatch, "echec")
    reponse = client.post(ODM_PDF, content=corps())
    assert reponse.status_code == 500
    erreur = reponse.json()
    assert erreur["code"] == "erreur_rendu"
    assert erreur["message"] == (
        "LibreOffice n'a pas pu convertir les actes en PDF (code de sortie 1)."
    )
    for indice in ("/", "soffice", "-env", "--convert-to", str(tmp_path)):
        assert indice not in reponse.text
    assert not list(temporaire.iterdir())


def test_the_cli_conversion_keeps_its_limit_and_its_errors(
    tmp_path: Path, temporaire: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = _faux(tmp_path, monkeypatch, "bloque")
    docx = tmp_path / "acte.docx"
    docx.write_bytes(b"PK")
    debut = time.monotonic()
    with pytest.raises(MissioError, match=r"dans le délai \(0.5 s\)"):
        convertir_pdf([docx], tmp_path, delai=0.5)
    assert time.monotonic() - debut < 5
    assert _attendre(lambda: not vivants(pids)), vivants(pids)
    assert not list(temporaire.iterdir())


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice n'est pas installé")
def test_real_libreoffice_leaves_nothing_past_the_limit(
    client_pour: Callable[..., TestClient],
    tenant_defaut: Tenant,
    corps: Callable[..., bytes],
    temporaire: Path,
) -> None:
    client = client_pour({"t": tenant_defaut}, "t", delai_rendu=0.3)
    assert client.post(ODM_PDF, content=corps()).status_code == 503

    def soffice_restants() -> list[str]:
        # LibreOffice's processes are known by the profile folder on their command line.
        restants = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(temporaire).encode() in cmdline.read_bytes():
                    restants.append(cmdline.parent.name)
            except OSError:
                continue
        return restants

    assert _attendre(lambda: not soffice_restants(), 10), soffice_restants()
    assert _attendre(lambda: not list(temporaire.iterdir())), list(temporaire.iterdir())


def test_sigterm_ends_the_conversion_and_removes_its_folder(tmp_path: Path) -> None:
    """``missio serve`` stopped (SIGTERM) while LibreOffice hangs: the service ends within the
    render limit, leaving no LibreOffice process and no temporary folder."""
    from test_service_load import bench

    dossier = tmp_path / "bin"
    dossier.mkdir()
    pids = faux_soffice(dossier, "bloque")
    temporaire = tmp_path / "tmp"
    temporaire.mkdir()
    config = tmp_path / "missio.toml"
    config.write_text("[limites]\ndelai_rendu = 4\n", encoding="utf-8")
    environnement = {
        "PATH": f"{dossier}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temporaire),
    }
    resultat: dict[str, Any] = {}
    with bench().serveur(1, config=config, environnement=environnement) as serveur:
        mission = bench().EXEMPLE.read_bytes()

        def demander() -> None:
            connexion = http.client.HTTPConnection("127.0.0.1", serveur.port, timeout=30)
            try:
                connexion.request("POST", ODM_PDF, body=mission)
                resultat["statut"] = connexion.getresponse().status
            except OSError as exc:
                resultat["erreur"] = exc

        fil = threading.Thread(target=demander)
        fil.start()
        assert _attendre(lambda: len(vivants(pids)) == 2, 20), "LibreOffice never started"
        debut = time.monotonic()
        serveur.processus.send_signal(signal.SIGTERM)
        serveur.processus.wait(30)
        arret = time.monotonic() - debut
        fil.join(30)
    assert arret < 4 + 5, f"stopped in {arret:.1f} s"
    # The request in progress got its answer (the render limit) before the process ended.
    assert resultat.get("statut") == 503, resultat
    assert not vivants(pids)
    assert not list(temporaire.iterdir())


def test_stopping_the_service_kills_every_conversion_at_once(
    tmp_path: Path, temporaire: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the service's shutdown calls: conversions far from their limit end now."""
    from missio.documents.pdf import arreter_conversions

    pids = _faux(tmp_path, monkeypatch, "bloque")
    docx = tmp_path / "acte.docx"
    docx.write_bytes(b"PK")
    erreurs: list[BaseException] = []

    def convertir() -> None:
        try:
            convertir_pdf([docx], tmp_path, delai=60)
        except MissioError as exc:
            erreurs.append(exc)

    fil = threading.Thread(target=convertir)
    fil.start()
    assert _attendre(lambda: len(vivants(pids)) == 2)
    assert arreter_conversions() == 1
    fil.join(5)
    assert not fil.is_alive() and erreurs
    assert _attendre(lambda: not vivants(pids)) and not list(temporaire.iterdir())
