"""The ``missio`` command line (French help and messages).

Exit codes: 0 a decision was made (conforme or not); 2 invalid input (a French message on
stderr naming the field), the command line's own usage errors included; 3 the output folder
cannot receive the acts (naming the folder and the cause; nothing written); 1 internal error
(naming the plugin at fault).
"""

from __future__ import annotations

import json
import os
import sys

# The CLI is its own process: pydantic's plugin discovery (a scan of every installed
# distribution) is not needed and costs a tenth of the cold start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from missio import __version__
from missio.cli.click_locale import DateIso, installer
from missio.documents.errors import ErreurModele, ErreurSortie
from missio.errors import ErreurValidation, MissioError

installer()

if TYPE_CHECKING:
    from missio.engine import Engine
    from missio.models import Decision, Mission

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--aide", "--help"], "max_content_width": 100}


class ErreurEntree(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur : {self.message}", err=True)


class ErreurDossier(click.ClickException):
    """The output folder cannot receive the acts (read-only, full disk, a file…)."""

    exit_code = 3

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur : {self.message}", err=True)


class ErreurInterne(click.ClickException):
    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur interne : {self.message}", err=True)


def _erreurs_en_francais(commande: F) -> F:
    """Turn missio's errors into exit codes and French messages, never a traceback."""

    @wraps(commande)
    def enveloppe(*args: Any, **kwargs: Any) -> Any:
        try:
            return commande(*args, **kwargs)
        except ErreurValidation as exc:
            raise ErreurEntree(str(exc)) from None
        except ErreurSortie as exc:
            raise ErreurDossier(str(exc)) from None
        except MissioError as exc:
            if isinstance(exc, ErreurModele):  # a template's mistake is the user's
                raise ErreurEntree(str(exc)) from None
            raise ErreurInterne(str(exc)) from None
        except click.ClickException:
            raise
        except BrokenPipeError:
            # The reader stopped early (`missio plugins | head`): not an error of missio.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("MISSIO_DEBUG"):
                raise
            raise ErreurInterne(
                f"{type(exc).__name__} : {exc} (relancez avec MISSIO_DEBUG=1 pour le détail)"
            ) from None

    return enveloppe  # type: ignore[return-value]


def _parametres(valeurs: tuple[str, ...]) -> dict[str, Any]:
    parametres: dict[str, Any] = {}
    for valeur in valeurs:
        nom, egal, texte = valeur.partition("=")
        if not egal:
            raise ErreurEntree(f"--parametre « {valeur} » : écrivez nom=valeur.")
        try:
            parametres[nom] = json.loads(texte)
        except json.JSONDecodeError:
            parametres[nom] = texte
    return parametres


def _engine(
    parametres: tuple[str, ...] = (),
    modeles: Path | None = None,
    politiques: tuple[Path, ...] = (),
    strict: bool = False,
) -> Engine:
    from missio.engine import Engine

    return Engine(
        politiques=politiques,
        parametres=_parametres(parametres),
        modeles=modeles,
        strict=strict,
    )


def _lire(fichier: Path) -> bytes:
    try:
        return fichier.read_bytes()
    except OSError as exc:
        raise ErreurEntree(f"{fichier} : fichier illisible ({exc.strerror}).") from None


@contextmanager
def _du_fichier(fichier: Path) -> Iterator[None]:
    """Errors of the mission's data, validated or evaluated, name its file."""
    try:
        yield
    except ErreurValidation as exc:
        raise ErreurValidation(exc.erreurs, str(fichier)) from None


def _valider(engine: Engine, fichier: Path) -> Mission:
    with _du_fichier(fichier):
        return engine.valider(_lire(fichier))


def _evaluer(engine: Engine, fichier: Path, le: date | None) -> tuple[Mission, Decision]:
    mission = _valider(engine, fichier)
    with _du_fichier(fichier):
        return mission, engine.evaluer(mission, date_evaluation=le)


def _code_sortie(decision: Decision) -> int:
    return 1 if any(b.code == "erreur_plugin" for b in decision.blocages) else 0


option_date = click.option(
    "--date",
    "le",
    type=DateIso(),
    help="Date d'évaluation (AAAA-MM-JJ), pour les alertes sur les échéances déjà passées.",
)
option_parametre = click.option(
    "--parametre",
    "-p",
    "parametres",
    multiple=True,
    metavar="NOM=VALEUR",
    help="Fixe un paramètre déclaré par un plugin (répétable).",
)
option_modeles = click.option(
    "--modeles",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DOSSIER",
    help="Dossier des modèles .docx de la collectivité, qui remplacent les modèles par défaut.",
)
option_politique = click.option(
    "--policy",
    "politiques",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FICHIER",
    help="Politique locale de la collectivité (fichier YAML ou plugin .py), répétable.",
)
option_strict = click.option(
    "--strict",
    is_flag=True,
    help="Refuse la mission (code 2) quand une politique donnée ne s'applique pas à son "
    "employeur, au lieu d'une alerte.",
)
option_logo = click.option(
    "--logo",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="IMAGE",
    help="Logo de la collectivité (PNG ou JPEG), placé dans l'en-tête de chaque acte.",
)
option_relecture = click.option(
    "--relecture",
    is_flag=True,
    help="Ajoute une copie de relecture de chaque acte (<code>.relecture.docx) dont les "
    "commentaires en marge donnent la provenance de chaque clause.",
)


def option_sortie(aide: str) -> Callable[[F], F]:
    """``--out DOSSIER``, required."""
    # Not file_okay=False: a file in the folder's place is the output folder's error (code 3).
    return click.option(
        "--out",
        "sortie",
        required=True,
        type=click.Path(path_type=Path),
        metavar="DOSSIER",
        help=aide,
    )


def options_de_rendu(commande: F) -> F:
    """The options `render` and `batch` share (what to write, with which engine)."""
    for option in reversed(
        [
            option_relecture,
            option_modeles,
            option_logo,
            option_date,
            option_parametre,
            option_politique,
            option_strict,
        ]
    ):
        commande = option(commande)
    return commande


argument_mission = click.argument("mission", type=click.Path(dir_okay=False, path_type=Path))


@click.group(context_settings=CONTEXT_SETTINGS, subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(__version__, "--version", message="missio %(version)s")
def main() -> None:
    """missio : choisir comment envoyer un agent territorial en mission d'expertise à
    l'étranger, avec ses fondements juridiques, et rédiger les actes."""


@main.command()
@argument_mission
@click.option(
    "--json", "en_json", is_flag=True, help="Affiche la décision au format JSON du contrat."
)
@option_date
@option_parametre
@option_politique
@option_strict
@_erreurs_en_francais
def evaluate(
    mission: Path,
    en_json: bool,
    le: Any,
    parametres: tuple[str, ...],
    politiques: tuple[Path, ...],
    strict: bool,
) -> None:
    """Évalue une mission (fichier JSON) et affiche la décision."""
    from missio.engine import en_json as vers_json

    engine = _engine(parametres, politiques=politiques, strict=strict)
    objet = _valider(engine, mission)
    jour = le
    if en_json:
        with _du_fichier(mission):
            donnees = engine.decider(objet, jour)
        click.echo(vers_json(donnees, indent=2))
        sys.exit(1 if any(b["code"] == "erreur_plugin" for b in donnees["blocages"]) else 0)
    from missio.documents.resume import resumer

    with _du_fichier(mission):
        decision = engine.evaluer(objet, date_evaluation=jour)
    click.echo(resumer(decision, objet))
    sys.exit(_code_sortie(decision))


@main.command()
@argument_mission
@option_sortie(
    "Dossier où écrire decision.json et les actes ; un nouveau rendu y remplace le "
    "précédent en entier, sans toucher aux fichiers que missio n'a pas écrits."
)
@click.option(
    "--pdf", is_flag=True, help="Ajoute une version PDF de chaque acte (LibreOffice requis)."
)
@options_de_rendu
@_erreurs_en_francais
def render(
    mission: Path,
    sortie: Path,
    pdf: bool,
    relecture: bool,
    modeles: Path | None,
    logo: Path | None,
    le: Any,
    parametres: tuple[str, ...],
    politiques: tuple[Path, ...],
    strict: bool,
) -> None:
    """Évalue une mission et écrit la décision et ses actes (DOCX, et PDF avec --pdf), avec la
    provenance de chaque clause (<code>.provenance.json) ; la liste des démarches est aussi
    écrite en Markdown, JSON et iCalendar (.ics)."""
    from missio.documents.output import ecrire
    from missio.documents.pdf import libreoffice
    from missio.documents.redacteur import Redacteur, fichier_decision

    engine = _engine(parametres, modeles, politiques, strict)
    redacteur = Redacteur(engine, logo=logo)
    objet, decision = _evaluer(engine, mission, le)
    if _code_sortie(decision):
        click.echo(decision.model_dump_json(indent=2))
        raise ErreurInterne("un plugin a échoué : aucun acte n'est produit (voir « blocages »).")
    fichiers = fichier_decision(decision)
    fichiers |= redacteur.fichiers(decision, objet, relecture=relecture)
    if pdf and libreoffice() is None:
        click.echo(
            "LibreOffice n'est pas installé : les PDF ne sont pas produits, seuls les DOCX "
            "sont écrits.",
            err=True,
        )
        pdf = False
    ecrits = ecrire(sortie, fichiers, pdf=pdf, attente=_attendre)
    for chemin in ecrits:
        click.echo(str(chemin))
    if not decision.conforme:
        noms = ", ".join(chemin.name for chemin in ecrits)
        click.echo(
            "Décision non conforme : aucun acte n'est produit (voir « blocages » dans "
            f"decision.json). De missio, le dossier « {sortie} » ne contient plus que : {noms} ; "
            "les actes d'un rendu précédent en ont été retirés.",
            err=True,
        )


@main.command()
@click.argument("entree", type=click.Path(exists=True, path_type=Path), metavar="ENTREE")
@option_sortie(
    "Dossier où écrire un dossier par mission (remplacé en entier à chaque lot, comme avec "
    "render) et le rapport du lot (rapport-lot.jsonl et rapport-lot.csv)."
)
@click.option(
    "--travailleurs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Nombre de processus de rendu (par défaut : un par cœur disponible).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Ajoute une version PDF de chaque acte (LibreOffice requis ; lent : plusieurs "
    "secondes par mission).",
)
@options_de_rendu
@click.option("--silencieux", "-q", is_flag=True, help="Sans barre de progression.")
@_erreurs_en_francais
def batch(
    entree: Path,
    sortie: Path,
    travailleurs: int | None,
    pdf: bool,
    relecture: bool,
    modeles: Path | None,
    logo: Path | None,
    le: Any,
    parametres: tuple[str, ...],
    politiques: tuple[Path, ...],
    strict: bool,
    silencieux: bool,
) -> None:
    """Rend un lot de missions : ENTREE est un dossier de fichiers JSON (un par mission) ou un
    fichier JSON Lines (une mission par ligne). Chaque mission a son dossier dans DOSSIER
    (<nom du fichier> ou ligne-<numéro>), écrit comme par render ; une mission invalide ou non
    conforme n'arrête pas le lot : elle est comptée et décrite dans le rapport. Code de
    sortie : le plus grave des missions (0 toutes décidées, 1 erreur de plugin, 2 mission ou
    modèle invalide, 3 dossier impossible à écrire)."""
    from missio.cli.batch import lancer

    options = {
        "sortie": sortie,
        "parametres": _parametres(parametres),
        "modeles": modeles,
        "politiques": politiques,
        "strict": strict,
        "logo": logo,
        "le": le,
        "pdf": pdf,
        "relecture": relecture,
    }
    sys.exit(lancer(entree, options, travailleurs, silencieux, attente=_attendre))


def _attendre() -> None:
    click.echo("Un autre rendu écrit dans ce dossier : missio attend qu'il ait fini…", err=True)


@main.command()
@_erreurs_en_francais
def plugins() -> None:
    """Liste les plugins chargés, avec leur version, leurs règles et leurs documents ; un
    plugin qui n'a pas pu être chargé est signalé, avec la façon de le désactiver (code 1)."""
    engine = _engine()
    for info in engine.plugins.infos():
        if info.en_echec:
            click.echo(f"{info.nom} {info.version} ({info.origine}) — ÉCHEC AU CHARGEMENT")
            click.echo(f"    erreur    {info.erreur}")
            click.echo(f"    remède    {engine.plugins.conseil(info.nom)}")
            continue
        click.echo(f"{info.nom} {info.version} ({info.origine}) — {info.description}")
        regles = [r for r in engine.regles.values() if r.plugin == info.nom]
        documents = [d for d in engine.documents.values() if d.plugin == info.nom]
        parametres = [p for p in engine.parametres.values() if p.plugin == info.nom]
        for regle in regles:
            click.echo(f"    règle     {regle.code} — {regle.titre}")
        for parametre in parametres:
            admis = parametre.libelle_admis()
            click.echo(
                f"    paramètre {parametre.nom} = {parametre.defaut!r}"
                + (f" (admis : {admis})" if admis else "")
            )
        for document in documents:
            click.echo(f"    document  {document.code} — {document.titre}")
    if engine.plugins.echecs():
        sys.exit(1)


@main.command()
@click.argument("quoi", type=click.Choice(["mission", "decision"]), default="mission")
@_erreurs_en_francais
def schema(quoi: str) -> None:
    """Affiche le schéma JSON de la mission (avec les extensions des plugins) ou de la décision."""
    from missio.engine import dump
    from missio.models import Decision

    if quoi == "mission":
        click.echo(dump(_engine().schema_mission()))
    else:
        click.echo(dump(Decision.model_json_schema()))


def _commandes_de_revue() -> None:
    from missio.casebook.cli import casebook, compare
    from missio.cli.modeles import modeles

    main.add_command(casebook)
    main.add_command(compare)
    main.add_command(modeles)


_commandes_de_revue()


@main.group()
def policy() -> None:
    """Politiques locales : vérifier un fichier de politique, exporter son schéma JSON."""


@policy.command("check")
@click.argument(
    "fichiers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@_erreurs_en_francais
def policy_check(fichiers: tuple[Path, ...]) -> None:
    """Vérifie des politiques : erreurs en français avec fichier, ligne et champ (code 2)."""
    engine = _engine(politiques=fichiers)  # each policy checks itself against the engine
    for ligne in engine.verifications:
        click.echo(ligne)
    if not engine.verifications:
        noms = ", ".join(engine.politiques)
        pluriel = "s" if len(engine.politiques) > 1 else ""
        click.echo(f"Politique{pluriel} chargée{pluriel} sans erreur : {noms}.")


@policy.command("schema")
@_erreurs_en_francais
def policy_schema() -> None:
    """Affiche le schéma JSON du format des politiques, pour l'éditeur de l'auteur."""
    from missio.engine import dump
    from missio.plugins import Plugins

    for impl in Plugins().implementations("missio_policy_schema"):
        schema = impl.appeler()
        if isinstance(schema, dict):
            click.echo(dump(schema))
            return
        if schema is not None:
            raise impl.hors_contrat(
                f"un schéma JSON (dict) est attendu, reçu {type(schema).__name__}"
            )
    raise ErreurInterne("aucun plugin installé ne fournit de format de politique.")


def _commande_service() -> None:
    from missio.service.cli import serve
    from missio.service.web.cli import web

    main.add_command(serve)
    main.add_command(web)


_commande_service()
