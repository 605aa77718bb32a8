"""The conditions of a policy's rules: typed fields on the mission, compared with fixed
operators (a value, a list of values, bounds).

Only their format and validation live here; evaluating them on a mission is
:mod:`missio_collectivite_custom.evaluation`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from missio.models import Cadre, CodePays, NatureAccueil, StatutAgent, Vigilance
from missio_collectivite_custom.format.base import Code, ModeleFormat, en_liste


def _en_intervalle(valeur: Any) -> Any:
    """``duree_mois: 6`` is read as ``duree_mois: {egal: 6}``."""
    if isinstance(valeur, int | float | Decimal | str) and not isinstance(valeur, bool):
        return {"egal": valeur}
    return valeur


class Intervalle(ModeleFormat):
    """Bornes d'une valeur numérique ; un nombre seul vaut « égal à »."""

    egal: Decimal | None = Field(
        None,
        description="Égal à (pour duree_mois : durée arrondie au mois le plus proche).",
    )
    min: Decimal | None = Field(None, description="Au moins (borne incluse).")
    max: Decimal | None = Field(None, description="Au plus (borne incluse).")
    plus_de: Decimal | None = Field(None, description="Strictement plus de.")
    moins_de: Decimal | None = Field(None, description="Strictement moins de.")

    @model_validator(mode="after")
    def _une_borne(self) -> Intervalle:
        if all(v is None for v in (self.egal, self.min, self.max, self.plus_de, self.moins_de)):
            raise PydanticCustomError(
                "intervalle_vide",
                "indiquez au moins une borne : egal, min, max, plus_de ou moins_de.",
            )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError(
                "intervalle_inverse",
                "min ({min}) est supérieur à max ({max}).",
                {"min": str(self.min), "max": str(self.max)},
            )
        return self

    def contient(self, valeur: Decimal, egal: Decimal | None = None) -> bool:
        """Whether `valeur` is inside; `egal` replaces it for the equality test (rounding)."""
        return (
            (self.egal is None or (egal if egal is not None else valeur) == self.egal)
            and (self.min is None or valeur >= self.min)
            and (self.max is None or valeur <= self.max)
            and (self.plus_de is None or valeur > self.plus_de)
            and (self.moins_de is None or valeur < self.moins_de)
        )


Mesure = Annotated[Intervalle, BeforeValidator(_en_intervalle)]


class ConditionFait(ModeleFormat):
    """Condition sur un fait déclaré par la politique (« faits ») : une valeur ou des bornes."""

    egal: bool | Decimal | str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    plus_de: Decimal | None = None
    moins_de: Decimal | None = None


def _en_condition_fait(valeur: Any) -> Any:
    return valeur if isinstance(valeur, dict) else {"egal": valeur}


class Conditions(ModeleFormat):
    """Conditions sur la mission ; toutes doivent être remplies (une liste : l'une des valeurs)."""

    cadre: Annotated[tuple[Cadre, ...], BeforeValidator(en_liste), Field(min_length=1)] | None = (
        None
    )
    accueil: (
        Annotated[tuple[NatureAccueil, ...], BeforeValidator(en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Nature de l'organisme d'accueil (accueil.nature).")
    pays: Annotated[tuple[CodePays, ...], BeforeValidator(en_liste), Field(min_length=1)] | None = (
        Field(None, description="Pays de la mission (codes ISO, « CA », « SN »…).")
    )
    pays_exclus: (
        Annotated[tuple[CodePays, ...], BeforeValidator(en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Pays pour lesquels la règle ne s'applique pas.")
    vigilance: (
        Annotated[tuple[Vigilance, ...], BeforeValidator(en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Couleur des conseils aux voyageurs pour la destination.")
    statut: (
        Annotated[tuple[StatutAgent, ...], BeforeValidator(en_liste), Field(min_length=1)] | None
    ) = None
    categorie: (
        Annotated[
            tuple[Literal["A", "B", "C"], ...], BeforeValidator(en_liste), Field(min_length=1)
        ]
        | None
    ) = None
    remplacement: bool | None = Field(None, description="L'agent est-il remplacé ?")
    teletravail_jours_par_semaine: Mesure | None = None
    duree_jours: Mesure | None = Field(
        None, description="Jours calendaires compris dans les périodes de la mission."
    )
    duree_mois: Mesure | None = Field(
        None,
        description="Durée du premier au dernier jour, en mois (6 : environ six mois, arrondi au "
        "mois le plus proche ; les bornes comparent la valeur exacte).",
    )
    duree_jours_ouvres: Mesure | None = Field(
        None, description="Volume en jours ouvrés du calendrier de l'employeur."
    )
    missions_dans_l_annee: Mesure | None = Field(
        None, description="agent.missions_dans_l_annee : missions déjà faites dans l'exercice."
    )
    delai_demande_jours: Mesure | None = Field(
        None, description="Jours calendaires entre date_demande et le départ."
    )
    faits: dict[Code, Annotated[ConditionFait, BeforeValidator(_en_condition_fait)]] | None = Field(
        None, description="Conditions sur les faits déclarés par la politique."
    )
