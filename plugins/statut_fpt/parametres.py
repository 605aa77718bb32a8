"""Named parameters of statut_fpt that a collectivité may set.

The volume thresholds are the DAECT's recommendations (note of 2021, II.B), not legal limits:
a collectivité's policy may move them, and the trace says who did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SEUIL_CUMUL = "statut_fpt.seuil_cumul_max_jours"
SEUIL_MAD = "statut_fpt.seuil_mad_max_jours"

DECLARATIONS: tuple[dict[str, Any], ...] = (
    {
        "nom": SEUIL_CUMUL,
        "defaut": 5,
        "description": (
            "Volume maximal (jours ouvrés) d'une mission pour un opérateur traitée par un cumul "
            "d'activités ou un ordre de mission (recommandation DAECT : « moins de 6 jours "
            "ouvrés »)."
        ),
        "fondements": ("daect.seuils",),
    },
    {
        "nom": SEUIL_MAD,
        "defaut": 130,
        "description": (
            "Volume maximal (jours ouvrés) d'une mise à disposition recommandée ; au-delà, "
            "détachement ou disponibilité (recommandation DAECT : « entre 6 et 130 jours »)."
        ),
        "fondements": ("daect.seuils",),
    },
)


def declarer(register: Callable[..., None]) -> None:
    for declaration in DECLARATIONS:
        register(**declaration)
