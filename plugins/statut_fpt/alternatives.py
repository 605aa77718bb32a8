"""The alternatives a rule may offer, in the words the decision shows.

Offering is not granting: :mod:`.route` checks each one against every condition before it
reaches the decision, so these sentences never need to repeat who may use them.
"""

from __future__ import annotations

from missio.findings import Alternative
from missio.libelles import DISPOSITIFS
from missio.models import Dispositif


def ordre_de_mission() -> Alternative:
    return Alternative(
        dispositif="ordre_de_mission",
        condition=(
            "Sur temps de service, si la collectivité y trouve intérêt : ordre de mission "
            "(l'agent reste en service, frais réglés par l'employeur)."
        ),
        fondements=("daect.cooperation_propre", "om.definition_mission"),
    )


def cumul(seuil: int) -> Alternative:
    return Alternative(
        dispositif="cumul_activites",
        condition=(
            f"≤ {seuil} jours ouvrés, hors des heures de service : une autorisation de cumul "
            "d'activités suffit."
        ),
        fondements=("cumul.accessoire",),
    )


def mise_a_disposition_partielle() -> Alternative:
    return Alternative(
        dispositif="mise_a_disposition",
        condition=(
            "Pour un séjour long auprès de l'organisme d'accueil, une mise à disposition à temps "
            "partiel (« tout ou partie du service ») peut être étudiée ; l'accueil rembourse alors "
            "la rémunération, sauf dérogation prévue par la loi. À soumettre à l'avis d'un juriste."
        ),
        fondements=("mad.hotes", "mad.remboursement"),
    )


def detachement(dispositif: Dispositif, precision: str = "") -> Alternative:
    return Alternative(
        dispositif=dispositif,
        condition=(
            f"{DISPOSITIFS[dispositif][0].upper()}{DISPOSITIFS[dispositif][1:]} auprès de cet "
            f"organisme, à la demande de l'agent{precision}."
        ),
        fondements=("detachement.definition", "detachement.cas_international"),
    )


def disponibilite(cas: str = "Mission longue hors des cas de détachement") -> Alternative:
    return Alternative(
        dispositif="disponibilite",
        condition=(
            f"{cas} : disponibilité pour convenances personnelles, sur demande de l'agent et sous "
            "réserve des nécessités du service (l'agent n'est plus rémunéré par la collectivité)."
        ),
        fondements=("disponibilite.definition", "disponibilite.convenances_personnelles"),
    )
