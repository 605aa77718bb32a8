"""From the route proposed to the route retained: the conditions, then lawful alternatives.

One route rule (:data:`~missio_statut_fpt.registre.voies`) proposes a dispositif; every
condition (:data:`~missio_statut_fpt.registre.conditions`) is checked for it. A refusal makes the
decision « aucun », naming the condition that refused. Every alternative, whoever offers it
(the route rule or a refusing condition), passes the very same conditions before it is offered:
an alternative the texts exclude for this agent or this host is never shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from missio.context import Contexte
from missio.findings import Alternative, Blocage, Cas, Constat, Finding, Voie
from missio.libelles import DISPOSITIFS
from missio.models import Dispositif, Mission
from missio_statut_fpt.registre import conditions, voies


@attrs.frozen(kw_only=True)
class Proposition:
    """What a route rule proposes, and why.

    :ivar refus: the route rule itself refuses (an elected official outside the collectivité's
        own cooperation): no dispositif is checked, the alternatives still are.
    :ivar constats: what the route rule read to decide (the thresholds, with their source).
    """

    dispositif: Dispositif
    motif: str
    fondements: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()
    constats: tuple[Finding, ...] = ()
    refus: Blocage | None = None


@attrs.frozen(kw_only=True)
class Route:
    """The route retained, read by every rule of :data:`~missio_statut_fpt.registre.regles`.

    :ivar recommande: the dispositif proposed, before the conditions.
    :ivar dispositif: the dispositif retained (``aucun`` when a condition refused it).
    :ivar findings: the route's own findings: the voie, what the conditions found, the lawful
        alternatives.
    """

    recommande: Dispositif
    dispositif: Dispositif
    findings: tuple[Finding, ...] = ()


def proposer(mission: Mission, contexte: Contexte) -> tuple[str, Proposition]:
    """The one route rule that applies, and its proposition."""
    propositions = [
        (regle.code, proposition)
        for regle, proposition in voies.resultats(mission, contexte)
        if proposition is not None
    ]
    if len(propositions) != 1:
        codes = ", ".join(code for code, _ in propositions) or "aucune"
        raise ValueError(f"une règle de voie et une seule doit s'appliquer (ici : {codes})")
    return propositions[0]


def verifier(mission: Mission, contexte: Contexte, dispositif: Dispositif) -> list[Finding]:
    """What every condition finds for `dispositif`: refusals, fallbacks, cases, conditions."""
    return conditions.evaluer(mission, contexte, dispositif)


def admis(mission: Mission, contexte: Contexte, dispositif: Dispositif) -> bool:
    """Whether no condition refuses `dispositif` for this agent and this host."""
    return not any(isinstance(f, Blocage) for f in verifier(mission, contexte, dispositif))


def _offertes(
    mission: Mission, contexte: Contexte, proposees: Iterable[Alternative], exclu: Dispositif
) -> tuple[Alternative, ...]:
    retenues: list[Alternative] = []
    for alternative in proposees:
        if alternative.dispositif == exclu or any(
            a.dispositif == alternative.dispositif for a in retenues
        ):
            continue
        if admis(mission, contexte, alternative.dispositif):
            retenues.append(alternative)
    return tuple(retenues)


def examiner(mission: Mission, contexte: Contexte, regle: str, proposition: Proposition) -> Route:
    """The route retained once the conditions are checked, with its lawful alternatives."""
    p = proposition
    if p.dispositif == "aucun" and p.refus is None:  # nobody travels: no statutory act at all
        constat = Constat(regle=regle, texte=p.motif, fondements=p.fondements)
        return Route(recommande="aucun", dispositif="aucun", findings=(*p.constats, constat))
    trouves = [] if p.refus else verifier(mission, contexte, p.dispositif)
    refus = [p.refus] if p.refus else [f for f in trouves if isinstance(f, Blocage)]
    proposees = [*p.alternatives, *(f for f in trouves if isinstance(f, Alternative))]
    alternatives = _offertes(mission, contexte, proposees, p.dispositif)
    if not refus:
        cas = tuple(c for f in trouves if isinstance(f, Cas) for c in f.fondements)
        voie = Voie(
            regle=regle, dispositif=p.dispositif, motif=p.motif, fondements=(*p.fondements, *cas)
        )
        accompagnent = [f for f in trouves if not isinstance(f, Alternative)]
        return Route(
            recommande=p.dispositif,
            dispositif=p.dispositif,
            findings=(*p.constats, voie, *accompagnent, *alternatives),
        )
    premier = refus[0]
    motif = (
        premier.message
        if p.refus
        else f"la voie recommandée ({DISPOSITIFS[p.dispositif]}) est impossible : {premier.message}"
    )
    voie = Voie(regle=premier.regle, dispositif="aucun", motif=motif, fondements=premier.fondements)
    return Route(
        recommande=p.dispositif,
        dispositif="aucun",
        findings=(*p.constats, voie, *refus, *alternatives),
    )
