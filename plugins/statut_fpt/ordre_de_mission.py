"""The mission on service time (ordre de mission), and the operator's partnership convention
(statut.md § 6, note DAECT annex 1).

Décret n° 2006-781, art. 2 (text read, version of 1 March 2019; paraphrase): an agent in mission
is an agent in service, holding an ordre de mission, who travels outside his administrative and
family residences « pour une durée totale qui ne peut excéder douze mois ». Décret n° 2001-654,
art. 6: an ordre de mission is valid twelve months at most (months read from om.validite).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import Alerte, Document, Financement, Finding, Obligation
from missio.models import Mission
from missio_statut_fpt.registre import duree_fr, regles, signature
from missio_statut_fpt.route import Route


@regles.regle(
    "om.ordre_de_mission",
    titre="Ordre de mission signé avant le départ",
    cite=("om.definition_mission", "om.validite"),
)
def ordre_de_mission(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "ordre_de_mission":
        return
    signe = signature(mission, contexte)
    yield Obligation(
        code="om.signature",
        responsable="employeur",
        echeance=signe,
        le=signe,
        libelle="Signer l'ordre de mission (dates, lieu, objet, transport, prise en charge des frais) avant le départ",
    )
    yield Obligation(
        code="om.securite_assurance",
        responsable="employeur",
        echeance=signe,
        le=mission.date_procedure,
        fondements=("daect.cooperation_propre",),
        libelle="Vérifier la couverture de l'agent (assurance, assistance-rapatriement) et les consignes de sécurité du pays",
    )
    yield Financement(
        poste="remuneration",
        payeur="employeur",
        fondements=("om.definition_mission",),
        libelle="Rémunération maintenue : l'agent reste en service",
    )
    if mission.cadre != "expe_ct":  # the programme splits travel costs itself (règlement § III.2)
        # Two stable items other plugins may name (a local policy's line on the same item with
        # another payer is reported by the merge): the journey, and the mission allowances
        # that cover accommodation and meals abroad (décret n° 2006-781, rates by country).
        yield Financement(
            poste="transport",
            payeur="employeur",
            fondements=("om.frais_fpt",),
            libelle="Frais de transport de la mission (voyage aller et retour)",
        )
        yield Financement(
            poste="indemnites_mission",
            payeur="employeur",
            fondements=("om.frais_fpt", "om.indemnites_etranger"),
            libelle="Indemnités de mission à l'étranger au taux du pays (hébergement et repas)",
        )
    yield Document(code="ordre_de_mission", le=signe)
    version = contexte.version("om.validite", mission.debut)
    mois = int(version.valeur("duree_max_mois", 0)) if version else 0
    if mois and mission.fin > ajouter_mois(mission.debut, mois) - timedelta(days=1):
        yield Alerte(
            code="om.validite_12_mois",
            fondements=("om.validite",),
            message=f"La mission dépasse {duree_fr(mois)} : un ordre de mission vaut {duree_fr(mois)} au plus ; prévoyez son renouvellement.",
        )


# Note DAECT, annex 1 (from 24 June 2021; a practice missio reads the same way before): the
# collectivité and the operator sign a partnership convention for the expert's mobilisation.
# Not under a cumul d'activités: the agent then works privately, on leave days, under a contract
# the agent signs with the operator, who pays; the collectivité mobilises nobody, bills nothing
# and commits to nothing (statut.md § 5), so it has no convention to sign for this mission.
@regles.regle(
    "operateur.convention_partenariat",
    titre="Convention de partenariat avec l'opérateur (ordre de mission ou mise à disposition)",
    cite=("daect.convention_partenariat",),
)
def convention_partenariat(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if mission.cadre != "operateur" or route.dispositif not in (
        "ordre_de_mission",
        "mise_a_disposition",
    ):
        return
    signe = signature(mission, contexte)
    # Read at the request, or at the last day it can be signed if that comes first (a mission
    # starting on 1 March 2022 has its convention signed under the law, not the Code).
    le = min(mission.date_procedure, signe)
    yield Obligation(
        code="operateur.convention",
        responsable="employeur",
        echeance=signe,
        le=le,
        libelle="Signer avec l'opérateur la convention de partenariat (objet, mobilisation de l'expert, modalités financières et annexe financière)",
    )
    yield Document(code="convention_partenariat", le=le)
