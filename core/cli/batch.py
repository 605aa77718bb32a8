"""``missio batch``: the batch of :mod:`missio.documents.batch` with a progress bar and a
French summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from missio.documents.batch import (
    RAPPORT,
    Options,
    compter,
    executer,
    nombre_fr,
    travailleurs_par_defaut,
)
from missio.documents.pdf import libreoffice
from missio.errors import ErreurValidation


def lancer(
    entree: Path,
    reglages: dict[str, Any],
    travailleurs: int | None,
    silencieux: bool,
    attente: Callable[[], None] | None = None,
) -> int:
    """``missio batch``: run the batch with a progress bar on stderr (a terminal's, unless
    `silencieux`), print its summary; returns the exit code."""
    options = Options(**reglages)
    if options.pdf and libreoffice() is None:
        click.echo(
            "LibreOffice n'est pas installé : les PDF ne sont pas produits, seuls les DOCX "
            "sont écrits.",
            err=True,
        )
        options = Options(**(reglages | {"pdf": False}))
    if not entree.is_dir() and not os.access(entree, os.R_OK):
        raise ErreurValidation([("", "fichier illisible")], str(entree))
    total = compter(entree)
    nombre = travailleurs or travailleurs_par_defaut()
    if silencieux or not sys.stderr.isatty() or not total:
        bilan = executer(entree, options, nombre, attente=attente)
    else:
        with click.progressbar(
            length=total, label="Rendu des missions", file=sys.stderr, show_pos=True
        ) as barre:
            bilan = executer(entree, options, nombre, barre.update, attente)
    if not total:
        click.echo(f"Aucune mission dans « {entree} » : rien n'est rendu.", err=True)
    rapport = options.sortie / f"{RAPPORT}.jsonl"
    click.echo(f"{bilan.resume()} Rapport : {rapport}")
    if bilan.interrompu:
        click.echo(
            f"Lot interrompu : {nombre_fr(bilan.missions)} sur {nombre_fr(total)} au rapport. "
            "Relancez le lot pour les autres : chaque dossier est l'ancien rendu ou le nouveau, "
            "jamais un mélange, et aucun fichier temporaire ne reste.",
            err=True,
        )
        return 130
    return bilan.code
