"""Mise à disposition: its hosts, its acts, its reimbursement and its term (statut.md § 1).

CGFP L. 512-6 à L. 512-15 (loi n° 84-53, art. 61 et 61-1, before 1 March 2022); décret n°
2008-580 (décret n° 85-1081 until 20 June 2008). In substance (paraphrase of statut.md § 1): the
fonctionnaire mis à disposition stays in his cadre d'emplois and is paid by his collectivité,
but works elsewhere, with his agreement and under a convention; the assembly is informed first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import (
    Alerte,
    Blocage,
    Cas,
    Condition,
    Document,
    Financement,
    Finding,
    Obligation,
)
from missio.models import Dispositif, Mission
from missio_statut_fpt import alternatives
from missio_statut_fpt.detachement import cas_retenu, par_duree, qualification_attendue
from missio_statut_fpt.registre import conditions, duree_fr, regles, signature
from missio_statut_fpt.route import Route

# --- CGFP, art. L. 512-8 | LEGISCTA000044422794 (loi n° 84-53, art. 61-1, I, before 2022) -----
# « 1° Des administrations de l'Etat, des collectivités territoriales et de leurs établissements
#   publics, y compris ceux mentionnés à l'article L. 5 et des groupements dont ils sont membres ;
#   2° Des collectivités territoriales et de leurs établissements publics ;
#   3° Des groupements d'intérêt public ;
#   4° Des organismes contribuant à la mise en œuvre d'une politique de l'Etat, des collectivités
#   territoriales ou de leurs établissements publics administratifs, pour l'exercice des seules
#   missions de service public confiées à ces organismes ;
#   5° Des organisations internationales intergouvernementales ;
#   6° D'une institution ou d'un organe de l'Union européenne ;
#   7° Des Etats étrangers, de l'administration d'une collectivité publique ou d'un organisme public
#   relevant de ces Etats ou des Etats fédérés, à la condition que l'intéressé conserve, par ses
#   missions, un lien fonctionnel avec son administration d'origine. »
# CGFP, art. L. 512-13, 2° (paraphrase): the Conseil supérieur de la fonction publique territoriale
# may also receive a fonctionnaire territorial; it never hosts a mission abroad, so the contract
# has no nature for it. Each host's case is cited by its own key, whose article gives the number.
ACCUEILS: dict[str, tuple[str, str, str]] = {  # nature → (category, key of its case, libellé)
    "administration_etat": (
        "etat",
        "mad.hote_etat",
        "administration de l'État",  # a State service abroad (an embassy's) is one (statut.md § 1)
    ),
    "collectivite_francaise": (
        "collectivite",
        "mad.hote_collectivite",
        "collectivité territoriale ou établissement public",
    ),
    "gip": ("gip", "mad.hote_gip", "groupement d'intérêt public"),
    "operateur": (
        "politique_publique",
        "mad.hotes_operateur",
        "organisme contribuant à la mise en œuvre d'une politique publique",
    ),
    "organisation_internationale": (
        "organisation_internationale",
        "mad.hote_oi",
        "organisation internationale intergouvernementale",
    ),
    "institution_ue": (
        "union_europeenne",
        "mad.hote_ue",
        "institution ou organe de l'Union européenne",
    ),
    "etat_etranger": ("etat_etranger", "mad.hote_etat_etranger", "État étranger"),
    "collectivite_etrangere": (
        "etat_etranger",
        "mad.hote_etat_etranger",
        "collectivité publique ou organisme public relevant d'un État étranger",
    ),
}


def categorie(mission: Mission) -> str | None:
    """The host's category in the list of L. 512-8, None when the list excludes it."""
    trouve = ACCUEILS.get(mission.accueil.nature)
    return trouve[0] if trouve else None


