"""The mission (input) and decision (output) contract, as pydantic v2 models.

Field names are the French domain vocabulary of the contract (``docs/contrat.md``); changing one
is a new ``version_contrat``. Validation messages are French and name the field: see
:mod:`missio.errors`, which translates pydantic's own messages at the boundary.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from missio.calendar import DepartementInconnu, subdivision
from missio.legal import StatutReference

VERSIONS_CONTRAT = ("1",)
VERSION_CONTRAT = "1"

# The rules cover the regime of loi n° 2007-148 (mise à disposition with agreement and
# convention) onwards; earlier missions are refused rather than judged by later law.
DATE_MINIMALE = date(2007, 7, 1)

Cadre = Literal[
    "cooperation_decentralisee",
    "expe_ct",
    "operateur",
    "organisation_internationale",
    "initiative_agent",
]
StatutAgent = Literal[
    "titulaire",
    "stagiaire",
    "contractuel_cdi",
    "contractuel_cdd",
    "retraite",
    "elu",
]
NatureAccueil = Literal[
    "collectivite_etrangere",
    "etat_etranger",
    "organisation_internationale",
    "institution_ue",
    "operateur",
    "administration_etat",
    "collectivite_francaise",
    "gip",
    "association",
    "entreprise",
]
NatureEmployeur = Literal[
    "commune",
    "epci",
    "departement",
    "region",
    "collectivite_territoriale_unique",
    "etablissement_public",
    "syndicat_mixte",
    "association_elus",
]
Vigilance = Literal["vert", "jaune", "orange", "rouge"]
# envoi: the agent goes abroad; accueil: the collectivité hosts foreign representatives in
# France and the agent does not travel (EXPE-CT règlement § III.2; a fact several plugins read).
Sens = Literal["envoi", "accueil"]
Dispositif = Literal[
    "ordre_de_mission",
    "mandat_special",
    "cumul_activites",
    "mise_a_disposition",
    "detachement_courte_duree",
    "detachement_longue_duree",
    "disponibilite",
    "recrutement_direct",
    "aucun",
]
Acteur = Literal["employeur", "accueil", "operateur", "meae", "agent"]
NiveauAlerte = Literal["info", "attention"]

Montant = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    PlainSerializer(lambda montant: f"{montant:.2f}", return_type=str, when_used="json"),
]
Texte = Annotated[str, Field(min_length=1, max_length=500)]
CodePays = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


def _date_couverte(jour: date) -> date:
    if jour < DATE_MINIMALE:
        raise PydanticCustomError(
            "date_non_couverte",
            "{jour} est antérieure au 1er juillet 2007 : les règles de missio ne couvrent pas "
            "cette période (régime de la loi n° 2007-148).",
            {"jour": jour.isoformat()},
        )
    return jour


class _Entree(BaseModel):
    """Input value objects: immutable, unknown fields refused (a typo is an error, not a loss)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Periode(_Entree):
    debut: date
    fin: date

    @field_validator("debut", "fin")
    @classmethod
    def _couverte(cls, jour: date) -> date:
        return _date_couverte(jour)

    @model_validator(mode="after")
    def _ordre(self) -> Periode:
        if self.fin < self.debut:
            raise PydanticCustomError(
                "fin_avant_debut",
                "{fin} est antérieure au début ({debut}). Indiquez une date de fin égale ou "
                "postérieure au début.",
                {"fin": self.fin.isoformat(), "debut": self.debut.isoformat()},
            )
        return self


class Agent(_Entree):
    civilite: Literal["M.", "Mme"]
    nom: Texte
    prenom: Texte
    statut: StatutAgent
    grade: Texte | None = None
    categorie: Literal["A", "B", "C"] | None = None
    quotite_travail: Annotated[Decimal, Field(gt=0, le=1)] = Decimal("1")
    date_naissance: date | None = None
    remuneration_brute_mensuelle: Montant | None = None
    missions_dans_l_annee: Annotated[int, Field(ge=0)] | None = None
    fin_contrat: date | None = None


class Signataire(_Entree):
    nom: Texte
    qualite: Texte


class Label(_Entree):
    nom: Texte
    obtenu_le: date
    fin: date | None = None
    domaines: tuple[Texte, ...] = ()


