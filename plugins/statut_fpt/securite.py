"""The employer's duty of safety towards the agent it sends abroad, for every route.

Note DAECT (diffused on 24 June 2021), § II.A.1 (paraphrase, statut.md § 6): « L'employeur reste
responsable de la sécurité et de l'assurance de l'agent ». The travel advice of the Ministry for
Europe and Foreign Affairs classes destinations in four colours: orange « déconseillé sauf raison
impérative », rouge « formellement déconseillé » (expe-ct.md R11, secondary sources). missio
alerts; a collectivité's policy may block (condition ``vigilance: rouge``). The EXPE-CT plugin
keeps its own programme-specific findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Finding
from missio.models import Mission
from missio_statut_fpt.registre import regles
from missio_statut_fpt.route import Route

ZONES = {
    "orange": "en zone orange des conseils aux voyageurs (« déconseillée sauf raison impérative »)",
    "rouge": "en zone rouge des conseils aux voyageurs (« formellement déconseillée »)",
}
SOURCES = ("securite.devoir_employeur", "securite.conseils_voyageurs")


@regles.regle(
    "securite.vigilance",
    titre="Destination en zone orange ou rouge : devoir de sécurité de l'employeur",
    cite=SOURCES,
    statut="verifie_secondaire",
)
def vigilance(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if mission.sens != "envoi" or mission.vigilance not in ZONES:
        return
    if route.dispositif in ("aucun", "recrutement_direct"):
        return  # nobody leaves, or the collectivité is not the employer
    fondements = tuple(cle for cle in SOURCES if contexte.version(cle, mission.debut))
    yield Alerte(
        code="securite.vigilance",
        fondements=fondements,
        message=(
            f"La destination ({mission.pays}) est {ZONES[mission.vigilance]} : la collectivité "
            "reste responsable de la sécurité de la personne qu'elle envoie ; faites valider le "
            "départ par l'autorité territoriale, vérifiez l'assurance et l'assistance-rapatriement "
            "et inscrivez la personne sur Ariane. Une politique de la collectivité peut interdire "
            "ce départ."
        ),
    )
