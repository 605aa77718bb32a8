"""Read a YAML policy file and remember the line of every key and list item.

PyYAML's constructors forget where a value came from; its composer keeps a ``start_mark`` on
every node. We compose the node tree and build the Python data ourselves, recording for each
path (``("regles", 0, "alors", 1, "financement", "payeur")``) the line it starts on, so that a
validation error can name the file, the line and the field.
"""

from __future__ import annotations

from typing import Any

import yaml

Chemin = tuple[str | int, ...]


class ErreurYaml(ValueError):
    """The text is not YAML, or a mapping repeats a key: carries the line (1-based)."""

    def __init__(self, ligne: int | None, message: str) -> None:
        super().__init__(message)
        self.ligne = ligne
        self.message = message


def _ligne(noeud: yaml.Node) -> int:
    return int(noeud.start_mark.line) + 1


def _construire(
    noeud: yaml.Node, chemin: Chemin, lignes: dict[Chemin, int], loader: yaml.SafeLoader
) -> Any:
    lignes.setdefault(chemin, _ligne(noeud))
    if isinstance(noeud, yaml.MappingNode):
        loader.flatten_mapping(noeud)  # honours YAML merge keys (<<: *ancre)
        resultat: dict[Any, Any] = {}
        for cle_noeud, valeur_noeud in noeud.value:
            cle = loader.construct_object(cle_noeud, deep=True)
            if isinstance(cle, list | dict):
                raise ErreurYaml(_ligne(cle_noeud), "une clé doit être un texte simple.")
            if cle in resultat:
                # PyYAML keeps the last value silently; a repeated key is usually a mistake.
                raise ErreurYaml(
                    _ligne(cle_noeud), f"la clé « {cle} » est répétée dans le même bloc."
                )
            sous_chemin = (*chemin, str(cle))
            lignes[sous_chemin] = _ligne(cle_noeud)
            resultat[cle] = _construire(valeur_noeud, sous_chemin, lignes, loader)
        return resultat
    if isinstance(noeud, yaml.SequenceNode):
        return [
            _construire(element, (*chemin, i), lignes, loader)
            for i, element in enumerate(noeud.value)
        ]
    return loader.construct_object(noeud, deep=True)


def lire(texte: str) -> tuple[Any, dict[Chemin, int]]:
    """Parse YAML text: the data and the line of each path. Raises :class:`ErreurYaml`."""
    loader = yaml.SafeLoader(texte)
    try:
        try:
            noeud = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            marque = exc.problem_mark or exc.context_mark
            ligne = int(marque.line) + 1 if marque else None
            raise ErreurYaml(ligne, f"YAML invalide ({exc.problem or exc.context}).") from None
        except yaml.YAMLError as exc:
            raise ErreurYaml(None, f"YAML invalide ({exc}).") from None
        lignes: dict[Chemin, int] = {}
        if noeud is None:
            return None, lignes
        return _construire(noeud, (), lignes, loader), lignes
    finally:
        loader.dispose()


def ligne_de(chemin: Chemin, lignes: dict[Chemin, int]) -> int | None:
    """The line of `chemin`, or of its nearest ancestor present in the file."""
    for fin in range(len(chemin), -1, -1):
        if chemin[:fin] in lignes:
            return lignes[chemin[:fin]]
    return None
