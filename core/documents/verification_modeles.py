"""Load-time checks of a template's placeholders against the fields its context offers.

Every name, attribute path and literal argument a compiled template uses is walked once, when
the template is loaded, so a broken override is refused (naming the unknown field and the ones
admitted) before any act is written. Kept apart from compilation: it only reads Jinja's syntax
tree, and :class:`Champ` is also the tree ``docs/modeles.md`` is generated from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from jinja2 import meta, nodes


@dataclass(frozen=True)
class Champ:
    """What a template may read under a name: an object's fields, a list's items, a value, or
    anything (``libre``: free-form data such as ``mission.extensions``)."""

    proprietes: Mapping[str, Champ] | None = None
    elements: Champ | None = None
    libre: bool = False
    description: str = ""
    type: str = ""


LIBRE = Champ(libre=True)
VALEUR = Champ()
# Filters that keep a list a list of the same items, and those that return one of its items.
_FILTRES_LISTE = frozenset({"selectattr", "rejectattr", "sort", "reverse", "list", "unique"})
_FILTRES_ELEMENT = frozenset({"first", "last", "min", "max", "random"})
_METHODES_DICT = frozenset({"get", "items", "keys", "values"})


@dataclass
class Verificateur:
    """Checks a compiled template against the context's fields, at load time.

    :param racines: the names of the context and what each holds.
    :param retours: what a context function returns (``obligation(code)`` -> an obligation).
    :param arguments: for functions whose first argument is usually a literal (``citer('…')``),
        a check of that literal returning a French message, or None when it is fine.
    """

    racines: Mapping[str, Champ]
    retours: Mapping[str, Champ] = field(default_factory=dict)
    arguments: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)

    def erreurs(self, ast: nodes.Template) -> list[str]:
        trouvees: list[str] = []
        inconnus = sorted(set(meta.find_undeclared_variables(ast)) - set(self.racines))
        if inconnus:
            admis = ", ".join(sorted(self.racines))
            return [f"champ inconnu « {inconnus[0]} ». Champs admis : {admis}"]
        _Parcours(self, trouvees).bloc(ast.body, {})
        return trouvees


class _Parcours:
    """One walk over a template's syntax tree, with the names loops and ``set`` bind."""

    def __init__(self, verificateur: Verificateur, erreurs: list[str]) -> None:
        self.v = verificateur
        self.erreurs = erreurs

    def bloc(self, corps: list[nodes.Node], portee: dict[str, Champ]) -> None:
        for noeud in corps:
            self.instruction(noeud, portee)

    def instruction(self, noeud: nodes.Node, portee: dict[str, Champ]) -> None:
        if isinstance(noeud, nodes.For):
            source = self.type(noeud.iter, portee)
            interieure = dict(portee, loop=LIBRE)
            self._lier(noeud.target, source.elements or LIBRE, interieure)
            if noeud.test is not None:
                self.type(noeud.test, interieure)
            self.bloc(noeud.body, interieure)
            self.bloc(noeud.else_, portee)
        elif isinstance(noeud, nodes.Assign):
            self._lier(noeud.target, self.type(noeud.node, portee), portee)
        elif isinstance(noeud, nodes.AssignBlock):
            self.bloc(noeud.body, portee)
            self._lier(noeud.target, LIBRE, portee)
        elif isinstance(noeud, nodes.With):
            interieure = dict(portee)
            for cible, valeur in zip(noeud.targets, noeud.values, strict=True):
                self._lier(cible, self.type(valeur, portee), interieure)
            self.bloc(noeud.body, interieure)
        elif isinstance(noeud, nodes.Macro | nodes.CallBlock):
            interieure = dict(portee, caller=LIBRE)
            for argument in noeud.args:
                interieure[argument.name] = LIBRE
            if isinstance(noeud, nodes.Macro):
                portee[noeud.name] = LIBRE
            else:
                self.type(noeud.call, portee)
            self.bloc(noeud.body, interieure)
        elif isinstance(noeud, nodes.Expr):
            self.type(noeud, portee)
        else:
            for enfant in noeud.iter_child_nodes():
                self.instruction(enfant, portee)

    def _lier(self, cible: nodes.Node, champ: Champ, portee: dict[str, Champ]) -> None:
        if isinstance(cible, nodes.Name):
            portee[cible.name] = champ
        else:
            for nom in cible.find_all(nodes.Name):
                portee[nom.name] = LIBRE

    def type(self, noeud: nodes.Node, portee: dict[str, Champ]) -> Champ:
        """What `noeud` evaluates to, reporting unknown paths on the way."""
        if isinstance(noeud, nodes.Name):
            return portee.get(noeud.name) or self.v.racines.get(noeud.name, LIBRE)
        if isinstance(noeud, nodes.Getattr):
            return self._attribut(self.type(noeud.node, portee), noeud.attr, noeud)
        if isinstance(noeud, nodes.Getitem):
            parent = self.type(noeud.node, portee)
            if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str):
                return self._attribut(parent, noeud.arg.value, noeud)
            self.type(noeud.arg, portee)
            return parent.elements or LIBRE
        if isinstance(noeud, nodes.Filter):
            parent = self.type(noeud.node, portee) if noeud.node is not None else LIBRE
            self._arguments(noeud, portee)
            if noeud.name in _FILTRES_LISTE and parent.elements is not None:
                return parent
            if noeud.name in _FILTRES_ELEMENT and parent.elements is not None:
                return parent.elements
            return parent if noeud.name == "default" else LIBRE
        if isinstance(noeud, nodes.Call):
            self._arguments(noeud, portee)
            if isinstance(noeud.node, nodes.Name):
                verifier = self.v.arguments.get(noeud.node.name)
                premier = noeud.args[0] if noeud.args else None
                if verifier and isinstance(premier, nodes.Const) and isinstance(premier.value, str):
                    message = verifier(premier.value)
                    if message:
                        self.erreurs.append(message)
                return self.v.retours.get(noeud.node.name, LIBRE)
            self.type(noeud.node, portee)
            return LIBRE
        if isinstance(noeud, nodes.CondExpr):
            if noeud.test is not None:
                self.type(noeud.test, portee)
            oui = self.type(noeud.expr1, portee)
            if noeud.expr2 is not None:
                self.type(noeud.expr2, portee)
            return oui
        for enfant in noeud.iter_child_nodes():
            self.type(enfant, portee)
        return LIBRE

    def _arguments(self, noeud: nodes.Filter | nodes.Call, portee: dict[str, Champ]) -> None:
        for argument in [*noeud.args, *(k.value for k in noeud.kwargs)]:
            self.type(argument, portee)
        for dynamique in (noeud.dyn_args, noeud.dyn_kwargs):
            if dynamique is not None:
                self.type(dynamique, portee)

    def _attribut(self, parent: Champ, nom: str, noeud: nodes.Node) -> Champ:
        if parent.libre:
            return LIBRE
        if parent.elements is not None:
            self.erreurs.append(
                f"« {_chemin(noeud)} » : « {_chemin(noeud, parent_seul=True)} » est une liste, "
                "parcourez-la avec {% for … in … %} ou {%tr for … %}"
            )
            return LIBRE
        if parent.proprietes is None:
            return LIBRE  # a string or a date: its methods are the sandbox's business
        if nom in parent.proprietes:
            return parent.proprietes[nom]
        if nom in _METHODES_DICT:
            return LIBRE
        self.erreurs.append(
            f"champ inconnu « {_chemin(noeud)} ». Champs de « {_chemin(noeud, parent_seul=True)} »"
            f" : {', '.join(sorted(parent.proprietes))}"
        )
        return LIBRE


def _chemin(noeud: nodes.Node, parent_seul: bool = False) -> str:
    """``mission.agent.nom`` for a Getattr chain (``…`` where it is not a plain path)."""
    if parent_seul and isinstance(noeud, nodes.Getattr | nodes.Getitem):
        return _chemin(noeud.node)
    if isinstance(noeud, nodes.Name):
        return noeud.name
    if isinstance(noeud, nodes.Getattr):
        return f"{_chemin(noeud.node)}.{noeud.attr}"
    if isinstance(noeud, nodes.Getitem) and isinstance(noeud.arg, nodes.Const):
        return f"{_chemin(noeud.node)}.{noeud.arg.value}"
    if isinstance(noeud, nodes.Call):
        return f"{_chemin(noeud.node)}(…)"
    return "…"
