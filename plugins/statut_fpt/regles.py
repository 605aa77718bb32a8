"""The rules of statut_fpt, each beside the text it encodes, one module per family of provisions.

Importing the families registers their rules on the three sets of :mod:`.registre`, in the order
below (a family imported by an earlier one registers first), which is the order of evaluation
and of the trace: who may take a position, then each position, then the routes, then what every
route calls for.
"""

from __future__ import annotations

from importlib import import_module

from missio.context import Contexte
from missio.findings import Finding
from missio.models import Mission
from missio_statut_fpt.registre import conditions, regles, voies
from missio_statut_fpt.route import examiner, proposer

FAMILLES = (
    "agents",  # stagiaires, contractuels: which positions they may take
    "ordre_de_mission",  # mission on service time; operator's partnership convention
    "cumul",  # accessory activity: request, answer, silence
    "mad",  # mise à disposition: hosts (L. 512-8), acts, reimbursement (L. 512-11)
    "detachement",  # cases of décret n° 86-68, art. 2, acts, duration, retirement
    "disponibilite",  # acts, renewal steps, reintegration (art. 21 and 26)
    "voie",  # cadre and volume: the route proposed (note DAECT)
    "elus",  # mandat spécial by level of collectivité
    "retraites",  # direct hiring, age limit by generation
    "action_exterieure",  # partners of a decentralised cooperation
    "teletravail",  # telework on the post of origin
    "calendrier",  # holidays that move the route, declared days
    "securite",  # destination vigilance: the employer's duty of safety
)
for _famille in FAMILLES:
    import_module(f"missio_statut_fpt.{_famille}")


def evaluer(mission: Mission, contexte: Contexte) -> list[Finding]:
    """The route retained and everything it calls for."""
    regle, proposition = proposer(mission, contexte)
    route = examiner(mission, contexte, regle, proposition)
    return [*route.findings, *regles.evaluer(mission, contexte, route)]


def declarer(register: object) -> None:
    """Declare every rule of the three sets through the ``missio_rules`` hook."""
    for ensemble in (voies, conditions, regles):
        ensemble.declarer(register)  # type: ignore[arg-type]


__all__ = ["FAMILLES", "declarer", "evaluer"]