@conditions.regle(
    "mad.accueil_admissible",
    titre="Organismes auprès desquels un fonctionnaire peut être mis à disposition",
    cite=("mad.hotes",),
)
def accueil_admissible(
    mission: Mission, contexte: Contexte, dispositif: Dispositif
) -> Iterator[Finding]:
    if dispositif != "mise_a_disposition" or mission.agent.statut != "titulaire":
        return  # a contractuel's hosts are decided by agents.contractuel_cdi
    nature = mission.accueil.nature
    if nature in ACCUEILS:
        _, cle, libelle = ACCUEILS[nature]
        yield Cas(code="mad.organisme_accueil", libelle=libelle, fondements=(cle,))
        if nature == "operateur":
            yield Alerte(
                code="mad.operateur_question_ouverte",
                fondements=("mad.hotes_operateur",),
                message="Un opérateur (Expertise France…) est-il un organisme « contribuant à la mise en œuvre d'une politique de l'Etat » admis pour une mise à disposition (pour ses seules missions de service public) ? La note DAECT l'admet ; le texte n'a pas été confronté à ce cas : à confirmer par un juriste.",
            )
        return
    yield Blocage(
        code="mad_accueil_admissible",
        message=(
            f"Une mise à disposition n'est pas possible auprès d'un organisme de nature « {nature} » : "
            "la loi la réserve aux administrations de l'État, aux collectivités territoriales et à "
            "leurs établissements publics, aux groupements d'intérêt public, aux organismes "
            "contribuant à une politique publique, aux organisations internationales, aux "
            "institutions de l'Union européenne et aux États étrangers."
        ),
        remede="Choisir un autre organisme d'accueil, ou une autre position (voir les alternatives).",
    )
    detachement = par_duree(mission, contexte)
    precision = (
        " (cas de l'art. 2 du décret n° 86-68 à qualifier)"
        if qualification_attendue(mission, contexte)
        else ""
    )
    yield alternatives.detachement(detachement, precision)
    if cas_retenu(mission, contexte) is None:
        yield alternatives.disponibilite()


