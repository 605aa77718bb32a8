"""Facts about an EXPE-CT mission, established once and read by every rule.

The blocking conditions (label, embassy, team, duration, red zone) are computed here, so that
the money and report rules know whether the mission qualifies as EXPE-CT without depending on
the order in which the rules run.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import attrs

from missio.context import Contexte
from missio.models import Label, Mission, Sens
from missio_expe_ct.extension import ExtensionExpeCt
from missio_expe_ct.parametres import DEFAUT, LectureSemaine, lecture

CLE_EXTENSION = "expe_ct"

EtatLabel = Literal["valide", "absent", "pact", "posterieur", "expire"]
Verdict = Literal["conforme", "contestable", "depassee"]


def nom_normalise(nom: str) -> str:
    """« Expe-CT », « EXPE CT », « expé-ct » -> "EXPECT"; « PACT 3 » -> "PACT3"."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]", "", sans_accents.upper())


def est_label_expe_ct(label: Label) -> bool:
    return nom_normalise(label.nom) == "EXPECT"


def est_label_pact(label: Label) -> bool:
    return nom_normalise(label.nom) in {"PACT", "PACT2", "PACT3"}


@attrs.frozen(slots=True)
class EtatDuLabel:
    """Whether the employer holds the EXPE-CT label over the whole mission, and which one."""

    etat: EtatLabel
    label: Label | None = None


def etat_du_label(mission: Mission) -> EtatDuLabel:
    labels = sorted(
        (lab for lab in mission.employeur.labels if est_label_expe_ct(lab)),
        key=lambda lab: lab.obtenu_le,
    )
    for label in labels:
        if label.obtenu_le <= mission.debut and (label.fin is None or label.fin >= mission.fin):
            return EtatDuLabel("valide", label)
    posterieurs = [lab for lab in labels if lab.obtenu_le > mission.debut]
    if posterieurs:
        return EtatDuLabel("posterieur", posterieurs[0])
    if labels:
        return EtatDuLabel("expire", labels[-1])
    pact = [lab for lab in mission.employeur.labels if est_label_pact(lab)]
    return EtatDuLabel("pact", pact[-1]) if pact else EtatDuLabel("absent")


@attrs.frozen(slots=True)
class Duree:
    """The mission's length under the reading of « une semaine » in force.

    :ivar jours_calendaires: from the first departure to the last return, both included.
    :ivar jours_ouvres_sur_place: working days of the employer's territory inside the periods
        (the stay), whatever the number of expertise days declared: the règlement limits the
        mission, not the time spent on expertise.
    :ivar jours_expertise: the expertise days declared (``jours_expertise``), for the trace only.
    """

    lecture: LectureSemaine
    jours_calendaires: int
    jours_ouvres_sur_place: int
    jours_expertise: int | None = None

    @property
    def mesure(self) -> int:
        if self.lecture.unite == "jours_calendaires":
            return self.jours_calendaires
        return self.jours_ouvres_sur_place

    @property
    def verdict(self) -> Verdict:
        if self.mesure > self.lecture.valeur:
            return "depassee"
        # Under a working-day reading, a mission the cautious reading refuses stays flagged.
        if self.lecture.unite != "jours_calendaires" and self.jours_calendaires > DEFAUT.valeur:
            return "contestable"
        return "conforme"


def duree(mission: Mission, contexte: Contexte) -> Duree:
    return Duree(
        lecture=lecture(contexte),
        jours_calendaires=(mission.fin - mission.debut).days + 1,
        jours_ouvres_sur_place=contexte.jours_ouvres_periodes,
        jours_expertise=mission.jours_expertise,
    )


@attrs.frozen(slots=True)
class Faits:
    """What the EXPE-CT rules read, derived once per mission.

    :ivar nombre: people sent or hosted; None when a hosting does not say how many.
    :ivar nombre_suppose: the number was not given and one person (the agent) is assumed.
    """

    ext: ExtensionExpeCt
    direction: Sens
    nombre: int | None
    nombre_suppose: bool
    label: EtatDuLabel
    duree: Duree

    @property
    def envoi(self) -> bool:
        return self.direction == "envoi"

    @property
    def ambassade_validee(self) -> bool:
        return self.ext.validation_ambassade is not None

    @property
    def equipe_admise(self) -> bool:
        return self.nombre is None or 1 <= self.nombre <= 2

    def zone_rouge(self, mission: Mission) -> bool:
        return self.envoi and mission.vigilance == "rouge"

    def qualifiee(self, mission: Mission) -> bool:
        """Whether nothing in the règlement (or the red-zone policy) blocks the mission."""
        return (
            self.label.etat == "valide"
            and self.ambassade_validee
            and self.equipe_admise
            and self.duree.verdict != "depassee"
            and not self.zone_rouge(mission)
        )


def etablir(mission: Mission, contexte: Contexte) -> Faits:
    ext = contexte.extension(CLE_EXTENSION)
    if not isinstance(ext, ExtensionExpeCt):
        ext = ExtensionExpeCt()
    nombre = ext.nombre_personnes
    suppose = nombre is None and mission.sens == "envoi"
    return Faits(
        ext=ext,
        direction=mission.sens,
        nombre=1 if suppose else nombre,
        nombre_suppose=suppose,
        label=etat_du_label(mission),
        duree=duree(mission, contexte),
    )
