"""French errors for users: each names the field, the value received and what is accepted.

pydantic's English messages are translated here, at the boundary, so that the CLI, the service
and the Python API all say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import ValidationError


class MissioError(Exception):
    """Base of the errors missio reports to users (message in French)."""


class ErreurValidation(MissioError):
    """Invalid input. ``erreurs`` holds ``(chemin, message)`` pairs, ``chemin`` like
    ``periodes[0].fin``."""

    def __init__(self, erreurs: Sequence[tuple[str, str]], origine: str = "") -> None:
        self.erreurs = list(erreurs)
        self.origine = origine
        entete = f"{origine} : " if origine else ""
        lignes = [f"{chemin or '(racine)'} : {message}" for chemin, message in self.erreurs]
        super().__init__(
            entete + "données invalides.\n" + "\n".join(f"- {ligne}" for ligne in lignes)
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
        texte = f"{titre}.\n" + "\n".join(f"- {e}" for e in self.localisees)
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


def chemin(loc: Iterable[str | int]) -> str:
    """``("periodes", 0, "fin")`` -> ``"periodes[0].fin"``."""
    texte = ""
    for part in loc:
        if isinstance(part, int):
            texte += f"[{part}]"
        else:
            texte += f".{part}" if texte else str(part)
    return texte


def _valeur(valeur: Any) -> str:
    if isinstance(valeur, str):
        return f"« {valeur} »"
    if isinstance(valeur, dict):
        return "un objet"
    if isinstance(valeur, list):
        return "une liste"
    return f"« {valeur} »" if valeur is not None else "null"


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
    "date_parsing": lambda e: f"{_valeur(e['input'])} n'est pas une date au format AAAA-MM-JJ.",
    "date_from_datetime_parsing": lambda e: (
        f"{_valeur(e['input'])} n'est pas une date au format AAAA-MM-JJ."
    ),
    "date_from_datetime_inexact": lambda e: "indiquez une date sans heure (AAAA-MM-JJ).",
    "date_type": lambda e: f"{_valeur(e['input'])} n'est pas une date au format AAAA-MM-JJ.",
    "model_type": lambda e: "un objet JSON est attendu.",
    "model_attributes_type": lambda e: "un objet JSON est attendu.",
    "dict_type": lambda e: "un objet JSON est attendu.",
    "list_type": lambda e: "une liste est attendue.",
    "tuple_type": lambda e: "une liste est attendue.",
    "json_invalid": lambda e: f"JSON invalide ({e['ctx']['error']}).",
    "json_type": lambda e: "JSON invalide.",
}


def traduire(exc: ValidationError, prefixe: Sequence[str | int] = ()) -> list[tuple[str, str]]:
    """pydantic's errors as French ``(chemin, message)`` pairs."""
    erreurs: list[tuple[str, str]] = []
    for erreur in exc.errors(include_url=False):
        loc = [*prefixe, *erreur["loc"]]
        # Discriminated unions and functional validators add a tag to the path; drop it.
        loc = [p for p in loc if not (isinstance(p, str) and p.startswith(("function-", "tagged")))]
        type_ = erreur["type"]
        if type_ in _MESSAGES:
            message = _MESSAGES[type_](erreur)
        else:
            # Custom errors (PydanticCustomError) are written in French where they are raised.
            message = erreur["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
        erreurs.append((chemin(loc), message))
    return erreurs


def sans_listes_videes(
    exc: ValidationError, prefixe: Sequence[str | int] = ()
) -> list[tuple[str, str]]:
    """:func:`traduire`, without the « liste vide » pydantic adds for a required list whose only
    items were refused (« periodes » after a wrong date): the items' own errors say it all."""
    details = exc.errors(include_url=False)

    def videe(erreur: Any) -> bool:
        loc = tuple(erreur["loc"])
        return erreur["type"] == "too_short" and any(
            len(autre["loc"]) > len(loc) and tuple(autre["loc"][: len(loc)]) == loc
            for autre in details
        )

    return [
        traduite
        for erreur, traduite in zip(details, traduire(exc, prefixe), strict=True)
        if not videe(erreur)
    ]
