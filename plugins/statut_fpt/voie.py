"""Which route the cadre and the volume point to, for an agent of the collectivité.

Note DAECT (seed 003, diffused on 24 June 2021), II: the collectivité's own cooperation keeps the
agent in service under an ordre de mission (II.A.1); a mission through a third party is routed by
its volume of expertise in working days (II.B): « moins de 6 jours ouvrés » → cumul d'activités,
« entre 6 jours et 130 jours » → mise à disposition, beyond → détachement. These are
recommendations, not legal limits: the thresholds are parameters, their label is read from the
dated source (before 24 June 2021, missio's own grid, which may not cite the note), and the
legal conditions of each route are checked after, apart (:mod:`.route`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from missio.context import Contexte
from missio.findings import Constat, Finding
from missio.libelles import DISPOSITIFS
from missio.models import Dispositif, Mission
from missio_statut_fpt import alternatives
from missio_statut_fpt.detachement import detachement_envisageable, par_duree
from missio_statut_fpt.parametres import SEUIL_CUMUL, SEUIL_MAD
from missio_statut_fpt.registre import date_chiffres, envoi_d_un_agent, regles, voies
from missio_statut_fpt.route import Proposition, Route

CADRES_PROPRES = ("cooperation_decentralisee", "expe_ct")
Palier = Literal["cumul_activites", "mise_a_disposition", "detachement"]


def palier(volume: int, contexte: Contexte) -> Palier:
    """The step of the volume grid: ≤ seuil_cumul, up to seuil_mad, beyond (no gap, no overlap)."""
    if volume <= contexte.parametre(SEUIL_CUMUL):
        return "cumul_activites"
    if volume <= contexte.parametre(SEUIL_MAD):
        return "mise_a_disposition"
    return "detachement"


def voie_du_palier(mission: Mission, contexte: Contexte, volume: int) -> Dispositif:
    """The dispositif the grid recommends for `volume` working days."""
    trouve = palier(volume, contexte)
    if trouve == "detachement":
        return par_duree(mission, contexte)
    if trouve == "cumul_activites" and mission.sur_temps_de_service:
        return "ordre_de_mission"
    return trouve


def libelle_daect(cle: str, mission: Mission, contexte: Contexte) -> str:
    """« recommandation de la note DAECT » from 24 June 2021, missio's own reading before: read
    from the version of `cle` in force on the decision's date."""
    version = contexte.version(cle, mission.date_procedure)
    return str(version.valeur("libelle")) if version else "lecture de missio"


def note_daect_citable(mission: Mission, contexte: Contexte) -> bool:
    """Whether the decision's date is one on which the DAECT note may be cited."""
    version = contexte.version("daect.seuils", mission.date_procedure)
    return bool(version and version.valeur("note_daect"))


def constat_seuils(mission: Mission, contexte: Contexte) -> Constat:
    seuil_cumul, seuil_mad = contexte.parametre(SEUIL_CUMUL), contexte.parametre(SEUIL_MAD)
    return Constat(
        le=mission.date_procedure,
        fondements=("daect.seuils",),
        texte=(
            f"seuils de volume ({libelle_daect('daect.seuils', mission, contexte)}) : jusqu'à {seuil_cumul} "
            f"jours ouvrés, cumul d'activités ; de {seuil_cumul + 1} à {seuil_mad}, mise à "
            "disposition ; au-delà, détachement"
        ),
    )


# --- Hosting foreign representatives in France: nobody travels -------------------------------
# Décret n° 2006-781, art. 2 (paraphrase, statut.md § 6): an agent « en mission » travels, with
# an ordre de mission, outside his administrative and family residences. An agent who receives
# a delegation at home does not: no position, no ordre de mission.


