"""The mission (input) and decision (output) contract, as pydantic v2 models.

Field names are the French domain vocabulary of the contract (``docs/contrat.md``); changing one
is a new ``version_contrat``. Validation messages are French and name the field: see
:mod:`missio.errors`, which translates pydantic's own messages at the boundary.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from missio.calendar import DepartementInconnu, annees_connues, fusionner, subdivision
from missio.errors import apercu
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

# No date of the contract lies before this one (a birth date included).
DATE_PLANCHER = date(1900, 1, 1)

# The youngest an agent can be on the first day of a mission. Sixteen is the age below which no
# one may be employed (code du travail, art. L. 4153-1) and the end of compulsory schooling
# (code de l'éducation, art. L. 131-1): a younger agent is a typing error in the birth date.
AGE_MINIMAL = 16


@cache
def date_maximale() -> date:
    """The last date a mission can use: the end of the year before the last one whose public
    holidays the ``holidays`` package knows, so that deadlines after the mission (up to a year
    later) still fall in a known year."""
    return date(annees_connues()[1] - 1, 12, 31)


_FORMAT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _jour(valeur: Any, plancher: date = DATE_PLANCHER) -> Any:
    """A date of the contract: text AAAA-MM-JJ (pydantic would read a number as seconds since
    1970), a day of the calendar, within the years missio knows. One call per date: the
    validators run on every field of every mission."""
    if isinstance(valeur, str) and _FORMAT_DATE.fullmatch(valeur):
        try:
            valeur = date.fromisoformat(valeur)
        except ValueError:
            raise PydanticCustomError(
                "date_inexistante",
                "{valeur} n'existe pas dans le calendrier.",
                {"valeur": apercu(valeur)},
            ) from None
    if isinstance(valeur, datetime):  # from Python: a midnight is a day, pydantic refuses others
        if valeur.time() != time.min or valeur.tzinfo is not None:
            return valeur
        valeur = valeur.date()
    if isinstance(valeur, date):
        if valeur < plancher:
            raise _avant(valeur, plancher)
        if valeur > date_maximale():
            raise PydanticCustomError(
                "date_hors_bornes",
                "{jour} est hors des dates que missio traite (au plus tard le {maximum} : "
                "au-delà, les jours fériés ne sont pas connus).",
                {"jour": valeur.isoformat(), "maximum": f"{date_maximale():%d/%m/%Y}"},
            )
        return valeur
    if isinstance(valeur, int | float | Decimal) and not isinstance(valeur, bool):
        raise PydanticCustomError(
            "date_nombre",
            "{valeur} est un nombre, pas une date : écrivez la date entre guillemets, au format "
            "AAAA-MM-JJ (par exemple « 2026-03-02 »).",
            {"valeur": apercu(valeur)},
        )
    if isinstance(valeur, str):
        raise PydanticCustomError(
            "date_format",
            "{valeur} n'est pas une date au format AAAA-MM-JJ (par exemple « 2026-03-02 »).",
            {"valeur": apercu(valeur)},
        )
    return valeur  # another type: pydantic's own French message (see missio.errors)


def _avant(jour: date, plancher: date) -> PydanticCustomError:
    if plancher == DATE_MINIMALE:
        return PydanticCustomError(
            "date_non_couverte",
            "{jour} est antérieure au 1er juillet 2007 : les règles de missio ne couvrent pas "
            "cette période (régime de la loi n° 2007-148).",
            {"jour": jour.isoformat()},
        )
    return PydanticCustomError(
        "date_hors_bornes",
        "{jour} est hors des dates que missio traite (au plus tôt le 1er janvier 1900).",
        {"jour": jour.isoformat()},
    )


def _jour_de_mission(valeur: Any) -> Any:
    return _jour(valeur, DATE_MINIMALE)


Jour = Annotated[date, BeforeValidator(_jour)]
"""A date of the contract: text AAAA-MM-JJ (a number is refused), from 1900 to the last year
whose holidays are known (:func:`date_maximale`)."""

JourDeMission = Annotated[date, BeforeValidator(_jour_de_mission)]
"""A date of the mission itself (periods, request): as :data:`Jour`, from 1 July 2007 (the
rules cover the regime of loi n° 2007-148 onwards)."""


Montant = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    PlainSerializer(lambda montant: f"{montant:.2f}", return_type=str, when_used="json"),
]
# A text that prints nothing (zero-width spaces only…) is refused by missio.entree, for every
# text of the input at once.
Texte = Annotated[str, Field(min_length=1, max_length=500)]
CodePays = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


def _refus(erreurs: list[tuple[tuple[str | int, ...], str, Any]]) -> ValidationError:
    """Errors found across fields, each at its own location (a model validator can only raise
    at the model's own place otherwise)."""
    return ValidationError.from_exception_data(
        "Mission",
        [
            InitErrorDetails(type=PydanticCustomError("coherence", message), loc=loc, input=valeur)
            for loc, message, valeur in erreurs
        ],
    )


class _Entree(BaseModel):
    """Input value objects: immutable, unknown fields refused (a typo is an error, not a loss)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Periode(_Entree):
    debut: JourDeMission
    fin: JourDeMission

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
    date_naissance: Jour | None = None
    remuneration_brute_mensuelle: Montant | None = None
    missions_dans_l_annee: Annotated[int, Field(ge=0)] | None = None
    fin_contrat: Jour | None = None


class Signataire(_Entree):
    nom: Texte
    qualite: Texte


class Label(_Entree):
    nom: Texte
    obtenu_le: Jour
    fin: Jour | None = None
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
                "{code} n'est pas un code de département connu. Indiquez le code INSEE du "
                "département de l'employeur (« 75 », « 2A », « 57 », « 972 »…).",
                {"code": apercu(code)},
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
    date_demande: JourDeMission | None = None
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
                "la version {version} du contrat n'est pas prise en charge. Versions "
                "acceptées : {acceptees}.",
                {"version": apercu(version), "acceptees": ", ".join(VERSIONS_CONTRAT)},
            )
        return version

    @model_validator(mode="after")
    def _coherence(self) -> Mission:
        """Facts that contradict the mission's own dates: each refused at its field.

        A request dated on or after the departure, even after the end (a regularisation), is
        not among them: it is decided with an alert (missio.merge), since procedure is read at
        ``date_demande``, which stays a date the texts can be read at, and refusing it would
        lose the decision HR records.
        """
        erreurs = [*self._volume_impossible(), *self._naissance_impossible()]
        if erreurs:
            raise _refus(erreurs)
        return self

    def _volume_impossible(self) -> list[tuple[tuple[str | int, ...], str, Any]]:
        # Declared days may exceed the employer's working days (a Saturday or a French holiday
        # worked on site: calendrier.md § 6, an alert of the statutory plugin), never the days
        # the periods hold.
        if self.jours_expertise is None:
            return []
        jours = _jours_calendaires(self.periodes)
        if self.jours_expertise <= jours:
            return []
        message = (
            f"{self.jours_expertise} jours d'expertise ne tiennent pas dans les périodes de la "
            f"mission, qui comptent {jours} jours en tout (week-ends et jours fériés compris). "
            "Corrigez le nombre de jours ou les périodes."
        )
        return [(("jours_expertise",), message, self.jours_expertise)]

    def _naissance_impossible(self) -> list[tuple[tuple[str | int, ...], str, Any]]:
        naissance, debut = self.agent.date_naissance, self.debut
        if naissance is None:
            return []
        if naissance > debut:
            message = (
                f"la date de naissance ({naissance:%d/%m/%Y}) est postérieure au début de la "
                f"mission ({debut:%d/%m/%Y})."
            )
        elif (age := _age(naissance, debut)) < AGE_MINIMAL:
            message = (
                f"l'agent aurait {age} ans au début de la mission : nul ne peut être employé "
                f"avant {AGE_MINIMAL} ans. Vérifiez la date de naissance."
            )
        else:
            return []
        return [(("agent", "date_naissance"), message, naissance.isoformat())]

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


def _jours_calendaires(periodes: tuple[Periode, ...]) -> int:
    """Days of the periods, overlaps counted once."""
    plages = fusionner([(p.debut, p.fin) for p in periodes])
    return sum((fin - debut).days + 1 for debut, fin in plages)


def _age(naissance: date, le: date) -> int:
    return le.year - naissance.year - ((le.month, le.day) < (naissance.month, naissance.day))


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
    fondements: list[Fondement]
    obligations: list[Obligation]
    financements: list[Financement]
    alertes: list[Alerte]
    blocages: list[Blocage]
    alternatives: list[Alternative]
    documents: list[str]
    trace: list[EntreeTrace]
    versions: dict[str, str]
