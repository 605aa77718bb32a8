"""Reading a mission as it was sent: the checks pydantic does not make.

JSON text is parsed here rather than by pydantic because these checks need the parser: a key
given twice (pydantic silently keeps the last one), ``NaN`` and ``Infinity`` (and ``1e400``,
which becomes infinite), nesting deep enough to exhaust the stack, bytes that are not UTF-8.
Then every value, parsed here or given as a Python mapping, is walked for what no act could
hold: characters XML refuses, text that prints nothing (zero-width spaces only…), and nesting
beyond :data:`PROFONDEUR_MAX`. Every problem is a
French ``(chemin, message)`` pair, raised as :class:`~missio.errors.ErreurValidation`.

The JSON path stays cheap: the walk only runs when the parser or a scan of the text saw
something suspect (a duplicate, a non-finite number, an escape that may decode to a forbidden
character, many brackets).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
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
# The scan that decides whether the walk runs on JSON text; it over-approximates (the walk
# decides). Raw characters that XML refuses or that may print nothing (spaces other than
# U+0020, format characters, combining marks, fillers)…
_BRUTS_SUSPECTS = re.compile(
    "[\u0080-\u00a0\u00ad\u0300-\u036f\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0\ufffe\uffff\ud800-\udfff]"
)
# In text of Latin-1 characters only (most French input), the same scan: every byte but the
# suspects (C1 controls, no-break space, soft hyphen) is deleted from its Latin-1 encoding.
# (The opening brackets are kept too: their count bounds the nesting.)
_LATIN1_SAUFS_SUSPECTS_ET_OUVRANTS = bytes(
    b for b in range(256) if not (0x80 <= b <= 0xA0 or b == 0xAD or b in b"{[")
)
# …and the JSON escapes that may stand for one of them or for a control character.
_ECHAPPEMENTS_SUSPECTS = re.compile(
    r"\\(?:u(?:00[01aA]|03[0-6]|1[168]|2[0-8]|3[01]|[dD][89a-fA-F]|[fF][eEfF])|[bf])"
)
# Fillers that Unicode counts as letters or symbols but that print nothing.
_REMPLISSAGES = frozenset("\u115f\u1160\u3164\uffa0\u2800")

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
    """An object in which the JSON text gave some keys more than once (the keys repeated are
    kept, so that validation names them)."""

    doublons: list[str]


# What the parser's hooks saw, per thread (one decoder serves every thread).
_etat = threading.local()


def _objet(paires: list[tuple[str, Any]]) -> dict[str, Any]:
    objet = dict(paires)
    if len(objet) == len(paires):
        return objet
    _etat.suspect = True
    marque = _AvecDoublons(objet)
    vus: set[str] = set()
    marque.doublons = [c for c, _ in paires if c in vus or vus.add(c)]  # type: ignore[func-returns-value]
    return marque


def _flottant(texte: str) -> float:
    valeur = float(texte)
    if math.isinf(valeur):  # 1e400
        _etat.suspect = True
    return valeur


def _constante(texte: str) -> float:
    _etat.suspect = True  # NaN, Infinity, -Infinity: kept for the walk to name the field
    return float(texte)


# Built once: json.loads with hooks builds a decoder at every call.
_DECODEUR = json.JSONDecoder(
    object_pairs_hook=_objet, parse_float=_flottant, parse_constant=_constante
)


def _texte_suspect(texte: str) -> bool:
    if "\\" in texte and _ECHAPPEMENTS_SUSPECTS.search(texte) is not None:
        return True
    try:
        latin1 = texte.encode("latin-1")  # ASCII and most French text
    except UnicodeEncodeError:
        return (
            _BRUTS_SUSPECTS.search(texte) is not None
            or texte.count("{") + texte.count("[") > PROFONDEUR_MAX
        )
    # One pass keeps the suspect characters and the opening brackets, nothing else.
    gardes = latin1.translate(None, _LATIN1_SAUFS_SUSPECTS_ET_OUVRANTS)
    ouvrants = gardes.count(b"{") + gardes.count(b"[")
    return ouvrants < len(gardes) or ouvrants > PROFONDEUR_MAX


def _visible(caractere: str) -> bool:
    # Separators (Z*), controls and format characters (C*: zero-width spaces, joiners, BOM) and
    # lone combining marks (M*) print nothing by themselves, nor do the fillers.
    return unicodedata.category(caractere)[0] not in "ZCM" and caractere not in _REMPLISSAGES


def invisible(texte: str) -> bool:
    """Whether a non-empty `texte` holds no character that prints."""
    if not texte or "!" <= texte[0] <= "~":  # the usual case, decided without unicodedata
        return False
    return not any(map(_visible, texte))


def _decoder(octets: bytes) -> str:
    bom = 3 if octets.startswith(b"\xef\xbb\xbf") else 0  # as some Windows editors write
    try:
        return octets[bom:].decode("utf-8")  # utf-8-sig would be several times slower
    except UnicodeDecodeError as exc:
        raise ErreurValidation(
            [
                (
                    "",
                    f"le texte n'est pas de l'UTF-8 valide (octet n° {bom + exc.start + 1}) : "
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
    _etat.suspect = False
    try:
        donnees = _DECODEUR.decode(texte)
    except json.JSONDecodeError as exc:
        raise _erreur_json(exc) from None
    except RecursionError:
        raise ErreurValidation(
            [("", f"JSON imbriqué trop profondément ({PROFONDEUR_MAX} niveaux au plus).")]
        ) from None
    except ValueError:
        # An integer of thousands of digits (Python refuses to convert it).
        raise ErreurValidation([("", "JSON invalide : nombre entier trop long.")]) from None
    if verifier_valeurs and (_etat.suspect or _texte_suspect(texte)):
        verifier(donnees)
    return donnees


def verifier(donnees: Any) -> None:
    """Raise ErreurValidation naming every field whose value no act could hold."""
    erreurs: list[tuple[str, str]] = []
    _parcourir(donnees, (), erreurs)
    if erreurs:
        raise ErreurValidation(erreurs)


def _parcourir(valeur: Any, lieu: tuple[str | int, ...], erreurs: list[tuple[str, str]]) -> None:
    # Recursive, but never deeper than PROFONDEUR_MAX: a cycle or a hostile nesting stops there.
    # The most frequent types are tested first (this walks every mapping given by Python).
    if type(valeur) in _SANS_PROBLEME:
        return
    if isinstance(valeur, str):
        if probleme := _probleme_de_texte(valeur):
            erreurs.append((chemin(lieu), probleme))
    elif isinstance(valeur, dict | list | tuple | Mapping):
        if len(lieu) >= PROFONDEUR_MAX:
            erreurs.append(
                (chemin(lieu), f"imbrication trop profonde ({PROFONDEUR_MAX} niveaux au plus).")
            )
        elif isinstance(valeur, list | tuple):
            for index, element in enumerate(valeur):
                _parcourir(element, (*lieu, index), erreurs)
        else:
            _parcourir_objet(valeur, lieu, erreurs)
    elif isinstance(valeur, float | Decimal) and not math.isfinite(valeur):
        erreurs.append(
            (
                chemin(lieu),
                f"{apercu(valeur)} n'est pas un nombre fini (NaN et l'infini ne sont pas admis).",
            )
        )


_SANS_PROBLEME = frozenset({int, bool, type(None)})


def _parcourir_objet(
    objet: Mapping[Any, Any], lieu: tuple[str | int, ...], erreurs: list[tuple[str, str]]
) -> None:
    for cle in getattr(objet, "doublons", ()):
        erreurs.append(
            (
                chemin((*lieu, cle)),
                "ce champ apparaît plusieurs fois dans le JSON : gardez-en un seul (missio ne "
                "choisit pas à votre place).",
            )
        )
    for cle, element in objet.items():
        ordinaire = not isinstance(cle, str) or (cle.isascii() and cle.isprintable())
        if not ordinaire and (probleme := _caractere_interdit(cle)):
            erreurs.append((chemin((*lieu, cle)), f"le nom de ce champ contient{probleme}."))
        _parcourir(element, (*lieu, cle), erreurs)


def _probleme_de_texte(texte: str) -> str | None:
    if texte.isascii() and texte.isprintable():
        return None  # the usual case: neither control characters nor invisible-only text
    if probleme := _caractere_interdit(texte):
        return f"ce texte contient{probleme} : retirez-le."
    if invisible(texte):
        return (
            "ce champ ne contient que des espaces ou des caractères invisibles : écrivez sa valeur."
        )
    return None


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


__all__ = ["PROFONDEUR_MAX", "invisible", "lire_json", "verifier"]
