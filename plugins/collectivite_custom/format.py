"""The policy file format, as pydantic models: validated at load, exported as JSON Schema.

A policy is data, never code: conditions are a closed set of typed fields compared with fixed
operators, effects a closed set of finding types. Nothing in a policy file is evaluated. The
format only lets a collectivité *add* to the law (obligations, costs, alerts, blocages,
documents) and set the parameters a plugin declares as left to the employer: there is no
effect that chooses a dispositif or lifts a blocage, and the words for it are refused with a
message saying why (see :data:`CLES_INTERDITES`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from missio.calendar import ModeSolidarite
from missio.legal import StatutReference
from missio.models import (
    Acteur,
    Cadre,
    CodePays,
    NatureAccueil,
    NiveauAlerte,
    StatutAgent,
    Vigilance,
)

VERSION_FORMAT = "1"
A_COMPLETER = "à compléter"

# Words of the statutory plugins' vocabulary that a policy may not use: a policy adds to the law,
# it never picks the legal vehicle nor lifts what the statute or a programme blocks.
CLES_INTERDITES = {
    "dispositif": "choisir le dispositif",
    "voie": "choisir le dispositif",
    "alternative": "proposer un dispositif",
    "alternatives": "proposer un dispositif",
    "conforme": "déclarer la mission conforme",
    "lever_blocage": "lever un blocage",
    "supprimer_blocage": "lever un blocage",
    "supprimer": "retirer un effet d'un autre plugin",
    "autoriser": "autoriser ce que la loi interdit",
    "derogation": "déroger à la loi",
}


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def _en_liste(valeur: Any) -> Any:
    """``cadre: expe_ct`` is read as ``cadre: [expe_ct]``."""
    return [valeur] if isinstance(valeur, str | int | float | Decimal | bool) else valeur


def _en_intervalle(valeur: Any) -> Any:
    """``duree_mois: 6`` is read as ``duree_mois: {egal: 6}``."""
    if isinstance(valeur, int | float | Decimal | str) and not isinstance(valeur, bool):
        return {"egal": valeur}
    return valeur


def _montant(valeur: Any) -> Any:
    """Accept amounts as HR officers write them: ``1000``, ``1000.00``, ``"1 000,00 €"``."""
    if isinstance(valeur, float | int) and not isinstance(valeur, bool):
        return Decimal(str(valeur)).quantize(Decimal("0.01"))
    if isinstance(valeur, str):
        texte = valeur.replace("€", "").replace("\u202f", "").replace("\xa0", "")
        texte = texte.replace(" ", "").replace(",", ".")
        try:
            return Decimal(texte).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise PydanticCustomError(
                "montant",
                "« {valeur} » n'est pas un montant. Écrivez par exemple 1000.00 ou « 1 000,00 € ».",
                {"valeur": valeur},
            ) from None
    return valeur


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Texte = Annotated[str, Field(min_length=1, max_length=2000)]
Montant = Annotated[
    Decimal,
    BeforeValidator(_montant),
    Field(ge=0, max_digits=12, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}],
            "description": "Montant en euros : 1000.00 ou « 1 000,00 € ».",
        }
    ),
]
References = Annotated[tuple[Code, ...], BeforeValidator(_en_liste), Field(min_length=1)]


class _Modele(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _ajoute_seulement(cls, donnees: Any) -> Any:
        if isinstance(donnees, dict):
            for cle in donnees:
                if cle in CLES_INTERDITES:
                    raise PydanticCustomError(
                        "politique_assouplit",
                        "« {cle} » : une politique locale ne peut pas {quoi}. Elle s'ajoute à la "
                        "loi et aux programmes (obligations, frais, alertes, blocages, documents) "
                        "sans jamais les assouplir ; seuls les paramètres que la loi laisse à "
                        "l'employeur se règlent, dans « parametres ».",
                        {"cle": cle, "quoi": CLES_INTERDITES[cle]},
                    )
        return donnees


# --- conditions -------------------------------------------------------------------------------


class Intervalle(_Modele):
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


class ConditionFait(_Modele):
    """Condition sur un fait déclaré par la politique (« faits ») : une valeur ou des bornes."""

    egal: bool | Decimal | str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    plus_de: Decimal | None = None
    moins_de: Decimal | None = None


def _en_condition_fait(valeur: Any) -> Any:
    return valeur if isinstance(valeur, dict) else {"egal": valeur}


class Conditions(_Modele):
    """Conditions sur la mission ; toutes doivent être remplies (une liste : l'une des valeurs)."""

    cadre: Annotated[tuple[Cadre, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None = (
        None
    )
    accueil: (
        Annotated[tuple[NatureAccueil, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Nature de l'organisme d'accueil (accueil.nature).")
    pays: (
        Annotated[tuple[CodePays, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Pays de la mission (codes ISO, « CA », « SN »…).")
    pays_exclus: (
        Annotated[tuple[CodePays, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Pays pour lesquels la règle ne s'applique pas.")
    vigilance: (
        Annotated[tuple[Vigilance, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None
    ) = Field(None, description="Couleur des conseils aux voyageurs pour la destination.")
    statut: (
        Annotated[tuple[StatutAgent, ...], BeforeValidator(_en_liste), Field(min_length=1)] | None
    ) = None
    categorie: (
        Annotated[
            tuple[Literal["A", "B", "C"], ...], BeforeValidator(_en_liste), Field(min_length=1)
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


# --- deadlines --------------------------------------------------------------------------------

_ECHEANCE = re.compile(
    r"^(?:(?P<n>\d+)\s+(?P<unite>jours?\s+ouvres?|jours?(?:\s+calendaires?)?|semaines?|mois)\s+)?"
    r"(?P<sens>avant|apres)\s+(?:le\s+)?(?P<ref>depart|retour)$"
)
_JOUR_MEME = re.compile(r"^(?:au|le\s+jour\s+du)\s+(?P<ref>depart|retour)$")

FORMES_ECHEANCE = (
    "« 15 jours avant le départ », « 10 jours ouvrés avant le départ », « 2 semaines avant le "
    "départ », « 2 mois après le retour », « avant le départ » (dernier jour ouvré), « au retour »"
)


class Echeance(_Modele):
    """A deadline relative to the mission, parsed from French (« 15 jours avant le départ »)."""

    nombre: int = Field(ge=0, le=3650)
    unite: Literal["jours", "jours_ouvres", "mois"]
    sens: Literal["avant", "apres"]
    reference: Literal["depart", "retour"]
    texte: str


def _lire_echeance(valeur: Any) -> Any:
    if not isinstance(valeur, str):
        return valeur
    texte = " ".join(_sans_accents(valeur).replace("’", "'").split())
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
    BeforeValidator(_lire_echeance),
    WithJsonSchema(
        {
            "type": "string",
            "description": f"Échéance relative à la mission. Formes admises : {FORMES_ECHEANCE}.",
            "examples": ["15 jours avant le départ", "2 mois après le retour"],
        }
    ),
]


# --- effects ----------------------------------------------------------------------------------


class Bareme(_Modele):
    """Taux par pays multiplié par une durée (per diem écrit par la collectivité)."""

    par: Literal["jour", "nuit", "jour_ouvre", "mois"] = Field(
        description="Unité multipliée par le taux : jour calendaire, nuit, jour ouvré, mois."
    )
    taux: dict[CodePays, Montant] = Field(min_length=1, description="Taux par code pays.")
    defaut: Montant | None = Field(None, description="Taux d'un pays absent du tableau.")
    plafond: Montant | None = Field(None, description="Montant total maximal.")


class EffetFinancement(_Modele):
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


class EffetObligation(_Modele):
    """Démarche à accomplir, par un responsable, avant une échéance."""

    code: Code | None = None
    libelle: Texte
    responsable: Acteur
    echeance: EcheanceTexte | None = None
    fondement: References | None = None


class EffetPiece(_Modele):
    """Pièce à joindre au dossier (lettre de motivation, facture, attestation…)."""

    code: Code | None = None
    libelle: Texte
    fournie_par: Acteur = "agent"
    echeance: EcheanceTexte | None = None
    fondement: References | None = None


class EffetApprobation(_Modele):
    """Accord écrit d'une autorité (rôle) requis avant le départ."""

    code: Code | None = None
    role: Texte = Field(description="Qui donne son accord : « le directeur général des services ».")
    libelle: Texte | None = None
    echeance: EcheanceTexte = Field(
        default_factory=lambda: Echeance.model_validate(_lire_echeance("avant le départ"))
    )
    fondement: References | None = None


class EffetAlerte(_Modele):
    """Alerte dans la décision : info ou attention."""

    code: Code | None = None
    niveau: NiveauAlerte = "attention"
    message: Texte
    fondement: References | None = None


class EffetBlocage(_Modele):
    """Non-conformité : la mission ne peut pas partir ainsi ; dites ce qui la rendrait possible."""

    code: Code | None = None
    message: Texte
    remede: Texte | None = None
    fondement: References | None = None


class EffetDocument(_Modele):
    """Acte que missio doit rédiger, par code de modèle (decision_prime_installation…)."""

    code: Code
    fondement: References | None = None


class Effet(_Modele):
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


# --- the policy -------------------------------------------------------------------------------


class Collectivite(_Modele):
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
    if isinstance(valeur, str) and _sans_accents(valeur.strip()) == _sans_accents(A_COMPLETER):
        return A_COMPLETER
    return valeur


class Fondement(_Modele):
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
        None, description="Vérification ; « a_verifier » d'office si une référence est à compléter."
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
        return _sans_accents(self.numero or "") == _sans_accents(A_COMPLETER) or (
            self.date == A_COMPLETER
        )

    @property
    def en_vigueur_depuis(self) -> datetime.date | None:
        return self.date_effet or (self.date if isinstance(self.date, datetime.date) else None)


class Fait(_Modele):
    """Donnée propre à la politique, fournie par la mission sous extensions.<code politique>."""

    type: Literal["entier", "nombre", "booleen", "texte"]
    libelle: Texte


class Parametre(_Modele):
    """Paramètre nommé qu'un plugin déclare et laisse à l'employeur (seuils DAECT…)."""

    nom: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    valeur: JsonValue
    fondement: References | None = None


class Regle(_Modele):
    """Une phrase de la politique : si la mission remplit les conditions, alors les effets."""

    code: Code
    titre: Texte
    texte: Texte | None = Field(None, description="La phrase de la politique, telle que votée.")
    si: Conditions = Field(default_factory=Conditions)
    sauf: Conditions | None = Field(None, description="La règle ne s'applique pas si…")
    fondement: References | None = None
    alors: tuple[Effet, ...] = Field(min_length=1)


class Politique(_Modele):
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
