"""missio_templates: the default acts, as .docx templates a secretary can edit.

Each document is built from a readable source (``sources/<code>.yaml``) by
``python -m missio_templates.build``; a collectivité overrides any of them by code with its
own folder of .docx files (``Engine(modeles=…)``, ``missio render --modeles DOSSIER``).
The plugin also adds the checklist of deadlines to every decision (rule
``templates.checklist``): the engine renders documents only for a conforming decision.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from missio import hookimpl
from missio.findings import Document, Finding
from missio.models import Mission

DOCX = Path(__file__).with_name("docx")

DOCUMENTS = {
    "ordre_de_mission": "Ordre de mission",
    "demande_cumul_activites": "Demande d'autorisation de cumul d'activités",
    "autorisation_cumul_activites": "Arrêté d'autorisation de cumul d'activités",
    "accord_agent": "Accord écrit de l'agent",
    "information_organe_deliberant": "Information préalable de l'assemblée délibérante",
    "convention_mise_a_disposition": "Convention de mise à disposition",
    "lettre_de_mission": "Lettre de mission valant convention de mise à disposition",
    "arrete_mise_a_disposition": "Arrêté de mise à disposition",
    "convention_detachement": "Convention préalable de détachement",
    "arrete_detachement": "Arrêté de détachement",
    "arrete_disponibilite": "Arrêté de mise en disponibilité",
    "demande_mandat_special": "Demande de mandat spécial et projet de délibération",
    "note_information_retraite": "Note d'information à l'agent retraité",
    "convention_partenariat": "Convention de partenariat et annexe financière",
    "rapport_mission_expe_ct": "Rapport de mission EXPE-CT",
    "decision_prime_installation": "Arrêté d'attribution de la prime d'installation",
    "checklist": "Démarches et échéances",
}


@hookimpl
def missio_documents(register: Callable[..., None]) -> None:
    for code, titre in DOCUMENTS.items():
        # The checklist's deadlines also go out as Markdown, JSON and iCalendar files.
        register(
            code=code, titre=titre, modele=DOCX / f"{code}.docx", echeances=code == "checklist"
        )


@hookimpl
def missio_rules(register: Callable[..., None]) -> None:
    register(
        code="templates.checklist",
        titre="Liste des démarches et échéances jointe à toute décision",
        cite=(),
        statut="verifie",
    )


@hookimpl
def missio_findings(mission: Mission) -> list[Finding]:
    # Every decision lists obligations, even an empty list: the checklist always goes with
    # the acts (the engine drops every document of a non-conforming decision).
    return [Document(regle="templates.checklist", code="checklist", fondements=())]


@hookimpl
def missio_plugin_info() -> dict[str, str]:
    return {"description": "Modèles d'actes par défaut (DOCX) et liste des démarches"}
