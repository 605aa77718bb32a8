"""The shape of a mission: one or two people, one week at most, on the agent's working time.

Règlement du programme EXPE-CT (7 juillet 2020), § III.2; DAECT note of June 2021, § II.B.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.ecriture import jour_fr
from missio_expe_ct.eligibilite import AGENTS_EN_ACTIVITE
from missio_expe_ct.faits import Faits
from missio_expe_ct.hors_programme import alternative
from missio_expe_ct.parametres import DEFAUT, DUREE_MAX, est_lecture_par_defaut

regles = Regles("expe_ct")

# --- Règlement EXPE-CT, § III.2 -------------------------------------------------------------
# « La mission peut comporter l'envoi d'une ou deux personnes de la collectivité labellisée, ou
# l'accueil par celle-ci d'un ou deux représentants d'une collectivité territoriale étrangère,
# pour une durée d'une semaine maximum dans les deux cas. »


def _blocage_equipe(faits: Faits, nombre: int) -> Blocage:
    if nombre == 0:
        message = "La mission ne compte personne (nombre_personnes : 0) : le règlement EXPE-CT prévoit l'envoi d'une ou deux personnes, ou l'accueil d'un ou deux représentants."
        remede = "Indiquer le nombre réel de personnes (extensions.expe_ct.nombre_personnes)."
    elif faits.envoi:
        message = f"La mission envoie {nombre} personnes : le règlement EXPE-CT admet l'envoi d'une ou deux personnes de la collectivité labellisée."
        remede = (
            "Réduire l'équipe à deux personnes ; les autres peuvent partir hors EXPE-CT, sur ordre "
            "de mission (ou mandat spécial) financé par la collectivité ; ou scinder l'action en "
            "missions distinctes, chacune proposée par la DAECT et validée par l'ambassade (le règlement "
            "n'interdit pas des missions successives : à vérifier avec la DAECT)."
        )
    else:
        message = f"La collectivité accueille {nombre} représentants étrangers : le règlement EXPE-CT admet l'accueil d'un ou deux représentants d'une collectivité étrangère."
        remede = (
            "Limiter l'accueil EXPE-CT à deux représentants ; les autres sont reçus hors EXPE-CT, "
            "aux frais de la collectivité ou de leur propre collectivité."
        )
    return Blocage(code="expe_ct.taille_equipe", message=message, remede=remede)


@regles.regle(
    "expe_ct.equipe",
    titre="Une ou deux personnes envoyées, ou un ou deux représentants accueillis",
    cite=("expe_ct.reglement.mission",),
)
def equipe(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    nombre = faits.nombre
    if nombre is None:
        yield Alerte(
            code="expe_ct.equipe_non_precisee",
            message=(
                "Accueil d'une délégation : le nombre de représentants accueillis n'est pas "
                "précisé (extensions.expe_ct.nombre_personnes) ; le règlement en admet un ou deux."
            ),
        )
    elif not faits.equipe_admise:
        yield _blocage_equipe(faits, nombre)
        repli = alternative(mission)
        if repli:
            yield repli
    elif faits.nombre_suppose:
        yield Constat(
            texte="Nombre de personnes envoyées non précisé : une seule personne, l'agent de la mission, est retenue."
        )
    else:
        pluriel = "s" if nombre >= 2 else ""
        sens = "envoyée" if faits.envoi else "accueillie"
        yield Constat(
            texte=f"{nombre} personne{pluriel} {sens}{pluriel} : dans la limite du règlement."
        )


# « […] pour une durée d'une semaine maximum dans les deux cas. » The week is not defined: the
# reading is the parameter expe_ct.duree_max, and the trace always says which one was applied.


def _lecture_appliquee(faits: Faits, mission: Mission) -> Constat:
    d = faits.duree
    origine = (
        "lecture par défaut"
        if est_lecture_par_defaut(d.lecture)
        else "lecture fixée pour cette collectivité, voir la trace du paramètre"
    )
    expertise = (
        f" ; {d.jours_expertise} jours d'expertise déclarés, que la limite ne compte pas (elle "
        "porte sur la durée de la mission)"
        if d.jours_expertise is not None and d.jours_expertise != d.jours_ouvres_sur_place
        else ""
    )
    return Constat(
        texte=(
            f"« Une semaine maximum » lue comme {d.lecture.libelle()} (paramètre {DUREE_MAX}, "
            f"{origine}). Mission du {jour_fr(mission.debut)} au {jour_fr(mission.fin)} : "
            f"{d.jours_calendaires} jours calendaires, {d.jours_ouvres_sur_place} jours ouvrés "
            f"sur place{expertise}."
        )
    )


def _blocage_duree(faits: Faits, mission: Mission) -> Blocage:
    d = faits.duree
    unite = "jours calendaires" if d.lecture.unite == "jours_calendaires" else "jours ouvrés"
    expertise = (
        f" Les {d.jours_expertise} jours d'expertise déclarés n'y changent rien : la limite porte "
        "sur la durée de la mission."
        if d.jours_expertise is not None and d.jours_expertise < d.mesure
        else ""
    )
    return Blocage(
        code="expe_ct.duree_depassee",
        message=(
            f"La mission dure {d.mesure} {unite} (du {jour_fr(mission.debut)} au "
            f"{jour_fr(mission.fin)}) : le règlement EXPE-CT limite une mission à « une semaine "
            f"maximum », lue comme {d.lecture.libelle()}.{expertise}"
        ),
        remede=(
            f"Ramener la mission à {d.lecture.valeur} {unite}, ou la découper : les jours au-delà "
            f"relèvent {_au_dela(mission)}, ou d'une seconde mission EXPE-CT proposée par la DAECT "
            f"et validée par l'ambassade (à vérifier avec elle) ; à défaut, {_en_entier(mission)}."
        ),
    )


def _au_dela(mission: Mission) -> str:
    if mission.sens == "accueil":
        return "d'un accueil hors EXPE-CT, à la charge de la collectivité"
    return (
        "d'une mission hors EXPE-CT, sur ordre de mission (ou mandat spécial) financé par la "
        "collectivité"
    )


def _en_entier(mission: Mission) -> str:
    if mission.sens == "accueil":
        return (
            "recevoir toute la délégation hors EXPE-CT, à la charge de la collectivité (personne "
            "ne se déplace, aucun acte statutaire)"
        )
    return "conduire toute la mission hors EXPE-CT (voir les alternatives)"


@regles.regle(
    "expe_ct.duree",
    titre="Durée d'une semaine au plus (lecture paramétrable)",
    cite=("expe_ct.reglement.mission", "expe_ct.lecture.semaine"),
)
def duree(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    yield _lecture_appliquee(faits, mission)
    d = faits.duree
    if d.verdict == "depassee":
        yield _blocage_duree(faits, mission)
        repli = alternative(mission)
        if repli:
            yield repli
    elif d.verdict == "contestable":
        yield Alerte(
            code="expe_ct.duree_lecture_contestee",
            message=(
                f"La mission s'étend sur {d.jours_calendaires} jours calendaires pour "
                f"{d.jours_ouvres_sur_place} jours ouvrés sur place : conforme à la lecture "
                f"retenue ({d.lecture.libelle()}), mais pas à la lecture prudente "
                f"({DEFAUT.libelle()}). Faites confirmer la lecture par la DAECT avant le départ."
            ),
        )
    if len(mission.periodes) > 1:
        compte = (
            "les jours calendaires sont comptés du premier départ au dernier retour"
            if d.lecture.unite == "jours_calendaires"
            else "les jours ouvrés sont comptés sur l'ensemble des périodes"
        )
        yield Alerte(
            code="expe_ct.plusieurs_periodes",
            niveau="info",
            message=(
                f"La mission comporte plusieurs périodes : {compte}. S'il s'agit de missions "
                "distinctes, évaluez-les séparément, chacune validée par l'ambassade."
            ),
        )


# --- Note DAECT de juin 2021, § II.B.1 ----------------------------------------------------
# « Les activités accessoires ne peuvent être exercées qu'en dehors des heures de service des
# intéressés […]. » and its footnote: « […] de faire partir l'expert sur son temps de travail,
# muni d'un ordre de mission. » An EXPE-CT mission is the collectivité's own: its agent goes on
# working time, under the employer's responsibility (§ II.A.2).


@regles.regle(
    "expe_ct.temps_de_service",
    titre="Mission sur le temps de service, non en cumul d'activités",
    cite=("expe_ct.note.cumul", "expe_ct.note.responsabilite_employeur"),
)
def temps_de_service(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    if (
        not faits.envoi
        or mission.agent.statut not in AGENTS_EN_ACTIVITE
        or mission.sur_temps_de_service is not False
    ):
        return None
    return Alerte(
        code="expe_ct.cumul_inadapte",
        message=(
            "La mission est prévue hors du temps de service : un cumul d'activités (activité "
            "accessoire, hors des heures de service, pour le compte d'un tiers) ne correspond pas à "
            "une mission EXPE-CT, qui est celle de la collectivité. L'agent part sur son temps de "
            "service, muni d'un ordre de mission, et reste sous la responsabilité de son employeur."
        ),
    )