class Employeur(_Entree):
    nom: Texte
    siren: Annotated[str, Field(pattern=r"^\d{9}$")] | None = None
    nature: NatureEmployeur
    departement: str
    signataire: Signataire | None = None
    labels: tuple[Label, ...] = ()

    @field_validator("departement")
    @classmethod
    def _departement(cls, code: str) -> str:
        try:
            subdivision(code)
        except DepartementInconnu:
            raise PydanticCustomError(
                "departement_inconnu",
                "« {code} » n'est pas un code de département connu. Indiquez le code INSEE du "
                "département de l'employeur (« 75 », « 2A », « 57 », « 972 »…).",
                {"code": code},
            ) from None
        return code


class Accueil(_Entree):
    nom: Texte
    nature: NatureAccueil
    pays: CodePays


class Mission(_Entree):
    """One international expertise mission of one agent (or elected official)."""

    version_contrat: str = VERSION_CONTRAT
    reference: Texte
    objet: Texte
    cadre: Cadre
    sens: Sens = "envoi"
    pays: CodePays
    vigilance: Vigilance | None = None
    periodes: tuple[Periode, ...] = Field(min_length=1)
    jours_expertise: Annotated[int, Field(ge=1)] | None = None
    sur_temps_de_service: bool | None = None
    teletravail_jours_par_semaine: Annotated[Decimal, Field(ge=0, le=5)] | None = None
    remplacement: bool | None = None
    remuneration_accueil: Montant | None = None
    date_demande: date | None = None
    agent: Agent
    employeur: Employeur
    accueil: Accueil
    extensions: dict[str, Any] = Field(default_factory=dict)

    @field_validator("version_contrat")
    @classmethod
    def _version(cls, version: str) -> str:
        if version not in VERSIONS_CONTRAT:
            raise PydanticCustomError(
                "version_contrat",
                "la version « {version} » du contrat n'est pas prise en charge. Versions "
                "acceptées : {acceptees}.",
                {"version": version, "acceptees": ", ".join(VERSIONS_CONTRAT)},
            )
        return version

    @field_validator("date_demande")
    @classmethod
    def _demande(cls, jour: date | None) -> date | None:
        return _date_couverte(jour) if jour else jour

    @property
    def debut(self) -> date:
        """First day of the mission."""
        return min(p.debut for p in self.periodes)

    @property
    def fin(self) -> date:
        """Last day of the mission."""
        return max(p.fin for p in self.periodes)

    @property
    def date_procedure(self) -> date:
        """The date at which procedure (request and answer delays) is read."""
        return self.date_demande or self.debut


# --- Decision -------------------------------------------------------------------------------


class _Sortie(BaseModel):
    # Built on first use: the JSON path (evaluer_json, the CLI's --json) never needs them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Fondement(_Sortie):
    """A legal reference as in force during (part of) the mission."""

    cle: str
    intitule: str
    texte: str
    article: str | None
    en_vigueur_depuis: date | None
    en_vigueur_jusqu_au: date | None
    statut: StatutReference


class Obligation(_Sortie):
    code: str
    libelle: str
    echeance: date | None
    responsable: Acteur
    fondements: list[str]


class Financement(_Sortie):
    poste: str
    libelle: str
    payeur: Acteur
    montant: Montant | None
    fondements: list[str]


class Alerte(_Sortie):
    code: str
    niveau: NiveauAlerte
    message: str
    fondements: list[str]


class Blocage(_Sortie):
    code: str
    message: str
    remede: str | None
    plugin: str
    regle: str
    fondements: list[str]


class Alternative(_Sortie):
    dispositif: Dispositif
    condition: str
    fondements: list[str]


class ConditionActe(_Sortie):
    """A condition the collectivité must state in its acts (``code``, French ``libelle``)."""

    code: str
    libelle: str
    fondements: list[str]


class CasRetenu(_Sortie):
    """The legal case the route rests on; its key (in ``fondements``) gives the article."""

    code: str
    libelle: str
    fondements: list[str]


class EntreeTrace(_Sortie):
    """One rule that fired: who, what it concluded, and on which basis (with its mark)."""

    plugin: str
    regle: str
    resultat: str
    fondements: list[str]
    references: list[str]
    statut: StatutReference


class Decision(_Sortie):
    """What the engine concluded for one mission (contract ``version_contrat`` "1")."""

    version_contrat: str = VERSION_CONTRAT
    reference: str
    dispositif: Dispositif
    conforme: bool
    volume_jours_ouvres: int
    jours_ouvres_periodes: int
    fondements: list[Fondement]
    obligations: list[Obligation]
    financements: list[Financement]
    alertes: list[Alerte]
    blocages: list[Blocage]
    alternatives: list[Alternative]
    cas: list[CasRetenu]
    conditions: list[ConditionActe]
    documents: list[str]
    trace: list[EntreeTrace]
    versions: dict[str, str]
