"""Which statutory route for the mission: cadre and volume first, then statut and host.

The order follows the DAECT note (seed 003, II): the employer's own cooperation keeps the agent
in service under an ordre de mission (II.A); a mission through a third party is routed by its
volume in working days (II.B: cumul, mise à disposition, détachement or disponibilité). The
volume thresholds are recommendations, kept as parameters; the statut of the agent and the
nature of the host are legal conditions, checked after and traced apart.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import Alternative, Blocage, Constat
from missio.libelles import DISPOSITIFS
from missio.models import Dispositif, Mission
from missio_statut_fpt.parametres import SEUIL_CUMUL, SEUIL_MAD
from missio_statut_fpt.registre import date_fr

DETACHEMENTS: frozenset[Dispositif] = frozenset(
    {"detachement_courte_duree", "detachement_longue_duree"}
)
POSITIONS: frozenset[Dispositif] = DETACHEMENTS | {"mise_a_disposition", "disponibilite"}

# CGFP L. 512-8: 4° bodies contributing to a public policy (an operator such as Expertise
# France, an open question: statut.md point 3), 5° international organisations, 6° EU
# institutions, 7° foreign States and their local or public bodies.
ACCUEILS_MAD = frozenset(
    {
        "operateur",
        "organisation_internationale",
        "institution_ue",
        "etat_etranger",
        "collectivite_etrangere",
    }
)
# CGFP L. 512-11: reimbursement may be waived for these hosts, not for an operator.
ACCUEILS_DEROGATION_REMBOURSEMENT = frozenset(
    {"organisation_internationale", "institution_ue", "etat_etranger", "collectivite_etrangere"}
)
# Décret n° 86-68, art. 2, 7° to 9°: cooperation, teaching abroad, mission of public interest
# abroad or with an international organisation, international cooperation bodies.
ACCUEILS_DETACHEMENT = frozenset(
    {
        "operateur",
        "organisation_internationale",
        "institution_ue",
        "etat_etranger",
        "collectivite_etrangere",
        "administration_etat",
    }
)

NOMS = DISPOSITIFS


@attrs.frozen(kw_only=True)
class Orientation:
    """The route retained for a mission, and why.

    :ivar recommande: the route the cadre and volume point to, before statut and host checks.
    :ivar dispositif: the route retained (``aucun`` when a legal condition blocks it).
    """

    recommande: Dispositif
    dispositif: Dispositif
    regle: str
    motif: str
    cite: tuple[str, ...]
    blocages: tuple[Blocage, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    constats: tuple[Constat, ...] = ()


def duree_detachement_courte_max(mission: Mission) -> date:
    """Last day a short détachement may cover: 6 months, 1 year to serve abroad."""
    mois = 12 if mission.pays != "FR" else 6
    return ajouter_mois(mission.debut, mois) - timedelta(days=1)


def detachement_par_duree(mission: Mission) -> Dispositif:
    if mission.fin <= duree_detachement_courte_max(mission):
        return "detachement_courte_duree"
    return "detachement_longue_duree"


def alternative(dispositif: Dispositif, condition: str, *cite: str) -> Alternative:
    return Alternative(
        regle="voie.alternatives", dispositif=dispositif, condition=condition, fondements=cite
    )


ALT_OM = alternative(
    "ordre_de_mission",
    "Sur temps de service, si la collectivité y trouve intérêt : ordre de mission (l'agent "
    "reste en service, frais réglés par l'employeur).",
    "daect.cooperation_propre",
    "om.definition_mission",
)


def alternative_cumul(seuil: int) -> Alternative:
    return alternative(
        "cumul_activites",
        f"≤ {seuil} jours ouvrés, hors des heures de service : une autorisation de cumul "
        "d'activités suffit.",
        "cumul.accessoire",
        "daect.seuils",
    )


ALT_DISPONIBILITE = alternative(
    "disponibilite",
    "Mission longue hors des cas de détachement : disponibilité pour convenances "
    "personnelles, sur demande de l'agent et sous réserve des nécessités du service (l'agent "
    "n'est plus rémunéré).",
    "disponibilite.definition",
    "disponibilite.convenances_personnelles",
)


def _par_volume(mission: Mission, contexte: Contexte, regle: str) -> Orientation:
    """Third-party missions (operator, international organisation, foreign host): DAECT grid."""
    volume = contexte.volume_jours_ouvres
    seuil_cumul, seuil_mad = contexte.parametre(SEUIL_CUMUL), contexte.parametre(SEUIL_MAD)
    constats: list[Constat] = []
    if volume == seuil_cumul + 1:
        constats.append(
            Constat(
                regle="daect.borne_6",
                fondements=("daect.seuils",),
                texte=(
                    f"{volume} jours ouvrés : la note DAECT recommande la mise à disposition « entre "
                    f"{seuil_cumul + 1} et {seuil_mad} jours » (corps de la note) alors que son annexe 1 "
                    f"ne la prévoit qu'au-delà de {seuil_cumul + 1} jours ; missio suit le corps de la "
                    "note (partition sans trou) : mise à disposition."
                ),
            )
        )
    if volume <= seuil_cumul:
        if mission.sur_temps_de_service:
            return Orientation(
                recommande="ordre_de_mission",
                dispositif="ordre_de_mission",
                regle=regle,
                motif=(
                    f"{volume} jours ouvrés (≤ {seuil_cumul}) effectués sur le temps de service "
                    "à la demande de la collectivité : ordre de mission"
                ),
                cite=("daect.seuils", "om.definition_mission"),
                alternatives=(alternative_cumul(seuil_cumul),),
                constats=tuple(constats),
            )
        return Orientation(
            recommande="cumul_activites",
            dispositif="cumul_activites",
            regle=regle,
            motif=(
                f"{volume} jours ouvrés (≤ {seuil_cumul}) hors du temps de service : "
                "autorisation de cumul d'activités (activité accessoire d'expertise)"
            ),
            cite=("daect.seuils", "cumul.accessoire", "cumul.liste"),
            alternatives=(ALT_OM,),
            constats=tuple(constats),
        )
    if volume <= seuil_mad:
        return Orientation(
            recommande="mise_a_disposition",
            dispositif="mise_a_disposition",
            regle=regle,
            motif=(
                f"{volume} jours ouvrés (de {seuil_cumul + 1} à {seuil_mad}) : mise à "
                "disposition auprès de l'organisme d'accueil"
            ),
            cite=("daect.seuils", "mad.definition", "mad.hotes"),
            alternatives=(ALT_OM,) if mission.sur_temps_de_service else (),
            constats=tuple(constats),
        )
    detachement = detachement_par_duree(mission)
    return Orientation(
        recommande=detachement,
        dispositif=detachement,
        regle=regle,
        motif=(
            f"{volume} jours ouvrés (plus de {seuil_mad}) : {NOMS[detachement]}, la mission "
            f"finissant le {date_fr(mission.fin)}"
        ),
        cite=("daect.seuils", "detachement.definition", "detachement.cas_international"),
        alternatives=(ALT_DISPONIBILITE,),
        constats=tuple(constats),
    )


def _initiative_agent(mission: Mission, contexte: Contexte) -> Orientation:
    """The agent's own project abroad: never a mise à disposition paid by the employer."""
    volume = contexte.volume_jours_ouvres
    seuil_cumul = contexte.parametre(SEUIL_CUMUL)
    if volume <= seuil_cumul:
        return Orientation(
            recommande="cumul_activites",
            dispositif="cumul_activites",
            regle="voie.initiative_agent",
            motif=(
                f"projet personnel de l'agent, {volume} jours ouvrés (≤ {seuil_cumul}) : "
                "activité accessoire hors du temps de service"
            ),
            cite=("daect.seuils", "cumul.accessoire", "cumul.liste"),
        )
    if mission.accueil.nature in ACCUEILS_DETACHEMENT:
        detachement = detachement_par_duree(mission)
        return Orientation(
            recommande=detachement,
            dispositif=detachement,
            regle="voie.initiative_agent",
            motif=(
                f"projet personnel de l'agent auprès d'un organisme relevant des cas de "
                f"détachement pour l'étranger : {NOMS[detachement]}"
            ),
            cite=("detachement.definition", "detachement.cas_international"),
            alternatives=(ALT_DISPONIBILITE,),
        )
    return Orientation(
        recommande="disponibilite",
        dispositif="disponibilite",
        regle="voie.initiative_agent",
        motif=(
            "projet personnel de l'agent auprès d'un organisme qui ne relève d'aucun cas de "
            "détachement (association, entreprise) : disponibilité pour convenances "
            "personnelles"
        ),
        cite=("disponibilite.definition", "disponibilite.convenances_personnelles"),
    )


