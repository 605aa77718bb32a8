"""The fields of ``mission.extensions.expe_ct``: what the EXPE-CT rules need beyond the contract.

Validated by the engine with :class:`ExtensionExpeCt` (errors at ``extensions.expe_ct.<champ>``,
in French); the model's schema appears in ``missio schema``. Every field is optional: a rule
whose fact is missing says so (the embassy's validation, for instance, blocks until it is
given), it never guesses.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from missio.libelles import ACTEURS, libelles
from missio.models import Acteur, Montant, Texte

Origine = Literal["daect", "ambassade", "collectivite_etrangere", "autre"]
Deroulement = Literal["mission_seule", "precedee_d_un_accueil", "suivie_d_un_accueil"]

ORIGINES = {
    "daect": "La DAECT (ministère de l'Europe et des Affaires étrangères)",
    "ambassade": "Une ambassade de France",
    "collectivite_etrangere": "La collectivité étrangère, directement (au titre du label)",
    "autre": "Autre",
}
DEROULEMENTS = {
    "mission_seule": "Mission à l'étranger seule",
    "precedee_d_un_accueil": "Précédée de l'accueil d'une délégation étrangère",
    "suivie_d_un_accueil": "Suivie de l'accueil d'une délégation étrangère",
}


class _Modele(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


class TermesMission(_Modele):
    """Termes de la mission, précisés au cas par cas (règlement EXPE-CT, § III.2)."""

    model_config = ConfigDict(title="Termes de la mission")

    nature: Texte | None = Field(
        default=None,
        title="Nature de la mission",
        description=(
            "Nature de la mission : réponse à une demande d'expertise d'une collectivité "
            "étrangère, participation à un séminaire…"
        ),
    )
    deroulement: Deroulement | None = Field(
        default=None,
        title="Déroulement",
        json_schema_extra=libelles(DEROULEMENTS),
        description=(
            "Déroulement : mission à l'étranger seule (mission_seule), ou précédée ou suivie de "
            "l'accueil d'une délégation étrangère (precedee_d_un_accueil, suivie_d_un_accueil)."
        ),
    )
    resultat_attendu: Texte | None = Field(
        default=None, title="Résultat attendu", description="Résultat attendu de la mission."
    )
    suites: Texte | None = Field(
        default=None, title="Suites envisagées", description="Suites éventuelles envisagées."
    )


class ExtensionExpeCt(_Modele):
    """Champs propres au programme EXPE-CT (clé ``expe_ct`` de ``extensions``)."""

    # « x-missio-si »: the fields concern only missions of cadre expe_ct (a form shows them then).
    model_config = ConfigDict(
        title="Programme EXPE-CT",
        json_schema_extra={
            "description": "Ce que le règlement du programme EXPE-CT demande en plus de la "
            "mission : validation de l'ambassade, équipe, budget, rapport.",
            "x-missio-si": {"cadre": ["expe_ct"]},
        },
    )

    nombre_personnes: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        title="Nombre de personnes",
        description=(
            "Nombre de personnes envoyées par la collectivité (envoi) ou de représentants "
            "étrangers accueillis (accueil) ; le règlement en admet une ou deux. À défaut, pour "
            "un envoi : une seule personne, l'agent de la mission."
        ),
    )
    validation_ambassade: date | None = Field(
        default=None,
        title="Validation de l'ambassade",
        description=(
            "Date à laquelle l'ambassade de France dans le pays concerné a validé la mission. "
            "Sans elle, pas de prise en charge par le MEAE."
        ),
    )
    origine_sollicitation: Origine | None = Field(
        default=None,
        title="Origine de la sollicitation",
        json_schema_extra=libelles(ORIGINES),
        description=(
            "Qui a sollicité la collectivité : daect (le MEAE), ambassade, "
            "collectivite_etrangere (demande directe au titre du label) ou autre. Toute "
            "sollicitation reçue en dehors de la DAECT doit lui être signalée."
        ),
    )
    termes: TermesMission | None = Field(
        default=None,
        title="Termes de la mission",
        description="Termes de référence de la mission (nature, déroulement, résultat).",
    )
    expert_declare: bool | None = Field(
        default=None,
        title="Expert déclaré",
        description=(
            "La personne envoyée figure parmi les experts nommés dans le dossier de "
            "labellisation (élus, agents territoriaux, personnels de partenaires)."
        ),
    )
    domaine: Texte | None = Field(
        default=None,
        title="Domaine labellisé",
        description=(
            "Domaine labellisé dont relève la mission (comparé aux domaines du label dans "
            "employeur.labels)."
        ),
    )
    validation_autorite_zone_orange: date | None = Field(
        default=None,
        title="Validation d'un départ en zone orange",
        description=(
            "Date à laquelle l'autorité territoriale a expressément validé un départ en zone "
            "orange (« déconseillée sauf raison impérative »)."
        ),
    )
    attestation_assistance: bool | None = Field(
        default=None,
        title="Attestation d'assistance-rapatriement",
        description="L'attestation d'assistance-rapatriement couvrant la mission a été fournie.",
    )
    inscription_ariane: bool | None = Field(
        default=None,
        title="Inscription sur Ariane",
        description="Les personnes envoyées sont inscrites sur Ariane (service du MEAE).",
    )
    payeur_transport_international: Acteur | None = Field(
        default=None,
        title="Qui paie le transport international",
        json_schema_extra=libelles(ACTEURS),
        description=(
            "Qui paie le transport international selon le budget de la mission (contrôle de "
            "cohérence : le règlement le met à la charge du MEAE, valeur meae)."
        ),
    )
    payeur_sejour: Acteur | None = Field(
        default=None,
        title="Qui paie le séjour",
        json_schema_extra=libelles(ACTEURS),
        description=(
            "Qui paie les frais de séjour selon le budget de la mission (contrôle de cohérence : "
            "l'institution accueillante, accueil pour un envoi, employeur pour un accueil)."
        ),
    )
    rapport_remis_le: date | None = Field(
        default=None,
        title="Rapport remis le",
        description="Date de remise du rapport de mission à la DAECT.",
    )
    rapport_valide_le: date | None = Field(
        default=None,
        title="Rapport validé le",
        description="Date de validation du rapport par la collectivité ou l'association labellisée.",
    )
    montant_en_jeu: Montant | None = Field(
        default=None,
        title="Montant en jeu (€)",
        description=(
            "Frais engagés par le MEAE pour la mission, en euros : ce que la DAECT demanderait "
            "de rembourser faute de rapport."
        ),
    )
