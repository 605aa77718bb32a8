"""Acts and steps of a mission on service time (ordre de mission), of a partnership with an
operator, and of a cumul d'activités."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

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
from missio_statut_fpt.registre import regles, veille_du_depart

# --- Ordre de mission: décret n° 2001-654, art. 6; décret n° 2006-781, art. 2 ----------------
# In substance: an agent in mission is an agent in service, holding an ordre de mission, who
# travels outside their administrative and family residences (paraphrase, statut.md § 6).


@regles.regle(
    "om.ordre_de_mission",
    titre="Ordre de mission signé avant le départ",
    cite=("om.definition_mission", "om.validite"),
)
def ordre_de_mission(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "ordre_de_mission":
        return
    yield Obligation(
        code="om.signature",
        responsable="employeur",
        echeance=veille_du_depart(mission, contexte),
        libelle="Signer l'ordre de mission (dates, lieu, objet, transport, prise en charge des frais) avant le départ",
    )
    yield Obligation(
        code="om.securite_assurance",
        responsable="employeur",
        echeance=veille_du_depart(mission, contexte),
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
        yield Financement(
            poste="frais_mission",
            payeur="employeur",
            fondements=("om.frais_fpt", "om.indemnites_etranger"),
            libelle="Frais de transport et indemnités de mission à l'étranger (taux par pays)",
        )
    yield Document(code="ordre_de_mission")
    if mission.fin > ajouter_mois(mission.debut, 12) - timedelta(days=1):
        yield Alerte(
            code="om.validite_12_mois",
            fondements=("om.validite",),
            message="La mission dépasse 12 mois : un ordre de mission vaut 12 mois au plus ; prévoyez son renouvellement.",
        )


# --- Mission for an operator: the partnership convention of the DAECT note (annexe 1) --------


@regles.regle(
    "operateur.convention_partenariat",
    titre="Convention de partenariat avec l'opérateur",
    cite=("daect.convention_partenariat",),
)
def convention_partenariat(
    mission: Mission, contexte: Contexte, o: Orientation
) -> Iterator[Finding]:
    if mission.cadre != "operateur" or o.dispositif not in (
        "ordre_de_mission",
        "cumul_activites",
        "mise_a_disposition",
    ):
        return
    yield Obligation(
        code="operateur.convention",
        responsable="employeur",
        echeance=veille_du_depart(mission, contexte),
        libelle="Signer avec l'opérateur la convention de partenariat (objet, mobilisation de l'expert, modalités financières et annexe financière)",
    )
    yield Document(code="convention_partenariat")


# --- Cumul d'activités: CGFP L. 123-7 (loi n° 83-634, art. 25 septies IV) --------------------
# In substance: the hierarchical authority may authorise an accessory activity, paid or not,
# for a public or private body, if it is compatible with the agent's duties (statut.md § 5).


@regles.regle(
    "cumul.procedure",
    titre="Demande préalable et réponse de l'employeur",
    cite=("cumul.procedure",),
)
def cumul(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "cumul_activites":
        return
    procedure = mission.date_procedure
    limite_demande = contexte.calendrier.ouvre_precedent(ajouter_mois(mission.debut, -1))
    yield Obligation(
        code="cumul.demande",
        responsable="agent",
        le=procedure,
        echeance=limite_demande,
        libelle="Adresser à l'autorité territoriale la demande écrite d'autorisation de cumul (organisme, nature, durée, périodicité, rémunération), un mois au moins avant le début",
    )
    if mission.date_demande:
        yield Obligation(
            code="cumul.reponse",
            responsable="employeur",
            le=procedure,
            echeance=ajouter_mois(mission.date_demande, 1),
            libelle="Répondre à la demande dans le délai d'un mois (deux mois si l'agent a dû la compléter)",
        )
    if procedure < date(2017, 2, 1):
        sens = "Le silence gardé par l'employeur vaut autorisation (régime du décret n° 2007-658)."
    else:
        sens = "Le silence gardé par l'employeur vaut rejet : seule une autorisation écrite permet de partir."
    yield Alerte(
        code="cumul.silence",
        niveau="info",
        le=procedure,
        fondements=("cumul.procedure",),
        message=sens,
    )
    if mission.date_demande and mission.date_demande > limite_demande:
        yield Alerte(
            code="cumul.demande_tardive",
            le=procedure,
            fondements=("cumul.procedure",),
            message="La demande est faite moins d'un mois avant le début : la réponse peut arriver après le départ.",
        )
    yield Alerte(
        code="cumul.hors_service",
        niveau="info",
        fondements=("cumul.principe_interdictions", "cumul.accessoire", "cumul.conditions_deonto"),
        message="L'activité accessoire s'exerce hors des heures de service, sans autorisation d'absence ; l'employeur peut s'y opposer à tout moment (intérêt du service, informations erronées, activité plus accessoire).",
    )
    yield Financement(
        poste="remuneration_activite",
        payeur="operateur" if mission.accueil.nature == "operateur" else "accueil",
        fondements=("cumul.accessoire",),
        libelle="Rémunération de l'activité accessoire par l'organisme d'accueil",
    )
    yield Document(code="demande_cumul_activites", fondements=("cumul.procedure", "cumul.pip"))
    yield Document(code="autorisation_cumul_activites", fondements=("cumul.accessoire",))
