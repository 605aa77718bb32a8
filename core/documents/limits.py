"""Bounds on what a collectivité's template may cost: a render time limit and size caps.

A template is code a collectivité writes (in Word, but code: ``{{ 'a' * 10**9 }}`` is one
placeholder). The sandbox already forbids reaching Python; this module keeps a template from
exhausting the machine: every operation that can multiply a text or a list (``*``, ``**``, ``%``,
``+``, ``~``, ``replace``, ``join``, ``center``, ``format``…) is checked *before* it runs
against :data:`TAILLE_MAX` characters or items, and every loop checks the render's deadline
(:data:`DUREE_MAX` seconds), so that an oversized or endless template stops with a French error
naming the file instead of eating the memory or the time of the machine. The default templates,
trusted, run without these checks.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from contextvars import ContextVar
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment

TAILLE_MAX = 2_000_000  # characters of one value, items of one list, characters of one part
DUREE_MAX = 5.0  # seconds for one document
ARGUMENT_MAX = 10_000  # a width, a count or a repetition given to a function
_BITS_MAX = 100_000  # an integer power's size
_LARGEUR = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_LARGEUR_FORMAT = re.compile(r"\{[^{}]*:[^{}]*?(\d{5,})")


class DepassementLimite(Exception):
    """A template went past a limit; the message (French) says which."""


class Garde:
    """The deadline of one render (set for the duration of a bounded template's render)."""

    def __init__(self, duree: float | None = None) -> None:
        self.duree = DUREE_MAX if duree is None else duree
        self.echeance = time.monotonic() + self.duree

    def verifier(self) -> None:
        if time.monotonic() > self.echeance:
            raise DepassementLimite(
                f"le rendu dépasse la durée maximale de {self.duree:g} s (boucle trop longue ?)"
            )


GARDE: ContextVar[Garde | None] = ContextVar("missio_garde", default=None)


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _trop_grand(taille: int, quoi: str = "un texte ou une liste") -> DepassementLimite:
    return DepassementLimite(
        f"le rendu dépasse la taille maximale ({quoi} de {_nombre(taille)} éléments ; limite "
        f"{_nombre(TAILLE_MAX)})"
    )


def _taille(valeur: Any) -> int:
    return len(valeur) if isinstance(valeur, str | bytes | list | tuple | dict | set) else 0


def verifier_taille(valeur: Any) -> Any:
    taille = _taille(valeur)
    if taille > TAILLE_MAX:
        raise _trop_grand(taille)
    return valeur


def _verifier_arguments(args: Iterable[Any]) -> None:
    for argument in args:
        entier = isinstance(argument, int) and not isinstance(argument, bool)
        if entier and abs(argument) > ARGUMENT_MAX:
            raise DepassementLimite(
                f"argument trop grand ({_nombre(argument)} ; au plus {_nombre(ARGUMENT_MAX)})"
            )


def _verifier_remplacement(texte: Any, ancien: Any, nouveau: Any) -> None:
    if isinstance(texte, str) and isinstance(ancien, str) and isinstance(nouveau, str):
        occurrences = texte.count(ancien) if ancien else len(texte) + 1
        taille = len(texte) + occurrences * max(0, len(nouveau) - len(ancien))
        if taille > TAILLE_MAX:
            raise _trop_grand(taille)


def _verifier_jointure(elements: Any) -> list[Any]:
    liste = list(elements)
    verifier_taille(liste)
    taille = sum(len(str(e)) for e in liste)
    if taille > TAILLE_MAX:
        raise _trop_grand(taille)
    return liste


def _verifier_formatage(gabarit: str, valeurs: Any) -> None:
    for m in _LARGEUR.finditer(gabarit):
        for groupe in m.groups():
            if groupe and groupe.isdigit() and int(groupe) > ARGUMENT_MAX:
                raise DepassementLimite(f"largeur de format trop grande ({groupe})")
    _verifier_arguments(valeurs if isinstance(valeurs, tuple) else (valeurs,))


def _verifier_operation(operateur: str, gauche: Any, droite: Any) -> None:
    if operateur == "*":
        for sequence, nombre in ((gauche, droite), (droite, gauche)):
            repete = isinstance(sequence, Sized) and isinstance(nombre, int)
            if repete and _taille(sequence) * max(nombre, 0) > TAILLE_MAX:
                raise _trop_grand(_taille(sequence) * nombre)
    elif operateur == "**":
        entiers = isinstance(gauche, int) and isinstance(droite, int) and abs(gauche) > 1
        if entiers and droite * math.log2(abs(gauche)) > _BITS_MAX:
            raise DepassementLimite("puissance trop grande")
    elif operateur == "%" and isinstance(gauche, str):
        _verifier_formatage(gauche, droite)
    elif operateur == "+" and _taille(gauche) + _taille(droite) > TAILLE_MAX:
        raise _trop_grand(_taille(gauche) + _taille(droite))


# Functions whose integer arguments are sizes (a width, a count): bounded by ARGUMENT_MAX.
_FONCTIONS_COMPTEES = frozenset({"safe_range", "range", "generate_lorem_ipsum", "lipsum"})
_FILTRES_COMPTES = frozenset(
    {
        "do_center",
        "do_indent",
        "do_wordwrap",
        "do_truncate",
        "do_batch",
        "do_slice",
        "sync_do_slice",
        "do_format",
        "do_filesizeformat",
        "do_urlize",
    }
)


class EnvironnementBorne(SandboxedEnvironment):
    """The sandbox of a collectivité's templates, with every amplifying operation bounded."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _verifier_operation(operator, left, right)
        return verifier_taille(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        nom = getattr(__obj, "__name__", "")
        cible = getattr(__obj, "__self__", None)
        if isinstance(cible, str) or nom in _FONCTIONS_COMPTEES:
            _verifier_arguments([*args, *kwargs.values()])
        if isinstance(cible, str):
            if nom == "replace" and len(args) >= 2:
                _verifier_remplacement(cible, args[0], args[1])
            elif nom == "join" and args:
                args = (_verifier_jointure(args[0]), *args[1:])
        garde = GARDE.get()
        if garde is not None:
            garde.verifier()
        return verifier_taille(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        cible = getattr(value, "__self__", None)
        if isinstance(cible, str) and _LARGEUR_FORMAT.search(cible):
            raise DepassementLimite("largeur de format trop grande")
        return super().wrap_str_format(value)


def filtre_borne(filtre: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments are checked before it runs and whose result after."""

    @wraps(filtre)
    def borne(*args: Any, **kwargs: Any) -> Any:
        valeurs = [a for a in args if not _est_contexte(a)]
        nom = getattr(filtre, "__name__", "")
        if nom in _FILTRES_COMPTES:
            _verifier_arguments([*valeurs[1:], *kwargs.values()])
        if valeurs:
            sujet = valeurs[0]
            if nom == "do_replace" and len(valeurs) >= 3:
                _verifier_remplacement(str(sujet), valeurs[1], valeurs[2])
            elif nom in ("do_join", "sync_do_join", "do_sum", "sync_do_sum"):
                _verifier_jointure(sujet if isinstance(sujet, Iterable) else ())
            elif nom == "do_indent" and isinstance(sujet, str):
                largeur = valeurs[1] if len(valeurs) > 1 else kwargs.get("width", 4)
                taille = len(sujet) * (1 + (len(largeur) if isinstance(largeur, str) else 0))
                taille += sujet.count("\n") * (largeur if isinstance(largeur, int) else 0)
                if taille > TAILLE_MAX:
                    raise _trop_grand(taille)
            elif nom == "do_format" and isinstance(sujet, str):
                _verifier_formatage(sujet, tuple(valeurs[1:]))
        return verifier_taille(filtre(*args, **kwargs))

    for attribut in ("jinja_pass_arg",):
        if hasattr(filtre, attribut):
            setattr(borne, attribut, getattr(filtre, attribut))
    return borne


def _est_contexte(valeur: Any) -> bool:
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(valeur, Context | EvalContext | SandboxedEnvironment)


def iterer_borne(iterable: Any) -> Iterator[Any]:
    """A loop that checks the render's deadline as it goes."""
    garde = GARDE.get()
    for rang, element in enumerate(iterable):
        if garde is not None and rang % 256 == 0:
            garde.verifier()
        yield element


def joindre_borne(*morceaux: Any) -> Any:
    """``a ~ b``, checked before the texts are joined."""
    taille = sum(len(str(m)) for m in morceaux)
    if taille > TAILLE_MAX:
        raise _trop_grand(taille)
    if any(hasattr(m, "__html__") for m in morceaux):
        return markup_join(morceaux)
    return str_join(morceaux)


GLOBALES_BORNEES = {"missio_iterer": iterer_borne, "missio_joindre": joindre_borne}


def environnement_borne(
    filtres: Mapping[str, Callable[..., Any]], finalize: Callable[..., Any] | None = None
) -> EnvironnementBorne:
    from jinja2 import StrictUndefined

    env = EnvironnementBorne(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=finalize
    )
    env.filters.update(filtres)
    env.filters = {nom: filtre_borne(f) for nom, f in env.filters.items()}
    env.globals.update(GLOBALES_BORNEES)
    return env


def borner(ast: nodes.Template) -> None:
    """Route every loop and every ``~`` of a template through the bounded helpers (in place)."""
    for boucle in ast.find_all(nodes.For):
        boucle.iter = nodes.Call(
            nodes.Name("missio_iterer", "load", lineno=boucle.lineno),
            [boucle.iter],
            [],
            None,
            None,
            lineno=boucle.lineno,
        )
    for concat in list(ast.find_all(nodes.Concat)):
        appel = nodes.Call(
            nodes.Name("missio_joindre", "load", lineno=concat.lineno),
            list(concat.nodes),
            [],
            None,
            None,
            lineno=concat.lineno,
        )
        _remplacer(ast, concat, appel)


def _remplacer(racine: nodes.Node, ancien: nodes.Node, nouveau: nodes.Node) -> None:
    for noeud in racine.find_all(nodes.Node):
        for nom in noeud.fields:
            valeur = getattr(noeud, nom, None)
            if valeur is ancien:
                setattr(noeud, nom, nouveau)
                return
            if isinstance(valeur, list):
                for i, element in enumerate(valeur):
                    if element is ancien:
                        valeur[i] = nouveau
                        return
