"""What a rule plugin contributes for one mission: small immutable findings.

Every finding names the rule that produced it (``regle``, a dotted stable code) and the
citation keys it rests on (``fondements``). Keys resolve over the mission's periods, so a
mission straddling a reform cites both texts; a finding about procedure sets ``le`` to the date
its law is read at (usually ``mission.date_procedure``).

The engine merges findings into the :class:`~missio.models.Decision`; every finding also
becomes a line of the decision's trace.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from decimal import Decimal

import attrs

from missio.libelles import ACTEURS
from missio.models import Acteur, Dispositif, NiveauAlerte


def _cles(valeur: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    return (valeur,) if isinstance(valeur, str) else tuple(valeur)


# The rule being evaluated (set by missio.rules.Regles): a finding created inside a rule names
# that rule and cites its keys unless it says otherwise.
REGLE_COURANTE: ContextVar[tuple[str, tuple[str, ...]]] = ContextVar(
    "regle_courante", default=("", ())
)


def _regle_courante() -> str:
    return REGLE_COURANTE.get()[0]


def _cite_courante() -> tuple[str, ...]:
    return REGLE_COURANTE.get()[1]


@attrs.frozen(slots=True, kw_only=True)
class Finding:
    """Base of every finding: the rule that produced it and its legal basis."""

    regle: str = attrs.field(factory=_regle_courante)
    fondements: tuple[str, ...] = attrs.field(factory=_cite_courante, converter=_cles)
    le: date | None = None

    def resultat(self) -> str:
        """One French sentence for the trace (each concrete finding says what it concluded)."""
        return self.regle


@attrs.frozen(slots=True, kw_only=True)
class Voie(Finding):
    """The legal vehicle this plugin imposes for the mission (one per plugin at most)."""

    dispositif: Dispositif
    motif: str

    def resultat(self) -> str:
        return f"dispositif « {self.dispositif} » : {self.motif}"


@attrs.frozen(slots=True, kw_only=True)
class Obligation(Finding):
    code: str
    libelle: str
    responsable: Acteur
    echeance: date | None = None

    def resultat(self) -> str:
        quand = f", au plus tard le {self.echeance.isoformat()}" if self.echeance else ""
        return f"obligation ({ACTEURS[self.responsable]}) : {self.libelle}{quand}"


@attrs.frozen(slots=True, kw_only=True)
class Financement(Finding):
    poste: str
    libelle: str
    payeur: Acteur
    montant: Decimal | None = None

    def resultat(self) -> str:
        somme = f" : {self.montant:.2f} €" if self.montant is not None else ""
        return f"financement « {self.poste} » à la charge de {ACTEURS[self.payeur]}{somme}"


@attrs.frozen(slots=True, kw_only=True)
class Alerte(Finding):
    code: str
    message: str
    niveau: NiveauAlerte = "attention"

    def resultat(self) -> str:
        return f"alerte ({self.niveau}) : {self.message}"


@attrs.frozen(slots=True, kw_only=True)
class Blocage(Finding):
    """A non-conformity: the mission cannot go ahead as described. Says what would fix it."""

    code: str
    message: str
    remede: str | None = None

    def resultat(self) -> str:
        return f"blocage : {self.message}"


@attrs.frozen(slots=True, kw_only=True)
class Alternative(Finding):
    dispositif: Dispositif
    condition: str

    def resultat(self) -> str:
        return f"alternative « {self.dispositif} » : {self.condition}"


@attrs.frozen(slots=True, kw_only=True)
class Document(Finding):
    """An act the decision calls for, by document code (rendered by a template plugin)."""

    code: str

    def resultat(self) -> str:
        return f"document requis : {self.code}"


@attrs.frozen(slots=True, kw_only=True)
class Condition(Finding):
    """A condition of the route that the collectivité must state in its acts (the agent's
    functional link with it, the approval of a draft contract…): printed by the templates."""

    code: str
    libelle: str

    def resultat(self) -> str:
        return f"condition à mentionner dans les actes : {self.libelle}"


@attrs.frozen(slots=True, kw_only=True)
class Cas(Finding):
    """The legal case the route rests on (which host of a list, which case of an article),
    named in French and cited by the key whose article gives its number."""

    code: str
    libelle: str

    def resultat(self) -> str:
        return f"cas retenu ({self.code}) : {self.libelle}"


@attrs.frozen(slots=True, kw_only=True)
class Constat(Finding):
    """A rule that was checked and what it found, when nothing else records it."""

    texte: str

    def resultat(self) -> str:
        return self.texte
