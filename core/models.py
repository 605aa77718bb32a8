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
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeAlias, get_type_hints

import attrs
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from missio import findings as f
from missio.calendar import DepartementInconnu, annees_connues, fusionner, subdivision
from missio.errors import apercu
from missio.frozen import DictFige, geler
from missio.legal import StatutReference
from missio.libelles import (
    CADRES,
    CATEGORIES,
    CIVILITES,
    NATURES_ACCUEIL,
    NATURES_EMPLOYEUR,
    SENS,
    STATUTS_AGENT,
    VIGILANCES,
    libelles,
)

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
# A text that prints nothing (zero-width spaces only…) is refused by missio.intake, for every
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
    model_config = ConfigDict(title="Période")

    debut: JourDeMission = Field(title="Premier jour", description="Premier jour de la période.")
    fin: JourDeMission = Field(
        title="Dernier jour",
        description="Dernier jour de la période, le même que le premier ou un jour postérieur.",
    )

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
    model_config = ConfigDict(title="Agent")

    civilite: Literal["M.", "Mme"] = Field(
        title="Civilité",
        description="Les actes s'accordent en conséquence (« adjoint », « adjointe »).",
        json_schema_extra=libelles(CIVILITES),
    )
    nom: Texte = Field(
        title="Nom", description="Nom de famille, tel qu'il figurera dans les actes."
    )
    prenom: Texte = Field(
        title="Prénom", description="Prénom usuel, tel qu'il figurera dans les actes."
    )
    statut: StatutAgent = Field(
        title="Statut",
        description="Fonctionnaire titulaire ou stagiaire, agent contractuel en CDI ou en CDD, "
        "retraité, ou élu : chacun a ses voies.",
        json_schema_extra=libelles(STATUTS_AGENT),
    )
    grade: Texte | None = Field(
        None,
        title="Grade ou emploi",
        description="Tel qu'il figurera dans les actes, par exemple « adjoint technique "
        "territorial ».",
    )
    categorie: Literal["A", "B", "C"] | None = Field(
        None,
        title="Catégorie",
        description="Catégorie hiérarchique du cadre d'emplois (A, B ou C).",
        json_schema_extra=libelles(CATEGORIES),
    )
    quotite_travail: Annotated[Decimal, Field(gt=0, le=1)] = Field(
        Decimal("1"),
        title="Quotité de travail",
        description="Part d'un temps plein : 1 pour un temps plein, 0,8 pour 80 %.",
    )
    date_naissance: Jour | None = Field(
        None,
        title="Date de naissance",
        description="Facultative ; sert par exemple à vérifier la limite d'âge d'un retraité.",
    )
    remuneration_brute_mensuelle: Montant | None = Field(
        None,
        title="Rémunération brute mensuelle (€)",
        description="En euros, deux décimales au plus.",
    )
    missions_dans_l_annee: Annotated[int, Field(ge=0)] | None = Field(
        None,
        title="Missions déjà faites dans l'année",
        description="Missions internationales que l'agent a déjà accomplies dans l'année ; "
        "certaines politiques locales les limitent.",
    )
    fin_contrat: Jour | None = Field(
        None,
        title="Fin du contrat",
        description="Dernier jour du contrat d'un agent contractuel : une mission qui le "
        "dépasse est signalée.",
    )


class Signataire(_Entree):
    model_config = ConfigDict(title="Signataire des actes")

    nom: Texte = Field(
        title="Nom du signataire", description="Prénom et nom, par exemple « André Lesueur »."
    )
    qualite: Texte = Field(
        title="Qualité", description="Fonction du signataire : « Président », « Maire »…"
    )


class Label(_Entree):
    model_config = ConfigDict(title="Label")

    nom: Texte = Field(title="Nom du label", description="Par exemple « EXPE-CT ».")
    obtenu_le: Jour = Field(title="Obtenu le", description="Date d'attribution du label.")
    fin: Jour | None = Field(None, title="Fin de validité", description="Si le label expire.")
    domaines: tuple[Texte, ...] = Field(
        (),
        title="Domaines",
        description="Domaines d'expertise couverts par le label, par exemple « gestion des "
        "déchets ».",
    )


