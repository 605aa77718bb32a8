"""Cumul d'activités: an accessory activity outside service hours (statut.md § 5).

CGFP L. 123-7 (loi n° 83-634, art. 25, I, until 21 April 2016, then art. 25 septies, IV): in
substance, the hierarchical authority may authorise an accessory activity, paid or not, for a
public or private body, if it is compatible with the agent's duties and on the regulatory list;
expertise and international cooperation are on it. The texts change with the date of the request
(2016-04-22, 2017-02-01, 2020-02-01, 2022-03-01, 2025-02-01): every citation and every delay below
is read at that date, from the dated sources.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import Alerte, Document, Financement, Finding, Obligation
from missio.models import Mission
from missio_statut_fpt.registre import date_chiffres, delai_fr, regles, signature
from missio_statut_fpt.route import Route

# Décret n° 2017-105, art. 9 (text read): the authority answers within one month, two when the
# request had to be completed; its silence is a refusal. Under décret n° 2007-658 the silence was
# an authorisation (CE 2 mars 2022, n° 432959). Sense of silence and delays: valeurs of
# cumul.procedure at the date of the request (« à vérifier » after 2020, where missio keeps the
# 2017 rule).
SILENCE = {
    "autorisation": "Le silence gardé par l'employeur vaut autorisation.",
    "rejet": "Le silence gardé par l'employeur vaut rejet : seule une autorisation écrite permet de partir.",
}


@regles.regle(
    "cumul.procedure",
    titre="Demande préalable, délai de réponse et sens du silence de l'employeur",
    cite=("cumul.procedure",),
)
def procedure(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "cumul_activites":
        return
    demande = mission.date_procedure
    version = contexte.version("cumul.procedure", demande)
    valeurs = (version.valeurs or {}) if version else {}
    delai = int(valeurs.get("delai_reponse_mois", 0))
    limite = None
    if delai:
        limite = contexte.calendrier.ouvre_precedent(ajouter_mois(mission.debut, -delai))
    yield Obligation(
        code="cumul.demande",
        responsable="agent",
        le=demande,
        echeance=limite,
        fondements=("cumul.demande", "cumul.procedure"),
        libelle=(
            "Adresser à l'autorité territoriale la demande écrite d'autorisation de cumul "
            "(organisme, nature, durée, périodicité, rémunération), "
            + (
                f"{delai_fr(delai)} au moins avant le début"
                if delai
                else "assez tôt pour que la réponse arrive avant le départ (délai de réponse de l'époque non relevé)"
            )
        ),
    )
    if mission.date_demande and delai:
        de = "d'" if delai_fr(delai).startswith("un ") else "de "
        incomplete = int(valeurs.get("delai_demande_incomplete_mois", 0))
        complement = f" ({delai_fr(incomplete)} si l'agent a dû la compléter)" if incomplete else ""
        yield Obligation(
            code="cumul.reponse",
            responsable="employeur",
            le=demande,
            echeance=ajouter_mois(mission.date_demande, delai),
            libelle=f"Répondre à la demande dans le délai {de}{delai_fr(delai)}{complement}",
        )
    silence = valeurs.get("silence")
    if silence in SILENCE:
        yield Alerte(code="cumul.silence", niveau="info", le=demande, message=SILENCE[silence])
    if mission.date_demande and limite and mission.date_demande > limite:
        yield Alerte(
            code="cumul.demande_tardive",
            le=demande,
            message=f"La demande est faite moins de {delai_fr(delai)} avant le début ({date_chiffres(mission.debut)}) : la réponse peut arriver après le départ.",
        )
    yield Alerte(
        code="cumul.hors_service",
        niveau="info",
        le=demande,
        fondements=("cumul.principe_interdictions", "cumul.accessoire", "cumul.conditions_deonto"),
        message="L'activité accessoire s'exerce hors des heures de service, sans autorisation d'absence ; l'employeur peut s'y opposer à tout moment (intérêt du service, informations erronées, activité plus accessoire).",
    )
    # The agent works privately for the body: the contract is the agent's own, not an act of
    # the collectivité, which bills nothing and commits to nothing (statut.md § 5).
    yield Obligation(
        code="cumul.contrat_agent",
        responsable="agent",
        echeance=signature(mission, contexte),
        le=demande,
        fondements=("cumul.accessoire",),
        libelle=(
            "Conclure soi-même, à titre privé, le contrat de la mission avec l'organisme qui "
            "rémunère l'activité (objet, dates, rémunération, frais de voyage et de séjour, "
            "assurance) : la collectivité n'y est pas partie"
        ),
    )
    yield Financement(
        poste="remuneration_activite",
        payeur="operateur" if mission.accueil.nature == "operateur" else "accueil",
        fondements=("cumul.accessoire",),
        libelle="Rémunération de l'activité accessoire par l'organisme d'accueil",
    )
    yield Document(
        code="demande_cumul_activites", le=demande, fondements=("cumul.demande", "cumul.pip")
    )
    yield Document(
        code="autorisation_cumul_activites",
        le=demande,
        fondements=("cumul.accessoire", "cumul.liste"),
    )
