"""Loading a collectivité's policy files into plugin objects, through whichever plugin reads them.

The core knows no policy format: a plugin (``collectivite_custom`` for the YAML format)
implements ``missio_load_policy(chemin)``; the first that recognises the file returns a plugin
object, which an engine then receives like any explicit plugin (one engine per collectivité).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from missio.errors import ErreurValidation
from missio.plugins import Plugins


def charger_politiques(chemins: Iterable[str | Path]) -> list[object]:
    """Plugin objects for policy files; an unreadable or unrecognised file is a French error."""
    chemins = [Path(c) for c in chemins]
    if not chemins:
        return []
    chargeurs = Plugins().implementations("missio_load_policy")
    objets: list[object] = []
    for chemin in chemins:
        for chargeur in chargeurs:
            objet = chargeur.appeler(chemin=chemin)
            if objet is not None:
                objets.append(objet)
                break
        else:
            raise ErreurValidation(
                [("politique", "aucun plugin installé ne sait lire ce fichier de politique.")],
                str(chemin),
            )
    return objets
