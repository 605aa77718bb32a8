"""A small helper for rule plugins: rules as decorated functions, each with its citation.

::

    regles = Regles("statut_fpt")

    # CGFP art. L. 512-7 (avant le 1er mars 2022 : loi n° 84-53, art. 61)
    @regles.regle("mad.convention", titre="Convention de mise à disposition", cite="mad.conditions")
    def convention(mission: Mission, contexte: Contexte) -> Finding | None:
        ...

    @hookimpl
    def missio_findings(mission, contexte):
        return regles.evaluer(mission, contexte)

A rule returns None, one finding or several. A finding created inside a rule names that rule
and cites its keys unless it gives its own ``regle`` or ``fondements``. An exception inside a rule is re-raised as
:class:`ErreurDeRegle` naming the rule, so the engine can say which rule of which plugin failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import GeneratorType
from typing import TYPE_CHECKING, Any

import attrs

from missio.findings import REGLE_COURANTE, Courante, Finding
from missio.legal import StatutReference

if TYPE_CHECKING:
    from missio.context import Contexte
    from missio.models import Mission

Resultat = Finding | Iterable[Finding] | None
FonctionRegle = Callable[..., Resultat]


def _cles(cite: str | Iterable[str]) -> tuple[str, ...]:
    return (cite,) if isinstance(cite, str) else tuple(cite)


class ErreurDeRegle(Exception):
    """A rule raised: carries the rule's code and the original exception."""

    def __init__(self, regle: str, cause: BaseException) -> None:
        super().__init__(f"{regle}: {type(cause).__name__}: {cause}")
        self.regle = regle
        self.cause = cause


@attrs.frozen(slots=True)
class Regle:
    """A declared rule: stable code, French title, citation keys, verification mark."""

    code: str
    titre: str
    cite: tuple[str, ...]
    statut: StatutReference
    fonction: FonctionRegle | None = attrs.field(repr=False, eq=False)
    declaree: bool = True
    # What findings created inside the rule name and cite (set once, read for every call).
    courante: tuple[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    @courante.default
    def _courante(self) -> tuple[str, tuple[str, ...]]:
        return (self.code, self.cite)


class Regles:
    """An ordered set of rules of one plugin."""

    def __init__(self, plugin: str) -> None:
        self.plugin = plugin
        self._regles: list[Regle] = []
        self._par_code: dict[str, Regle] = {}
        self._executables: list[Regle] = []  # the rules with a function, in order

    def regle(
        self,
        code: str,
        *,
        titre: str,
        cite: str | Iterable[str] = (),
        statut: StatutReference = "verifie",
    ) -> Callable[[FonctionRegle], FonctionRegle]:
        """Declare a rule. `statut` is the rule's own mark (a rule read only in secondary
        sources is ``verifie_secondaire`` even when its article was read)."""

        def enregistrer(fonction: FonctionRegle) -> FonctionRegle:
            self._ajouter(Regle(code, titre, _cles(cite), statut, fonction))
            return fonction

        return enregistrer

    def etape(self, code: str) -> Callable[[FonctionRegle], FonctionRegle]:
        """A step run in order like a rule but not declared as one: its findings all name the
        rule they come from (a dispatcher), so coverage lists those rules, not the step."""

        def enregistrer(fonction: FonctionRegle) -> FonctionRegle:
            self._ajouter(Regle(code, "", (), "verifie", fonction, declaree=False))
            return fonction

        return enregistrer

    def annoncer(
        self,
        code: str,
        *,
        titre: str,
        cite: str | Iterable[str] = (),
        statut: StatutReference = "verifie",
    ) -> None:
        """Declare a rule decided inside another rule's function (its findings name it), so
        that it is listed, covered and marked like any other."""
        self._ajouter(Regle(code, titre, _cles(cite), statut, None))

    def _ajouter(self, regle: Regle) -> None:
        if regle.code in self._par_code:
            raise ValueError(f"{self.plugin} : la règle « {regle.code} » est déclarée deux fois.")
        self._regles.append(regle)
        self._par_code[regle.code] = regle
        if regle.fonction is not None:
            self._executables.append(regle)

    def __iter__(self) -> Iterator[Regle]:
        return iter(self._regles)

    def evaluer(self, mission: Mission, contexte: Contexte, *faits: Any) -> list[Finding]:
        """Run every rule in declaration order and collect their findings.

        `faits` are passed on to every rule after the mission and the context (a plugin's own
        derived facts, computed once per mission)."""
        findings: list[Finding] = []
        for _, resultat in self._parcourir(
            self._executables, (mission, contexte, *faits), findings
        ):
            if isinstance(resultat, Finding):
                findings.append(resultat)
            elif resultat is not None:
                findings += resultat
        return findings

    def resultats(self, *arguments: Any) -> list[tuple[Regle, Any]]:
        """Run every rule with `arguments` and return what each one returns, in order (an
        iterator read to the end first): for a plugin that composes its rules itself, such as
        the one route rule of several that applies."""
        return list(self._parcourir(self._executables, arguments, None))

    @staticmethod
    def _parcourir(
        regles: Iterable[Regle], arguments: tuple[Any, ...], findings: list[Finding] | None
    ) -> Iterator[tuple[Regle, Any]]:
        """Each rule and its result (an iterator read to the end first), each run in its own
        scope, an exception blamed on the rule that raised it. With `findings`, a generator's
        findings (most rules) go straight there and its rule is not yielded."""
        # The scope: set once for the set, each rule in turn written into it, restored at the end.
        cellule: Courante = [("", ())]
        jeton = REGLE_COURANTE.set(cellule)
        try:
            for regle in regles:
                cellule[0] = regle.courante
                try:
                    resultat = regle.fonction(*arguments)  # type: ignore[misc]
                    # Generators run here, inside the rule's scope. Most rules are generators:
                    # tested by exact type first, an abstract-class check costs more.
                    if type(resultat) is GeneratorType:
                        if findings is not None:
                            findings += resultat
                            continue
                        resultat = list(resultat)
                    elif (
                        resultat is not None
                        and not isinstance(resultat, Finding | list)
                        and isinstance(resultat, Iterator)
                    ):
                        resultat = list(resultat)
                except ErreurDeRegle:
                    raise  # a rule this one called failed: blame that rule, not the caller
                except Exception as exc:
                    raise ErreurDeRegle(regle.code, exc) from exc
                yield regle, resultat
        finally:
            REGLE_COURANTE.reset(jeton)

    def appeler(self, code: str, *arguments: Any) -> Any:
        """Run one rule with `arguments` and return what it returns (an iterator is read to the
        end first): for a plugin that composes its rules itself, such as a route tried against
        every condition. The rule's findings name it, and an exception is blamed on it."""
        regle = self._par_code.get(code)
        if regle is None or regle.fonction is None:
            raise KeyError(f"{self.plugin} : aucune règle « {code} » à appeler.")
        ((_, resultat),) = self._parcourir((regle,), arguments, None)
        return resultat

    def declarer(self, register: Callable[..., Any]) -> None:
        """Declare every rule through the ``missio_rules`` hook's `register` callback."""
        for regle in self._regles:
            if regle.declaree:
                register(code=regle.code, titre=regle.titre, cite=regle.cite, statut=regle.statut)