# CGFP L. 512-8, 7° (above): « à la condition que l'intéressé conserve, par ses missions, un lien
# fonctionnel avec son administration d'origine ». The collectivité states it in its acts; missio
# asks for it at every date (the FPT wording before 2016 was not read).
@regles.regle(
    "mad.lien_fonctionnel",
    titre="Lien fonctionnel de l'agent mis à disposition d'un État étranger",
    cite=("mad.etat_etranger.lien_fonctionnel",),
)
def lien_fonctionnel(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition" or categorie(mission) != "etat_etranger":
        return
    if mission.agent.statut != "titulaire":
        return
    yield Condition(
        code="mad.lien_fonctionnel",
        libelle=(
            "L'agent conserve, par ses missions, un lien fonctionnel avec la collectivité : "
            "l'arrêté et la lettre de mission (ou la convention) rattachent l'objet de la mission "
            "aux missions de la collectivité."
        ),
    )


# CGFP L. 512-8, 4° (above): « pour l'exercice des seules missions de service public confiées à
# ces organismes ». An operator is admitted as a host under 4° (the DAECT note's reading, an open
# question marked « à vérifier »): the convention and the arrêté confine the agent's activities
# to the public-service missions the operator carries out, the mission's object among them.
@regles.regle(
    "mad.missions_service_public",
    titre="Mise à disposition d'un opérateur pour ses seules missions de service public",
    cite=("mad.hotes_operateur",),
)
def missions_service_public(
    mission: Mission, contexte: Contexte, route: Route
) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition" or categorie(mission) != "politique_publique":
        return
    if mission.agent.statut != "titulaire":
        return
    yield Condition(
        code="mad.missions_service_public",
        libelle=(
            "L'agent n'est mis à disposition de l'opérateur que pour l'exercice des missions de "
            "service public qui lui sont confiées : la convention et l'arrêté rattachent l'objet "
            "de la mission à ces missions."
        ),
    )


# CGFP L. 512-7, dernier alinéa (text read): « La lettre de mission vaut convention de mise à
# disposition lorsque cette dernière est prononcée au titre des 6°, 7° et 8° de l'article L. 512-8 ».
# L. 512-8 has seven paragraphs only: the literal reading (6° UE, 7° État étranger) is kept and an
# international organisation keeps its convention; before loi n° 2016-483 there was no lettre de
# mission. Which hosts it covers at a date is read from the version of mad.lettre_de_mission.
def accueils_lettre_de_mission(mission: Mission, contexte: Contexte) -> list[str]:
    """The host categories for which a lettre de mission stands for the convention."""
    version = contexte.version("mad.lettre_de_mission", mission.debut)
    return list(version.valeur("accueils", [])) if version else []


@regles.regle(
    "mad.procedure",
    titre="Accord de l'agent, information de l'assemblée, convention ou lettre de mission, arrêté",
    cite=("mad.conditions", "mad.decret.texte_applicable"),
)
def procedure(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition":
        return
    signe = signature(mission, contexte)
    yield Obligation(
        code="mad.accord_agent",
        responsable="agent",
        echeance=signe,
        le=signe,
        fondements=("mad.conditions",),
        libelle="Recueillir l'accord écrit de l'agent sur la nature des activités et les conditions d'emploi, avant la signature de la convention",
    )
    yield Obligation(
        code="mad.information_assemblee",
        responsable="employeur",
        echeance=signe,
        le=signe,
        fondements=("mad.organe_deliberant",),
        libelle="Informer préalablement l'organe délibérant de la mise à disposition",
    )
    lettre = accueils_lettre_de_mission(mission, contexte)
    if categorie(mission) in lettre:
        yield Obligation(
            code="mad.lettre_de_mission",
            responsable="employeur",
            echeance=signe,
            le=signe,
            fondements=("mad.lettre_de_mission", "mad.decret.convention"),
            libelle="Signer la lettre de mission, qui tient lieu de convention pour cet organisme (activités, conditions d'emploi, contrôle et évaluation, remboursement, fin anticipée), et la faire accepter par l'organisme d'accueil",
        )
    else:
        yield Obligation(
            code="mad.convention",
            responsable="employeur",
            echeance=signe,
            le=signe,
            fondements=("mad.conditions", "mad.decret.convention"),
            libelle="Signer avec l'organisme d'accueil la convention (activités, conditions d'emploi, contrôle et évaluation, remboursement, fin anticipée)",
        )
        if categorie(mission) == "organisation_internationale" and lettre:
            yield Alerte(
                code="mad.convention_organisation_internationale",
                niveau="info",
                fondements=("mad.lettre_de_mission",),
                message="Une lettre de mission tient lieu de convention pour une institution de l'Union européenne ou un État étranger ; le texte, qui renvoie à des alinéas décalés, ne le dit pas clairement d'une organisation internationale : missio demande une convention (point à faire trancher par un juriste).",
            )
    yield Obligation(
        code="mad.arrete",
        responsable="employeur",
        echeance=signe,
        le=signe,
        fondements=("mad.decret.arrete_et_duree",),
        libelle="Prendre l'arrêté de mise à disposition",
    )
    yield Obligation(
        code="mad.evaluation",
        responsable="accueil",
        echeance=mission.fin,
        fondements=("mad.decret.convention",),
        libelle="Transmettre à la collectivité l'appréciation de l'activité de l'agent, selon les modalités de contrôle et d'évaluation de la convention",
    )
    yield Obligation(
        code="mad.retour",
        responsable="employeur",
        echeance=mission.fin + timedelta(days=1),
        fondements=("mad.decret.fin",),
        libelle="Réaffecter l'agent à son retour (dans un emploi de son grade si son poste n'est plus disponible)",
    )
    convention = (
        "lettre_de_mission" if categorie(mission) in lettre else "convention_mise_a_disposition"
    )
    for code in (
        "accord_agent",
        "information_organe_deliberant",
        convention,
        "arrete_mise_a_disposition",
    ):
        yield Document(code=code, le=signe)


# Décret n° 2008-580, art. 6 (statut.md § 1; DAECT model, annexe 2, art. 4): the host sets the
# working conditions and decides on annual and sick leave; when the agent is put at its disposal
# for half of the service or less, the decisions on sick leave (ordinary, work accident,
# occupational disease) are taken by the collectivité, after the host's opinion. The share is the
# one put at the host's disposal (mission.quotite_mise_a_disposition), not the agent's working
# time.
def pourcentage(quotite: Decimal) -> str:
    """A share as French messages write it (« 50 % », « 33,5 % »), without loading babel on
    the evaluation path."""
    valeur = format(quotite * 100, "f")
    if "." in valeur:
        valeur = valeur.rstrip("0").rstrip(".")
    return f"{valeur.replace('.', ',')} %"


@regles.regle(
    "mad.conditions_emploi",
    titre="Conditions de travail et congés selon la quotité de mise à disposition",
    cite=("mad.decret.conditions_travail", "mad.decret.discipline"),
)
def conditions_emploi(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition":
        return
    quotite = mission.quotite_mise_a_disposition
    part = (
        "la totalité de son service" if quotite >= 1 else f"{pourcentage(quotite)} de son service"
    )
    if quotite <= Decimal("0.5"):
        conges = (
            f"l'agent n'étant mis à disposition que pour {part}, soit au plus la moitié, les "
            "décisions relatives à ses congés de maladie ordinaire et à ses congés pour accident "
            "de service ou maladie professionnelle restent à la collectivité, après avis de "
            "l'organisme d'accueil"
        )
        # The acts state it (their leave clause follows this condition, not a threshold of
        # their own).
        yield Condition(
            code="mad.conges_a_l_origine",
            libelle=(
                "La mise à disposition ne portant que sur la moitié du service au plus, les "
                "décisions relatives aux congés de maladie restent à la collectivité d'origine, "
                "après avis de l'organisme d'accueil."
            ),
        )
    else:
        conges = (
            f"l'agent étant mis à disposition pour {part}, l'organisme d'accueil prend les "
            "décisions relatives à ses congés annuels et à ses congés de maladie"
        )
    yield Alerte(
        code="mad.conditions_emploi",
        niveau="info",
        message=(
            "Pendant la mise à disposition, l'organisme d'accueil fixe les conditions de travail "
            f"de l'agent ; {conges} ; le pouvoir disciplinaire reste à la collectivité."
        ),
    )


@regles.regle(
    "mad.duree",
    titre="Durée de la mise à disposition et renouvellement",
    cite=("mad.decret.arrete_et_duree",),
)
def duree(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition":
        return
    version = contexte.version("mad.decret.arrete_et_duree", mission.debut)
    mois = int(version.valeur("duree_max_mois", 0)) if version else 0
    if mois and mission.fin > ajouter_mois(mission.debut, mois) - timedelta(days=1):
        yield Alerte(
            code="mad.duree_3_ans",
            message=f"La mise à disposition dure {duree_fr(mois)} au plus, renouvelable par périodes de {duree_fr(mois)} au plus : prévoyez le renouvellement.",
        )


# --- CGFP, art. L. 512-11 (loi n° 84-53, art. 61-1, II, before 2022) ---------------------------
# « La mise à disposition donne lieu à remboursement. Il peut être dérogé à cette disposition
# lorsque le fonctionnaire est mis à disposition auprès : 1° D'une administration ou d'un
# établissement public administratif de l'Etat ; 2° D'un groupement d'intérêt public ; 3° D'une
# organisation internationale intergouvernementale ; 4° D'une institution ou d'un organe de
# l'Union européenne ; 5° D'un Etat étranger, de l'administration d'une collectivité publique ou
# d'un organisme public relevant de cet Etat ou d'un Etat fédéré. » Last paragraph: a waiver « dans
# des conditions fixées par décret » between a collectivité and a body of L. 512-8, 1°. Never for
# an operator: the list does not name it.
DECRET = " dans les conditions fixées par décret"
DEROGATIONS = {
    "etat": "mad.derogation.etat",
    "gip": "mad.derogation.gip",
    "organisation_internationale": "mad.derogation.oi",
    "union_europeenne": "mad.derogation.ue",
    "etat_etranger": "mad.derogation.etat_etranger",
    "collectivite": "mad.derogation.collectivite",
}


@regles.regle(
    "mad.remboursement",
    titre="Remboursement de la rémunération, ou dérogation pour les organismes que la loi énumère",
    cite=("mad.remboursement",),
)
def remboursement(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mise_a_disposition":
        return
    payeur = "operateur" if mission.accueil.nature == "operateur" else "accueil"
    yield Financement(
        poste="remuneration",
        payeur="employeur",
        fondements=("mad.definition",),
        libelle="Rémunération versée par la collectivité d'origine pendant la mise à disposition",
    )
    derogation = DEROGATIONS.get(categorie(mission) or "")
    if derogation and mission.agent.statut == "titulaire":
        yield Financement(
            poste="remboursement_remuneration",
            payeur=payeur,
            fondements=("mad.remboursement",),
            libelle="Remboursement de la rémunération par l'organisme d'accueil, sauf dérogation prévue par la convention",
        )
        yield Alerte(
            code="mad.derogation_possible",
            niveau="info",
            fondements=(derogation,),
            message=f"Pour cet organisme d'accueil ({ACCUEILS[mission.accueil.nature][2]}), la loi permet de déroger au remboursement{DECRET if derogation == DEROGATIONS['collectivite'] else ''} : la convention doit le dire expressément.",
        )
    else:
        cite = (
            ("mad.remboursement",)
            if mission.agent.statut == "titulaire"
            else ("mad.contractuel_cdi",)
        )
        yield Financement(
            poste="remboursement_remuneration",
            payeur=payeur,
            fondements=cite,
            libelle="Remboursement de la rémunération et des charges par l'organisme d'accueil (aucune dérogation possible)",
        )
        yield Obligation(
            code="mad.remboursement",
            responsable=payeur,
            fondements=(*cite, "mad.decret.convention"),
            libelle="Rembourser à la collectivité la rémunération et les charges de l'agent, selon l'échéancier fixé par la convention",
        )
    if mission.remuneration_accueil is not None:
        yield Financement(
            poste="complement_remuneration",
            payeur=payeur,
            montant=mission.remuneration_accueil,
            fondements=("mad.decret.remuneration",),
            libelle="Complément de rémunération versé par l'organisme d'accueil (à justifier dans la convention)",
        )
