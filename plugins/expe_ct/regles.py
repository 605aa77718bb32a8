"""Every rule of expe_ct, in the order the trace shows them, and how they are run.

Families follow the règlement: the label (§ III.1), who may go (§ III.1 and III.2), the mission's shape (§ III.2),
safety (DAECT note, § II.A.1), money (§ III.2), after the return (§ III.3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from missio.context import Contexte
from missio.findings import Finding
from missio.models import Mission
from missio.rules import ErreurDeRegle, Regles
from missio_expe_ct import cadre, eligibilite, financement, forme, label, retour, securite
from missio_expe_ct.faits import etablir

FAMILLES: tuple[Regles, ...] = (
    cadre.regles,
    label.regles,
    eligibilite.regles,
    forme.regles,
    securite.regles,
    financement.regles,
    retour.regles,
)


def declarer(register: Callable[..., Any]) -> None:
    for famille in FAMILLES:
        famille.declarer(register)


def evaluer(mission: Mission, contexte: Contexte) -> list[Finding]:
    """The findings of every EXPE-CT rule for one mission."""
    if mission.cadre != "expe_ct":
        return cadre.hors_cadre(mission, contexte)
    refus = cadre.avant_programme(mission)
    if refus is not None:
        return [refus]
    try:
        faits = etablir(mission, contexte)
    except ValueError as exc:
        # Only the duration parameter can be malformed: name the rule that reads it.
        raise ErreurDeRegle("expe_ct.duree", exc) from exc
    findings: list[Finding] = []
    for famille in FAMILLES[1:]:
        findings += famille.evaluer(mission, contexte, faits)
    return findings
