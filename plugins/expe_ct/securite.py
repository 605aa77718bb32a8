"""Safety of the people sent on an EXPE-CT mission: travel advice, assistance, Ariane.

The règlement EXPE-CT says nothing of safety. The DAECT note (§ II.A.1, to which § II.A.2 refers
for EXPE-CT) asks the employer to « veiller, de manière particulière, à la sécurité de son agent
et à sa couverture par les assurances appropriées pendant sa mission ». statut_fpt reminds that
duty for every route and every orange or red destination (``securite.vigilance``); this plugin
adds only what missio recommends for the programme (expe-ct.md R11): no EXPE-CT mission in a red
zone, and in an orange zone a departure expressly validated by the territorial authority before
it takes place. That policy is missio's documented recommendation, not a rule of the règlement,
and every message says so. Hosting a delegation in France sends nobody abroad: these rules apply
to sending only.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.ecriture import jour_fr
from missio_expe_ct.faits import Faits

regles = Regles("expe_ct")

RECOMMANDATION = (
    "C'est la politique que missio recommande pour le programme EXPE-CT (conseils aux voyageurs "
    "du MEAE), pas une règle du règlement EXPE-CT."
)


def _orange(mission: Mission, faits: Faits) -> Finding:
    """An orange zone: the programme's mission leaves only on the authority's express validation,
    given before the departure (like the embassy's, R5)."""
    validee = faits.ext.validation_autorite_zone_orange
    if validee is None:
        return Alerte(
            code="expe_ct.zone_orange",
            message=(
                f"Mission EXPE-CT en zone orange ({mission.pays}) : l'autorité territoriale doit "
                "valider expressément le départ avant qu'il ait lieu ; indiquez la date de sa "
                "validation (extensions.expe_ct.validation_autorite_zone_orange). "
                f"{RECOMMANDATION}"
            ),
        )
    if validee > mission.debut:
        return Alerte(
            code="expe_ct.zone_orange_apres_depart",
            message=(
                f"La validation de l'autorité territoriale pour la zone orange ({jour_fr(validee)}) "
                f"est postérieure au départ du {jour_fr(mission.debut)} : un départ en zone orange "
                "doit être validé avant d'être engagé ; faites confirmer la date, ou régularisez "
                f"avant tout nouveau départ. {RECOMMANDATION}"
            ),
        )
    return Constat(
        texte=f"Zone orange : départ expressément validé par l'autorité territoriale le {jour_fr(validee)}, avant le départ."
    )


# MEAE travel advice: rouge « formellement déconseillé », orange « déconseillé sauf raison
# impérative ». Note DAECT, § II.A.1: the employer watches over the agent's safety.


@regles.regle(
    "expe_ct.vigilance",
    titre="Zone de vigilance de la destination : politique recommandée pour le programme (pas une règle EXPE-CT)",
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
                f"Mission EXPE-CT en zone rouge ({mission.pays}) : missio ne la qualifie pas "
                f"EXPE-CT et bloque le départ. {RECOMMANDATION}"
            ),
            remede=(
                "Choisir un autre lieu de mission, ou remplacer le déplacement par l'accueil de la "
                "délégation étrangère en France (sens accueil) ou par un échange à distance."
            ),
        )
    elif niveau == "orange":
        yield _orange(mission, faits)
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
# Which documents prove it is missio's recommendation (expe-ct.md R11, « à vérifier »): the
# assistance-repatriation certificate and the Ariane registration, each a warning when missing.


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
            fondements=("expe_ct.ariane",),
            message=(
                "Aucune inscription sur Ariane n'est indiquée (extensions.expe_ct.inscription_ariane) "
                ": inscrivez les personnes envoyées sur Ariane, le service du MEAE qui permet de les "
                "joindre en cas de crise dans le pays (recommandation du ministère, que missio "
                "demande pour le programme avant le départ)."
            ),
        )
