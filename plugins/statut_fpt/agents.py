"""Who may take which position: stagiaires and contractuels (statut.md § 2 and § 7).

A titulaire may take every position, subject to the host's conditions (:mod:`.mad`,
:mod:`.detachement`). Elected officials and retirees are no agents in a position: their routes
are in :mod:`.elus` and :mod:`.retraites`.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Alternative, Blocage, Cas, Finding
from missio.models import Dispositif, Mission
from missio_statut_fpt import alternatives
from missio_statut_fpt.parametres import SEUIL_CUMUL
from missio_statut_fpt.registre import POSITIONS, conditions, date_chiffres, regles
from missio_statut_fpt.route import Route

# What a blocage says the agent would become: « mis à disposition », never « placé en mise à
# disposition ».
PARTICIPES = {
    "mise_a_disposition": "mis à disposition",
    "detachement_courte_duree": "placé en détachement de courte durée",
    "detachement_longue_duree": "placé en détachement de longue durée",
    "disponibilite": "placé en disponibilité",
}


def repli_en_service(contexte: Contexte) -> Iterator[Alternative]:
    """What remains for an agent no position admits: the mission on service time, or a cumul
    when it is short enough."""
    yield alternatives.ordre_de_mission()
    seuil = contexte.parametre(SEUIL_CUMUL)
    if contexte.volume_jours_ouvres <= seuil:
        yield alternatives.cumul(seuil)


def remede_en_service(contexte: Contexte) -> str:
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


# Décret n° 92-1194 du 4 novembre 1992 (article not found: stagiaire.positions_interdites stays
# « à vérifier »). Paraphrase of statut.md § 7: « il ne peut en principe ni être mis à
# disposition, ni être placé en disponibilité (sauf cas de droit), et le détachement n'est
# possible que par exception » ; missio refuses all three and offers the routes in service.
@conditions.regle(
    "statut.stagiaire",
    titre="Stagiaire : ni mise à disposition, ni détachement, ni disponibilité",
    cite=("stagiaire.positions_interdites",),
    statut="verifie_secondaire",
)
def stagiaire(mission: Mission, contexte: Contexte, dispositif: Dispositif) -> Iterator[Finding]:
    if mission.agent.statut != "stagiaire" or dispositif not in POSITIONS:
        return
    yield Blocage(
        code="statut_stagiaire",
        message=f"Un fonctionnaire stagiaire ne peut pas être {PARTICIPES[dispositif]} : il est en période probatoire.",
        remede=remede_en_service(contexte),
    )
    yield from repli_en_service(contexte)


# Décret n° 88-145, art. 35-1 (text not read; number: eurojuris.fr). Paraphrase of statut.md § 2:
# « Seul l'agent contractuel en CDI peut être mis à disposition […] ; un agent en CDD ne peut pas
# être mis à disposition » ; détachement and disponibilité are positions of fonctionnaires.
@conditions.regle(
    "statut.contractuel_cdd",
    titre="Contractuel en CDD : ni mise à disposition ni position de fonctionnaire",
    cite=("mad.contractuel_cdi",),
    statut="verifie_secondaire",
)
def contractuel_cdd(
    mission: Mission, contexte: Contexte, dispositif: Dispositif
) -> Iterator[Finding]:
    if mission.agent.statut != "contractuel_cdd" or dispositif not in POSITIONS:
        return
    yield Blocage(
        code="statut_contractuel_cdd",
        message=(
            f"Un agent contractuel en CDD ne peut pas être {PARTICIPES[dispositif]} : seul un "
            "contractuel en CDI peut être mis à disposition, et le détachement et la "
            "disponibilité sont des positions de fonctionnaire."
        ),
        remede=remede_en_service(contexte),
        fondements=("mad.contractuel_cdi", "detachement.definition"),
    )
    yield from repli_en_service(contexte)


# Same article, statut.md § 2: « Hôtes admis pour un CDI : les seules collectivités et
# établissements publics territoriaux ». Open question (statut.md § 2, « à trancher »): since
# décret n° 2016-1123 the State would also be a host; missio keeps the safer rule and shows the
# question, marked « à vérifier », whenever it decides against the State.
@conditions.regle(
    "statut.contractuel_cdi",
    titre="Contractuel en CDI : mise à disposition auprès d'un organisme territorial seulement",
    cite=("mad.contractuel_cdi",),
    statut="verifie_secondaire",
)
def contractuel_cdi(
    mission: Mission, contexte: Contexte, dispositif: Dispositif
) -> Iterator[Finding]:
    if mission.agent.statut != "contractuel_cdi" or dispositif not in POSITIONS:
        return
    if dispositif != "mise_a_disposition":
        yield Blocage(
            code="statut_contractuel_cdi",
            message=f"Un agent contractuel ne peut pas être {PARTICIPES[dispositif]} : c'est une position de fonctionnaire.",
            remede=remede_en_service(contexte),
            fondements=("detachement.definition", "disponibilite.definition"),
        )
        yield from repli_en_service(contexte)
        return
    if mission.accueil.nature == "collectivite_francaise":
        yield Cas(
            code="mad.organisme_accueil",
            libelle="collectivité territoriale ou établissement public territorial (agent contractuel en CDI)",
        )
        return
    fondements: tuple[str, ...] = ("mad.contractuel_cdi",)
    message = (
        "Un agent contractuel en CDI ne peut être mis à disposition qu'auprès d'une collectivité "
        "ou d'un établissement public territorial, pas auprès de cet organisme d'accueil."
    )
    if mission.accueil.nature == "administration_etat" and contexte.version(
        "mad.contractuel_cdi_etat", mission.debut
    ):
        fondements += ("mad.contractuel_cdi_etat",)
        message += (
            " Question ouverte (à vérifier) : selon une source secondaire, le décret n° 2016-1123 "
            "permettrait la mise à disposition d'un agent en CDI auprès de l'État ; missio garde la "
            "règle la plus sûre tant qu'un juriste n'a pas tranché."
        )
    yield Blocage(
        code="statut_contractuel_cdi",
        message=message,
        remede=remede_en_service(contexte),
        fondements=fondements,
    )
    yield from repli_en_service(contexte)


# The agent must stay the employer's agent for the whole mission: in service under an ordre de
# mission, or an agent public for a cumul (décret n° 2006-781, art. 2; CGFP L. 123-7).
@regles.regle(
    "contrat.fin",
    titre="Contrat de l'agent contractuel couvrant toute la mission",
    cite=("om.definition_mission",),
)
def fin_de_contrat(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    fin = mission.agent.fin_contrat
    if fin is None or fin >= mission.fin:
        return
    if route.dispositif not in ("ordre_de_mission", "cumul_activites", "mise_a_disposition"):
        return
    fondements = {
        "ordre_de_mission": ("om.definition_mission",),
        "cumul_activites": ("cumul.accessoire",),
        "mise_a_disposition": ("mad.contractuel_cdi",),
    }[route.dispositif]
    yield Alerte(
        code="contrat.fin_avant_retour",
        fondements=fondements,
        message=(
            f"Le contrat de l'agent prend fin le {date_chiffres(fin)}, avant la fin de la mission "
            f"({date_chiffres(mission.fin)}) : l'agent doit rester agent de la collectivité pendant "
            "toute la mission ; prolongez le contrat ou écourtez la mission."
        ),
    )
