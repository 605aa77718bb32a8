"""What a mission that does not qualify as EXPE-CT can become, and shared dates.

A mission refused by the règlement can still go ahead as the collectivité's own cooperation,
at its own cost, without the ministry's funding (règlement, § III.2: the ministry pays the
transport of the programme's missions only; DAECT note, § II.A.1, from its publication: the
collectivité's own missions need no particular mechanism). The statutory vehicle is then
unchanged: an ordre de mission for an agent, the mandat spécial statut_fpt retains (with its
article of the CGCT) for an elected official. Hosting a delegation sends nobody anywhere: no
vehicle is offered, only the same reception at the collectivité's own cost.
"""

from __future__ import annotations

from datetime import date

from missio.context import Contexte
from missio.findings import Alternative
from missio.models import Mission

_HORS_EXPE_CT_ENVOI = (
    "ou conduire la mission hors EXPE-CT, comme coopération de la collectivité, à ses frais et "
    "sans prise en charge du MEAE (voir les alternatives)"
)
_HORS_EXPE_CT_ACCUEIL = (
    "ou recevoir la délégation hors EXPE-CT, au titre de l'action extérieure de la collectivité : "
    "transport international et séjour à sa charge (ou à celle de la collectivité étrangère), "
    "sans prise en charge du MEAE ; personne ne se déplace, aucun acte statutaire n'est requis"
)


def hors_expe_ct(mission: Mission) -> str:
    """The way out of the programme, as the end of a remedy: sending or hosting."""
    return _HORS_EXPE_CT_ACCUEIL if mission.sens == "accueil" else _HORS_EXPE_CT_ENVOI


def alternative(mission: Mission) -> Alternative | None:
    """The same trip outside the programme. None when nobody travels (a delegation hosted in
    France keeps the route « aucun ») or for a retiree, whom the collectivité cannot send."""
    statut = mission.agent.statut
    if mission.sens == "accueil" or statut == "retraite":
        return None
    if statut == "elu":
        # The note speaks of agents: the elected official's alternative rests on the règlement
        # alone; the mandat spécial and its article are statut_fpt's route.
        return Alternative(
            dispositif="mandat_special",
            condition=(
                "Hors EXPE-CT : le même déplacement de l'élu dans la coopération de la "
                "collectivité, sous le mandat spécial voté par l'assemblée délibérante, transport "
                "et séjour à la charge de la collectivité, sans prise en charge du MEAE."
            ),
            fondements=("expe_ct.reglement.mission",),
        )
    return Alternative(
        dispositif="ordre_de_mission",
        condition=(
            "Hors EXPE-CT : mission de coopération de la collectivité (cadre "
            "cooperation_decentralisee), l'agent en service sous ordre de mission, transport et "
            "séjour à la charge de la collectivité ou de son partenaire, sans prise en charge du "
            "MEAE."
        ),
        fondements=("expe_ct.reglement.mission", "expe_ct.note.hors_programme"),
    )


def veille_du_depart(mission: Mission, contexte: Contexte) -> date:
    """The employer's last working day before the first day of the mission."""
    return contexte.calendrier.veille_ouvree(mission.debut)
