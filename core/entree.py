"""Reading a mission as it was sent: the checks pydantic does not make.

JSON text is parsed here rather than by pydantic because these checks need the parser: a key
given twice (pydantic silently keeps the last one), ``NaN`` and ``Infinity`` (and ``1e400``,
which becomes infinite), nesting deep enough to exhaust the stack, bytes that are not UTF-8.
Then every value, parsed here or given as a Python mapping, is walked for what no act could
hold: characters XML refuses, and nesting beyond :data:`PROFONDEUR_MAX`. Every problem is a
French ``(chemin, message)`` pair, raised as :class:`~missio.errors.ErreurValidation`.

The JSON path stays cheap: the walk only runs when the parser or a scan of the text saw
something suspect (a duplicate, a non-finite number, an escape that may decode to a forbidden
character, many brackets).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from missio.errors import ErreurValidation, apercu, chemin

# The contract nests five levels (mission > employeur > labels > [0] > domaines); extensions add
# a few. Twenty leaves room for any plugin's model and stops a hostile input long before the
# interpreter's recursion limit.
PROFONDEUR_MAX = 20

# XML 1.0 (§ 2.2, production Char) admits tab, line feed, carriage return and everything from
# U+0020 except the surrogates and U+FFFE, U+FFFF: what lies outside cannot enter a .docx.
_INTERDITS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# An escape in JSON text that may decode to one of them (a scan only: the walk decides).
_ECHAPPEMENTS_SUSPECTS = re.compile(r"\\(?:u(?:00[01]|[dD][89a-fA-F]|[fF]{3}[eEfF])|[bf])")

_ERREURS_JSON = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Unterminated string starting at": "texte sans guillemet fermant",
    "Invalid control character at": "caractère de contrôle non échappé dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\uXXXX invalide",
    "Extra data": "contenu après la fin du JSON",
}


class _AvecDoublons(dict[str, Any]):
    """An object in which the JSON text gave some keys more than once (all its pairs kept, so
    that :func:`ecrire_json` writes it back as it was read)."""

    doublons: list[str]
    paires: list[tuple[str, Any]]


class _Lecture:
    """Parser hooks: they note what the walk must then look for."""

    def __init__(self) -> None:
        self.suspect = False

    def objet(self, paires: list[tuple[str, Any]]) -> dict[str, Any]:
        objet = dict(paires)
        if len(objet) == len(paires):
            return objet
        self.suspect = True
        marque = _AvecDoublons(objet)
        marque.paires = paires
        vus: set[str] = set()
        marque.doublons = [c for c, _ in paires if c in vus or vus.add(c)]  # type: ignore[func-returns-value]
        return marque

    def flottant(self, texte: str) -> float:
        valeur = float(texte)
        if math.isinf(valeur):
            self.suspect = True
        return valeur

    def constante(self, texte: str) -> float:
        self.suspect = True  # NaN, Infinity, -Infinity: kept for the walk to name the field
        return float(texte)


def _texte_suspect(texte: str) -> bool:
    return (
        ("\\" in texte and _ECHAPPEMENTS_SUSPECTS.search(texte) is not None)
        or "\ufffe" in texte
        or "\uffff" in texte
        or texte.count("{") + texte.count("[") > PROFONDEUR_MAX
    )


def _decoder(octets: bytes) -> str:
    try:
        return octets.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ErreurValidation(
            [
                (
                    "",
                    f"le texte n'est pas de l'UTF-8 valide (octet n° {exc.start + 1}) : "
                    "enregistrez le fichier en UTF-8.",
                )
            ]
        ) from None


def _erreur_json(exc: json.JSONDecodeError) -> ErreurValidation:
    cause = _ERREURS_JSON.get(exc.msg, "syntaxe incorrecte")
    return ErreurValidation(
        [("", f"JSON invalide : {cause} (ligne {exc.lineno}, colonne {exc.colno}).")]
    )


def lire_json(texte: str | bytes | bytearray, *, verifier_valeurs: bool = True) -> Any:
    """Parse JSON text into Python values, refusing duplicate keys, non-finite numbers, deep
    nesting and characters XML cannot hold (with `verifier_valeurs`, the default)."""
    if not isinstance(texte, str):
        texte = _decoder(bytes(texte))
    lecture = _Lecture()
    try:
        donnees = json.loads(
            texte,
            object_pairs_hook=lecture.objet,
            parse_float=lecture.flottant,
            parse_constant=lecture.constante,
        )
    except json.JSONDecodeError as exc:
        raise _erreur_json(exc) from None
    except RecursionError:
        raise ErreurValidation(
            [("", f"JSON imbriqué trop profondément ({PROFONDEUR_MAX} niveaux au plus).")]
        ) from None
    except ValueError:
        # An integer of thousands of digits (Python refuses to convert it).
        raise ErreurValidation([("", "JSON invalide : nombre entier trop long.")]) from None
    if verifier_valeurs and (lecture.suspect or _texte_suspect(texte)):
        verifier(donnees)
    return donnees


def ecrire_json(valeur: Any) -> bytes:
    """JSON text of a value read by :func:`lire_json`, keys given twice and non-finite numbers
    included, so that reading it again finds what the first reading found (a batch's items are
    each read again as a single mission). Nesting beyond :data:`PROFONDEUR_MAX` is cut there,
    where reading it again refuses it."""
    return _ecrire(valeur, 0).encode("utf-8", "surrogatepass")


def _ecrire(valeur: Any, profondeur: int) -> str:
    if isinstance(valeur, Mapping):
        if profondeur > PROFONDEUR_MAX:
            return "{}"
        paires = getattr(valeur, "paires", None) or valeur.items()
        return (
            "{" + ",".join(f"{json.dumps(c)}:{_ecrire(v, profondeur + 1)}" for c, v in paires) + "}"
        )
    if isinstance(valeur, list | tuple):
        if profondeur > PROFONDEUR_MAX:
            return "[]"
        return "[" + ",".join(_ecrire(v, profondeur + 1) for v in valeur) + "]"
    return json.dumps(valeur)


def verifier(donnees: Any) -> None:
    """Raise ErreurValidation naming every field whose value no act could hold."""
    erreurs: list[tuple[str, str]] = []
    _parcourir(donnees, (), erreurs)
    if erreurs:
        raise ErreurValidation(erreurs)


def _parcourir(valeur: Any, lieu: tuple[str | int, ...], erreurs: list[tuple[str, str]]) -> None:
    # Recursive, but never deeper than PROFONDEUR_MAX: a cycle or a hostile nesting stops there.
    if isinstance(valeur, Mapping | list | tuple) and len(lieu) >= PROFONDEUR_MAX:
        erreurs.append(
            (chemin(lieu), f"imbrication trop profonde ({PROFONDEUR_MAX} niveaux au plus).")
        )
        return
    if isinstance(valeur, Mapping):
        for cle in getattr(valeur, "doublons", ()):
            erreurs.append(
                (
                    chemin((*lieu, cle)),
                    "ce champ apparaît plusieurs fois dans le JSON : gardez-en un seul (missio "
                    "ne choisit pas à votre place).",
                )
            )
        for cle, element in valeur.items():
            if isinstance(cle, str) and (probleme := _caractere_interdit(cle)):
                erreurs.append((chemin((*lieu, cle)), f"le nom de ce champ contient{probleme}."))
            _parcourir(element, (*lieu, cle), erreurs)
    elif isinstance(valeur, list | tuple):
        for index, element in enumerate(valeur):
            _parcourir(element, (*lieu, index), erreurs)
    elif isinstance(valeur, str):
        if probleme := _caractere_interdit(valeur):
            erreurs.append((chemin(lieu), f"ce texte contient{probleme} : retirez-le."))
    elif isinstance(valeur, float | Decimal) and not math.isfinite(valeur):
        erreurs.append(
            (
                chemin(lieu),
                f"{apercu(valeur)} n'est pas un nombre fini (NaN et l'infini ne sont pas admis).",
            )
        )


def _caractere_interdit(texte: str) -> str | None:
    """What makes `texte` impossible to write into an act, in words, or None."""
    trouve = _INTERDITS.search(texte)
    if trouve is None:
        return None
    caractere, position = trouve.group(), trouve.start() + 1
    code = f"U+{ord(caractere):04X}"
    if caractere < " ":
        nature = "un caractère de contrôle"
    elif caractere in "\ufffe\uffff":
        nature = "un non-caractère Unicode"
    else:
        nature = "une moitié isolée de paire de substitution (texte mal décodé)"
    return f", en position {position}, {nature} ({code}) qu'aucun document ne peut contenir"


__all__ = ["PROFONDEUR_MAX", "ecrire_json", "lire_json", "verifier"]
