"""French errors about a policy file, each naming the file, the line and the field.

``caesm.yaml:42 : regles[0].alors[1].financement.payeur : « employeurs » n'est pas reconnu.
Valeurs admises : employeur, accueil, operateur, meae, agent.`` — the form editors and CI
consoles turn into a link to the line. An unknown key says what the place admits (for an
effect, the list of effects); a known key at the wrong place says to check the indentation
rather than suggesting the very word that was typed.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from missio.errors import ErreurFichier, Localisee, chemin, traduire
from missio.lecture_yaml import Chemin, ligne_de
from missio_collectivite_custom import format as fmt

__all__ = ["ErreurPolitique", "Localisee", "depuis_pydantic", "localiser"]


class ErreurPolitique(ErreurFichier):
    """A policy file is invalid. ``erreurs`` keeps the ``(chemin, message)`` pairs of
    :class:`~missio.errors.ErreurValidation` (the CLI exits 2); ``localisees`` adds file and
    line."""

    def __init__(self, localisees: Sequence[Localisee]) -> None:
        super().__init__(localisees, "politique invalide")


def _modeles() -> list[type[BaseModel]]:
    return [
        objet
        for _, objet in sorted(vars(fmt).items())
        if isinstance(objet, type) and issubclass(objet, BaseModel) and objet is not BaseModel
    ]


def _cles_des_modeles() -> dict[type[BaseModel], list[str]]:
    """The keys under which an author writes each model (« financement », « si, sauf »)."""
    cles: dict[type[BaseModel], list[str]] = {}
    for modele in _modeles():
        for nom, champ in modele.model_fields.items():
            dedans = _modele_de(champ.annotation)
            if dedans is not None and nom not in cles.setdefault(dedans, []):
                cles[dedans].append(nom)
    return cles


def _proprietaires() -> dict[str, list[str]]:
    """Each key of the format and the keys of the blocks that admit it."""
    cles = _cles_des_modeles()
    proprietaires: dict[str, list[str]] = {}
    for modele in _modeles():
        for champ in modele.model_fields:
            for bloc in cles.get(modele, ["racine du fichier"]):
                if bloc not in proprietaires.setdefault(champ, []):
                    proprietaires[champ].append(bloc)
    return proprietaires


def _modele_de(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation (``Conditions | None``, ``tuple[Effet, ...]``,
    ``dict[Code, Fondement]``, ``Annotated[…]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origine = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origine is typing.Annotated:
        return _modele_de(arguments[0])
    if origine in (typing.Union, types.UnionType, tuple, list):
        for argument in arguments:
            trouve = _modele_de(argument)
            if trouve is not None:
                return trouve
    if origine is dict and len(arguments) == 2:
        return _modele_de(arguments[1])
    return None


def _sans_annotated(annotation: Any) -> Any:
    origine = typing.get_origin(annotation)
    if origine is typing.Annotated:
        return _sans_annotated(typing.get_args(annotation)[0])
    if origine in (typing.Union, types.UnionType):
        autres = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _sans_annotated(autres[0]) if len(autres) == 1 else annotation
    return annotation


_CHAMPS = _proprietaires()
_EFFETS = ", ".join(fmt.Effet.model_fields)


class _Conteneur:
    """A list or dict of models: its index or key comes next."""

    def __init__(self, modele: type[BaseModel]) -> None:
        self.modele = modele


def _champ_inconnu(loc: Chemin) -> str:
    """The message for a key the format does not admit at `loc`."""
    cle = str(loc[-1])
    parent = _parent(loc[:-1])
    if parent is fmt.Effet:
        message = f"« {cle} » n'est pas un effet. Effets admis : {_EFFETS}."
    else:
        message = "champ inconnu à cet endroit."
        if parent is not None:
            message += f" Champs admis ici : {', '.join(parent.model_fields)}."
    if cle in _CHAMPS:
        # The word exists in the format, one level up or down: an indentation slip.
        ou = ", ".join(f"« {bloc} »" for bloc in _CHAMPS[cle])
        return f"{message} « {cle} » se place sous {ou} : vérifiez l'indentation."
    proches = difflib.get_close_matches(
        cle, list(parent.model_fields) if parent is not None else list(_CHAMPS), n=1, cutoff=0.75
    )
    return message + (f" Vouliez-vous dire « {proches[0]} » ?" if proches else "")


def _parent(loc: Chemin) -> type[BaseModel] | None:
    modele: Any = fmt.Politique
    for partie in loc:
        if isinstance(modele, _Conteneur):
            modele = modele.modele  # the index or key of a list or dict of models
            continue
        if modele is None or not isinstance(partie, str) or partie not in modele.model_fields:
            return None
        annotation = modele.model_fields[partie].annotation
        suivant = _modele_de(annotation)
        if suivant is None:
            return None
        conteneur = typing.get_origin(_sans_annotated(annotation)) in (tuple, list, dict)
        modele = _Conteneur(suivant) if conteneur else suivant
    return None if isinstance(modele, _Conteneur) else modele


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
            message = _champ_inconnu(loc)
        resultat.append(Localisee(fichier, ligne_de(loc, lignes), champ, message))
    return resultat


def localiser(
    erreurs: Iterable[tuple[Chemin, str]], fichier: str, lignes: dict[Chemin, int]
) -> list[Localisee]:
    """Errors found after validation (cross references), given as ``(loc, message)``."""
    return [Localisee(fichier, ligne_de(loc, lignes), chemin(loc), msg) for loc, msg in erreurs]
