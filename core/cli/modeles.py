"""``missio modeles``: a collectivité's templates — export the defaults to edit them, check a
folder of overrides (loadable, and up to date with the defaults they replaced)."""

from __future__ import annotations

from pathlib import Path

import click

from missio.cli.commands import ErreurEntree, _engine, _erreurs_en_francais


@click.group()
def modeles() -> None:
    """Modèles d'actes de la collectivité : exporter les modèles par défaut, vérifier un dossier."""


@modeles.command("export")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path))
@click.argument("codes", nargs=-1)
@_erreurs_en_francais
def exporter(dossier: Path, codes: tuple[str, ...]) -> None:
    """Écrit dans DOSSIER les modèles par défaut (tous, ou les CODES donnés, « en_tete » pour
    l'en-tête commun), et dans DOSSIER/modeles.json l'empreinte de chacun, pour savoir plus
    tard si le modèle par défaut a changé."""
    from missio.documents.modeles_collectivite import exporter_modeles

    for chemin in exporter_modeles(_engine(), dossier, codes):
        click.echo(str(chemin))


@modeles.command("check")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path))
@_erreurs_en_francais
def verifier(dossier: Path) -> None:
    """Vérifie les modèles de DOSSIER comme au rendu (champs, chemins, références) et dit, pour
    chacun, si le modèle par défaut qu'il remplace a changé depuis son export (code 2 si un
    modèle est invalide)."""
    from missio.documents.modeles_collectivite import verifier_modeles
    from missio.documents.redacteur import Redacteur

    etats = verifier_modeles(Redacteur(_engine()), dossier)
    if not etats:
        click.echo(f"Aucun modèle .docx dans {dossier}.")
    for etat in etats:
        click.echo(etat.ligne())
    erreurs = [e for e in etats if e.erreur]
    if erreurs:
        pluriel = "s" if len(erreurs) > 1 else ""
        raise ErreurEntree(f"{len(erreurs)} modèle{pluriel} invalide{pluriel} dans {dossier}.")
