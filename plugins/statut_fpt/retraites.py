"""Retired agents: hired directly by the host, under an age limit (statut.md § 8).

A retiree is no longer the collectivité's agent: no position, no cumul. The host or the operator
hires him; on a French public-law contract, the age limit of the agents contractuels applies,
except for an occasional mission without subordination.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import Alerte, Document, Finding
from missio.models import Mission
from missio_statut_fpt.registre import date_chiffres, duree_fr, regles, voies
from missio_statut_fpt.route import Proposition, Route


@voies.regle(
    "statut.retraite",
    titre="Retraité : recrutement direct, aucun acte de la collectivité",
    cite=("retraite.cumul_pension",),
    statut="verifie_secondaire",
)
def retraite(mission: Mission, contexte: Contexte) -> Proposition | None:
    if mission.sens != "envoi" or mission.agent.statut != "retraite":
        return None
    return Proposition(
        dispositif="recrutement_direct",
        motif=(
            "un agent retraité n'est plus dans aucune position statutaire : l'organisme d'accueil "
            "ou l'opérateur le recrute directement ; aucun acte de la collectivité, une note "
            "d'information"
        ),
        fondements=("retraite.limite_age", "retraite.cumul_pension"),
    )


# CGFP L. 556-11 (loi n° 84-834, art. 6-1, before 1 March 2022): « la limite d'âge des agents
# contractuels est fixée à soixante-sept ans » ; for the generations before 1955, statut.md § 8:
# « 65 ans si né avant le 1/7/1951 ; 65 ans et 4 mois si né du 1/7 au 31/12/1951 ; 65 ans et
# 9 mois en 1952 ; 66 ans et 2 mois en 1953 ; 66 ans et 7 mois en 1954 ; 67 ans à partir de 1955 ».
# The table is read from the version in force (valeurs.limites), not written here.
# Loi n° 84-834, art. 6-2 (paraphrase, statut.md § 8): the limit is not opposable to a person
# who accomplishes an occasional mission without subordination; it has no equivalent in the
# Code and is still cited after 1 March 2022.
def limite_d_age(naissance: date, limites: list[dict[str, object]]) -> int:
    """The age limit, in months, of a person born on `naissance`."""
    mois = 0
    for ligne in limites:
        depuis = ligne["nes_depuis"]
        if depuis is None or naissance >= date.fromisoformat(str(depuis)):
            mois = int(str(ligne["mois"]))
    return mois


@regles.regle(
    "retraite.information",
    titre="Limite d'âge selon la génération et cumul emploi-retraite",
    cite=("retraite.limite_age",),
    statut="verifie_secondaire",
)
def information(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "recrutement_direct":
        return
    naissance = mission.agent.date_naissance
    version = contexte.version("retraite.limite_age", mission.fin)
    if naissance is None:
        yield Alerte(
            code="retraite.date_naissance",
            niveau="info",
            message="Date de naissance de l'agent non renseignée (agent.date_naissance) : la limite d'âge d'un contrat de droit public français n'a pas été vérifiée.",
        )
    elif version is not None:
        mois = limite_d_age(naissance, list(version.valeur("limites", [])))
        atteinte = ajouter_mois(naissance, mois)
        if atteinte <= mission.fin:
            yield Alerte(
                code="retraite.limite_age",
                fondements=("retraite.limite_age", "retraite.mission_ponctuelle"),
                message=(
                    # Impersonal: the same sentence is read by the DRH (alert) and by the
                    # retiree in the note addressed to them.
                    f"Limite d'âge des agents contractuels nés le {date_chiffres(naissance)} : "
                    f"{duree_fr(mois)}, atteinte le {date_chiffres(atteinte)}, avant la fin de la "
                    "mission : un contrat de droit public français est exclu, sauf mission "
                    "ponctuelle sans lien de subordination."
                ),
            )
    yield Alerte(
        code="retraite.cumul_pension",
        niveau="info",
        fondements=("retraite.cumul_pension", "retraite.ecretement", "retraite.ecretement_cnracl"),
        message="Le cumul de la pension et de la rémunération est intégral ou plafonné selon l'âge et la durée d'assurance : l'agent doit interroger sa caisse (CNRACL) avant d'accepter.",
    )
    yield Document(code="note_information_retraite")
