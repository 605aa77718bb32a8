"""The policy file format, as pydantic models: validated at load, exported as JSON Schema.

A policy is data, never code: conditions are a closed set of typed fields compared with fixed
operators, effects a closed set of finding types. Nothing in a policy file is evaluated. The
format only lets a collectivité *add* to the law (obligations, costs, alerts, blocages,
documents) and set the parameters a plugin declares as left to the employer: there is no
effect that chooses a dispositif or lifts a blocage, and the words for it are refused with a
message saying why (see :data:`CLES_INTERDITES`).

This module holds the policy document itself (its employer, legal bases, facts, parameters and
rules) and its JSON Schema export; the shared types, the conditions, the deadlines and the
effects are in the ``format_*`` modules beside it, and re-exported here so that
``from missio_collectivite_custom import format as fmt`` reaches every model of the format.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, JsonValue, model_validator
from pydantic_core import PydanticCustomError

from missio.calendar import ModeSolidarite
from missio.legal import StatutReference
from missio_collectivite_custom.format.base import (
    CLES_INTERDITES,
    Code,
    ModeleFormat,
    Montant,
    References,
    Texte,
    sans_accents,
)
from missio_collectivite_custom.format.conditions import (
    ConditionFait,
    Conditions,
    Intervalle,
    Mesure,
)
from missio_collectivite_custom.format.echeances import FORMES_ECHEANCE, Echeance, EcheanceTexte
from missio_collectivite_custom.format.effets import (
    Bareme,
    Effet,
    EffetAlerte,
    EffetApprobation,
    EffetBlocage,
    EffetDocument,
    EffetFinancement,
    EffetObligation,
    EffetPiece,
)

VERSION_FORMAT = "1"
A_COMPLETER = "à compléter"


class Collectivite(ModeleFormat):
    """L'employeur auquel la politique s'applique (et à nul autre)."""

    nom: Texte | None = Field(None, description="Nom exact de l'employeur (employeur.nom).")
    siren: Annotated[str, Field(pattern=r"^\d{9}$")] | None = None
    departement: str | None = Field(
        None, description="Code du département (employeur.departement)."
    )

    @model_validator(mode="after")
    def _identifiee(self) -> Collectivite:
        if not self.nom and not self.siren:
            raise PydanticCustomError(
                "collectivite_anonyme",
                "indiquez le nom ou le SIREN de la collectivité : une politique ne s'applique "
                "qu'à son employeur.",
            )
        return self


def _date_ou_a_completer(valeur: Any) -> Any:
    if isinstance(valeur, str) and sans_accents(valeur.strip()) == sans_accents(A_COMPLETER):
        return A_COMPLETER
    return valeur


class Fondement(ModeleFormat):
    """Délibération de l'assemblée ou décision de l'exécutif sur laquelle reposent des effets."""

    type: Literal["deliberation", "decision"] = "deliberation"
    intitule: Texte
    numero: Texte | None = Field(None, description="Numéro, ou « à compléter ».")
    date: (
        Annotated[datetime.date | Literal["à compléter"], BeforeValidator(_date_ou_a_completer)]
        | None
    ) = None
    organe: Texte = Field(
        description="Assemblée (« conseil communautaire ») ou autorité (« le maire »)."
    )
    article: Texte | None = None
    date_effet: datetime.date | None = Field(
        None, description="Entrée en vigueur (par défaut : date)."
    )
    date_fin: datetime.date | None = None
    statut: StatutReference | None = Field(
        None,
        description="« verifie » quand la collectivité a relu le texte cité ; à défaut (et "
        "toujours si une référence est à compléter), « a_verifier ».",
    )

    @model_validator(mode="after")
    def _deliberation_identifiee(self) -> Fondement:
        if self.type == "deliberation" and (self.numero is None or self.date is None):
            raise PydanticCustomError(
                "deliberation_incomplete",
                "une délibération a un numéro et une date ; s'ils ne sont pas connus, écrivez "
                "« à compléter » : le moteur signalera alors un fondement juridique manquant.",
            )
        debut = self.date_effet or (self.date if isinstance(self.date, datetime.date) else None)
        if debut and self.date_fin and self.date_fin < debut:
            raise PydanticCustomError(
                "fondement_dates", "date_fin précède l'entrée en vigueur du fondement."
            )
        return self

    @property
    def a_completer(self) -> bool:
        return sans_accents(self.numero or "") == sans_accents(A_COMPLETER) or (
            self.date == A_COMPLETER
        )

    @property
    def en_vigueur_depuis(self) -> datetime.date | None:
        return self.date_effet or (self.date if isinstance(self.date, datetime.date) else None)


class Fait(ModeleFormat):
    """Donnée propre à la politique, fournie par la mission sous extensions.<code politique>."""

    type: Literal["entier", "nombre", "booleen", "texte"]
    libelle: Texte


class Parametre(ModeleFormat):
    """Paramètre nommé qu'un plugin déclare et laisse à l'employeur (seuils DAECT…)."""

    nom: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    valeur: JsonValue
    fondement: References | None = None


class Regle(ModeleFormat):
    """Une phrase de la politique : si la mission remplit les conditions, alors les effets."""

    code: Code
    titre: Texte
    texte: Texte | None = Field(None, description="La phrase de la politique, telle que votée.")
    si: Conditions = Field(default_factory=Conditions)
    sauf: Conditions | None = Field(None, description="La règle ne s'applique pas si…")
    fondement: References | None = None
    alors: tuple[Effet, ...] = Field(min_length=1)


class Politique(ModeleFormat):
    """Politique locale d'une collectivité pour les missions internationales de ses agents."""

    model_config = ConfigDict(
        title="Politique locale missio",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    version_format: Literal["1"] = VERSION_FORMAT
    code: Code = Field(description="Préfixe des règles et références (« caesm »).")
    titre: Texte
    version: Annotated[str, Field(min_length=1, max_length=40)] = "1"
    source: Texte | None = None
    collectivite: Collectivite
    journee_solidarite: ModeSolidarite | None = None
    fondements: dict[Code, Fondement] = Field(default_factory=dict)
    faits: dict[Code, Fait] = Field(default_factory=dict)
    parametres: tuple[Parametre, ...] = ()
    regles: tuple[Regle, ...] = ()


def schema_json() -> dict[str, Any]:
    """The JSON Schema of a policy file, for editors (yaml-language-server…)."""
    schema = Politique.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://missio.example/schemas/politique-1.json"
    return schema


__all__ = [
    "A_COMPLETER",
    "CLES_INTERDITES",
    "FORMES_ECHEANCE",
    "VERSION_FORMAT",
    "Bareme",
    "Code",
    "Collectivite",
    "ConditionFait",
    "Conditions",
    "Echeance",
    "EcheanceTexte",
    "Effet",
    "EffetAlerte",
    "EffetApprobation",
    "EffetBlocage",
    "EffetDocument",
    "EffetFinancement",
    "EffetObligation",
    "EffetPiece",
    "Fait",
    "Fondement",
    "Intervalle",
    "Mesure",
    "Montant",
    "Parametre",
    "Politique",
    "References",
    "Regle",
    "Texte",
    "schema_json",
]
