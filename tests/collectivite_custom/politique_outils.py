"""Helpers for the policy tests: write a policy to a file, evaluate the example mission."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from missio.engine import Engine
from missio.models import Decision

RACINE = Path(__file__).resolve().parents[2]
POLITIQUES = RACINE / "plugins" / "collectivite_custom" / "politiques"
CAESM_NOM = "Communauté d'agglomération de l'Espace Sud de la Martinique"


def politique(**changements: Any) -> dict[str, Any]:
    """A minimal valid policy for the CAESM, with top-level changes."""
    base: dict[str, Any] = {
        "code": "essai",
        "titre": "Politique d'essai",
        "collectivite": {"nom": CAESM_NOM},
        "fondements": {
            "deliberation": {
                "intitule": "Délibération d'essai",
                "numero": "2026-001",
                "date": "2026-01-15",
                "organe": "conseil communautaire",
            }
        },
        "regles": [],
    }
    base.update(changements)
    return base


def ecrire(dossier: Path, donnees: dict[str, Any], nom: str = "essai.yaml") -> Path:
    chemin = dossier / nom
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False))
    return chemin


def decider(fichiers: list[Path], mission: dict[str, Any], **kwargs: Any) -> Decision:
    engine = Engine(politiques=fichiers, **kwargs)
    return engine.evaluer(copy.deepcopy(mission))


def regle(*effets: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return {
        "code": "r",
        "titre": "Règle d'essai",
        "fondement": "deliberation",
        "alors": list(effets),
        **kwargs,
    }
