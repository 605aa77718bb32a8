"""statut_fpt: the statutory routes of a territorial agent's mission abroad (FPT).

Ordre de mission, cumul d'activités, mise à disposition, détachement, disponibilité, mandat
spécial of an elected official, direct hiring of a retiree: which one, on which conditions,
with which obligations and deadlines, each citing its text in force at the dates it concerns.
See README.md beside this file for the rules, their sources and what remains "à vérifier".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from missio import hookimpl
from missio.context import Contexte
from missio.findings import Finding
from missio.models import Mission
from missio_statut_fpt import parametres, regles
from missio_statut_fpt.extension import CLE, ExtensionStatutFpt

SOURCES = Path(__file__).with_name("sources.yaml")


@hookimpl
def missio_legal_sources(register: Callable[..., None]) -> None:
    register(SOURCES)


@hookimpl
def missio_rules(register: Callable[..., None]) -> None:
    regles.declarer(register)


@hookimpl
def missio_parameters(register: Callable[..., None]) -> None:
    parametres.declarer(register)


@hookimpl
def missio_extensions(register: Callable[..., None]) -> None:
    register(CLE, ExtensionStatutFpt)


@hookimpl
def missio_findings(mission: Mission, contexte: Contexte) -> list[Finding]:
    return regles.evaluer(mission, contexte)


@hookimpl
def missio_plugin_info() -> dict[str, str]:
    return {"description": "Positions statutaires de la fonction publique territoriale"}