def par_cadre(mission: Mission, contexte: Contexte) -> Orientation:
    """The route the cadre and the volume point to, for an agent in activity."""
    if mission.sens == "accueil":
        return Orientation(
            recommande="aucun",
            dispositif="aucun",
            regle="voie.accueil_en_france",
            motif=(
                "accueil de représentants étrangers en France : l'agent ne se déplace pas, "
                "il n'est pas en mission ; aucun acte statutaire (engagement budgétaire de la "
                "collectivité)"
            ),
            cite=("om.definition_mission",),
        )
    if mission.cadre in ("cooperation_decentralisee", "expe_ct"):
        alternatives: tuple[Alternative, ...] = ()
        seuil_cumul = contexte.parametre(SEUIL_CUMUL)
        if contexte.volume_jours_ouvres > seuil_cumul and mission.accueil.nature in ACCUEILS_MAD:
            alternatives = (
                alternative(
                    "mise_a_disposition",
                    "Pour un séjour long auprès de l'organisme d'accueil, une mise à disposition à "
                    "temps partiel (« tout ou partie du service ») peut être étudiée ; l'accueil "
                    "rembourse alors la rémunération, sauf dérogation prévue par la loi. À soumettre "
                    "à l'avis d'un juriste.",
                    "mad.hotes",
                    "mad.remboursement",
                ),
            )
        return Orientation(
            recommande="ordre_de_mission",
            dispositif="ordre_de_mission",
            regle="voie.cooperation_propre",
            motif=(
                "mission de la collectivité elle-même (action extérieure) : l'agent reste en "
                "service, muni d'un ordre de mission ; aucun mécanisme statutaire"
            ),
            cite=("aect.base", "daect.cooperation_propre", "om.definition_mission"),
            alternatives=alternatives,
        )
    if mission.cadre == "initiative_agent":
        return _initiative_agent(mission, contexte)
    regle = "voie.operateur" if mission.cadre == "operateur" else "voie.accueil_direct"
    return _par_volume(mission, contexte, regle)
