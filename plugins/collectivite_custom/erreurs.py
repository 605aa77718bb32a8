"""French errors about a policy file, each naming the file, the line and the field.

``caesm.yaml:42 : regles[0].alors[1].financement.payeur : « employeurs » n'est pas reconnu.
Valeurs admises : employeur, accueil, operateur, meae, agent.`` — the form editors and CI
consoles turn into a link to the line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ValidationError

from missio.errors import ErreurValidation, MissioError, chemin, traduire
from missio_collectivite_custom import format as fmt
from missio_collectivite_custom.lecture_yaml import Chemin, ligne_de


class Localisee:
    """One error: file, line (None when unknown), field path, French message."""

    __slots__ = ("champ", "fichier", "ligne", "message")

    def __init__(self, fichier: str, ligne: int | None, champ: str, message: str) -> None:
        self.fichier, self.ligne, self.champ, self.message = fichier, ligne, champ, message

    def __str__(self) -> str:
        ou = f"{self.fichier}:{self.ligne}" if self.ligne else self.fichier
        return f"{ou} : {self.champ or '(racine)'} : {self.message}"


class ErreurPolitique(ErreurValidation):
    """A policy file is invalid. ``erreurs`` keeps the ``(chemin, message)`` pairs of
    :class:`ErreurValidation` (the CLI exits 2); ``localisees`` adds file and line."""

    def __init__(self, localisees: Sequence[Localisee]) -> None:
        self.localisees = list(localisees)
        self.erreurs = [(e.champ, e.message) for e in self.localisees]
        self.origine = ", ".join(sorted({e.fichier for e in self.localisees}))
        texte = "politique invalide.\n" + "\n".join(f"- {e}" for e in self.localisees)
        MissioError.__init__(self, texte)


def _champs_connus() -> list[str]:
    noms: set[str] = set()
    for objet in vars(fmt).values():
        if isinstance(objet, type) and issubclass(objet, BaseModel) and objet is not BaseModel:
            noms.update(objet.model_fields)
    return sorted(noms)


_CHAMPS = _champs_connus()


def _suggestion(cle: str) -> str:
    proches = difflib.get_close_matches(cle, _CHAMPS, n=1, cutoff=0.75)
    return f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""


def depuis_pydantic(
    exc: ValidationError, fichier: str, lignes: dict[Chemin, int]
) -> list[Localisee]:
    """pydantic's errors on a policy, in French, with the line of each field."""
    resultat: list[Localisee] = []
    brutes = exc.errors(include_url=False)
    for brute, (champ, message) in zip(brutes, traduire(exc), strict=True):
        loc: Chemin = tuple(
            p
            for p in brute["loc"]
            if not (isinstance(p, str) and p.startswith(("function-", "tagged")))
        )
        if brute["type"] == "too_short" and any(
            len(autre["loc"]) > len(brute["loc"]) and autre["loc"][: len(loc)] == brute["loc"]
            for autre in brutes
        ):
            continue  # pydantic also calls a list "too short" when its only items are invalid
        if brute["type"] == "extra_forbidden":
            message = "champ inconnu (faute de frappe ?)." + _suggestion(str(loc[-1]))
        resultat.append(Localisee(fichier, ligne_de(loc, lignes), champ, message))
    return resultat


def localiser(
    erreurs: Iterable[tuple[Chemin, str]], fichier: str, lignes: dict[Chemin, int]
) -> list[Localisee]:
    """Errors found after validation (cross references), given as ``(loc, message)``."""
    return [Localisee(fichier, ligne_de(loc, lignes), chemin(loc), msg) for loc, msg in erreurs]
