"""Safety of the people sent: travel advice, assistance and repatriation, Ariane.

The règlement EXPE-CT says nothing of safety. The DAECT note (§ II.A.1, to which § II.A.2 refers
for EXPE-CT) asks the employer to « veiller, de manière particulière, à la sécurité de son agent
et à sa couverture par les assurances appropriées pendant sa mission ». The travel-advice policy
below (red blocks, orange needs the authority's explicit validation) is missio's documented
recommendation, not a rule of the règlement, and every message says so. Hosting a delegation in
France sends nobody abroad: these rules apply to sending only.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.faits import Faits
from missio_expe_ct.formats import date_fr

regles = Regles("expe_ct")

RECOMMANDATION = (
    "C'est une recommandation documentée de missio, fondée sur les conseils aux voyageurs du MEAE "
    "et le devoir de sécurité de l'employeur, pas une règle du règlement EXPE-CT."
)


# MEAE travel advice: rouge « formellement déconseillé », orange « déconseillé sauf raison
# impérative ». Note DAECT, § II.A.1: the employer watches over the agent's safety.


@regles.regle(
    "expe_ct.vigilance",
    titre="Niveau de vigilance de la destination (recommandation, pas une règle EXPE-CT)",
    cite=("expe_ct.conseils_voyageurs", "expe_ct.note.securite"),
    statut="a_verifier",
)
def vigilance(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    if not faits.envoi:
        return
    niveau = mission.vigilance
    if niveau == "rouge":
        yield Blocage(
            code="expe_ct.zone_rouge",
            message=(
                f"La destination ({mission.pays}) est en zone rouge des conseils aux voyageurs "
                f"(« formellement déconseillée ») : missio bloque la mission. {RECOMMANDATION}"
            ),
            remede=(
                "Choisir un autre lieu de mission, ou remplacer le déplacement par l'accueil de la "
                "délégation étrangère en France (direction accueil) ou par un échange à distance."
            ),
        )
    elif niveau == "orange":
        validee = faits.ext.validation_autorite_zone_orange
        if validee is None:
            yield Alerte(
                code="expe_ct.zone_orange",
                message=(
                    f"La destination ({mission.pays}) est en zone orange (« déconseillée sauf "
                    "raison impérative ») : l'autorité territoriale doit valider expressément le "
                    "départ (extensions.expe_ct.validation_autorite_zone_orange). "
                    f"{RECOMMANDATION}"
                ),
            )
        else:
            yield Constat(
                texte=f"Zone orange : départ expressément validé par l'autorité territoriale le {date_fr(validee)}."
            )
    elif niveau is None:
        yield Alerte(
            code="expe_ct.vigilance_inconnue",
            niveau="info",
            message=(
                "Niveau de vigilance de la destination non renseigné (vigilance) : consultez les "
                "conseils aux voyageurs du MEAE avant le départ."
            ),
        )
    else:
        couleur = {"vert": "verte", "jaune": "jaune"}[niveau]
        yield Constat(texte=f"Destination en zone {couleur} des conseils aux voyageurs.")


# Note DAECT, § II.A.1: « […] sa couverture par les assurances appropriées pendant sa mission. »
# Which documents prove it is missio's recommendation (expe-ct.md R11, « à vérifier »).


@regles.regle(
    "expe_ct.assistance",
    titre="Assistance-rapatriement et inscription sur Ariane",
    cite=("expe_ct.note.securite",),
    statut="a_verifier",
)
def assistance(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    if not faits.envoi:
        return
    if faits.ext.attestation_assistance is not True:
        yield Alerte(
            code="expe_ct.assistance_rapatriement",
            message=(
                "Aucune attestation d'assistance-rapatriement n'est indiquée "
                "(extensions.expe_ct.attestation_assistance) : l'employeur doit s'assurer que les "
                "personnes envoyées sont couvertes (assistance, rapatriement, frais médicaux, "
                "responsabilité civile) pendant toute la mission."
            ),
        )
    if faits.ext.inscription_ariane is not True:
        yield Alerte(
            code="expe_ct.ariane",
            niveau="info",
            fondements=("expe_ct.conseils_voyageurs",),
            message=(
                "Inscrivez les personnes envoyées sur Ariane, le service du MEAE qui permet de les "
                "joindre en cas de crise dans le pays (recommandation du ministère)."
            ),
        )
