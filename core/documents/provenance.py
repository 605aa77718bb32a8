"""Where each paragraph of an act comes from: read from the template when it is loaded, marked
in it so that a render says which template paragraph wrote which paragraph of the act, and
written out as the act's provenance (``<code>.provenance.json``, review comments).

At load time, :func:`marquer` walks the compiled template (its Jinja syntax tree, once
docxtpl's paragraph tags are resolved): for each ``<w:p>`` of the body it records what the
paragraph reads (:class:`Lecture`: the legal keys it cites with ``citer``, the mission's fields,
the decision's elements, and what the template author declared with ``source(…)``), the
conditions and loops that enclose it included; and it inserts a mark after the paragraph's
opening tag, a call that records the loop items (an obligation, a financement) the paragraph is
written for. A render thus knows, for each paragraph of the act, its template paragraph and
items; :func:`provenance_acte` turns that into rules (from the decision's trace), references
(resolved at the mission's dates) and fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from jinja2 import nodes

from missio.documents.releve import MARQUE
from missio.legal import citation

if TYPE_CHECKING:
    from missio.legal import Referentiel

_OUVERTURE = re.compile(r"<w:p(?=[ >])[^>]*(?<!/)>")
_FERMETURE = "</w:p>"
# Context names that stand for part of the mission, and the path they abbreviate.
_RACINES_MISSION = {
    "mission": "mission",
    "agent": "mission.agent",
    "employeur": "mission.employeur",
    "accueil": "mission.accueil",
}
_DATES = {
    "debut": "mission.periodes",
    "fin": "mission.periodes",
    "procedure": "mission.date_demande",
}
# The fields the working-day volume is computed from (the employer's territory sets holidays).
VOLUME = ("mission.periodes", "mission.jours_expertise", "mission.employeur.departement")
_FONCTIONS_AGENT = {"accord": "mission.agent.civilite"}
NOM_MARQUE = "missio_marque"
_TITRES_MOTEUR = {
    "volume_jours_ouvres": "Jours ouvrés du territoire de l'employeur compris dans les "
    "périodes (ou jours d'expertise déclarés)",
    "jours_ouvres_periodes": "Jours ouvrés du territoire de l'employeur compris dans les périodes",
}


@dataclass
class Lecture:
    """What one template paragraph reads: legal keys, mission fields, decision elements
    (``dispositif``, ``obligation:<code>``, ``financement:<poste>``, ``financements``…), and
    the rules its author declared with ``source(regle=…)``."""

    cles: list[str] = field(default_factory=list)
    champs: list[str] = field(default_factory=list)
    decision: list[str] = field(default_factory=list)
    regles: list[str] = field(default_factory=list)

    def ajouter(self, autre: Lecture) -> None:
        for nom in ("cles", "champs", "decision", "regles"):
            cible = getattr(self, nom)
            cible.extend(x for x in getattr(autre, nom) if x not in cible)

    def note(self, genre: str, valeur: str) -> None:
        cible = getattr(self, genre)
        if valeur not in cible:
            cible.append(valeur)

    @property
    def depend_de_la_decision(self) -> bool:
        return bool(self.cles or self.decision or self.regles)


def marquer(ast: nodes.Template) -> dict[int, Lecture]:
    """Mark every paragraph of a compiled body part (in place) and return what each reads,
    by paragraph number (the number its mark carries)."""
    parcours = _Parcours()
    parcours.bloc(ast.body, [], {})
    return parcours.lectures


class _Parcours:
    def __init__(self) -> None:
        self.lectures: dict[int, Lecture] = {}
        self.courant: Lecture | None = None

    # --- statements ------------------------------------------------------------------------

    def bloc(self, corps: list[nodes.Node], portee: list[Lecture], boucles: dict[str, str]) -> None:
        for noeud in corps:
            self.instruction(noeud, portee, boucles)

    def instruction(
        self, noeud: nodes.Node, portee: list[Lecture], boucles: dict[str, str]
    ) -> None:
        if isinstance(noeud, nodes.Output):
            noeud.nodes = self._sortie(noeud.nodes, portee, boucles)
        elif isinstance(noeud, nodes.If):
            condition = self._expression(noeud.test, boucles)
            if self.courant is not None:  # a condition inside a paragraph: it reads it too
                self.courant.ajouter(condition)
            interieure = [*portee, condition]
            self.bloc(noeud.body, interieure, boucles)
            for branche in noeud.elif_:
                self.instruction(branche, interieure, boucles)
            self.bloc(noeud.else_, interieure, boucles)
        elif isinstance(noeud, nodes.For):
            source = self._expression(noeud.iter, boucles)
            if noeud.test is not None:
                source.ajouter(self._expression(noeud.test, boucles))
            if self.courant is not None:
                self.courant.ajouter(source)
            chemin = _chemin(noeud.iter, boucles)
            interieures = dict(boucles)
            if isinstance(noeud.target, nodes.Name) and chemin:
                interieures[noeud.target.name] = chemin + "[]"
            self.bloc(noeud.body, [*portee, source], interieures)
            self.bloc(noeud.else_, [*portee, source], boucles)
        else:
            lecture = Lecture()
            for enfant in noeud.iter_child_nodes():
                if isinstance(enfant, nodes.Stmt):
                    self.instruction(enfant, portee, boucles)
                else:
                    lecture.ajouter(self._expression(enfant, boucles))
            if self.courant is not None:
                self.courant.ajouter(lecture)

    def _sortie(
        self, morceaux: list[nodes.Expr], portee: list[Lecture], boucles: dict[str, str]
    ) -> list[nodes.Expr]:
        resultat: list[nodes.Expr] = []
        for morceau in morceaux:
            if not isinstance(morceau, nodes.TemplateData):
                if self.courant is not None:
                    self.courant.ajouter(self._expression(morceau, boucles))
                resultat.append(morceau)
                continue
            resultat.extend(self._donnees(morceau, portee, boucles))
        return resultat

    def _donnees(
        self, morceau: nodes.TemplateData, portee: list[Lecture], boucles: dict[str, str]
    ) -> Iterable[nodes.Expr]:
        """Split raw XML at each paragraph's opening tag to insert that paragraph's mark."""
        texte, position = morceau.data, 0
        while True:
            ouverture = _OUVERTURE.search(texte, position)
            fermeture = texte.find(_FERMETURE, position)
            if fermeture != -1 and (ouverture is None or fermeture < ouverture.start()):
                self.courant = None
                position = fermeture + len(_FERMETURE)
                continue
            if ouverture is None:
                break
            numero = len(self.lectures)
            lecture = Lecture()
            for condition in portee:
                lecture.ajouter(condition)
            self.lectures[numero] = self.courant = lecture
            items = _items(boucles)
            if not items:
                # A paragraph outside the decision's loops: a static mark costs nothing.
                yield nodes.TemplateData(
                    texte[: ouverture.end()] + f"<!--{MARQUE}:{numero}-->", lineno=morceau.lineno
                )
            else:
                yield nodes.TemplateData(texte[: ouverture.end()], lineno=morceau.lineno)
                elements = [nodes.Name(nom, "load", lineno=morceau.lineno) for nom in items]
                yield nodes.Call(
                    nodes.Name(NOM_MARQUE, "load", lineno=morceau.lineno),
                    [nodes.Const(numero, lineno=morceau.lineno), *elements],
                    [],
                    None,
                    None,
                    lineno=morceau.lineno,
                )
            texte, position = texte[ouverture.end() :], 0
        if texte:
            yield nodes.TemplateData(texte, lineno=morceau.lineno)

    # --- expressions -----------------------------------------------------------------------

    def _expression(self, noeud: nodes.Node, boucles: dict[str, str]) -> Lecture:
        lecture = Lecture()
        for sous in _noeuds(noeud):
            if isinstance(sous, nodes.Call) and isinstance(sous.node, nodes.Name):
                _appel(sous, lecture)
            elif isinstance(sous, nodes.Getattr | nodes.Name):
                chemin = _chemin(sous, boucles)
                if chemin:
                    _champ(chemin, lecture)
        return lecture


def _noeuds(noeud: nodes.Node) -> Iterable[nodes.Node]:
    """The node and its descendants, outermost attribute chains first (a chain is read whole:
    ``agent.nom`` counts once, not also as ``agent``)."""
    yield noeud
    if isinstance(noeud, nodes.Getattr):
        racine = noeud.node
        while isinstance(racine, nodes.Getattr):
            racine = racine.node
        if not isinstance(racine, nodes.Name):
            yield from _noeuds(racine)
        return
    for enfant in noeud.iter_child_nodes():
        yield from _noeuds(enfant)


def _items(boucles: Mapping[str, str]) -> list[str]:
    """The loop variables standing for decision items: their value goes with the mark."""
    return [nom for nom, chemin in boucles.items() if chemin.startswith("decision.")]


def _appel(appel: nodes.Call, lecture: Lecture) -> None:
    assert isinstance(appel.node, nodes.Name)
    nom = appel.node.name
    premier = appel.args[0] if appel.args else None
    litteral = premier.value if isinstance(premier, nodes.Const) else None
    if nom == "citer" and isinstance(litteral, str):
        lecture.note("cles", litteral)
    elif nom == "reference" and isinstance(litteral, str):
        lecture.note("decision", f"fondement:{litteral}")
    elif nom in ("obligation", "financement", "cas", "condition") and isinstance(litteral, str):
        lecture.note("decision", f"{nom}:{litteral}")
    elif nom in _FONCTIONS_AGENT:
        lecture.note("champs", _FONCTIONS_AGENT[nom])
    elif nom == "source":
        for argument in appel.kwargs:
            valeurs = _constantes(argument.value)
            genre = {"regle": "regles", "regles": "regles", "cles": "cles", "cle": "cles"}.get(
                argument.key, "champs"
            )
            for valeur in valeurs:
                lecture.note(genre, valeur)


def _constantes(noeud: nodes.Node) -> list[str]:
    if isinstance(noeud, nodes.Const) and isinstance(noeud.value, str):
        return [noeud.value]
    if isinstance(noeud, nodes.Const) and isinstance(noeud.value, list | tuple):
        return [v for v in noeud.value if isinstance(v, str)]  # a list Jinja folded already
    if isinstance(noeud, nodes.List | nodes.Tuple):
        return [v for item in noeud.items for v in _constantes(item)]
    return []


def _chemin(noeud: nodes.Node, boucles: Mapping[str, str]) -> str:
    """``agent.nom`` -> "mission.agent.nom"; a loop variable's attribute -> its list's path."""
    attributs: list[str] = []
    while isinstance(noeud, nodes.Getattr):
        attributs.insert(0, noeud.attr)
        noeud = noeud.node
    if not isinstance(noeud, nodes.Name):
        return ""
    if noeud.name in boucles:
        return ".".join([boucles[noeud.name], *attributs])
    if noeud.name in _RACINES_MISSION:
        return ".".join([_RACINES_MISSION[noeud.name], *attributs])
    if noeud.name == "decision":
        return ".".join(["decision", *attributs])
    if noeud.name == "dates" and attributs:
        return _DATES.get(attributs[0], "mission.periodes")
    return ""


def _champ(chemin: str, lecture: Lecture) -> None:
    if chemin.startswith("decision"):
        parties = chemin.split(".")
        if len(parties) < 2:
            return
        element = parties[1].removesuffix("[]")
        if element in ("volume_jours_ouvres", "jours_ouvres_periodes"):
            for champ in VOLUME:
                lecture.note("champs", champ)
        lecture.note("decision", element)
    elif chemin != "mission":
        lecture.note("champs", chemin.replace("[]", ""))


# --- the act's provenance ------------------------------------------------------------------


@dataclass(frozen=True)
class ParagrapheRendu:
    """One paragraph of a rendered act: its index among the body's paragraphs, its text, and
    the template paragraph (and loop items) that wrote it, if marked."""

    index: int
    texte: str
    numero: int | None
    elements: tuple[Any, ...] = ()
    revue: bool = False


def debut(texte: str, mots: int = 10) -> str:
    decoupe = texte.split()
    return " ".join(decoupe[:mots]) + (" …" if len(decoupe) > mots else "")


class IndexTrace:
    """The decision's trace, searchable by what each finding produced (a document, an
    obligation, a financement, an alert, the dispositif): by the kind (``genre``) and the
    identifying value (``code``) each trace line carries."""

    def __init__(self, decision: Mapping[str, Any]) -> None:
        self._trace = decision["trace"]
        self._decision = decision
        self._par_genre: dict[tuple[str, str | None], list[dict[str, str]]] = {}
        self._dispositifs: list[dict[str, str]] = []
        for t in self._trace:
            regle = {"plugin": t["plugin"], "regle": t["regle"]}
            self._par_genre.setdefault((t["genre"], t["code"]), []).append(regle)
            if t["genre"] == "voie":
                self._dispositifs.append(regle)
        self._vus: dict[str, list[dict[str, str]]] = {}

    def _regles(self, genre: str, code: str) -> list[dict[str, str]]:
        return self._par_genre.get((genre, code), [])

    def document(self, code: str) -> list[dict[str, str]]:
        return self._regles("document", code)

    def element(self, element: str) -> list[dict[str, str]]:
        genre, _, code = element.partition(":")
        if genre in ("volume_jours_ouvres", "jours_ouvres_periodes"):  # the engine's, not a rule's
            return [{"plugin": "missio", "regle": genre}]
        if genre == "dispositif":
            return self._dispositifs
        if genre == "obligation":
            return [
                r for o in self._decision["obligations"] if o["code"] == code for r in self.item(o)
            ]
        if genre == "financement":
            return [
                r
                for f in self._decision["financements"]
                if f["poste"] == code
                for r in self.item(f)
            ]
        if genre in ("cas", "condition") and code:
            liste = "cas" if genre == "cas" else "conditions"
            return [r for x in self._decision[liste] if x["code"] == code for r in self.item(x)]
        if genre == "documents":
            return [r for document in self._decision["documents"] for r in self.document(document)]
        if genre in ("obligations", "financements", "alertes", "alternatives", "cas", "conditions"):
            return [r for x in self._decision[genre] for r in self.item(x)]
        if genre == "fondement":
            if element not in self._vus:
                self._vus[element] = [
                    {"plugin": t["plugin"], "regle": t["regle"]}
                    for t in self._trace
                    if code in t["fondements"]
                ]
            return self._vus[element]
        return []

    def item(self, item: Any) -> list[dict[str, str]]:
        """The rules that produced one decision item (an obligation, a financement…)."""
        if not isinstance(item, Mapping):
            return []
        if "poste" in item:
            return self._regles("financement", item["poste"])
        if "responsable" in item:
            return self._regles("obligation", item["code"])
        if "niveau" in item:
            return self._regles("alerte", item["code"])
        if "condition" in item:
            return self._regles("alternative", item["dispositif"])
        if "code" in item and "libelle" in item:  # a case retained, or a condition to state
            return self._regles("cas", item["code"]) or self._regles("condition", item["code"])
        return []


def _unique(valeurs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    vues: list[dict[str, Any]] = []
    for valeur in valeurs:
        if valeur not in vues:
            vues.append(valeur)
    return vues


def provenance_acte(
    code: str,
    titre: str,
    paragraphes: Sequence[ParagrapheRendu],
    lectures: Mapping[int, Lecture],
    decision: Mapping[str, Any],
    referentiel: Referentiel,
    periodes: Sequence[tuple[date, date]],
    revue: Mapping[str, list[str]],
    titres_regles: Mapping[str, str] | None = None,
    citees: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The provenance of one act, as written to ``<code>.provenance.json``; `citees`: the
    versions the render printed, by key (:attr:`missio.documents.releve.Releve.citees`)."""
    trace = IndexTrace(decision)
    plugins = {t["regle"]: t["plugin"] for t in decision["trace"]}

    resolues: dict[str, list[dict[str, Any]]] = {}

    def resoudre(cle: str) -> list[dict[str, Any]]:
        if cle not in resolues:
            resolues[cle] = [
                {
                    "cle": cle,
                    "intitule": referentiel.source(cle).intitule,
                    "texte": version.texte,
                    "article": version.article,
                    "statut": version.statut,
                }
                for debut_p, fin_p in periodes
                for version in referentiel.resoudre(cle, debut_p, fin_p)
            ]
        return resolues[cle]

    imprimees = citees or {}
    normales: dict[tuple[str, Any], str] = {}  # each printed citation, normalised once

    def normale(v: Mapping[str, Any]) -> str:
        cle = (v["texte"], v["article"])
        if cle not in normales:
            normales[cle] = _normal(citation(v["texte"], v["article"]))
        return normales[cle]

    def citees_dans(cle: str, texte: str) -> list[dict[str, Any]]:
        """The versions of `cle` this render printed in the paragraph `texte` (an act cites a
        text as in force the day it is signed, not always at the mission's dates)."""
        versions = imprimees.get(cle, ())
        if not versions:
            return []
        intitule = referentiel.source(cle).intitule if cle in referentiel else ""
        return [{"cle": cle, "intitule": intitule, **v} for v in versions if normale(v) in texte]

    def references(cles: Iterable[str], texte: str) -> list[dict[str, Any]]:
        trouvees: list[dict[str, Any]] = []
        for cle in cles:
            if cle in referentiel:
                trouvees += citees_dans(cle, texte) or resoudre(cle)
        return _unique(trouvees)

    def references_decision(elements: Iterable[str], texte: str) -> list[dict[str, Any]]:
        trouvees: list[dict[str, Any]] = []
        for cle in (e.partition(":")[2] for e in elements if e.startswith("fondement:")):
            trouvees += citees_dans(cle, texte) or [
                {k: f[k] for k in ("cle", "intitule", "texte", "article", "statut")}
                for f in decision["fondements"]
                if f["cle"] == cle
            ]
        return trouvees

    lignes: list[dict[str, Any]] = []
    for p in paragraphes:
        if not p.texte.strip():
            continue
        ligne: dict[str, Any] = {"index": p.index, "debut": debut(p.texte)}
        if p.revue:
            ligne["revue"] = True
        lecture = lectures.get(p.numero) if p.numero is not None else None
        if lecture is not None:
            regles = [{"plugin": "", "regle": r} for r in lecture.regles]
            cles = list(lecture.cles)
            for cle in cles:  # the rules of the decision that rest on a cited text
                regles += trace.element(f"fondement:{cle}")
            for element in lecture.decision:
                if element == "documents" and p.elements:
                    continue  # one act of the list: its own rule, below
                regles += trace.element(element)
                cles += [c for c in _cles_element(decision, element) if c not in cles]
            for item in p.elements:
                if isinstance(item, str) and "documents" in lecture.decision:
                    regles += trace.document(item)  # a loop over the acts to produce
                regles += trace.item(item)
                if isinstance(item, Mapping):
                    cles += [c for c in item.get("fondements", ()) if c not in cles]
            normal = _normal(p.texte)
            ligne |= {
                "regles": _avec_plugin(_unique(regles), plugins, titres_regles or {}),
                "references": _unique(
                    references(cles, normal) + references_decision(lecture.decision, normal)
                ),
                "champs": list(lecture.champs),
                "decision": list(lecture.decision),
            }
        lignes.append(ligne)
    return {
        "document": code,
        "titre": titre,
        "mission": decision["reference"],
        "regles_document": _avec_plugin(trace.document(code), plugins, titres_regles or {}),
        "revue": {
            "a_verifier": list(revue["a_verifier"]),
            "a_completer": list(revue["a_completer"]),
        },
        "paragraphes": lignes,
    }