class Employeur(_Entree):
    model_config = ConfigDict(title="Employeur")

    nom: Texte = Field(title="Nom", description="Nom de la collectivité ou de l'établissement.")
    siren: Annotated[str, Field(pattern=r"^\d{9}$")] | None = Field(
        None,
        title="SIREN",
        description="Neuf chiffres ; il permet de reconnaître la collectivité d'une politique "
        "locale.",
    )
    nature: NatureEmployeur = Field(
        title="Nature",
        description="Type de collectivité ou d'établissement public employeur.",
        json_schema_extra=libelles(NATURES_EMPLOYEUR),
    )
    departement: str = Field(
        title="Département",
        description="Code INSEE du département (« 75 », « 2A », « 972 »…) : ses jours fériés "
        "comptent dans le volume de la mission.",
    )
    signataire: Signataire | None = Field(
        None,
        title="Signataire des actes",
        description="L'autorité territoriale qui signe les actes, ou son délégataire.",
    )
    labels: tuple[Label, ...] = Field(
        (),
        title="Labels",
        description="Labels de la collectivité, par exemple le label EXPE-CT du ministère de "
        "l'Europe et des Affaires étrangères.",
    )

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
    model_config = ConfigDict(title="Organisme d'accueil")

    nom: Texte = Field(title="Nom", description="Nom de l'organisme qui accueille l'agent.")
    nature: NatureAccueil = Field(
        title="Nature",
        description="Ce qu'est l'organisme : les voies ouvertes à l'agent en dépendent (une "
        "mise à disposition n'est possible qu'auprès de certains organismes).",
        json_schema_extra=libelles(NATURES_ACCUEIL),
    )
    pays: CodePays = Field(
        title="Pays",
        description="Pays de l'organisme : code ISO 3166 en deux majuscules (CA pour le Canada).",
    )


class Mission(_Entree):
    """One international expertise mission of one agent (or elected official)."""

    version_contrat: str = Field(
        VERSION_CONTRAT,
        title="Version du contrat",
        description="Version du contrat JSON de la mission ; absente, la version courante.",
    )
    reference: Texte = Field(
        title="Référence du dossier",
        description="Référence de la mission dans le SIRH ou le registre de la collectivité ; "
        "elle nomme les fichiers produits.",
    )
    objet: Texte = Field(
        title="Objet de la mission",
        description="Ce que l'agent va faire, en une phrase : elle est reprise dans les actes.",
    )
    cadre: Cadre = Field(
        title="Cadre",
        description="Dans quel cadre la mission se fait : action extérieure de la collectivité "
        "(coopération décentralisée), programme EXPE-CT, opérateur d'assistance technique, "
        "organisation internationale ou État qui accueille directement, ou projet de l'agent.",
        json_schema_extra=libelles(CADRES),
    )
    sens: Sens = Field(
        "envoi",
        title="Sens",
        description="Envoi : l'agent part à l'étranger. Accueil : la collectivité reçoit en "
        "France des représentants étrangers, l'agent ne se déplace pas.",
        json_schema_extra=libelles(SENS),
    )
    pays: CodePays = Field(
        title="Pays de la mission",
        description="Code ISO 3166 en deux majuscules : CA pour le Canada, SN pour le Sénégal…",
    )
    vigilance: Vigilance | None = Field(
        None,
        title="Vigilance",
        description="Couleur de la zone dans les conseils aux voyageurs du ministère de l'Europe "
        "et des Affaires étrangères, si elle est connue.",
        json_schema_extra=libelles(VIGILANCES),
    )
    periodes: tuple[Periode, ...] = Field(
        min_length=1,
        title="Périodes",
        description="Une ou plusieurs périodes (mission « perlée ») ; dates au plus tôt le 1er "
        "juillet 2007.",
    )
    jours_expertise: Annotated[int, Field(ge=1)] | None = Field(
        None,
        title="Jours d'expertise",
        description="Nombre de jours d'expertise, s'il est fixé : il remplace le décompte des "
        "jours ouvrés des périodes.",
    )
    sur_temps_de_service: bool | None = Field(
        None,
        title="Sur le temps de service",
        description="La collectivité fait accomplir la mission sur le temps de service de "
        "l'agent (ordre de mission).",
    )
    teletravail_jours_par_semaine: Annotated[Decimal, Field(ge=0, le=5)] | None = Field(
        None,
        title="Télétravail (jours par semaine)",
        description="Jours de télétravail par semaine sur le poste d'origine pendant la "
        "mission, de 0 à 5.",
    )
    remplacement: bool | None = Field(
        None, title="Agent remplacé", description="L'agent est remplacé sur son poste."
    )
    remuneration_accueil: Montant | None = Field(
        None,
        title="Rémunération versée par l'accueil (€)",
        description="Complément de rémunération que verse l'organisme d'accueil, en euros.",
    )
    # The share of the agent's own service, not a share of a full-time post: an agent working
    # at 80 % put at the host's disposal for all of it has a quotité of 1 here.
    quotite_mise_a_disposition: Annotated[Decimal, Field(gt=0, le=1)] = Field(
        Decimal("1"),
        title="Quotité de mise à disposition",
        description="Part du service de l'agent mise à la disposition de l'organisme d'accueil "
        "(mise à disposition seulement) : 1 pour la totalité de son service, 0,5 pour la "
        "moitié. Ce n'est pas la quotité de travail de l'agent.",
    )
    date_demande: JourDeMission | None = Field(
        None,
        title="Date de la demande",
        description="La procédure (délais, sens du silence) se lit à cette date ; à défaut, au "
        "premier jour de la mission.",
    )
    agent: Agent = Field(
        title="L'agent", description="La personne envoyée en mission : agent ou élu."
    )
    employeur: Employeur = Field(
        title="L'employeur", description="La collectivité ou l'établissement qui l'emploie."
    )
    accueil: Accueil = Field(
        title="L'organisme d'accueil",
        description="Qui accueille l'agent à l'étranger, ou la délégation reçue en France.",
    )
    # Frozen by copy: every plugin reads the same values, and the caller keeps its own dict.
    extensions: Annotated[dict[str, Any], AfterValidator(geler)] = Field(
        default_factory=DictFige,
        title="Extensions",
        description="Champs propres à chaque plugin, sous la clé du plugin.",
    )

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


