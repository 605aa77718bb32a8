"""What each statut may use, and which hosts a position admits: legal conditions.

Applied after the cadre and volume have pointed to a route (:mod:`.orientation`): a route the
statut or the host forbids becomes a blocage naming the rule, with the admissible routes as
alternatives.
"""

from __future__ import annotations

import attrs

from missio.context import Contexte
from missio.findings import Alternative, Blocage
from missio.models import Mission
from missio_statut_fpt.orientation import (
    ACCUEILS_DETACHEMENT,
    ACCUEILS_MAD,
    ALT_DISPONIBILITE,
    ALT_OM,
    DETACHEMENTS,
    NOMS,
    POSITIONS,
    Orientation,
    alternative,
    alternative_cumul,
    detachement_par_duree,
)
from missio_statut_fpt.parametres import SEUIL_CUMUL


def _bloquer(
    orientation: Orientation,
    regle: str,
    message: str,
    remede: str,
    cite: tuple[str, ...],
    alternatives: tuple[Alternative, ...],
) -> Orientation:
    blocage = Blocage(
        regle=regle, code=regle.replace(".", "_"), message=message, remede=remede, fondements=cite
    )
    return attrs.evolve(
        orientation,
        dispositif="aucun",
        blocages=(*orientation.blocages, blocage),
        alternatives=alternatives,
    )


def _repli_agent_non_titulaire(contexte: Contexte) -> tuple[Alternative, ...]:
    seuil = contexte.parametre(SEUIL_CUMUL)
    if contexte.volume_jours_ouvres <= seuil:
        return (ALT_OM, alternative_cumul(seuil))
    return (ALT_OM,)


def _remede(contexte: Contexte) -> str:
    seuil = contexte.parametre(SEUIL_CUMUL)
    if contexte.volume_jours_ouvres <= seuil:
        return (
            f"Sur temps de service : ordre de mission ; ≤ {seuil} jours ouvrés hors du temps "
            "de service : une autorisation de cumul suffit."
        )
    return (
        "Sur temps de service : ordre de mission, si la collectivité fait de la mission la "
        f"sienne ; ou ramener la mission à {seuil} jours ouvrés au plus pour un cumul."
    )


def appliquer(mission: Mission, contexte: Contexte, orientation: Orientation) -> Orientation:
    """The orientation once the agent's statut and the host's nature are checked."""
    if mission.sens == "accueil":
        return orientation  # nobody travels: no position, whatever the statut
    statut = mission.agent.statut
    if statut == "elu" and mission.cadre not in ("cooperation_decentralisee", "expe_ct"):
        return _bloquer(
            orientation,
            "statut.elu",
            "Un élu n'est pas un agent de la collectivité : missio ne traite sa mission que si "
            "elle est accomplie pour la collectivité, sous mandat spécial.",
            "Mission pour la collectivité (coopération décentralisée, EXPE-CT) : mandat spécial "
            "voté par l'assemblée ; mission personnelle : aucun acte de la collectivité.",
            ("elu.mandat_special",),
            (),
        )
    if statut == "elu":
        return attrs.evolve(
            orientation,
            dispositif="mandat_special",
            regle="statut.elu",
            cite=("elu.mandat_special",),
            motif=(
                "un élu n'est pas un agent : il part sous mandat spécial voté par l'assemblée "
                "délibérante, jamais sous ordre de mission"
            ),
            alternatives=(),
        )
    if statut == "retraite":
        return attrs.evolve(
            orientation,
            dispositif="recrutement_direct",
            regle="statut.retraite",
            cite=("retraite.limite_age", "retraite.cumul_pension"),
            motif=(
                "un agent retraité n'est plus dans aucune position statutaire : l'organisme "
                "d'accueil ou l'opérateur le recrute directement ; aucun acte de la "
                "collectivité, une note d'information"
            ),
            alternatives=(),
        )
    if orientation.dispositif not in POSITIONS:
        return orientation
    nom = NOMS[orientation.dispositif]
    if statut == "stagiaire":
        return _bloquer(
            orientation,
            "statut.stagiaire",
            f"Un fonctionnaire stagiaire ne peut pas être placé en {nom} : il est en période "
            "probatoire.",
            _remede(contexte),
            ("stagiaire.positions_interdites",),
            _repli_agent_non_titulaire(contexte),
        )
    if statut == "contractuel_cdd":
        return _bloquer(
            orientation,
            "statut.contractuel_cdd",
            f"Un agent contractuel en CDD ne peut pas être placé en {nom} : seul un contractuel "
            "en CDI peut être mis à disposition, et le détachement et la disponibilité sont des "
            "positions de fonctionnaire.",
            _remede(contexte),
            ("mad.contractuel_cdi", "detachement.definition"),
            _repli_agent_non_titulaire(contexte),
        )
    if statut == "contractuel_cdi":
        if orientation.dispositif == "mise_a_disposition":
            message = (
                "Un agent contractuel en CDI ne peut être mis à disposition qu'auprès d'une "
                "collectivité ou d'un établissement public territorial, pas auprès de cet "
                "organisme d'accueil."
            )
            cite: tuple[str, ...] = ("mad.contractuel_cdi",)
        else:
            message = (
                f"Le {nom} est une position de fonctionnaire : un agent contractuel ne "
                "peut pas y être placé."
            )
            cite = ("detachement.definition", "disponibilite.definition")
        return _bloquer(
            orientation,
            "statut.contractuel_cdi",
            message,
            _remede(contexte),
            cite,
            _repli_agent_non_titulaire(contexte),
        )
    return _accueil_admissible(mission, contexte, orientation)


def _accueil_admissible(
    mission: Mission, contexte: Contexte, orientation: Orientation
) -> Orientation:
    """A titulaire: the host must be one the position admits."""
    nature = mission.accueil.nature
    if orientation.dispositif == "mise_a_disposition" and nature not in ACCUEILS_MAD:
        repli: tuple[Alternative, ...]
        if nature in ACCUEILS_DETACHEMENT:
            detachement = detachement_par_duree(mission)
            repli = (
                alternative(
                    detachement,
                    f"{NOMS[detachement]} auprès de cet organisme, à la demande de l'agent.",
                    "detachement.definition",
                    "detachement.cas_international",
                ),
                ALT_DISPONIBILITE,
            )
        else:
            repli = (ALT_DISPONIBILITE,)
        return _bloquer(
            orientation,
            "mad.accueil_admissible",
            f"Une mise à disposition n'est pas possible auprès d'un organisme de nature « {nature} » : "
            "la loi la réserve notamment aux organisations internationales, aux institutions de "
            "l'Union européenne, aux États étrangers et à leurs collectivités, et aux organismes "
            "contribuant à une politique publique.",
            "Choisir un autre organisme d'accueil, ou une autre position (voir les alternatives).",
            ("mad.hotes",),
            repli,
        )
    if orientation.dispositif in DETACHEMENTS and nature not in ACCUEILS_DETACHEMENT:
        return _bloquer(
            orientation,
            "detachement.accueil_admissible",
            f"Un détachement pour l'étranger n'est pas prévu auprès d'un organisme de nature « {nature} » "
            "(cas limitatifs : coopération, enseignement, mission d'intérêt public à l'étranger ou "
            "auprès d'une organisation internationale).",
            "Disponibilité pour convenances personnelles, à la demande de l'agent.",
            ("detachement.cas_international",),
            (ALT_DISPONIBILITE,),
        )
    return orientation
