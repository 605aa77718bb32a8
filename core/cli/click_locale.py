"""click's own words in French: usage errors (unknown option, missing argument, bad choice…),
the help's headings and the metavars.

click writes them through ``gettext`` bound at import in each of its modules
(``from gettext import gettext as _``); :func:`installer` replaces those names, in click's
modules only, by a lookup in the catalogue below. Nothing global changes: another program's
gettext, or another click application outside missio's process, is untouched. A test checks
that every message of the installed click has its translation, so an upgrade of click that
adds one fails the tests instead of printing English.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import click

# click's messages (msgid) -> French. Placeholders keep click's names; ``!r`` is dropped where
# French quotes are used.
MESSAGES: dict[str, str] = {
    # Usage errors
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "No such option {name!r}.": "Option inconnue : {name}.",
    "No such command {name!r}.": "Commande inconnue : « {name} ».",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option obligatoire manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Option {name!r} does not take a value.": "L'option {name} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name} prend {nargs} valeurs.",
    "Invalid start character for option ({option})": "Caractère initial invalide pour une option ({option})",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier « {filename} » : {message}",
    "unknown error": "erreur inconnue",
    "Aborted!": "Interrompu.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    # Values of parameters
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "« {value} » n'est pas un booléen. Valeurs reconnues : {states}",
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide.",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "Choice({choices})": "Choix({choices})",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} « {filename} » : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » : c'est un dossier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » : lecture non permise.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » : écriture non permise.",
    "{name} {filename!r} is not executable.": "{name} « {filename} » : exécution non permise.",
    # Help
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    # Not a literal of click's _() calls: get_help_extra() stores the word, get_help_record()
    # translates it.
    "required": "obligatoire",
    "(dynamic)": "(dynamique)",
    "deprecated": "obsolète",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Attention : la commande « {name} » est obsolète.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Attention : {param_type} « {name} » est obsolète.{extra_message}",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirme l'action sans la demander.",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "d": "j",  # days, in a progress bar's remaining time
    # Errors in a program's declaration of its options (for a plugin author, not a user)
    "Name '{name}' defined twice": "Nom « {name} » défini deux fois",
    "Could not determine name for option with declarations {decls!r}": "Impossible de nommer l'option déclarée par {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to pass '--{name}'?": "Aucune option déclarée mais un nom est donné ({name}) : vouliez-vous déclarer un argument, ou écrire « --{name} » ?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "Un argument prend exactement une déclaration, {length} données : {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "L'option booléenne {decl!r} ne peut pas utiliser le même drapeau pour vrai et faux.",
    "Unknown color {colour!r}": "Couleur inconnue : {colour!r}",
    "Unknown standard stream '{name}'": "Flux standard inconnu : « {name} »",
    "{editor}: Editing failed": "{editor} : l'édition a échoué",
    "{editor}: Editing failed: {e}": "{editor} : l'édition a échoué : {e}",
    "Windows error: {error}": "Erreur Windows : {error}",
    "Shell completion is not supported for Bash versions older than 4.4.": "La complétion n'est pas prise en charge par Bash avant la version 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.": "Version de Bash inconnue : la complétion n'est pas prise en charge.",
}

# (singular, plural) -> French (singular, plural).
PLURIELS: dict[tuple[str, str], tuple[str, str]] = {
    (
        "Got unexpected extra argument ({args})",
        "Got unexpected extra arguments ({args})",
    ): ("Argument en trop : {args}", "Arguments en trop : {args}"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'une de ces options : {possibilities} ?)",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Prend {nargs} valeurs, 1 donnée.",
        "Prend {nargs} valeurs, {len} données.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L'option {name} attend une valeur.",
        "L'option {name} attend {nargs} valeurs.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "« {value} » n'est pas admis : seule valeur possible, {choice}.",
        "« {value} » n'est pas admis. Valeurs possibles : {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "« {value} » n'est pas une date au format {format}.",
        "« {value} » n'est dans aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs attendues, {len_value} donnée.",
        "{len_type} valeurs attendues, {len_value} données.",
    ),
}

# The modules of click that bind gettext at import.
MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)


def traduire_click(message: str) -> str:
    return MESSAGES.get(message, message)


def traduire_click_pluriel(singulier: str, pluriel: str, nombre: int) -> str:
    francais = PLURIELS.get((singulier, pluriel))
    if francais is None:
        return singulier if nombre == 1 else pluriel
    return francais[0] if nombre == 1 else francais[1]


def _indications(param_hint: Sequence[str] | str | None) -> str | None:
    # click quotes a parameter's names with '…'; French quotes instead.
    if param_hint is not None and not isinstance(param_hint, str):
        return " / ".join(f"« {nom} »" for nom in param_hint)
    return param_hint


def _possibilites(possibilities: Sequence[str]) -> str:
    noms = ", ".join(sorted(possibilities))
    return traduire_click_pluriel(
        "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", len(possibilities)
    ).format(possibility=noms, possibilities=noms)


# The replaced methods keep click's parameter names: click passes them by keyword.
def _indication_du_parametre(self: click.Parameter, ctx: click.Context | None) -> str:
    return " / ".join(f"« {nom} »" for nom in self.opts or [self.human_readable_name])


def _indication_de_l_argument(self: click.Argument, ctx: click.Context | None) -> str:
    nom = self.make_metavar(ctx) if ctx is not None else self.human_readable_name
    return f"« {nom} »"


def _choix_invalide(self: click.Choice[Any], value: Any, ctx: click.Context | None) -> str:
    admis = ", ".join(str(c) for c in self.choices)
    return f"« {value} » n'est pas admis. Valeurs possibles : {admis}."


class DateIso(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A date written AAAA-MM-JJ, refused in French otherwise."""

    name = "AAAA-MM-JJ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"« {value} » n'existe pas dans le calendrier.", param, ctx)
        self.fail(f"« {value} » n'est pas une date au format AAAA-MM-JJ.", param, ctx)


def installer() -> None:
    """Make click speak French in this process (idempotent)."""
    remplacements: dict[str, Callable[..., str]] = {
        "_": traduire_click,
        "gettext": traduire_click,
        "ngettext": traduire_click_pluriel,
    }
    for nom in MODULES:
        try:
            module = importlib.import_module(nom)
        except ImportError:
            continue
        for attribut, fonction in remplacements.items():
            if hasattr(module, attribut):
                setattr(module, attribut, fonction)
    click.exceptions._join_param_hints = _indications
    click.exceptions._format_possibilities = _possibilites
    click.core.Parameter.get_error_hint = _indication_du_parametre  # type: ignore[method-assign]
    click.core.Argument.get_error_hint = _indication_de_l_argument  # type: ignore[method-assign]
    click.types.Choice.get_invalid_choice_message = _choix_invalide  # type: ignore[method-assign]
    # click writes "TEXT", "INTEGER"… as metavars: French ones where missio's
    # commands do not give their own.
    click.types.StringParamType.name = "texte"
    click.types.IntParamType.name = "entier"
    click.types.FloatParamType.name = "décimal"
    click.types.BoolParamType.name = "booléen"
    click.types.IntRange.name = "entier"
    click.types.FloatRange.name = "décimal"


__all__ = ["MESSAGES", "PLURIELS", "DateIso", "installer"]
