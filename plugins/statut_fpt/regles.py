"""The rules of statut_fpt, each beside the text it encodes, one module per family of provisions.

Importing the families registers their rules on :data:`regles`, in the order below, which is
the order of evaluation and of the trace (an import list would be sorted by the linter).
"""

from __future__ import annotations

from importlib import import_module

from missio_statut_fpt.registre import regles

FAMILLES = (
    "regles_voie",  # the dispositif, blocages and alternatives
    "regles_om_cumul",  # ordre de mission, operator's partnership, cumul d'activités
    "regles_mad",  # mise à disposition
    "regles_detachement",  # détachement and disponibilité
    "regles_hors_position",  # elected officials, retirees, contract end
    "regles_controles",  # cross-cutting checks
)
for _famille in FAMILLES:
    import_module(f"missio_statut_fpt.{_famille}")

__all__ = ["regles"]
