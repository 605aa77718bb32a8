"""A mission as typed in the form, and as the contract's JSON.

The form's raw values (« brut ») are a tree of strings shaped like the mission: what the person
typed, kept exactly, so that a wrong value comes back in its field with its error instead of
being lost. Input names are the contract's field paths (``periodes[1].debut``), the same paths
as the engine's errors: an error finds its field by name.

- :func:`depuis_formulaire`: the posted form (name, value pairs) to raw values;
- :func:`depuis_json`: a mission's JSON (a loaded file) to raw values;
- :func:`vers_json`: raw values to the mission's JSON, typed from the schema, empty fields left
  out; what cannot be typed (« abc » for a number) is sent as typed, for the engine to reject
  with its own French message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from missio.service.web.schema_formulaire import ChampFormulaire, valeur_brute

Brut = dict[str, Any]

_ENTIER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+(\.\d+)?")
# Spaces people put in numbers (« 1 000 »), including the French narrow no-break space.
_ESPACES = re.compile(r"[\s\u00a0\u202f]")


def chemin_champ(prefixe: str, cle: str | int) -> str:
    if isinstance(cle, int):
        return f"{prefixe}[{cle}]"
    return f"{prefixe}.{cle}" if prefixe else cle


def _indices(noms: Iterable[str], prefixe: str) -> list[int]:
    motif = re.compile(re.escape(prefixe) + r"\[(\d+)\]")
    return sorted({int(m.group(1)) for nom in noms if (m := motif.match(nom))})


def _depuis_formulaire(
    champs: Iterable[ChampFormulaire], saisie: Mapping[str, str], prefixe: str
) -> Brut:
    brut: Brut = {}
    for champ in champs:
        ici = chemin_champ(prefixe, champ.cle)
        if champ.genre == "objet":
            brut[champ.cle] = _depuis_formulaire(champ.enfants, saisie, ici)
        elif champ.genre == "liste":
            # Numbered as posted, then renumbered from 0 in order: gaps are closed.
            brut[champ.cle] = [
                _depuis_formulaire(champ.enfants, saisie, f"{ici}[{i}]")
                for i in _indices(saisie, ici)
            ]
        else:
            brut[champ.cle] = saisie.get(ici, "")
    return brut


def depuis_formulaire(champs: Iterable[ChampFormulaire], paires: Iterable[tuple[str, str]]) -> Brut:
    """The posted form's values, by field (the last of a repeated name wins)."""
    return _depuis_formulaire(champs, dict(paires), "")


def depuis_json(champs: Iterable[ChampFormulaire], donnees: Mapping[str, Any]) -> Brut:
    """A mission's JSON as raw values (what a field shows for each value)."""
    brut: Brut = {}
    for champ in champs:
        valeur = donnees.get(champ.cle)
        if champ.genre == "objet":
            brut[champ.cle] = depuis_json(champ.enfants, valeur if isinstance(valeur, dict) else {})
        elif champ.genre == "liste":
            elements = valeur if isinstance(valeur, list) else []
            brut[champ.cle] = [
                depuis_json(champ.enfants, e if isinstance(e, dict) else {}) for e in elements
            ]
        elif champ.genre == "textes" and isinstance(valeur, list):
            brut[champ.cle] = "\n".join(valeur_brute(v) for v in valeur)
        else:
            brut[champ.cle] = valeur_brute(valeur)
    return brut


def valeurs_initiales(champs: Iterable[ChampFormulaire]) -> Brut:
    """An empty form: the schema's defaults, and the minimum number of list elements."""
    brut: Brut = {}
    for champ in champs:
        if champ.genre == "objet":
            brut[champ.cle] = valeurs_initiales(champ.enfants)
        elif champ.genre == "liste":
            brut[champ.cle] = [valeurs_initiales(champ.enfants) for _ in range(champ.minimum)]
        else:
            brut[champ.cle] = champ.defaut or ""
    return brut


def _nombre(texte: str, entier: bool) -> Any:
    compact = _ESPACES.sub("", texte)
    if _ENTIER.fullmatch(compact):
        return int(compact)
    decimal = compact.replace(",", ".")
    if not entier and _DECIMAL.fullmatch(decimal):
        return float(decimal)
    return texte  # the engine answers « … n'est pas un nombre »


def _scalaire(champ: ChampFormulaire, texte: str) -> Any:
    texte = texte.strip()
    if not texte:
        return None
    if champ.genre in ("entier", "nombre"):
        return _nombre(texte, champ.genre == "entier")
    if champ.genre == "booleen":
        return {"true": True, "false": False}.get(texte, texte)
    if champ.genre == "textes":
        lignes = [ligne.strip() for ligne in texte.splitlines()]
        return [ligne for ligne in lignes if ligne] or None
    return texte


def vers_json(champs: Iterable[ChampFormulaire], brut: Mapping[str, Any]) -> dict[str, Any]:
    """The mission's JSON: empty fields and empty optional groups left out. A required group
    is always sent, so that each of its missing fields gets its own error."""
    donnees: dict[str, Any] = {}
    for champ in champs:
        valeur = brut.get(champ.cle)
        if champ.genre == "objet":
            objet = vers_json(champ.enfants, valeur if isinstance(valeur, dict) else {})
            if objet or champ.obligatoire:
                donnees[champ.cle] = objet
        elif champ.genre == "liste":
            elements = [vers_json(champ.enfants, e) for e in valeur or ()]
            if elements or champ.obligatoire:
                donnees[champ.cle] = elements
        else:
            typee = _scalaire(champ, valeur if isinstance(valeur, str) else "")
            if typee is not None:
                donnees[champ.cle] = typee
    return donnees


def applicable(champ: ChampFormulaire, brut: Mapping[str, Any]) -> bool:
    """Whether a plugin's group applies to the mission as typed (``x-missio-si``)."""
    if not champ.si:
        return True
    return all(brut.get(cle) in valeurs for cle, valeurs in champ.si.items())
