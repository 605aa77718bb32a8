"""missio_templates: the default acts, as .docx templates a secretary can edit.

Each document is built from a readable source (``sources/<code>.yaml``) by
``python -m missio_templates.build``; a collectivité overrides any of them by code with its
own folder of .docx files (``Engine(modeles=…)``, ``missio render --modeles DOSSIER``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from missio import hookimpl

DOCX = Path(__file__).with_name("docx")

DOCUMENTS = {
    "ordre_de_mission": "Ordre de mission",
}


@hookimpl
def missio_documents(register: Callable[..., None]) -> None:
    for code, titre in DOCUMENTS.items():
        register(code=code, titre=titre, modele=DOCX / f"{code}.docx")


@hookimpl
def missio_plugin_info() -> dict[str, str]:
    return {"description": "Modèles d'actes par défaut (DOCX)"}
