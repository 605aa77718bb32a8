"""``missio serve``: start the HTTP service with uvicorn.

Imported by ``missio.cli`` to register the command, so this module imports only click and the
configuration reader: FastAPI and uvicorn are imported when the command runs, never by
``missio evaluate``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from missio.errors import ErreurValidation, MissioError
from missio.service import CONFIG_ENV_VAR

if TYPE_CHECKING:
    from missio.service.config import ServiceConfig


class _InvalidConfiguration(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur : {self.message}", err=True)


def _read(path: Path | None) -> ServiceConfig:
    from missio.service.config import default_config, load_config

    try:
        return load_config(path) if path else default_config()
    except ErreurValidation as exc:
        raise _InvalidConfiguration(str(exc)) from None


def uvicorn_options(host: str, port: int, log_level: str = "info") -> dict[str, Any]:
    """What ``missio serve`` hands uvicorn besides the app and the workers (also used by
    benchmarks/bench_service.py, so that its anchor app is served exactly as missio is)."""
    from missio.service.logs import logging_config
    from missio.service.transport import PROTOCOL

    return {
        "host": host,
        "port": port,
        "log_config": logging_config(log_level),
        "access_log": False,  # the service writes its own line, with the request id
        "server_header": False,
        # httptools' parser and uvloop's event loop when installed (the service extra brings
        # them), else h11 and asyncio: the same answers, at about twice the CPU per request.
        "http": PROTOCOL,
        "loop": "auto",
    }


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adresse d'écoute. Derrière un proxy sur la même machine, gardez 127.0.0.1.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processus de service (un par cœur est un bon départ) ; chacun construit ses moteurs.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV_VAR,
    help=f"Fichier de configuration TOML (tenants, limites) ; ou la variable {CONFIG_ENV_VAR}. "
    "Sans fichier : un seul tenant « defaut » avec les plugins installés.",
)
@click.option(
    "--log-level",
    "log_level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="Niveau des journaux (JSON, une ligne par requête, sur la sortie d'erreur).",
)
def serve(host: str, port: int, workers: int, config_path: Path | None, log_level: str) -> None:
    """Démarre le service HTTP (API JSON, documentation interactive sur /docs)."""
    try:
        import uvicorn

        from missio.service.app import create_app, tune_process
        from missio.service.tenants import Tenants
    except ImportError as exc:
        raise click.ClickException(
            f"le service demande les dépendances de l'extra « service » ({exc.name} manque) : "
            "pip install 'missio[service]'."
        ) from None
    config = _read(config_path)
    options = uvicorn_options(host, port, log_level)
    try:
        if workers == 1:
            tune_process()
            app = create_app(config)
            uvicorn.run(app, **options)
            return
        # Built once here to stop on a broken tenant before any worker starts; each worker
        # then builds its own engines from the same file (nothing is shared between them).
        Tenants.from_config(config)
    except ErreurValidation as exc:
        raise _InvalidConfiguration(str(exc)) from None
    except MissioError as exc:
        raise click.ClickException(str(exc)) from None
    if config_path is not None:
        os.environ[CONFIG_ENV_VAR] = str(config_path.resolve())
    else:
        os.environ.pop(CONFIG_ENV_VAR, None)
    uvicorn.run("missio.service.app:app_from_environment", factory=True, workers=workers, **options)
