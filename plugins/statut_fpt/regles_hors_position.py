"""Elected officials and retirees: no act of the collectivité as employer; a contract ending
before the return."""

from __future__ import annotations

from collections.abc import Iterator

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import (
    Alerte,
    Document,
    Financement,
    Finding,
    Obligation,
)
from missio.models import Mission
from missio_statut_fpt.orientation import (
    Orientation,
)
from missio_statut_fpt.registre import date_fr, regles, veille_du_depart

# --- Élus and retirees: no act of the collectivité as employer ------------------------------


@regles.regle(
    "elu.mandat_special",
    titre="Délibération du mandat spécial",
    cite=("elu.mandat_special",),
    statut="verifie_secondaire",
)
def mandat_special(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "mandat_special":
        return
    yield Obligation(
        code="elu.deliberation",
        responsable="employeur",
        echeance=veille_du_depart(mission, contexte),
        libelle="Faire voter par l'assemblée délibérante le mandat spécial (objet, durée, prise en charge des frais) avant le départ",
    )
    yield Financement(
        poste="frais_mandat_special",
        payeur="employeur",
        libelle="Frais de l'élu remboursés dans le cadre du mandat spécial",
    )
    yield Document(code="demande_mandat_special")


@regles.regle(
    "retraite.information",
    titre="Limite d'âge et cumul emploi-retraite",
    cite=("retraite.limite_age",),
    statut="verifie_secondaire",
)
def retraite(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "recrutement_direct":
        return
    naissance = mission.agent.date_naissance
    if naissance and ajouter_mois(naissance, 67 * 12) <= mission.fin:
        yield Alerte(
            code="retraite.limite_age",
            fondements=("retraite.limite_age", "retraite.mission_ponctuelle"),
            message="L'agent atteint 67 ans avant la fin de la mission : un contrat de droit public français lui est fermé (limite d'âge), sauf mission ponctuelle sans lien de subordination.",
        )
    yield Alerte(
        code="retraite.cumul_pension",
        niveau="info",
        fondements=("retraite.cumul_pension",),
        message="Le cumul de la pension et de la rémunération est intégral ou plafonné selon l'âge et la durée d'assurance : l'agent doit interroger sa caisse (CNRACL) avant d'accepter.",
    )
    yield Document(code="note_information_retraite")


# --- A contract ending before the return ---------------------------------------------------
# The agent must remain the employer's agent for the whole mission: in service under an ordre
# de mission, or an agent public for a cumul.


@regles.regle(
    "contrat.fin",
    titre="Contrat de l'agent contractuel couvrant toute la mission",
    cite=("om.definition_mission",),
)
def fin_de_contrat(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    fin = mission.agent.fin_contrat
    if (
        fin is None
        or fin >= mission.fin
        or o.dispositif not in ("ordre_de_mission", "cumul_activites")
    ):
        return
    yield Alerte(
        code="contrat.fin_avant_retour",
        fondements=("om.definition_mission",)
        if o.dispositif == "ordre_de_mission"
        else ("cumul.accessoire",),
        message=(
            f"Le contrat de l'agent prend fin le {date_fr(fin)}, avant la fin de la mission "
            f"({date_fr(mission.fin)}) : l'agent doit rester agent de la collectivité pendant "
            "toute la mission ; prolongez le contrat ou écourtez la mission."
        ),
    )