# A decision item read by code (``cas('detachement.cas')``…): where it is, and its code field.
_ITEMS = {
    "obligation": ("obligations", "code"),
    "financement": ("financements", "poste"),
    "cas": ("cas", "code"),
    "condition": ("conditions", "code"),
}


def _cles_element(decision: Mapping[str, Any], element: str) -> list[str]:
    """The legal keys of the decision item a paragraph reads by code (a case cites its article
    through them, when the template passes them to ``citer``)."""
    genre, _, code = element.partition(":")
    if genre not in _ITEMS or not code:
        return []
    liste, champ = _ITEMS[genre]
    return [c for item in decision[liste] if item[champ] == code for c in item["fondements"]]


def _normal(texte: str) -> str:
    """Text compared without the no-break spaces French typography adds."""
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def _avec_plugin(
    regles: list[dict[str, str]], plugins: Mapping[str, str], titres: Mapping[str, str]
) -> list[dict[str, str]]:
    """Each rule with its plugin (`plugins`: rule -> plugin, from the trace, for a rule a
    template declares by its code alone) and its title."""
    sortie = [
        {
            "plugin": r["plugin"] or plugins.get(r["regle"], ""),
            "regle": r["regle"],
            "titre": titres.get(r["regle"], _TITRES_MOTEUR.get(r["regle"], "")),
        }
        for r in regles
    ]
    return _unique(sortie)
