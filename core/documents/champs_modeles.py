"""The fields a template may read: the context's names and the tree of what each holds.

The tree is built from the contract's JSON Schemas (:class:`~missio.models.Mission`,
:class:`~missio.models.Decision`), so a field added to the contract is offered to templates
without further code. It serves twice: to check every template at load time
(:class:`~missio.documents.verification_modeles.Verificateur`) and to generate ``docs/modeles.md``; kept
apart from the :class:`~missio.documents.Redacteur` that builds the context's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from missio.documents.verification_modeles import LIBRE, Champ
from missio.models import Decision, Mission

if TYPE_CHECKING:
    from missio.engine import DocumentDeclare

# What each function of the context does, for docs/modeles.md (the names are checked at load).
FONCTIONS = {
    "citer": "citer(cle, le=None, avec_article=False) : la référence juridique `cle` en vigueur "
    "aux dates de la mission (ou au jour `le`, AAAA-MM-JJ), suivie de « (à vérifier) », surligné, "
    "quand elle n'a pas été lue (elle figure alors dans l'encadré « Avant signature ») ; plusieurs "
    "versions sont séparées par « ; » ; `avec_article=True` ne cite que les versions qui "
    "nomment un article.",
    "reference": "reference(cle, le=None) : la référence `cle` telle que la décision la cite "
    "(ses fondements), ou rien quand la décision ne la cite pas : pour un texte sur lequel "
    "seules certaines décisions reposent ; avec `le` (AAAA-MM-JJ), la version que la décision "
    "cite en vigueur ce jour-là.",
    "a_completer": "a_completer(libelle, longueur=24) : une ligne pointillée à compléter, "
    "signalée dans l'encadré « Avant signature » par son libellé (« date de la demande de "
    "l'agent »).",
    "encadre_revue": "encadre_revue : seul dans un paragraphe en tête de l'acte, y place "
    "l'encadré « Avant signature » (références à vérifier, informations à compléter) ; rien "
    "quand l'acte n'a ni l'un ni l'autre.",
    "source": "source(regle=…, cles=[…], champs=[…]) : déclare d'où vient le paragraphe (règle "
    "de la décision, références, données de la mission) pour sa provenance ; n'écrit rien.",
    "accord": "accord(masculin, feminin) : la forme qui s'accorde avec la civilité de l'agent "
    "(« mis » ou « mise »).",
    "pays_nom": "pays_nom(code) : le nom français d'un pays (« CA » → « Canada »).",
    "en_pays": "en_pays(code) : le pays précédé de sa préposition (« au Canada », « en Tunisie »,"
    " « aux États-Unis », « à Madagascar »).",
    "titre_document": "titre_document(code) : le titre d'un document déclaré.",
    "dispositif_nom": "dispositif_nom(code) : le nom d'un dispositif (« mise à disposition »).",
    "acteur_nom": "acteur_nom(code) : le nom d'un acteur (« la collectivité », « l'agent »…).",
    "statut_nom": "statut_nom(code) : le statut de l'agent en toutes lettres "
    "(« fonctionnaire titulaire »).",
    "obligation": "obligation(code) : l'obligation de la décision qui porte ce code, ou rien "
    "(à tester avec {% if %}).",
    "financement": "financement(poste) : le premier financement de ce poste, ou rien.",
    "cas": "cas(code) : le cas juridique retenu par la décision sous ce code "
    "(`cas('detachement.cas').fondements[0]` : la clé qui cite son article), ou rien.",
    "condition": "condition(code) : la condition que la décision demande de mentionner dans "
    "les actes sous ce code (`condition('mad.lien_fonctionnel')`), ou rien.",
    "logo": "logo : le logo de la collectivité (image), vide quand le moteur n'en a pas ; à "
    "placer seul dans un texte, par exemple en en-tête.",
}


def _type(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "un de : " + ", ".join(str(v) for v in schema["enum"])
    if schema.get("format") == "date":
        return "date AAAA-MM-JJ (filtre date_fr)"
    return {
        "string": "texte",
        "number": "nombre",
        "integer": "entier",
        "boolean": "oui/non",
    }.get(str(schema.get("type")), "valeur")


def champ_schema(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Champ:
    """The :class:`Champ` tree of a JSON Schema (pydantic's, ``$ref`` resolved)."""
    if "$ref" in schema:
        return champ_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        facultatif = len(options) < len(schema["anyOf"])
        champ = champ_schema(options[0], defs) if len(options) == 1 else Champ(type="valeur")
        if facultatif:
            return Champ(
                champ.proprietes, champ.elements, champ.libre, type=f"{champ.type}, ou vide"
            )
        return champ
    if schema.get("type") == "object":
        proprietes = schema.get("properties")
        if not proprietes:
            return Champ(libre=True, type="données libres")
        return Champ({k: champ_schema(v, defs) for k, v in proprietes.items()}, type="objet")
    if schema.get("type") == "array":
        return Champ(elements=champ_schema(schema.get("items", {}), defs), type="liste")
    if "type" not in schema and "enum" not in schema:
        return Champ(libre=True, type="valeur")
    return Champ(type=_type(schema))


def _racines() -> dict[str, Champ]:
    mission = Mission.model_json_schema(mode="serialization")
    decision = Decision.model_json_schema(mode="serialization")
    arbre_mission = champ_schema(mission, mission.get("$defs", {}))
    arbre_decision = champ_schema(decision, decision.get("$defs", {}))
    assert arbre_mission.proprietes is not None
    date_iso = Champ(type="date AAAA-MM-JJ (filtre date_fr)")
    racines = {
        "mission": arbre_mission,
        "decision": arbre_decision,
        "agent": arbre_mission.proprietes["agent"],
        "employeur": arbre_mission.proprietes["employeur"],
        "accueil": arbre_mission.proprietes["accueil"],
        "dates": Champ(
            {"debut": date_iso, "fin": date_iso, "procedure": date_iso},
            type="objet : premier et dernier jour de la mission, date de la procédure",
        ),
        "doc": LIBRE,
    }
    racines |= {nom: Champ(type="fonction") for nom in FONCTIONS}
    return racines


RACINES = _racines()
NOMS_CONTEXTE = frozenset(RACINES)


def retours_fonctions() -> dict[str, Champ]:
    """What the context functions ``obligation(code)``, ``financement(poste)``, ``cas(code)``
    and ``condition(code)`` return."""
    elements = RACINES["decision"].proprietes or {}
    return {
        "obligation": elements["obligations"].elements or LIBRE,
        "financement": elements["financements"].elements or LIBRE,
        "cas": elements["cas"].elements or LIBRE,
        "condition": elements["conditions"].elements or LIBRE,
    }


def champ_doc(declare: DocumentDeclare) -> Champ:
    """``doc``: the fields a document's own context declares (``contexte.champs``), if any."""
    champs = getattr(declare.contexte, "champs", None)
    if not champs:
        return LIBRE
    return Champ({nom: Champ(libre=True, type=str(texte)) for nom, texte in champs.items()})