# The entries of a decision are the findings rules return (missio.findings): each output model
# below is built from its finding's fields, in their order, so that a field is declared once.
_CHAMPS_DE_REGLE = frozenset(("regle", "fondements", "le"))


def _entree(
    constat: type[f.Finding], nom: str, doc: str | None = None, *, origine: bool = False
) -> type[_Sortie]:
    """The output model of one kind of entry: the finding's own fields (every one required in
    the output: a missing value is written null), then, with `origine`, the plugin and rule
    that raised it, then the citation keys it rests on."""
    types = get_type_hints(
        constat, globalns=globals(), localns={"ClassVar": ClassVar}, include_extras=True
    )
    champs: dict[str, Any] = {
        champ.name: (types[champ.name], ...)
        for champ in attrs.fields(constat)
        if champ.name not in _CHAMPS_DE_REGLE
    }
    if origine:
        champs |= {"plugin": (str, ...), "regle": (str, ...)}
    champs["fondements"] = (list[str], ...)
    modele: type[_Sortie] = create_model(
        nom, __base__=_Sortie, __doc__=doc, __module__=__name__, **champs
    )
    return modele


if TYPE_CHECKING:
    # Built at run time: type checkers see entries as Any (their fields are the findings').
    Obligation: TypeAlias = Any
    Financement: TypeAlias = Any
    Alerte: TypeAlias = Any
    Blocage: TypeAlias = Any
    Alternative: TypeAlias = Any
    ConditionActe: TypeAlias = Any
    CasRetenu: TypeAlias = Any
else:
    Obligation = _entree(f.Obligation, "Obligation")
    Financement = _entree(f.Financement, "Financement")
    Alerte = _entree(f.Alerte, "Alerte")
    Blocage = _entree(f.Blocage, "Blocage", origine=True)
    Alternative = _entree(f.Alternative, "Alternative")
    ConditionActe = _entree(
        f.Condition,
        "ConditionActe",
        "A condition the collectivité must state in its acts (``code``, French ``libelle``).",
    )
    CasRetenu = _entree(
        f.Cas,
        "CasRetenu",
        "The legal case the route rests on; its key (in ``fondements``) gives the article.",
    )

# The output model of each finding that is an entry of the decision.
ENTREES: dict[type[f.Finding], type[_Sortie]] = {
    f.Obligation: Obligation,
    f.Financement: Financement,
    f.Alerte: Alerte,
    f.Blocage: Blocage,
    f.Alternative: Alternative,
    f.Condition: ConditionActe,
    f.Cas: CasRetenu,
}


class EntreeTrace(_Sortie):
    """One rule that fired: who, what it concluded, and on which basis (with its mark)."""

    plugin: str
    regle: str
    # The kind of finding (``voie``, ``obligation``, ``document``… ``constat``; ``blocage`` for
    # a plugin that failed, ``parametre`` for a parameter set) and the value that identifies it
    # (an obligation's or document's code, a financement's poste, a route's dispositif), or
    # None: what provenance and reviewers look up, never the French sentence.
    genre: str
    code: str | None
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
