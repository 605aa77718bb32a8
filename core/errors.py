"""French errors for users: each names the field, the value received and what is accepted.

pydantic's English messages are translated here, at the boundary, so that the CLI, the service
and the Python API all say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, get_args

from pydantic import ValidationError
from pydantic_core.core_schema import ErrorType


class MissioError(Exception):
    """Base of the errors missio reports to users (message in French)."""


class ErreurValidation(MissioError):
    """Invalid input. ``erreurs`` holds ``(chemin, message)`` pairs, ``chemin`` like
    ``periodes[0].fin``."""

    def __init__(self, erreurs: Sequence[tuple[str, str]], origine: str = "") -> None:
        self.erreurs = list(erreurs)
        self.origine = origine
        entete = f"{origine} : " if origine else ""
        # One line an error: « periodes[0].fin : message ».
        self.lignes = [f"{chemin or '(racine)'} : {message}" for chemin, message in self.erreurs]
        super().__init__(
            entete + "données invalides.\n" + "\n".join(f"- {ligne}" for ligne in self.lignes)
        )

    def as_json(self) -> list[dict[str, str]]:
        return [{"champ": chemin, "message": message} for chemin, message in self.erreurs]


class Localisee:
    """One error in a file a person wrote (a policy, a casebook case): file, line and column
    (None when unknown), field path, French message."""

    __slots__ = ("champ", "colonne", "fichier", "ligne", "message")

    def __init__(
        self,
        fichier: str,
        ligne: int | None,
        champ: str,
        message: str,
        colonne: int | None = None,
    ) -> None:
        self.fichier, self.ligne, self.champ, self.message = fichier, ligne, champ, message
        self.colonne = colonne

    def __str__(self) -> str:
        ou = self.fichier
        if self.ligne:
            ou += f":{self.ligne}" + (f":{self.colonne}" if self.colonne else "")
        return f"{ou} : {self.champ or '(racine)'} : {self.message}"


class ErreurFichier(ErreurValidation):
    """Errors in files a person wrote, each with its file and line (``caesm.yaml:42 : champ :
    message``, the form editors and CI consoles turn into a link). ``erreurs`` keeps the
    ``(chemin, message)`` pairs of :class:`ErreurValidation` (the CLI exits 2)."""

    def __init__(self, localisees: Sequence[Localisee], titre: str = "fichier invalide") -> None:
        self.localisees = list(localisees)
        self.titre = titre
        self.erreurs = [(e.champ, e.message) for e in self.localisees]
        self.origine = ", ".join(sorted({e.fichier for e in self.localisees}))
        self.lignes = [str(e) for e in self.localisees]
        texte = f"{titre}.\n" + "\n".join(f"- {ligne}" for ligne in self.lignes)
        MissioError.__init__(self, texte)


class ErreurPlugin(MissioError):
    """A plugin is broken in a way that prevents building an engine or a decision."""


class ErreurHook(ErreurPlugin):
    """A plugin raised inside one of its hooks: names the plugin, the hook and the cause.

    :ivar conseil: what the user can do about it (how to disable the plugin), or "".
    """

    def __init__(self, plugin: str, hook: str, cause: BaseException, conseil: str = "") -> None:
        self.plugin, self.hook, self.cause, self.conseil = plugin, hook, cause, conseil
        if isinstance(cause, HorsContrat):
            quoi = f"a renvoyé, dans le hook {hook}, une valeur hors du contrat : {cause}."
        else:
            quoi = f"a échoué dans le hook {hook} ({type(cause).__name__} : {cause})."
        super().__init__(f"Le plugin « {plugin} » {quoi}{' ' + conseil if conseil else ''}")


class HorsContrat(ValueError):
    """A plugin returned something outside its hook's contract (a value of the wrong type, a
    dispositif or a payer outside the vocabulary…); the message says what, in French."""


class ConflitDispositif(MissioError):
    """Two rules impose different dispositifs; the message names both sides."""


# How much of a value or a field name a message quotes: enough to recognise it, never the
# megabyte someone pasted.
APERCU = 40


def _court(texte: str) -> str:
    court = texte if len(texte) <= APERCU else f"{texte[:APERCU]}… ({len(texte)} caractères)"
    if court.isprintable():
        return court
    # A control character, a lone surrogate…: shown as its code, never sent to a terminal.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in court)


def apercu(valeur: Any) -> str:
    """A value as quoted in a message: « short text », truncated when long."""
    if isinstance(valeur, str):
        return f"« {_court(valeur)} »"
    if isinstance(valeur, Mapping):
        return "un objet"
    if isinstance(valeur, list | tuple):
        return "une liste"
    if valeur is None:
        return "null"
    if isinstance(valeur, float) and not math.isfinite(valeur):
        return "« NaN »" if math.isnan(valeur) else f"« {'-' if valeur < 0 else ''}Infinity »"
    return f"« {_court(str(valeur))} »"


def chemin(loc: Iterable[str | int]) -> str:
    """``("periodes", 0, "fin")`` -> ``"periodes[0].fin"`` (a very long key is shortened)."""
    texte = ""
    for part in loc:
        if isinstance(part, int):
            texte += f"[{part}]"
        else:
            part = _court(str(part))
            texte += f".{part}" if texte else part
    return texte


_valeur = apercu


def _admis(attendu: str) -> str:
    # pydantic writes "'a', 'b' or 'c'"; French users read "a, b, c".
    return attendu.replace("'", "").replace(" or ", ", ")


_FORMATS = {
    "pays": "code pays ISO 3166 en deux majuscules, par exemple « CA »",
    "siren": "9 chiffres",
    "cle": "clé en minuscules séparées par des points",
}


_MESSAGES: dict[str, Callable[[Any], str]] = {
    "missing": lambda e: "champ obligatoire manquant.",
    "extra_forbidden": lambda e: "champ inconnu du contrat (faute de frappe ?).",
    "literal_error": lambda e: (
        f"{_valeur(e['input'])} n'est pas reconnu. Valeurs admises : "
        f"{_admis(e['ctx']['expected'])}."
    ),
    "string_type": lambda e: f"{_valeur(e['input'])} n'est pas un texte.",
    "string_too_short": lambda e: "ce champ ne peut pas être vide.",
    "string_too_long": lambda e: f"texte trop long ({e['ctx']['max_length']} caractères au plus).",
    "string_pattern_mismatch": lambda e: (
        f"{_valeur(e['input'])} n'a pas le format attendu ({_FORMATS.get(e['loc'][-1], 'voir le schéma')})."
    ),
    "too_short": lambda e: "la liste ne peut pas être vide.",
    "int_parsing": lambda e: f"{_valeur(e['input'])} n'est pas un nombre entier.",
    "int_type": lambda e: f"{_valeur(e['input'])} n'est pas un nombre entier.",
    "int_from_float": lambda e: f"{_valeur(e['input'])} n'est pas un nombre entier.",
    "decimal_parsing": lambda e: f"{_valeur(e['input'])} n'est pas un nombre.",
    "decimal_type": lambda e: f"{_valeur(e['input'])} n'est pas un nombre.",
    "decimal_max_places": lambda e: "deux décimales au plus.",
    "decimal_max_digits": lambda e: "nombre trop grand.",
    "greater_than_equal": lambda e: f"doit être supérieur ou égal à {e['ctx']['ge']}.",
    "greater_than": lambda e: f"doit être strictement supérieur à {e['ctx']['gt']}.",
    "less_than_equal": lambda e: f"doit être inférieur ou égal à {e['ctx']['le']}.",
    "less_than": lambda e: f"doit être strictement inférieur à {e['ctx']['lt']}.",
    "bool_parsing": lambda e: f"{_valeur(e['input'])} n'est pas un booléen (true ou false).",
    "bool_type": lambda e: f"{_valeur(e['input'])} n'est pas un booléen (true ou false).",
    "date_parsing": lambda e: _date_invalide(e["input"]),
    "date_from_datetime_parsing": lambda e: _date_invalide(e["input"]),
    "date_from_datetime_inexact": lambda e: "indiquez une date sans heure (AAAA-MM-JJ).",
    "date_type": lambda e: f"{_valeur(e['input'])} n'est pas une date au format AAAA-MM-JJ.",
    "model_type": lambda e: "un objet JSON est attendu.",
    "model_attributes_type": lambda e: "un objet JSON est attendu.",
    "dict_type": lambda e: "un objet JSON est attendu.",
    "list_type": lambda e: "une liste est attendue.",
    "tuple_type": lambda e: "une liste est attendue.",
    "json_invalid": lambda e: "JSON invalide.",
    "json_type": lambda e: "JSON invalide.",
    "finite_number": lambda e: (
        f"{_valeur(e['input'])} n'est pas un nombre fini (NaN et l'infini ne sont pas admis)."
    ),
    "float_parsing": lambda e: f"{_valeur(e['input'])} n'est pas un nombre.",
    "float_type": lambda e: f"{_valeur(e['input'])} n'est pas un nombre.",
    "enum": lambda e: (
        f"{_valeur(e['input'])} n'est pas reconnu. Valeurs admises : "
        f"{_admis(e['ctx']['expected'])}."
    ),
    "too_long": lambda e: f"liste trop longue ({e['ctx']['max_length']} éléments au plus).",
    "frozen_instance": lambda e: "ce champ ne peut pas être modifié.",
    "date_future": lambda e: "la date doit être dans le futur.",
    "date_past": lambda e: "la date doit être dans le passé.",
    "datetime_parsing": lambda e: f"{_valeur(e['input'])} n'est pas une date et heure valide.",
    "datetime_type": lambda e: f"{_valeur(e['input'])} n'est pas une date et heure valide.",
    "int_parsing_size": lambda e: "nombre entier trop grand.",
    "decimal_whole_digits": lambda e: "nombre trop grand.",
    "string_unicode": lambda e: "texte invalide (Unicode).",
    "union_tag_invalid": lambda e: (
        f"{_valeur(e['ctx'].get('tag'))} n'est pas reconnu. Valeurs admises : "
        f"{_admis(str(e['ctx'].get('expected_tags', '')))}."
    ),
    "union_tag_not_found": lambda e: (
        f"le champ « {e['ctx'].get('discriminator', '').strip(chr(39))} » est obligatoire ici."
    ),
}

# Every error type pydantic itself may raise: one without a French message above gets a generic
# French one, never pydantic's English (the types our validators raise are written in French).
_TYPES_PYDANTIC = frozenset(get_args(ErrorType))

# Names pydantic gives the branches of a union in an error's location (``('u', 'decimal')``):
# internal, and meaningless to whoever reads the message.
_BRANCHES = frozenset(
    {
        "any", "bool", "bytes", "callable", "complex", "constrained-bytes", "constrained-decimal",
        "constrained-float", "constrained-int", "constrained-str", "date", "datetime",
        "decimal", "dict", "float", "frozenset", "int", "list", "none", "set", "str", "time",
        "timedelta", "tuple", "url", "uuid",
    }
)  # fmt: skip


def _date_invalide(valeur: Any) -> str:
    if isinstance(valeur, str) and len(valeur) == 10 and valeur[4] == valeur[7] == "-":
        return f"{_valeur(valeur)} n'existe pas dans le calendrier."
    return f"{_valeur(valeur)} n'est pas une date au format AAAA-MM-JJ."


def _est_branche(part: str) -> bool:
    # "[key]" is not a branch: pydantic's mark that a mapping's key itself is invalid.
    if part == "[key]":
        return False
    return part in _BRANCHES or "[" in part or part.startswith(("function-", "tagged"))


def _lieu(loc: Sequence[str | int], type_: str, donnees: Any) -> list[str | int]:
    """The location without pydantic's branch names. With the input at hand, a name that is not
    a key of the object it would index is a branch (unless it names the missing field)."""
    lieu: list[str | int] = []
    courant, connu = donnees, donnees is not _INCONNU
    for rang, part in enumerate(loc):
        dernier = rang == len(loc) - 1
        if isinstance(part, int):
            lieu.append(part)
            if connu and isinstance(courant, list | tuple) and 0 <= part < len(courant):
                courant = courant[part]
            else:
                connu = False
            continue
        if connu and isinstance(courant, Mapping):
            if part == "[key]":
                lieu.append(part)
                connu = False
            elif part in courant:
                lieu.append(part)
                courant = courant[part]
            elif dernier and type_ == "missing":
                lieu.append(part)
            continue  # a branch of a union: not a key of the input
        if (connu and isinstance(courant, _SIMPLES)) or _est_branche(part):
            continue  # a name under a plain value: a branch name
        lieu.append(part)
    return lieu


# Values a name cannot index: a name after one of them in a location is a union's branch.
_SIMPLES = (str, int, float, bool, list, tuple, type(None))


_INCONNU: Any = object()


def traduire(
    exc: ValidationError, prefixe: Sequence[str | int] = (), donnees: Any = _INCONNU
) -> list[tuple[str, str]]:
    """pydantic's errors as French ``(chemin, message)`` pairs, one per error and in its order
    (callers may pair them with ``exc.errors()``). See :func:`regrouper` for display.

    :param donnees: the validated input, when at hand: it tells field names from the names
        pydantic gives a union's branches, which never reach the message.
    """
    erreurs: list[tuple[str, str]] = []
    for erreur in exc.errors(include_url=False):
        type_ = erreur["type"]
        lieu = [*prefixe, *_lieu(erreur["loc"], type_, donnees)]
        if type_ in _MESSAGES:
            message = _MESSAGES[type_](erreur)
        elif type_ in _TYPES_PYDANTIC:
            message = f"{_valeur(erreur.get('input'))} n'est pas une valeur admise ici."
        else:
            # Custom errors (PydanticCustomError) are written in French where they are raised.
            message = erreur["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
        erreurs.append((chemin(lieu), message))
    return erreurs


def regrouper(
    exc: ValidationError, prefixe: Sequence[str | int] = (), donnees: Any = _INCONNU
) -> list[tuple[str, str]]:
    """:func:`traduire`, as a user reads it: one line per field (a union's branches each say
    why they refused the value: one line says all), without pydantic's "list too short" about a
    list whose items are themselves invalid."""
    par_chemin: dict[str, list[str]] = {}
    for erreur, (champ, message) in zip(
        exc.errors(include_url=False), traduire(exc, prefixe, donnees), strict=True
    ):
        if erreur["type"] == "too_short" and _assez_d_elements(erreur):
            continue  # pydantic counts only the valid items; their own errors say what is wrong
        messages = par_chemin.setdefault(champ, [])
        if message not in messages:
            messages.append(message)
    return [
        (champ, messages[0] if len(messages) == 1 else _aucune_forme(messages))
        for champ, messages in par_chemin.items()
    ]


def _assez_d_elements(erreur: Any) -> bool:
    saisis, minimum = erreur.get("input"), erreur.get("ctx", {}).get("min_length", 0)
    return isinstance(saisis, list | tuple) and len(saisis) >= minimum


def _aucune_forme(messages: list[str]) -> str:
    return "aucune des formes admises : " + " ; ".join(m.rstrip(".") for m in messages) + "."