@voies.regle(
    "voie.accueil_en_france",
    titre="Accueil de représentants étrangers en France : aucun acte statutaire",
    cite=("om.definition_mission",),
    statut="verifie_secondaire",
)
def accueil_en_france(mission: Mission, contexte: Contexte) -> Proposition | None:
    if mission.sens != "accueil":
        return None
    return Proposition(
        dispositif="aucun",
        motif=(
            "accueil de représentants étrangers en France : l'agent ne se déplace pas, il n'est "
            "pas en mission ; aucun acte statutaire (engagement budgétaire de la collectivité)"
        ),
        fondements=("om.definition_mission",),
    )


# --- The collectivité's own cooperation: CGCT L. 1115-1; note DAECT § II.A.1 -------------------
# CGCT L. 1115-1 (paraphrase, statut.md § 9): collectivités may carry out or support any
# international action of cooperation, development aid or humanitarian nature. Note DAECT §
# II.A.1: the agent stays in service, « muni d'un ordre de mission » ; no statutory mechanism.


@voies.regle(
    "voie.cooperation_propre",
    titre="Coopération propre de la collectivité : ordre de mission",
    cite=("aect.base", "om.definition_mission"),
)
def cooperation_propre(mission: Mission, contexte: Contexte) -> Proposition | None:
    if not envoi_d_un_agent(mission) or mission.cadre not in CADRES_PROPRES:
        return None
    offertes = ()
    if contexte.volume_jours_ouvres > contexte.parametre(SEUIL_CUMUL):
        offertes = (alternatives.mise_a_disposition_partielle(),)
    return Proposition(
        dispositif="ordre_de_mission",
        motif=(
            "mission de la collectivité elle-même (action extérieure) : l'agent reste en "
            "service, muni d'un ordre de mission ; aucun mécanisme statutaire"
        ),
        fondements=("aect.base", "om.definition_mission"),
        alternatives=offertes,
        constats=(
            Constat(
                le=mission.date_procedure,
                fondements=("daect.cooperation_propre",),
                texte=(
                    "mission de la collectivité sur le temps de service : ordre de mission "
                    f"({libelle_daect('daect.cooperation_propre', mission, contexte)})"
                ),
            ),
        ),
    )


# --- A mission through a third party: the volume grid (note DAECT § II.B) ----------------------


def _grille(mission: Mission, contexte: Contexte) -> Proposition:
    volume = contexte.volume_jours_ouvres
    seuil_cumul, seuil_mad = contexte.parametre(SEUIL_CUMUL), contexte.parametre(SEUIL_MAD)
    constats = (constat_seuils(mission, contexte),)
    dispositif = voie_du_palier(mission, contexte, volume)
    if dispositif == "ordre_de_mission":
        return Proposition(
            dispositif=dispositif,
            motif=(
                f"{volume} jours ouvrés (≤ {seuil_cumul}) effectués sur le temps de service à la "
                "demande de la collectivité : ordre de mission"
            ),
            fondements=("om.definition_mission",),
            alternatives=(alternatives.cumul(seuil_cumul),),
            constats=constats,
        )
    if dispositif == "cumul_activites":
        return Proposition(
            dispositif=dispositif,
            motif=(
                f"{volume} jours ouvrés (≤ {seuil_cumul}) hors du temps de service : "
                "autorisation de cumul d'activités (activité accessoire d'expertise)"
            ),
            fondements=("cumul.accessoire", "cumul.liste"),
            alternatives=(alternatives.ordre_de_mission(),),
            constats=constats,
        )
    if dispositif == "mise_a_disposition":
        return Proposition(
            dispositif=dispositif,
            motif=(
                f"{volume} jours ouvrés (de {seuil_cumul + 1} à {seuil_mad}) : mise à "
                "disposition auprès de l'organisme d'accueil"
            ),
            fondements=("mad.definition",),
            alternatives=(alternatives.ordre_de_mission(),) if mission.sur_temps_de_service else (),
            constats=constats,
        )
    return Proposition(
        dispositif=dispositif,
        motif=(
            f"{volume} jours ouvrés (plus de {seuil_mad}) : {DISPOSITIFS[dispositif]}, la mission "
            f"finissant le {date_chiffres(mission.fin)}"
        ),
        fondements=("detachement.definition",),
        constats=constats,
    )


