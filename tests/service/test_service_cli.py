"""``missio serve``: its options, what it hands uvicorn, its errors; and the rest of the CLI
never importing the web stack."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from missio.cli.commands import main
from missio.service import CONFIG_ENV_VAR
from missio.service.limits import LONG_TASKS

EXEMPLE = Path(__file__).resolve().parents[2] / "examples" / "caesm-montmagny.json"


@pytest.fixture
def appels(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, dict[str, Any]]]]:
    """uvicorn.run replaced by a recorder: the command's work up to the server itself."""
    import uvicorn

    recus: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: recus.append((app, options)))
    # Set then removed, so that monkeypatch restores its absence: `serve` sets it for workers.
    monkeypatch.setenv(CONFIG_ENV_VAR, "")
    monkeypatch.delenv(CONFIG_ENV_VAR)
    # `serve` tunes the interpreter for serving: undone after the test.
    intervalle = sys.getswitchinterval()
    monkeypatch.setattr(LONG_TASKS, "_short", LONG_TASKS.interval)
    yield recus
    sys.setswitchinterval(intervalle)


def test_help_lists_the_options() -> None:
    sortie = CliRunner().invoke(main, ["serve", "--help"]).output
    for option in ("--host", "--port", "--workers", "--config", "--log-level"):
        assert option in sortie
    assert "Démarre le service HTTP" in sortie


def test_one_worker_serves_the_built_app(appels: list[tuple[Any, dict[str, Any]]]) -> None:
    intervalle_avant = sys.getswitchinterval()
    resultat = CliRunner().invoke(main, ["serve", "--port", "8123"])
    assert resultat.exit_code == 0, resultat.output
    ((app, options),) = appels
    assert app.title == "missio"
    assert (options["host"], options["port"], options["access_log"]) == ("127.0.0.1", 8123, False)
    assert options["http"] == "missio.service.transport:NoDelayHTTPProtocol"
    assert options["log_config"]["formatters"]["json"]
    # The serving process gives the event loop the GIL often while batches and renders run
    # (see SWITCH_INTERVAL), and leaves the interval as it is otherwise.
    from missio.service.app import SWITCH_INTERVAL

    assert LONG_TASKS.interval == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(intervalle_avant)


def test_several_workers_import_the_factory_with_the_config(
    appels: list[tuple[Any, dict[str, Any]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "missio.toml").write_text("[tenants.a]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    resultat = CliRunner().invoke(main, ["serve", "--workers", "2", "--config", "missio.toml"])
    assert resultat.exit_code == 0, resultat.output
    ((app, options),) = appels
    assert app == "missio.service.app:app_from_environment"
    assert (options["factory"], options["workers"]) == (True, 2)
    # Workers start elsewhere: they get the file by absolute path.
    assert os.environ[CONFIG_ENV_VAR] == str(tmp_path / "missio.toml")


def test_invalid_configuration_exits_2_in_french(
    appels: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    fichier = tmp_path / "missio.toml"
    fichier.write_text("[limites]\nlot_max = -1\n", encoding="utf-8")
    resultat = CliRunner().invoke(main, ["serve", "--config", str(fichier)])
    assert resultat.exit_code == 2
    assert "limites.lot_max" in resultat.output and "supérieur ou égal" in resultat.output
    assert "Traceback" not in resultat.output and not appels
    fichier.write_text('[tenants.a]\nmodeles = "absent"\n', encoding="utf-8")
    for workers in ("1", "2"):
        resultat = CliRunner().invoke(
            main, ["serve", "--config", str(fichier), "--workers", workers]
        )
        assert resultat.exit_code == 2 and "tenant « a »" in resultat.output
    assert not appels


def test_without_the_service_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    resultat = CliRunner().invoke(main, ["serve"])
    assert resultat.exit_code == 1
    assert "pip install 'missio[service]'" in resultat.output


def test_evaluate_never_imports_the_web_stack() -> None:
    programme = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from missio.cli.commands import main\n"
        f"r = CliRunner().invoke(main, ['evaluate', {str(EXEMPLE)!r}, '--json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "charges = {'fastapi', 'uvicorn', 'starlette', 'missio.service.app'} & set(sys.modules)\n"
        "assert not charges, charges\n"
    )
    subprocess.run([sys.executable, "-c", programme], check=True, timeout=60)
