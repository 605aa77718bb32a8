"""Drafting: the acts of a decision, from its templates to the output folder.

:class:`Redacteur` (``redacteur``) is the entry point; the other modules are its steps — template
compiling and rendering (``rendering``, ``finishing``, ``typographie``, ``provenance``,
``releve``, ``limits``), the fields a template reads and their check (``champs_modeles``,
``verification_modeles``), the parts every act shares (``en_tete``, ``logo``), French
formatting (``francais``), the deadlines in other formats (``echeancier``), review copies
(``relecture``), the deterministic zip (``deterministic_zip``), the PDF conversion (``pdf``), the all-or-nothing output
folder (``output``), a collectivité's own templates (``modeles_collectivite``), the French
summary of a decision (``resume``) and the errors of this layer (``errors``).

Nothing is imported here: deciding, and ``missio evaluate``, never pay for drafting.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from missio.documents.champs_modeles import NOMS_CONTEXTE as NOMS_CONTEXTE
    from missio.documents.champs_modeles import RACINES as RACINES
    from missio.documents.echeancier import Echeancier as Echeancier
    from missio.documents.errors import ErreurModele as ErreurModele
    from missio.documents.errors import ErreurRendu as ErreurRendu
    from missio.documents.redacteur import Redacteur as Redacteur

# Imported on first use, as in ``missio``: the package is a namespace, not a dependency.
_API = {
    "Redacteur": "missio.documents.redacteur",
    "NOMS_CONTEXTE": "missio.documents.champs_modeles",
    "RACINES": "missio.documents.champs_modeles",
    "Echeancier": "missio.documents.echeancier",
    "ErreurModele": "missio.documents.errors",
    "ErreurRendu": "missio.documents.errors",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'missio.documents' has no attribute {name!r}")
