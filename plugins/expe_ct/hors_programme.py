"""What a mission that does not qualify as EXPE-CT can become, and shared dates.

A mission refused by the règlement can still go ahead as the collectivité's own cooperation,
at its own cost, without the ministry's funding (DAECT note, § II.A.1): the statutory vehicle is
then unchanged (ordre de mission for an agent, mandat spécial for an elected official).
"""

from __future__ import annotations

from datetime import date

from missio.context import Contexte
from missio.findings import Alternative
from missio.models import Mission

HORS_EXPE_CT = (
    "ou conduire la mission hors EXPE-CT, comme coopération de la collectivité, à ses frais et "
    "sans prise en charge du MEAE (voir les alternatives)"
)


def alternative(mission: Mission) -> Alternative | None:
    """The same trip outside the programme; none for a retiree, whom the collectivité cannot send."""
    statut = mission.agent.statut
    if statut == "retraite":
        return None
    if statut == "elu":
        return Alternative(
            dispositif="mandat_special",
            condition=(
                "Hors EXPE-CT : déplacement de l'élu dans le cadre de la coopération de la "
                "collectivité, sous mandat spécial voté par l'assemblée, transport et séjour à la "
                "charge de la collectivité."
            ),
            fondements=("expe_ct.note.hors_programme",),
        )
    return Alternative(
        dispositif="ordre_de_mission",
        condition=(
            "Hors EXPE-CT : mission de coopération de la collectivité (cadre "
            "cooperation_decentralisee), l'agent en service sous ordre de mission, transport et "
            "séjour à la charge de la collectivité ou de son partenaire."
        ),
        fondements=("expe_ct.note.hors_programme",),
    )


def veille_du_depart(mission: Mission, contexte: Contexte) -> date:
    """The employer's last working day before the first day of the mission."""
    return contexte.calendrier.veille_ouvree(mission.debut)
