"""What the mission form asks, read from the mission's JSON Schema.

Each property of the schema becomes a :class:`ChampFormulaire` (its title, its help text, how it is typed
in: text, date, number, yes/no, a choice among the ``enum`` with the labels of
``x-libelles``), nested as the contract nests them. Nothing here names a field of the contract
except :data:`DOSSIER` and the order of :func:`sections`, which only say where a person expects
a field: a field the schema gains appears in the form without any change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Genre = Literal["texte", "entier", "nombre", "date", "booleen", "choix", "textes", "objet", "liste"]
SCALAIRES = frozenset({"texte", "entier", "nombre", "date", "booleen", "choix", "textes"})

# The fields a person gives first, as « the mission »; the contract's version is not asked.
DOSSIER = ("reference", "objet", "cadre", "sens", "pays", "vigilance", "date_demande")
# Then who goes, who sends, who receives, when; any other object or list comes after them.
PERSONNES = ("agent", "employeur", "accueil", "periodes")
MASQUES = frozenset({"version_contrat"})
EXTENSIONS = "extensions"


@dataclass(frozen=True, slots=True)
class ChampFormulaire:
    """One field of the form (or a group of fields: an object, a list of objects)."""

    cle: str
    genre: Genre
    titre: str
    aide: str | None = None
    obligatoire: bool = False
    defaut: str | None = None
    choix: tuple[tuple[str, str], ...] = ()
    enfants: tuple[ChampFormulaire, ...] = ()
    # For a list of objects: the title of one element (« Période ») and the minimum count.
    titre_element: str = ""
    minimum: int = 0
    # For a plugin's fields: the mission fields and values for which they apply.
    si: Mapping[str, tuple[str, ...]] | None = None

    @property
    def scalaire(self) -> bool:
        return self.genre in SCALAIRES


@dataclass(frozen=True, slots=True)
class Section:
    """One fieldset of the page's top level."""

    cle: str
    titre: str
    aide: str | None
    champs: tuple[ChampFormulaire, ...]
    # A section made of one object or list shows that field's own fieldset.
    groupe: ChampFormulaire | None = None


def _premiere_majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _titre_par_defaut(cle: str) -> str:
    return _premiere_majuscule(cle.replace("_", " "))


def valeur_brute(valeur: Any) -> str:
    """A JSON value as typed in a field: ``true``/``false`` for booleans, numbers as written."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, str):
        return valeur
    if isinstance(valeur, int | float):
        return str(valeur)
    import json

    return json.dumps(valeur, ensure_ascii=False)


class _Lecteur:
    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.definitions: Mapping[str, Any] = schema.get("$defs", {})

    def resoudre(self, noeud: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = noeud.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return self.resoudre(self.definitions[ref.rsplit("/", 1)[1]])
        return noeud

    def forme(self, propriete: Mapping[str, Any]) -> Mapping[str, Any]:
        """The shape of a value, a null alternative put aside (``anyOf: [X, null]`` is X).
        A decimal (``anyOf: [number, string]``) is a number."""
        noeud = self.resoudre(propriete)
        if "anyOf" not in noeud:
            return noeud
        membres = [self.resoudre(m) for m in noeud["anyOf"] if m.get("type") != "null"]
        if len(membres) == 1:
            return membres[0]
        types = {m.get("type") for m in membres}
        for genre in ("number", "integer"):
            if genre in types:
                return next(m for m in membres if m.get("type") == genre)
        return membres[0] if membres else {}

    def champ(
        self, cle: str, propriete: Mapping[str, Any], obligatoire: bool
    ) -> ChampFormulaire | None:
        forme = self.forme(propriete)
        titre = propriete.get("title") or forme.get("title") or _titre_par_defaut(cle)
        aide = propriete.get("description") or forme.get("description")
        libelles = propriete.get("x-libelles") or forme.get("x-libelles") or {}
        defaut = valeur_brute(propriete.get("default"))
        commun: dict[str, Any] = {
            "cle": cle,
            "titre": titre,
            "aide": aide,
            "obligatoire": obligatoire,
            "defaut": defaut or None,
        }
        if "enum" in forme:
            choix = tuple(
                (str(v), _premiere_majuscule(str(libelles.get(str(v), v)))) for v in forme["enum"]
            )
            return ChampFormulaire(genre="choix", choix=choix, **commun)
        genre = forme.get("type")
        if genre == "object":
            if "properties" not in forme:
                return None  # a free mapping: nothing a form can ask field by field
            si = forme.get("x-missio-si")
            return ChampFormulaire(
                genre="objet",
                enfants=self.champs(forme),
                si={k: tuple(map(str, v)) for k, v in si.items()} if si else None,
                **commun,
            )
        if genre == "array":
            elements = self.forme(forme.get("items", {}))
            if elements.get("type") == "object" and "properties" in elements:
                return ChampFormulaire(
                    genre="liste",
                    enfants=self.champs(elements),
                    titre_element=elements.get("title") or titre,
                    minimum=int(forme.get("minItems", 0)),
                    **commun,
                )
            if elements.get("type") == "string":
                return ChampFormulaire(genre="textes", **commun)
            return None
        simples: dict[Any, Genre] = {"boolean": "booleen", "integer": "entier", "number": "nombre"}
        if genre in simples:
            return ChampFormulaire(genre=simples[genre], **commun)
        if genre == "string":
            return ChampFormulaire(
                genre="date" if forme.get("format") == "date" else "texte", **commun
            )
        return None

    def champs(self, objet: Mapping[str, Any]) -> tuple[ChampFormulaire, ...]:
        requis = set(objet.get("required", ()))
        lus = (
            self.champ(cle, propriete, cle in requis)
            for cle, propriete in objet.get("properties", {}).items()
        )
        return tuple(c for c in lus if c is not None)


def lire_schema(schema: Mapping[str, Any]) -> tuple[ChampFormulaire, ...]:
    """The mission's fields, in the schema's order (the contract's version left out)."""
    lecteur = _Lecteur(schema)
    return tuple(c for c in lecteur.champs(lecteur.resoudre(schema)) if c.cle not in MASQUES)


def sections(
    champs: tuple[ChampFormulaire, ...], titre_dossier: str = "La mission"
) -> list[Section]:
    """The page's fieldsets, as a person thinks of a mission: the mission itself, the agent,
    the employer, the host, the periods, the mission's terms (every other plain field), any
    other group, then each plugin's fields."""
    par_cle = {c.cle: c for c in champs}
    resultat = [
        Section("dossier", titre_dossier, None, tuple(par_cle[k] for k in DOSSIER if k in par_cle))
    ]
    resultat += [
        Section(k, par_cle[k].titre, None, (), par_cle[k]) for k in PERSONNES if k in par_cle
    ]
    places = {*DOSSIER, *PERSONNES, EXTENSIONS}
    termes = tuple(c for c in champs if c.scalaire and c.cle not in places)
    if termes:
        resultat.append(Section("termes", "Les termes de la mission", None, termes))
    resultat += [
        Section(c.cle, c.titre, None, (), c)
        for c in champs
        if not c.scalaire and c.cle not in places
    ]
    extensions = par_cle.get(EXTENSIONS)
    if extensions is not None:
        resultat += [
            Section(f"{EXTENSIONS}.{c.cle}", c.titre, None, (), c) for c in extensions.enfants
        ]
    return [s for s in resultat if s.champs or s.groupe is not None]


def parcourir(champs: tuple[ChampFormulaire, ...]) -> Iterator[ChampFormulaire]:
    """Every field, depth first."""
    for champ in champs:
        yield champ
        yield from parcourir(champ.enfants)
