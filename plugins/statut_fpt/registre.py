"""The three rule sets of statut_fpt and the few helpers their modules share.

- :data:`voies`: which route the cadre, the volume and the agent's statut point to; each rule
  returns a :class:`~missio_statut_fpt.route.Proposition` or None, and exactly one applies.
- :data:`conditions`: the legal conditions a route must meet for this agent and this host. They
  run for the route proposed and for every alternative, so that nothing refused is offered; a
  condition refuses with a ``Blocage`` and may name fallbacks (``Alternative``), the legal case
  it found (``Cas``) or what the acts must state (``Condition``).
- :data:`regles`: what the route retained calls for: acts, deadlines, payments, alerts.

The rules live in modules named after their family of provisions (``mad``, ``detachement``…),
each beside the text it encodes; :mod:`.regles` imports them in the order of evaluation.
"""

from __future__ import annotations

from datetime import date

from missio.context import Contexte
from missio.models import DATE_MINIMALE, Dispositif, Mission
from missio.rules import Regles

voies = Regles("statut_fpt")
conditions = Regles("statut_fpt")
regles = Regles("statut_fpt")

DETACHEMENTS: frozenset[Dispositif] = frozenset(
    {"detachement_courte_duree", "detachement_longue_duree"}
)
# The statutory positions: the agent leaves the service of the collectivité for the host.
POSITIONS: frozenset[Dispositif] = DETACHEMENTS | {"mise_a_disposition", "disponibilite"}


def envoi_d_un_agent(mission: Mission) -> bool:
    """The collectivité sends one of its agents (not an elected official, not a retiree)."""
    return mission.sens == "envoi" and mission.agent.statut not in ("elu", "retraite")


def veille_du_depart(mission: Mission, contexte: Contexte) -> date:
    """The last working day of the employer before the first day of the mission."""
    return contexte.calendrier.veille_ouvree(mission.debut)


def signature(mission: Mission, contexte: Contexte) -> date:
    """The day an act "before departure" is signed at the latest: the law in force that day is
    the one its visas cite (an act signed before 1 March 2022 never cites the Code)."""
    return max(veille_du_depart(mission, contexte), DATE_MINIMALE)


def date_chiffres(jour: date) -> str:
    """A date as French messages write it in figures ("25/05/2026"): no locale data to load on
    the evaluation path (documents spell dates out with babel)."""
    # Not strftime: it asks the C library, which reads the time zone, for every date.
    return f"{jour.day:02d}/{jour.month:02d}/{jour.year}"


NOMBRES = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")


def delai_fr(mois: int) -> str:
    """A delay in months as French writes it in a sentence: « un mois », « trois mois »."""
    return f"{NOMBRES[mois]} mois" if 0 < mois < len(NOMBRES) else f"{mois} mois"


def duree_fr(mois: int) -> str:
    """A duration in months as French writes an age or a term: « 65 ans et 9 mois »."""
    ans, reste = divmod(mois, 12)
    texte = f"{ans} an{'s' if ans > 1 else ''}" if ans else ""
    if reste:
        texte = f"{texte} et {reste} mois" if texte else f"{reste} mois"
    return texte
