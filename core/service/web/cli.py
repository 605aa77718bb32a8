"""``missio web``: the service on this computer only, and its page opened in the browser.

For one person on one workstation: ``missio serve`` on 127.0.0.1 (nothing reachable from the
network), then the default browser on the page once the service answers. Imports only click
and the ``serve`` command (itself light): FastAPI is loaded when the command runs.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import click

from missio.service import CONFIG_ENV_VAR
from missio.service.cli import serve

HOTE = "127.0.0.1"


def _ouvrir_quand_pret(adresse: str, delai: float = 120.0) -> None:
    """Open the browser once ``/healthz`` answers (building the engines takes a few seconds)."""
    import urllib.request  # here: every command of the CLI imports this module
    import webbrowser

    limite = time.monotonic() + delai
    while time.monotonic() < limite:
        try:
            with urllib.request.urlopen(f"{adresse}healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    else:
        return
    if not webbrowser.open(adresse):
        click.echo(f"Ouvrez {adresse} dans votre navigateur.", err=True)


@click.command("web")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV_VAR,
    help="Fichier de configuration TOML (politiques et modèles de la collectivité), comme "
    "pour « missio serve ».",
)
@click.option("--sans-navigateur", is_flag=True, help="Ne pas ouvrir le navigateur.")
@click.pass_context
def web(ctx: click.Context, port: int, config_path: Path | None, sans_navigateur: bool) -> None:
    """Ouvre la page de missio dans le navigateur (service sur cet ordinateur seulement)."""
    adresse = f"http://{HOTE}:{port}/"
    click.echo(f"Page de missio : {adresse} — Ctrl+C pour arrêter.", err=True)
    if not sans_navigateur:
        threading.Thread(target=_ouvrir_quand_pret, args=(adresse,), daemon=True).start()
    ctx.invoke(serve, host=HOTE, port=port, workers=1, config_path=config_path, log_level="warning")
