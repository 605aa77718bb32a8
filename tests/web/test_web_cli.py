"""``missio web``: the service on 127.0.0.1 with its page, and the browser opened on it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from missio.service.web import cli


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_missio_web_serves_the_page_on_loopback(tmp_path: Path) -> None:
    port = _port_libre()
    missio = Path(sys.executable).with_name("missio")
    journal = (tmp_path / "journal").open("wb")
    processus = subprocess.Popen(
        [str(missio), "web", "--sans-navigateur", "--port", str(port)],
        stdout=journal,
        stderr=subprocess.STDOUT,
    )
    try:
        limite = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    texte = page.read().decode("utf-8")
                    adresse = page.url
                break
            except OSError:
                assert processus.poll() is None and time.monotonic() < limite
                time.sleep(0.3)
        assert adresse.endswith("/t/defaut/") and "Préparer une mission" in texte
    finally:
        processus.terminate()
        processus.wait(timeout=30)
    sortie = (tmp_path / "journal").read_text(encoding="utf-8")
    assert f"Page de missio : http://127.0.0.1:{port}/" in sortie


def test_browser_opened_once_the_service_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    essais: list[str] = []
    ouvertes: list[str] = []

    def repondre(adresse: str, timeout: float) -> Any:
        essais.append(adresse)
        if len(essais) < 3:
            raise ConnectionRefusedError
        return open(__file__, "rb")  # any context manager stands for the answer

    monkeypatch.setattr(urllib.request, "urlopen", repondre)
    monkeypatch.setattr("webbrowser.open", lambda adresse: ouvertes.append(adresse) or True)
    monkeypatch.setattr(cli.time, "sleep", lambda _: None)
    cli._ouvrir_quand_pret("http://127.0.0.1:8123/")
    assert essais == ["http://127.0.0.1:8123/healthz"] * 3
    assert ouvertes == ["http://127.0.0.1:8123/"]
