"""collectivite_custom: a collectivité's own policy, as a YAML file.

A policy file (format in ``docs/politiques.md``, JSON Schema from ``missio policy schema``)
states, for one employer, conditions on the mission and effects (funding lines, obligations with
deadlines, pieces, approvals, alerts, blocages, documents), each on its deliberation. Given
by path to the collectivité's engine, it becomes one of its policies::

    from missio import Engine
    engine = Engine(politiques=["politiques/caesm.yaml"])
    decision = engine.evaluer(mission_dict)

This module is also the ``collectivite_custom`` entry point: it contributes no rule by itself
(a policy applies only when loaded for its collectivité); it reads the policy format for the
core (``missio_load_policy``, ``missio_policy_schema``), so ``--policy``, ``missio policy`` and
the service's tenants load policies without the core knowing the format.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from missio import hookimpl

# The public API, imported on first use: building an engine loads this entry point on every
# `missio evaluate`, which must not pay for the policy format when no policy is given.
_API = {
    "ErreurPolitique": "erreurs",
    "PluginPolitique": "plugin",
    "Politique": "format",
    "lire_politique": "chargement",
}

__all__ = ["EXEMPLES", *sorted(_API), "schema_politique"]


def __getattr__(nom: str) -> Any:
    if nom in _API:
        return getattr(import_module(f"missio_collectivite_custom.{_API[nom]}"), nom)
    raise AttributeError(nom)


EXEMPLES = Path(__file__).with_name("politiques")
SCHEMA = Path(__file__).with_name("politique.schema.json")


def schema_politique() -> dict[str, Any]:
    """The JSON Schema of the policy file format (``missio policy schema``)."""
    from missio_collectivite_custom.format import schema_json

    return schema_json()


@hookimpl
def missio_load_policy(chemin: Path) -> object | None:
    """A YAML policy given by path (``--policy``, tenants); ``.py`` policies are the core's."""
    if chemin.suffix.lower() not in (".yaml", ".yml"):
        return None
    from missio_collectivite_custom.chargement import lire_politique

    return lire_politique(chemin)


@hookimpl
def missio_policy_schema() -> dict[str, Any]:
    return schema_politique()


@hookimpl
def missio_plugin_info() -> dict[str, str]:
    return {"description": "Politiques locales des collectivités (fichiers chargés par --policy)"}
