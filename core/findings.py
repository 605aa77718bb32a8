"""What a rule plugin contributes for one mission: small immutable findings.

Every finding names the rule that produced it (``regle``, a dotted stable code) and the
citation keys it rests on (``fondements``). Keys resolve over the mission's periods, so a
mission straddling a reform cites both texts; a finding about procedure sets ``le`` to the date
its law is read at (usually ``mission.date_procedure``).

Each finding that is an entry of the decision (an obligation, a financement, an alert…) is the
one definition of that entry: :mod:`missio.models` builds the contract's output model from its
fields (in their order) and the merge serialises it field by field without naming them, so a new
field is one edit here. Every finding also becomes a line of the decision's trace, which carries
its kind (``genre``) and the value that identifies it (``code``, the field named by ``cle``).
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import attrs

from missio.libelles import ACTEURS

if TYPE_CHECKING:  # missio.models builds its entries from these classes: no import at run time
    from missio.models import Acteur, Dispositif, Montant, NiveauAlerte


def _cles(valeur: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    return (valeur,) if isinstance(valeur, str) else tuple(valeur)


# The rule being evaluated (set by missio.rules.Regles): a finding created inside a rule names
# that rule and cites its keys unless it says otherwise. The variable holds a one-item list, set
# once for a whole set of rules, whose item each rule in turn replaces (far cheaper than setting
# the variable for each rule); a rule called alone, or a nested set, gets a list of its own.
Courante = list[tuple[str, tuple[str, ...]]]
REGLE_COURANTE: ContextVar[Courante] = ContextVar(
    "regle_courante",
    default=[("", ())],  # noqa: B039 (never changed: each set of rules writes a list of its own)
)


def _regle_courante() -> str:
    return REGLE_COURANTE.get()[0][0]


def _cite_courante() -> tuple[str, ...]:
    return REGLE_COURANTE.get()[0][1]


@attrs.frozen(slots=True, kw_only=True)
class Finding:
    """Base of every finding: the rule that produced it and its legal basis."""

    # The kind of finding, written in its trace line, and the field whose value identifies it
    # there (None: nothing does).
    genre: ClassVar[str] = "constat"
    cle: ClassVar[str | None] = None

    regle: str = attrs.field(factory=_regle_courante)
    fondements: tuple[str, ...] = attrs.field(factory=_cite_courante, converter=_cles)
    le: date | None = None

    def resultat(self) -> str:
        """One French sentence for the trace (each concrete finding says what it concluded)."""
        return self.regle


@attrs.frozen(slots=True, kw_only=True)
class Voie(Finding):
    """The legal vehicle this plugin imposes for the mission (one per plugin at most)."""

    genre = "voie"
    cle = "dispositif"

    dispositif: Dispositif
    motif: str

    def resultat(self) -> str:
        return f"dispositif « {self.dispositif} » : {self.motif}"


@attrs.frozen(slots=True, kw_only=True)
class Obligation(Finding):
    genre = "obligation"
    cle = "code"

    code: str
    libelle: str
    echeance: date | None = None
    responsable: Acteur

    def resultat(self) -> str:
        quand = f", au plus tard le {self.echeance.isoformat()}" if self.echeance else ""
        return f"obligation ({ACTEURS[self.responsable]}) : {self.libelle}{quand}"


@attrs.frozen(slots=True, kw_only=True)
class Financement(Finding):
    genre = "financement"
    cle = "poste"

    poste: str
    libelle: str
    payeur: Acteur
    montant: Montant | None = None

    def resultat(self) -> str:
        somme = f" : {self.montant:.2f} €" if self.montant is not None else ""
        return f"financement « {self.poste} » à la charge de {ACTEURS[self.payeur]}{somme}"


@attrs.frozen(slots=True, kw_only=True)
class Alerte(Finding):
    genre = "alerte"
    cle = "code"

    code: str
    niveau: NiveauAlerte = "attention"
    message: str

    def resultat(self) -> str:
        return f"alerte ({self.niveau}) : {self.message}"


@attrs.frozen(slots=True, kw_only=True)
class Blocage(Finding):
    """A non-conformity: the mission cannot go ahead as described. Says what would fix it."""

    genre = "blocage"
    cle = "code"

    code: str
    message: str
    remede: str | None = None

    def resultat(self) -> str:
        return f"blocage : {self.message}"


@attrs.frozen(slots=True, kw_only=True)
class Alternative(Finding):
    genre = "alternative"
    cle = "dispositif"

    dispositif: Dispositif
    condition: str

    def resultat(self) -> str:
        return f"alternative « {self.dispositif} » : {self.condition}"


@attrs.frozen(slots=True, kw_only=True)
class Document(Finding):
    """An act the decision calls for, by document code (rendered by a template plugin)."""

    genre = "document"
    cle = "code"

    code: str

    def resultat(self) -> str:
        return f"document requis : {self.code}"


@attrs.frozen(slots=True, kw_only=True)
class Condition(Finding):
    """A condition of the route that the collectivité must state in its acts (the agent's
    functional link with it, the approval of a draft contract…): printed by the templates."""

    genre = "condition"
    cle = "code"

    code: str
    libelle: str

    def resultat(self) -> str:
        return f"condition à mentionner dans les actes : {self.libelle}"


@attrs.frozen(slots=True, kw_only=True)
class Cas(Finding):
    """The legal case the route rests on (which host of a list, which case of an article),
    named in French and cited by the key whose article gives its number."""

    genre = "cas"
    cle = "code"

    code: str
    libelle: str

    def resultat(self) -> str:
        return f"cas retenu ({self.code}) : {self.libelle}"


@attrs.frozen(slots=True, kw_only=True)
class Constat(Finding):
    """A rule that was checked and what it found, when nothing else records it."""

    genre = "constat"
    cle = None

    texte: str

    def resultat(self) -> str:
        return self.texte
