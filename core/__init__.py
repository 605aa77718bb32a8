"""missio: rules engine for the international expertise missions of French territorial agents.

The core knows no law: rule plugins (entry-point group ``missio``) contribute findings, the
engine merges them into one :class:`~missio.models.Decision`, template plugins write the acts.

Public API for integrators (``docs/python.md``)::

    from missio import Engine, ErreurValidation, Redacteur

    engine = Engine(politiques=["caesm.yaml"])      # once per collectivité, then reused
    decision = engine.evaluer(mission_dict)         # ErreurValidation: field paths, French
    actes = Redacteur(engine).rendre(decision, engine.valider(mission_dict))  # {code: bytes}

Public API for plugin authors: :data:`hookimpl` and the modules of :data:`PLUGIN_MODULES`.
``__all__`` is the one published list: docs/python.md shows it, docs/plugins/guide.md shows
``PLUGIN_MODULES``, and tests/test_api_publiee.py checks both, and that the built-in plugins
import nothing else of the core.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

import pluggy

__version__ = "0.1.0"

PROJECT_NAME = "missio"
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

if TYPE_CHECKING:
    from missio.documents.errors import ErreurRendu as ErreurRendu
    from missio.documents.redacteur import Redacteur as Redacteur
    from missio.engine import Engine as Engine
    from missio.errors import ErreurFichier as ErreurFichier
    from missio.errors import ErreurPlugin as ErreurPlugin
    from missio.errors import ErreurValidation as ErreurValidation
    from missio.errors import MissioError as MissioError
    from missio.models import Decision as Decision
    from missio.models import Mission as Mission
    from missio.politiques import charger_politiques as charger_politiques

# Imported on first use: `import missio` (done by every plugin and by the CLI) stays cheap.
_API = {
    "Engine": "missio.engine",
    "Redacteur": "missio.documents.redacteur",
    "ErreurRendu": "missio.documents.errors",
    "Mission": "missio.models",
    "Decision": "missio.models",
    "MissioError": "missio.errors",
    "ErreurValidation": "missio.errors",
    "ErreurFichier": "missio.errors",
    "ErreurPlugin": "missio.errors",
    "charger_politiques": "missio.politiques",
}

# The modules a plugin (rules or templates) may import from, besides the names above. The rest
# of the core (engine, merge, drafting machinery, faces) may change without notice.
PLUGIN_MODULES = (
    "missio.calendar",
    "missio.context",
    "missio.errors",
    "missio.findings",
    "missio.lecture_yaml",
    "missio.legal",
    "missio.libelles",
    "missio.models",
    "missio.rules",
    "missio.documents.champs_modeles",
    "missio.documents.francais",
    "missio.documents.typographie",
    "missio.documents.verification_modeles",
)

__all__ = ["PLUGIN_MODULES", "PROJECT_NAME", "__version__", "hookimpl", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'missio' has no attribute {name!r}")
