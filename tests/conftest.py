"""Shared fixtures: the engine with the built-in plugins, and missions derived from the example."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from missio.casebook.cas import appliquer_changements
from missio.engine import Engine
from missio.models import Decision, Mission

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def exemple() -> dict[str, Any]:
    return json.loads(EXEMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def mission(exemple: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    """The example mission with nested changes: ``mission(agent={"statut": "stagiaire"})``."""

    def fabriquer(**changements: Any) -> dict[str, Any]:
        return appliquer_changements(copy.deepcopy(exemple), changements)

    return fabriquer


@pytest.fixture
def decider(engine: Engine, mission: Callable[..., dict[str, Any]]) -> Callable[..., Decision]:
    """Evaluate the example mission with changes."""

    def evaluer(**changements: Any) -> Decision:
        return engine.evaluer(Mission.model_validate(mission(**changements)))

    return evaluer


def periode(debut: str, fin: str) -> dict[str, str]:
    return {"debut": debut, "fin": fin}
