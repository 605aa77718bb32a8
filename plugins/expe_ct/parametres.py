"""The named parameter of expe_ct: how to read « une semaine maximum ».

The règlement (§ III.2) caps a mission at « une durée d'une semaine maximum » without saying
whether the week counts calendar or working days, nor whether travel days count. The default is
the most cautious reading, 7 calendar days from departure to return, both included; a
collectivité that has the DAECT's word for another reading sets the parameter, and the trace
says which reading was applied and who set it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from missio.context import Contexte

DUREE_MAX = "expe_ct.duree_max"

Unite = Literal["jours_calendaires", "jours_ouvres_sur_place"]


class LectureSemaine(BaseModel):
    """A reading of « une semaine maximum »."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    valeur: int = Field(ge=1, le=31)
    unite: Unite

    def libelle(self) -> str:
        if self.unite == "jours_calendaires":
            return f"{self.valeur} jours calendaires du départ au retour inclus, voyage compris"
        return f"{self.valeur} jours ouvrés sur place, au calendrier de l'employeur"


DEFAUT = LectureSemaine(valeur=7, unite="jours_calendaires")
LECTURE_OUVREE = LectureSemaine(valeur=5, unite="jours_ouvres_sur_place")

DESCRIPTION = (
    "Lecture de « une semaine maximum » (règlement EXPE-CT, § III.2), que le texte ne définit "
    "pas. Par défaut {valeur: 7, unite: jours_calendaires} : 7 jours calendaires du départ au "
    "retour, bornes incluses, jours de voyage compris (lecture la plus prudente). Variante : "
    "{valeur: 5, unite: jours_ouvres_sur_place}, 5 jours ouvrés sur place : les jours ouvrés du "
    "territoire de l'employeur compris dans les périodes de la mission, quel que soit le nombre "
    "de jours d'expertise déclarés ; une mission de plus de 7 jours calendaires reste alors "
    "signalée, puisque la lecture prudente la refuserait."
)


def declarer(register: Callable[..., None]) -> None:
    register(
        nom=DUREE_MAX,
        defaut=DEFAUT.model_dump(),
        # The texts allow only these two readings: a policy may not stretch the week.
        admis=[DEFAUT.model_dump(), LECTURE_OUVREE.model_dump()],
        description=DESCRIPTION,
        fondements=("expe_ct.reglement.mission", "expe_ct.lecture.semaine"),
    )


def lecture(contexte: Contexte) -> LectureSemaine:
    """The reading in force for this mission; a malformed setting is an error, never a default."""
    valeur: Any = contexte.parametre(DUREE_MAX)
    if isinstance(valeur, LectureSemaine):
        return valeur
    try:
        if not isinstance(valeur, Mapping):
            raise TypeError
        return LectureSemaine.model_validate(valeur)
    except (TypeError, ValidationError):
        raise ValueError(
            f"paramètre {DUREE_MAX} invalide : {valeur!r}. Valeurs admises : "
            "{valeur: 1 à 31, unite: jours_calendaires ou jours_ouvres_sur_place}, par exemple "
            "{valeur: 7, unite: jours_calendaires}."
        ) from None


def est_lecture_par_defaut(lue: LectureSemaine) -> bool:
    return lue == DEFAUT