@voies.regle(
    "voie.operateur",
    titre="Mission pour un opérateur : dispositif selon le volume d'expertise",
    cite=("daect.seuils",),
)
def operateur(mission: Mission, contexte: Contexte) -> Proposition | None:
    if not envoi_d_un_agent(mission) or mission.cadre != "operateur":
        return None
    return _grille(mission, contexte)


@voies.regle(
    "voie.accueil_direct",
    titre="Organisme d'accueil direct (OI, État, collectivité étrangère) : dispositif selon le volume",
    cite=("daect.seuils",),
)
def accueil_direct(mission: Mission, contexte: Contexte) -> Proposition | None:
    if not envoi_d_un_agent(mission) or mission.cadre != "organisation_internationale":
        return None
    return _grille(mission, contexte)


# --- The agent's own project (statut.md § 3 and § 4) --------------------------------------------
# Never a mise à disposition paid by the employer. Short: an accessory activity outside service
# hours. Long: a détachement when a case of décret n° 86-68, art. 2 fits or may fit once the host
# is qualified; disponibilité only when none does (« une ONG n'y conduit donc pas
# automatiquement », statut.md § 4).


@voies.regle(
    "voie.initiative_agent",
    titre="Projet personnel de l'agent : cumul, détachement ou disponibilité",
    cite=("detachement.cas_international", "disponibilite.definition"),
)
def initiative_agent(mission: Mission, contexte: Contexte) -> Proposition | None:
    if not envoi_d_un_agent(mission) or mission.cadre != "initiative_agent":
        return None
    volume, seuil_cumul = contexte.volume_jours_ouvres, contexte.parametre(SEUIL_CUMUL)
    if volume <= seuil_cumul:
        return Proposition(
            dispositif="cumul_activites",
            motif=(
                f"projet personnel de l'agent, {volume} jours ouvrés (≤ {seuil_cumul}) : "
                "activité accessoire hors du temps de service"
            ),
            fondements=("cumul.accessoire", "cumul.liste"),
            constats=(constat_seuils(mission, contexte),),
        )
    if detachement_envisageable(mission, contexte):
        detachement = par_duree(mission, contexte)
        return Proposition(
            dispositif=detachement,
            motif=(
                "projet personnel de l'agent auprès d'un organisme relevant d'un cas de "
                f"détachement : {DISPOSITIFS[detachement]}"
            ),
            fondements=("detachement.definition",),
        )
    return Proposition(
        dispositif="disponibilite",
        motif=(
            "projet personnel de l'agent auprès d'un organisme qui ne relève d'aucun cas de "
            "détachement : disponibilité pour convenances personnelles"
        ),
        fondements=("disponibilite.definition", "disponibilite.convenances_personnelles"),
    )


# --- Note DAECT, body (II.B) and annex 1 (art. 4) disagree on 6 days (statut.md, arbre) ---------


@regles.regle(
    "daect.borne_6",
    titre="Mission d'exactement 6 jours ouvrés : lecture retenue de la note DAECT",
    cite=("daect.seuils",),
)
def borne_6(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    seuil_cumul, seuil_mad = contexte.parametre(SEUIL_CUMUL), contexte.parametre(SEUIL_MAD)
    volume = contexte.volume_jours_ouvres
    grille = mission.cadre in ("operateur", "organisation_internationale")
    if not grille or route.recommande != "mise_a_disposition" or volume != seuil_cumul + 1:
        return
    if not note_daect_citable(mission, contexte):
        return  # before the note, missio's own grid has no annex to disagree with
    yield Constat(
        le=mission.date_procedure,
        texte=(
            f"{volume} jours ouvrés : la note DAECT recommande la mise à disposition « entre "
            f"{seuil_cumul + 1} et {seuil_mad} jours » (corps de la note) alors que son annexe 1 "
            f"ne la prévoit qu'au-delà de {seuil_cumul + 1} jours ; missio suit le corps de la note "
            "(partition sans trou) : mise à disposition."
        ),
    )
