"""missio: rules engine for the international expertise missions of French territorial agents.

The core knows no law: rule plugins (entry-point group ``missio``) contribute findings, the
engine merges them into one :class:`~missio.models.Decision`, template plugins write the acts.

Public API for plugin authors: :data:`hookimpl`, :mod:`missio.findings`, :mod:`missio.rules`,
:mod:`missio.models`, :mod:`missio.legal`, :mod:`missio.calendar`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

__version__ = "0.1.0"

PROJECT_NAME = "missio"
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

if TYPE_CHECKING:
    from missio.engine import Engine as Engine

__all__ = ["PROJECT_NAME", "Engine", "__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    # Lazy: `import missio` (done by every plugin) must stay cheap.
    if name == "Engine":
        from missio.engine import Engine

        return Engine
    raise AttributeError(name)
