"""Reading YAML that people write (policies, casebook cases): the line of every key, and errors
in French with their line and column.

PyYAML's constructors forget where a value came from; its composer keeps a ``start_mark`` on
every node. We compose the node tree and build the Python data ourselves, recording for each
path (``("regles", 0, "alors", 1, "financement", "payeur")``) the line it starts on, so that a
validation error can name the file, the line and the field. PyYAML's own messages are English
parser jargon (« mapping values are not allowed here »): they are said again in French, with
what usually causes them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

Chemin = tuple[str | int, ...]


class ErreurYaml(ValueError):
    """The text is not YAML, a mapping repeats a key, or a value cannot be read (an impossible
    date): carries the line and column (1-based, None when unknown) and a French message."""

    def __init__(
        self, ligne: int | None, message: str, colonne: int | None = None, chemin: Chemin = ()
    ) -> None:
        super().__init__(message)
        self.ligne = ligne
        self.colonne = colonne
        self.message = message
        self.chemin = chemin  # the field whose value could not be read, when known


# PyYAML's problems, from the most to the least specific, and what an author should do.
_PROBLEMES: tuple[tuple[str, str], ...] = (
    (
        r"found character '\\t' that cannot start any token|found a tab character",
        "tabulation : l'indentation YAML se fait avec des espaces, jamais des tabulations",
    ),
    (
        r"mapping values are not allowed here",
        "« : » inattendu : un texte qui contient « : » doit être entre guillemets, ou "
        "l'indentation de cette ligne est décalée",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu après une clé : une ligne est coupée, ou un texte sur plusieurs lignes "
        "doit commencer par « >- »",
    ),
    (r"expected ',' or '\]', but got", "liste entre crochets non fermée : « ] » ou « , » manquant"),
    (
        r"expected ',' or '\}', but got",
        "objet entre accolades non fermé : « } » ou « , » manquant",
    ),
    (
        r"expected <block end>, but found",
        "indentation incohérente : cette ligne n'est pas alignée sur le bloc qui la précède",
    ),
    (
        r"did not find expected key",
        "clé attendue : l'indentation de cette ligne ne correspond pas au bloc",
    ),
    (
        r"did not find expected '-' indicator",
        "élément de liste attendu (« - ») : l'indentation ne correspond pas à la liste",
    ),
    (r"did not find expected node content", "valeur attendue à cet endroit"),
    (
        r"found unexpected end of stream",
        "fin du fichier inattendue : un guillemet ou un crochet n'est pas fermé",
    ),
    (r"found unknown escape character", "séquence « \\ » inconnue dans un texte entre guillemets"),
    (r"found undefined alias", "alias (*nom) sans ancre (&nom) qui le précède"),
    (r"found duplicate anchor", "ancre (&nom) définie deux fois"),
    (r"expected a single document", "un seul document attendu : retirez les « --- » en trop"),
    (r"could not determine a constructor for the tag", "étiquette YAML (« ! ») non admise"),
    (r"found unhashable key", "une clé doit être un texte simple"),
    (r"special characters are not allowed", "caractère de contrôle interdit dans le fichier"),
    (r"found character .* that cannot start any token", "caractère inattendu en début de valeur"),
)


def en_francais(probleme: str) -> str:
    """PyYAML's problem (English) as a French sentence; the original is kept in parentheses
    when no translation is known, so nothing is lost."""
    for motif, francais in _PROBLEMES:
        if re.search(motif, probleme):
            return francais
    return f"syntaxe YAML invalide (analyseur : {probleme})"


def _ligne(noeud: yaml.Node) -> int:
    return int(noeud.start_mark.line) + 1


def _scalaire(noeud: yaml.Node, loader: yaml.SafeLoader, chemin: Chemin = ()) -> Any:
    try:
        return loader.construct_object(noeud, deep=True)
    except (ValueError, OverflowError) as exc:
        # PyYAML builds `2026-02-30` as a date and lets datetime's ValueError escape.
        valeur = str(getattr(noeud, "value", ""))[:40]
        quoi = (
            "n'est pas une date qui existe (AAAA-MM-JJ)"
            if noeud.tag.endswith(":timestamp")
            else f"ne peut pas être lu ({exc})"
        )
        raise ErreurYaml(
            _ligne(noeud), f"« {valeur} » {quoi}.", noeud.start_mark.column + 1, chemin
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise _depuis_pyyaml(exc) from None


def _construire(
    noeud: yaml.Node, chemin: Chemin, lignes: dict[Chemin, int], loader: yaml.SafeLoader
) -> Any:
    lignes.setdefault(chemin, _ligne(noeud))
    if isinstance(noeud, yaml.MappingNode):
        loader.flatten_mapping(noeud)  # honours YAML merge keys (<<: *ancre)
        resultat: dict[Any, Any] = {}
        for cle_noeud, valeur_noeud in noeud.value:
            cle = _scalaire(cle_noeud, loader, chemin)
            if isinstance(cle, list | dict):
                raise ErreurYaml(_ligne(cle_noeud), "une clé doit être un texte simple.")
            if cle in resultat:
                # PyYAML keeps the last value silently; a repeated key is usually a mistake.
                raise ErreurYaml(
                    _ligne(cle_noeud),
                    f"la clé « {cle} » est répétée dans le même bloc.",
                    cle_noeud.start_mark.column + 1,
                    (*chemin, str(cle)),
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
    return _scalaire(noeud, loader, chemin)


def _depuis_pyyaml(exc: yaml.MarkedYAMLError) -> ErreurYaml:
    marque = exc.problem_mark or exc.context_mark
    probleme = exc.problem or exc.context or ""
    if marque is None:
        return ErreurYaml(None, f"YAML invalide : {en_francais(probleme)}.")
    return ErreurYaml(
        int(marque.line) + 1, f"YAML invalide : {en_francais(probleme)}.", int(marque.column) + 1
    )


def lire(texte: str) -> tuple[Any, dict[Chemin, int]]:
    """Parse YAML text: the data and the line of each path. Raises :class:`ErreurYaml`."""
    loader = yaml.SafeLoader(texte)
    try:
        try:
            noeud = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _depuis_pyyaml(exc) from None
        except yaml.YAMLError as exc:
            raise ErreurYaml(None, f"YAML invalide : {en_francais(str(exc))}.") from None
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
