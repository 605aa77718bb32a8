"""POST /v1/documents: the zip of the decision and its acts, one act by code, PDF, and the
bounds on rendering (time, concurrency)."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from missio.documents import Redacteur
from missio.documents.pdf import libreoffice
from missio.engine import Engine
from missio.service.tenants import Tenant


def _archive(contenu: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(contenu))


def test_zip_holds_the_decision_and_every_act(
    client: TestClient, corps: Callable[..., bytes]
) -> None:
    reponse = client.post("/v1/documents", content=corps())
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/zip"
    assert reponse.headers["content-disposition"] == 'attachment; filename="CAESM-2026-014.zip"'
    archive = _archive(reponse.content)
    decision = client.post("/v1/decisions", content=corps()).text
    assert archive.read("decision.json").decode("utf-8") == decision + "\n"
    docx = sorted(n for n in archive.namelist() if n.endswith(".docx"))
    assert docx == sorted(f"{code}.docx" for code in json.loads(decision)["documents"])
    for nom in docx:
        acte = _archive(archive.read(nom))  # each act is itself a valid .docx (zip) file
        assert acte.testzip() is None
        assert "word/document.xml" in acte.namelist()
    # Same mission, same bytes: acts are reproducible, and so is their archive.
    assert client.post("/v1/documents", content=corps()).content == reponse.content


def test_one_document_by_code(client: TestClient, corps: Callable[..., bytes]) -> None:
    reponse = client.post("/v1/documents?code=ordre_de_mission", content=corps())
    assert reponse.status_code == 200
    assert reponse.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="ordre_de_mission.docx"' in reponse.headers["content-disposition"]
    document = _archive(reponse.content).read("word/document.xml").decode("utf-8")
    assert "CAESM-2026-014" in document


@pytest.mark.parametrize(
    ("code", "attendu"),
    [
        ("../../etc/passwd", "n'est pas un document déclaré"),
        ("convention_mise_a_disposition", "la décision ne retient pas"),
    ],
)
def test_codes_are_looked_up_never_joined_to_paths(
    client: TestClient, corps: Callable[..., bytes], code: str, attendu: str
) -> None:
    reponse = client.post("/v1/documents", params={"code": code}, content=corps())
    assert reponse.status_code == 422
    (erreur,) = reponse.json()["erreurs"]
    assert erreur["champ"] == "code" and attendu in erreur["message"]


def test_a_decision_that_is_not_conforme_gives_only_its_json(
    client: TestClient, mission: Callable[..., dict[str, Any]]
) -> None:
    donnees = mission(accueil={"nature": "entreprise"}, cadre="operateur")
    reponse = client.post("/v1/documents", json=donnees)
    assert _archive(reponse.content).namelist() == ["decision.json"]
    reponse = client.post("/v1/documents?code=ordre_de_mission", json=donnees)
    assert reponse.status_code == 422
    assert "non conforme" in reponse.json()["erreurs"][0]["message"]


def test_format_is_checked(client: TestClient, corps: Callable[..., bytes]) -> None:
    reponse = client.post("/v1/documents?format=odt", content=corps())
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        {"champ": "format", "message": "« odt » n'est pas reconnu. Valeurs admises : docx, pdf."}
    ]


def test_pdf_without_libreoffice_is_a_503_in_french(
    client: TestClient, corps: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("missio.service.routes.libreoffice", lambda: None)
    reponse = client.post("/v1/documents?format=pdf", content=corps())
    assert reponse.status_code == 503
    assert reponse.json()["code"] == "libreoffice_absent"
    assert "LibreOffice n'est pas installé" in reponse.json()["message"]


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice n'est pas installé")
def test_pdf_of_one_document_through_libreoffice(
    client: TestClient, corps: Callable[..., bytes]
) -> None:
    reponse = client.post("/v1/documents?code=ordre_de_mission&format=pdf", content=corps())
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/pdf"
    assert reponse.content.startswith(b"%PDF")


def test_a_plugin_failure_renders_nothing(
    client_pour: Callable[..., TestClient], engine_en_panne: Engine, corps: Callable[..., bytes]
) -> None:
    client = client_pour({"t": Tenant("t", engine_en_panne, Redacteur(engine_en_panne))}, "t")
    reponse = client.post("/v1/documents", content=corps(reference="PANNE-2"))
    assert reponse.status_code == 500
    assert (reponse.json()["plugin"], reponse.json()["regle"]) == ("en_panne", "panne.division")


class RedacteurLent(Redacteur):
    """Renders only when released (or after `attente` seconds), and says when it started."""

    def __init__(self, engine: Engine, attente: float) -> None:
        super().__init__(engine)
        self.attente = attente
        self.commence = threading.Event()
        self.lacher = threading.Event()

    def fichiers(self, decision: Any, mission: Any) -> dict[str, bytes]:
        self.commence.set()
        self.lacher.wait(self.attente)
        return {"ordre_de_mission.docx": b"PK"}


def test_a_render_past_its_time_bound_is_a_503_not_a_stall(
    client_pour: Callable[..., TestClient], engine: Engine, corps: Callable[..., bytes]
) -> None:
    lent = RedacteurLent(engine, attente=2.0)
    client = client_pour({"t": Tenant("t", engine, lent)}, "t", delai_rendu=0.2)
    debut = time.perf_counter()
    reponse = client.post("/v1/documents", content=corps())
    assert time.perf_counter() - debut < 1.5
    assert reponse.status_code == 503
    assert reponse.json()["code"] == "delai_rendu_depasse"
    assert "0.2 s" in reponse.json()["message"] and reponse.headers["retry-after"]
    lent.lacher.set()
    # Decisions do not go through the render pool: they are never held up by a render.
    assert client.post("/v1/decisions", content=corps()).status_code == 200


def test_renders_beyond_the_pool_and_its_queue_get_a_429(
    client_pour: Callable[..., TestClient], engine: Engine, corps: Callable[..., bytes]
) -> None:
    lent = RedacteurLent(engine, attente=5.0)
    client = client_pour(
        {"t": Tenant("t", engine, lent)}, "t", rendus_simultanes=1, rendus_en_attente=0
    )
    with ThreadPoolExecutor(1) as fil:
        premier = fil.submit(client.post, "/v1/documents", content=corps())
        assert lent.commence.wait(5)
        reponse = client.post("/v1/documents", content=corps())
        assert reponse.status_code == 429
        assert reponse.json()["code"] == "trop_de_rendus" and reponse.headers["retry-after"]
        lent.lacher.set()
        assert premier.result(timeout=5).status_code == 200
    # The slot is free again once the render ended.
    assert client.post("/v1/documents", content=corps()).status_code == 200
