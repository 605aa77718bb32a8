"""What the engine gives every rule besides the mission: calendar, volume, settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs
from pydantic import BaseModel

from missio.calendar import Calendrier
from missio.legal import Referentiel, Version
from missio.models import Mission


@attrs.frozen(slots=True, kw_only=True)
class Contexte:
    """Facts derived once per mission, shared by every plugin and read-only: the engine gives
    read-only mappings (:mod:`missio.frozen`) and an immutable calendar, so no plugin changes what
    the next one, or a later mission, reads.

    :ivar calendrier: working-day calendar of the employer's territory.
    :ivar jours_ouvres_periodes: working days of the employer inside the periods (merged).
    :ivar volume_jours_ouvres: the mission's volume: ``jours_expertise`` when given, else
        ``jours_ouvres_periodes`` (the contract's definition).
    :ivar parametres: named parameters declared by plugins, with a collectivité's overrides.
    :ivar extensions: each plugin's validated ``extensions`` model, by key.
    :ivar date_evaluation: the caller's "today", only for alerts on deadlines already passed.
    :ivar referentiel: the legal sources of the loaded plugins, for :meth:`version`.
    """

    calendrier: Calendrier
    jours_ouvres_periodes: int
    volume_jours_ouvres: int
    parametres: Mapping[str, Any]
    extensions: Mapping[str, BaseModel]
    date_evaluation: date | None = None
    referentiel: Referentiel = attrs.field(factory=Referentiel)

    def version(self, cle: str, jour: date) -> Version | None:
        """The version of legal source `cle` in force on `jour` (None before the text existed):
        how a rule reads what the law said at a date, instead of writing that date in code."""
        return self.referentiel.version(cle, jour)

    def parametre(self, nom: str) -> Any:
        """The value of a declared parameter (an undeclared name is a plugin bug)."""
        return self.parametres[nom]

    def extension(self, cle: str) -> BaseModel | None:
        """The validated extension of plugin `cle`, or None when the mission gives none."""
        return self.extensions.get(cle)


def jours_ouvres_missions(mission: Mission, calendrier: Calendrier) -> int:
    """Working days of the employer inside the mission's periods, overlaps counted once."""
    from missio.calendar import fusionner

    plages = fusionner([(p.debut, p.fin) for p in mission.periodes])
    return sum(calendrier.jours_ouvres(debut, fin) for debut, fin in plages)
