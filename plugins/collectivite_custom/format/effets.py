"""The effects of a policy's rules: the closed set of findings a policy may add (funding lines,
obligations, pieces, approvals, alerts, blocages, documents), one per effect.

Only their format and validation live here; turning them into findings is
:mod:`missio_collectivite_custom.production`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from missio.models import Acteur, CodePays, NiveauAlerte
from missio_collectivite_custom.format.base import Code, ModeleFormat, Montant, References, Texte
from missio_collectivite_custom.format.echeances import Echeance, EcheanceTexte, lire_echeance


class Bareme(ModeleFormat):
    """Taux par pays multiplié par une durée (per diem écrit par la collectivité)."""

    par: Literal["jour", "nuit", "jour_ouvre", "mois"] = Field(
        description="Unité multipliée par le taux : jour calendaire, nuit, jour ouvré, mois."
    )
    taux: dict[CodePays, Montant] = Field(min_length=1, description="Taux par code pays.")
    defaut: Montant | None = Field(None, description="Taux d'un pays absent du tableau.")
    plafond: Montant | None = Field(None, description="Montant total maximal.")


class EffetFinancement(ModeleFormat):
    """Ligne de financement : un poste, son payeur, un montant fixe ou un barème (ou au réel)."""

    poste: Code
    libelle: Texte
    payeur: Acteur
    montant: Montant | None = None
    bareme: Bareme | None = None
    fondement: References | None = None

    @model_validator(mode="after")
    def _un_montant(self) -> EffetFinancement:
        if self.montant is not None and self.bareme is not None:
            raise PydanticCustomError(
                "montant_et_bareme", "indiquez un montant ou un barème, pas les deux."
            )
        if self.poste == "remuneration" and (self.montant is not None or self.bareme):
            raise PydanticCustomError(
                "remuneration_montant",
                "la rémunération n'a pas de montant dans une politique : elle suit le statut et "
                "la fiche de paie de l'agent.",
            )
        return self


class EffetObligation(ModeleFormat):
    """Démarche à accomplir, par un responsable, avant une échéance."""

    code: Code | None = None
    libelle: Texte
    responsable: Acteur
    echeance: EcheanceTexte | None = None
    fondement: References | None = None


class EffetPiece(ModeleFormat):
    """Pièce à joindre au dossier (lettre de motivation, facture, attestation…)."""

    code: Code | None = None
    libelle: Texte
    fournie_par: Acteur = "agent"
    echeance: EcheanceTexte | None = None
    fondement: References | None = None


class EffetApprobation(ModeleFormat):
    """Accord écrit d'une autorité (rôle) requis avant le départ."""

    code: Code | None = None
    role: Texte = Field(description="Qui donne son accord : « le directeur général des services ».")
    libelle: Texte | None = None
    echeance: EcheanceTexte = Field(
        default_factory=lambda: Echeance.model_validate(lire_echeance("avant le départ"))
    )
    fondement: References | None = None


class EffetAlerte(ModeleFormat):
    """Alerte dans la décision : info ou attention."""

    code: Code | None = None
    niveau: NiveauAlerte = "attention"
    message: Texte
    fondement: References | None = None


class EffetBlocage(ModeleFormat):
    """Non-conformité : la mission ne peut pas partir ainsi ; dites ce qui la rendrait possible."""

    code: Code | None = None
    message: Texte
    remede: Texte | None = None
    fondement: References | None = None


class EffetDocument(ModeleFormat):
    """Acte que missio doit rédiger, par code de modèle (decision_prime_installation…)."""

    code: Code
    fondement: References | None = None


class Effet(ModeleFormat):
    """Un effet, sous une seule clé : financement, obligation, piece, approbation, alerte,
    blocage ou document."""

    financement: EffetFinancement | None = None
    obligation: EffetObligation | None = None
    piece: EffetPiece | None = None
    approbation: EffetApprobation | None = None
    alerte: EffetAlerte | None = None
    blocage: EffetBlocage | None = None
    document: EffetDocument | None = None

    @model_validator(mode="after")
    def _un_seul(self) -> Effet:
        if len(self._presents()) != 1:
            raise PydanticCustomError(
                "effet_unique",
                "un effet a une seule clé parmi : financement, obligation, piece, approbation, "
                "alerte, blocage, document.",
            )
        return self

    def _presents(self) -> list[str]:
        return [nom for nom in type(self).model_fields if getattr(self, nom) is not None]

    @property
    def type(self) -> str:
        return self._presents()[0]

    @property
    def contenu(self) -> Any:
        return getattr(self, self.type)
