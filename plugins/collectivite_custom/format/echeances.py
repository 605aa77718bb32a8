"""Deadlines relative to the mission, as a policy writes them in French (« 15 jours avant le
départ »): the accepted forms, their parsing, and the JSON Schema an editor shows for them.

Kept apart from the effects that carry them because the parsing of French phrases is its own
concern (and its error message lists every accepted form).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from missio_collectivite_custom.format.base import ModeleFormat, sans_accents

_ECHEANCE = re.compile(
    r"^(?:(?P<n>\d+)\s+(?P<unite>jours?\s+ouvres?|jours?(?:\s+calendaires?)?|semaines?|mois)\s+)?"
    r"(?P<sens>avant|apres)\s+(?:le\s+)?(?P<ref>depart|retour)$"
)
_JOUR_MEME = re.compile(r"^(?:au|le\s+jour\s+du)\s+(?P<ref>depart|retour)$")

FORMES_ECHEANCE = (
    "« 15 jours avant le départ », « 10 jours ouvrés avant le départ », « 2 semaines avant le "
    "départ », « 2 mois après le retour », « avant le départ » (dernier jour ouvré), « au retour »"
)


class Echeance(ModeleFormat):
    """A deadline relative to the mission, parsed from French (« 15 jours avant le départ »)."""

    nombre: int = Field(ge=0, le=3650)
    unite: Literal["jours", "jours_ouvres", "mois"]
    sens: Literal["avant", "apres"]
    reference: Literal["depart", "retour"]
    texte: str


def lire_echeance(valeur: Any) -> Any:
    if not isinstance(valeur, str):
        return valeur
    texte = " ".join(sans_accents(valeur).replace("’", "'").split())
    if m := _JOUR_MEME.match(texte):
        return {
            "nombre": 0,
            "unite": "jours",
            "sens": "apres",
            "reference": m["ref"],
            "texte": valeur,
        }
    m = _ECHEANCE.match(texte)
    if not m:
        raise PydanticCustomError(
            "echeance",
            "« {valeur} » n'est pas une échéance reconnue. Formes admises : {formes}.",
            {"valeur": valeur, "formes": FORMES_ECHEANCE},
        )
    if m["n"] is None:  # « avant le départ » : the last working day before it
        return {"nombre": 1, "unite": "jours_ouvres", "sens": m["sens"], "reference": m["ref"],
                "texte": valeur}  # fmt: skip
    nombre, unite = int(m["n"]), m["unite"]
    if unite.startswith("semaine"):
        nombre, unite = nombre * 7, "jours"
    elif "ouvre" in unite:
        unite = "jours_ouvres"
    elif unite != "mois":
        unite = "jours"
    return {"nombre": nombre, "unite": unite, "sens": m["sens"], "reference": m["ref"],
            "texte": valeur}  # fmt: skip


EcheanceTexte = Annotated[
    Echeance,
    BeforeValidator(lire_echeance),
    WithJsonSchema(
        {
            "type": "string",
            "description": f"Échéance relative à la mission. Formes admises : {FORMES_ECHEANCE}.",
            "examples": ["15 jours avant le départ", "2 mois après le retour"],
        }
    ),
]
