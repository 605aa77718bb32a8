"""The rules of statut_fpt, each beside the text it encodes.

Every rule receives the mission, the context and the :class:`Orientation` computed once per
mission (cadre and volume, then statut and host). Deadlines "before departure" fall on the last
working day of the employer before the first day of the mission.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import (
    Alerte,
    Blocage,
    Constat,
    Document,
    Financement,
    Finding,
    Obligation,
    Voie,
)
from missio.models import Mission
from missio.rules import Regles
from missio_statut_fpt.orientation import (
    ACCUEILS_DEROGATION_REMBOURSEMENT,
    DETACHEMENTS,
    NOMS,
    POSITIONS,
    Orientation,
)

regles = Regles("statut_fpt")

# Rules decided inside the orientation (one function routes, the trace names the rule).
for _code, _titre, _cite, _statut in (
    (
        "voie.cooperation_propre",
        "Coopération propre de la collectivité : ordre de mission",
        ("aect.base", "daect.cooperation_propre", "om.definition_mission"),
        "verifie",
    ),
    (
        "voie.operateur",
        "Mission pour un opérateur : grille DAECT par volume",
        ("daect.seuils",),
        "verifie",
    ),
    (
        "voie.accueil_direct",
        "Organisme d'accueil direct (OI, État, collectivité étrangère) : grille par volume",
        ("daect.seuils", "mad.hotes"),
        "verifie",
    ),
    (
        "voie.initiative_agent",
        "Projet personnel de l'agent : cumul, détachement ou disponibilité",
        ("detachement.cas_international", "disponibilite.definition"),
        "verifie",
    ),
    ("voie.alternatives", "Voies admissibles proposées en alternative", (), "verifie"),
    (
        "voie.accueil_en_france",
        "Accueil de représentants étrangers en France : aucun acte statutaire",
        ("om.definition_mission",),
        "verifie_secondaire",
    ),
    (
        "daect.borne_6",
        "Mission d'exactement 6 jours ouvrés : lecture retenue de la note DAECT",
        ("daect.seuils",),
        "verifie",
    ),
    ("statut.elu", "Élu : mandat spécial", ("elu.mandat_special",), "verifie_secondaire"),
    (
        "statut.retraite",
        "Retraité : recrutement direct, aucun acte de la collectivité",
        ("retraite.limite_age", "retraite.cumul_pension"),
        "verifie_secondaire",
    ),
    (
        "statut.stagiaire",
        "Stagiaire : ni mise à disposition, ni détachement, ni disponibilité",
        ("stagiaire.positions_interdites",),
        "verifie_secondaire",
    ),
    (
        "statut.contractuel_cdd",
        "Contractuel en CDD : ni mise à disposition ni position de fonctionnaire",
        ("mad.contractuel_cdi",),
        "verifie_secondaire",
    ),
    (
        "statut.contractuel_cdi",
        "Contractuel en CDI : mise à disposition auprès d'un organisme territorial seulement",
        ("mad.contractuel_cdi",),
        "verifie_secondaire",
    ),
    (
        "mad.accueil_admissible",
        "Organismes d'accueil admis pour une mise à disposition",
        ("mad.hotes",),
        "verifie",
    ),
    (
        "detachement.accueil_admissible",
        "Cas de détachement pour l'étranger",
        ("detachement.cas_international",),
        "verifie",
    ),
):
    regles.annoncer(_code, titre=_titre, cite=_cite, statut=_statut)


def veille_du_depart(mission: Mission, contexte: Contexte) -> date:
    return contexte.calendrier.ouvre_precedent(mission.debut - timedelta(days=1))


@regles.regle("voie.decision", titre="Dispositif retenu, blocages et alternatives")
def decision(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    yield from o.constats
    if o.dispositif != "aucun":
        yield Voie(regle=o.regle, dispositif=o.dispositif, motif=o.motif, fondements=o.cite)
    elif not o.blocages:  # hosting in France: no journey, hence no statutory act
        yield Constat(regle=o.regle, texte=o.motif, fondements=o.cite)
    else:
        yield Voie(
            regle=o.blocages[0].regle,
            dispositif="aucun",
            motif=f"{NOMS[o.recommande]} recommandé(e) mais impossible : {o.blocages[0].message}",
            fondements=o.blocages[0].fondements,
        )
    yield from o.blocages
    yield from o.alternatives


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


# --- Mise à disposition: CGFP L. 512-6 à L. 512-13 (loi n° 84-53, art. 61 et 61-1) ----------
# In substance: L. 512-7 requires the agent's agreement and a convention between the employer
# and the host; L. 512-12 requires prior information of the assembly (statut.md § 1).


@regles.regle(
    "mad.procedure",
    titre="Accord, information de l'assemblée, convention et arrêté",
    cite=("mad.conditions",),
)
def mise_a_disposition(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "mise_a_disposition":
        return
    veille = veille_du_depart(mission, contexte)
    yield Obligation(
        code="mad.accord_agent",
        responsable="agent",
        echeance=veille,
        fondements=("mad.conditions",),
        libelle="Recueillir l'accord écrit de l'agent sur la nature des activités et les conditions d'emploi, avant la signature de la convention",
    )
    yield Obligation(
        code="mad.information_assemblee",
        responsable="employeur",
        echeance=veille,
        fondements=("mad.organe_deliberant",),
        libelle="Informer préalablement l'organe délibérant de la mise à disposition",
    )
    yield Obligation(
        code="mad.convention",
        responsable="employeur",
        echeance=veille,
        fondements=("mad.conditions", "mad.decret.convention"),
        libelle="Signer avec l'organisme d'accueil la convention (activités, conditions d'emploi, contrôle et évaluation, remboursement, fin anticipée)",
    )
    yield Obligation(
        code="mad.arrete",
        responsable="employeur",
        echeance=veille,
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
    for code in (
        "accord_agent",
        "information_organe_deliberant",
        "convention_mise_a_disposition",
        "arrete_mise_a_disposition",
    ):
        yield Document(code=code)
    yield Alerte(
        code="mad.conditions_emploi",
        niveau="info",
        fondements=("mad.decret.conditions_travail", "mad.decret.discipline"),
        message="Pendant la mise à disposition, l'organisme d'accueil fixe les conditions de travail et décide des congés (sauf quotité d'au plus un mi-temps, où la collectivité les garde) ; le pouvoir disciplinaire reste à la collectivité.",
    )
    if mission.fin > ajouter_mois(mission.debut, 36) - timedelta(days=1):
        yield Alerte(
            code="mad.duree_3_ans",
            fondements=("mad.decret.arrete_et_duree",),
            message="La mise à disposition dure 3 ans au plus, renouvelable par périodes de 3 ans au plus : prévoyez le renouvellement.",
        )


@regles.regle(
    "mad.remboursement",
    titre="Remboursement de la rémunération ou dérogation",
    cite=("mad.remboursement",),
)
def remboursement(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "mise_a_disposition":
        return
    yield Financement(
        poste="remuneration",
        payeur="employeur",
        fondements=("mad.definition",),
        libelle="Rémunération versée par la collectivité d'origine pendant la mise à disposition",
    )
    if mission.accueil.nature in ACCUEILS_DEROGATION_REMBOURSEMENT:
        yield Financement(
            poste="remboursement_remuneration",
            payeur="accueil",
            libelle="Remboursement de la rémunération par l'organisme d'accueil, sauf dérogation prévue par la convention",
        )
        yield Alerte(
            code="mad.derogation_possible",
            niveau="info",
            message="Pour cet organisme d'accueil, la loi permet de déroger au remboursement : la convention doit le dire expressément.",
        )
    else:
        payeur = "operateur" if mission.accueil.nature == "operateur" else "accueil"
        yield Financement(
            poste="remboursement_remuneration",
            payeur=payeur,
            libelle="Remboursement de la rémunération et des charges par l'organisme d'accueil (aucune dérogation possible)",
        )
        yield Obligation(
            code="mad.remboursement",
            responsable=payeur,
            fondements=("mad.remboursement", "mad.decret.convention"),
            libelle="Rembourser à la collectivité la rémunération et les charges de l'agent, selon l'échéancier fixé par la convention",
        )
    if mission.remuneration_accueil is not None:
        yield Financement(
            poste="complement_remuneration",
            payeur="operateur" if mission.accueil.nature == "operateur" else "accueil",
            montant=mission.remuneration_accueil,
            fondements=("mad.decret.remuneration",),
            libelle="Complément de rémunération versé par l'organisme d'accueil (à justifier dans la convention)",
        )
    if mission.accueil.nature == "operateur":
        yield Alerte(
            code="mad.operateur_question_ouverte",
            fondements=("mad.hotes_operateur",),
            message="Un opérateur (Expertise France…) est-il un organisme « contribuant à la mise en œuvre d'une politique publique » admis pour une mise à disposition ? La note DAECT l'admet ; le texte n'a pas été confronté à ce cas : à confirmer par un juriste.",
        )


# --- Détachement: CGFP L. 513-1 et s. (loi n° 84-53, art. 64); décret n° 86-68 --------------


@regles.regle(
    "detachement.procedure",
    titre="Demande, arrêté et convention préalable",
    cite=("detachement.definition",),
)
def detachement(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif not in DETACHEMENTS:
        return
    veille = veille_du_depart(mission, contexte)
    yield Obligation(
        code="detachement.demande",
        responsable="agent",
        echeance=veille,
        libelle="Demander par écrit le détachement (il est prononcé à la demande de l'agent)",
    )
    yield Obligation(
        code="detachement.arrete",
        responsable="employeur",
        echeance=veille,
        libelle="Prendre l'arrêté de détachement, qui en fixe la durée",
    )
    if mission.accueil.nature in ("operateur", "organisation_internationale"):
        yield Obligation(
            code="detachement.convention",
            responsable="employeur",
            echeance=veille,
            fondements=("detachement.cas_international",),
            libelle="Conclure la convention préalable avec l'organisme d'accueil (activités, emploi, rémunération, retenues pour pension, contrôle)",
        )
    yield Financement(
        poste="remuneration",
        payeur="operateur" if mission.accueil.nature == "operateur" else "accueil",
        fondements=("detachement.remuneration_accueil",),
        libelle="Rémunération versée par l'organisme d'accueil selon ses propres règles",
    )
    yield Document(code="accord_agent")
    yield Document(code="arrete_detachement")
    yield Alerte(
        code="detachement.fin_anticipee",
        niveau="info",
        fondements=("detachement.fin_anticipee",),
        message="Fin anticipée à la demande de l'accueil ou de la collectivité : préavis de 3 mois, sauf faute grave.",
    )


@regles.regle(
    "detachement.duree",
    titre="Durée et réintégration selon le type de détachement",
    cite=("detachement.courte_duree",),
)
def detachement_duree(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif == "detachement_courte_duree":
        yield Obligation(
            code="detachement.reintegration",
            responsable="employeur",
            echeance=mission.fin + timedelta(days=1),
            fondements=("detachement.courte_duree",),
            libelle="Réintégrer l'agent dans son emploi à l'expiration du détachement (l'emploi n'est pas pourvu entre-temps)",
        )
        yield Alerte(
            code="detachement.courte_non_renouvelable",
            niveau="info",
            fondements=("detachement.courte_duree",),
            message="Le détachement de courte durée (6 mois, 1 an pour servir à l'étranger) n'est pas renouvelable ; la note DAECT, qui le dit « renouvelable une fois », est dépassée sur ce point.",
        )
    elif o.dispositif == "detachement_longue_duree":
        yield Alerte(
            code="detachement.reintegration_non_garantie",
            fondements=("detachement.reintegration", "detachement.longue_duree"),
            message="Détachement de longue durée : l'agent n'a pas la garantie de retrouver son emploi ; il est réintégré à la première vacance dans son grade, à défaut maintenu en surnombre puis pris en charge par le centre de gestion.",
        )
        if mission.fin > ajouter_mois(mission.debut, 60) - timedelta(days=1):
            yield Alerte(
                code="detachement.duree_5_ans",
                fondements=("detachement.longue_duree",),
                message="Le détachement de longue durée dure 5 ans au plus, renouvelable par périodes de 5 ans au plus.",
            )


# --- Disponibilité: CGFP L. 514-1 et s. (loi n° 84-53, art. 72); décret n° 86-68, art. 21 ---


@regles.regle(
    "disponibilite.procedure",
    titre="Demande, arrêté et demande de réintégration",
    cite=("disponibilite.definition",),
)
def disponibilite(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "disponibilite":
        return
    veille = veille_du_depart(mission, contexte)
    yield Obligation(
        code="disponibilite.demande",
        responsable="agent",
        echeance=veille,
        libelle="Demander par écrit la disponibilité pour convenances personnelles (accordée sous réserve des nécessités du service)",
    )
    yield Obligation(
        code="disponibilite.arrete",
        responsable="employeur",
        echeance=veille,
        libelle="Prendre l'arrêté de mise en disponibilité",
    )
    yield Obligation(
        code="disponibilite.reintegration",
        responsable="agent",
        echeance=ajouter_mois(mission.fin + timedelta(days=1), -3),
        fondements=("disponibilite.reintegration",),
        libelle="Demander la réintégration (ou le renouvellement) trois mois au moins avant le terme",
    )
    if mission.accueil.nature in ("entreprise", "association", "operateur"):
        yield Obligation(
            code="disponibilite.controle_deontologique",
            responsable="employeur",
            echeance=veille,
            fondements=("disponibilite.controle_deonto",),
            libelle="Faire contrôler au préalable la compatibilité de l'activité privée (contrôle déontologique)",
        )
    yield Alerte(
        code="disponibilite.sans_remuneration",
        fondements=("disponibilite.definition",),
        message="En disponibilité, l'agent n'est plus rémunéré par la collectivité ; ses droits à l'avancement ne sont conservés (5 ans au plus) que s'il exerce une activité professionnelle.",
    )
    yield Document(code="arrete_disponibilite")


# Décret n° 86-68, art. 21: 5 years at most, renewable within 10 years over the career; until
# 7 December 2025 a renewal beyond 5 years required 18 months of continuous effective service,
# a condition removed by décret n° 2025-1169 for renewals taking effect from that date.
DECRET_2025_1169 = date(2025, 12, 7)


@regles.regle(
    "disponibilite.duree",
    titre="Durée de la disponibilité et renouvellement au-delà de 5 ans",
    cite=("disponibilite.convenances_personnelles",),
    statut="verifie_secondaire",
)
def disponibilite_duree(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if o.dispositif != "disponibilite":
        return
    if mission.fin > ajouter_mois(mission.debut, 120) - timedelta(days=1):
        yield Blocage(
            code="disponibilite.duree_10_ans",
            message="Une disponibilité pour convenances personnelles ne peut dépasser 10 ans sur toute la carrière.",
            remede="Ramener la mission à 10 ans au plus (moins les disponibilités déjà prises), ou demander un détachement.",
        )
        return
    renouvellement = ajouter_mois(mission.debut, 60)
    if mission.fin < renouvellement:
        return
    if renouvellement < DECRET_2025_1169:
        message = (
            f"Au-delà de 5 ans, le renouvellement (à compter du {renouvellement.isoformat()}) exige "
            "que l'agent ait accompli au moins 18 mois de services effectifs continus."
        )
    else:
        message = (
            f"Au-delà de 5 ans, le renouvellement (à compter du {renouvellement.isoformat()}) "
            "n'exige plus 18 mois de services effectifs (condition supprimée pour les "
            "renouvellements prenant effet depuis le 7 décembre 2025) ; la limite de 10 ans sur "
            "la carrière demeure."
        )
    yield Alerte(code="disponibilite.renouvellement_5_ans", le=renouvellement, message=message)


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
            f"Le contrat de l'agent prend fin le {fin.isoformat()}, avant la fin de la mission "
            f"({mission.fin.isoformat()}) : l'agent doit rester agent de la collectivité pendant "
            "toute la mission ; prolongez le contrat ou écourtez la mission."
        ),
    )


# --- Cross-cutting checks -------------------------------------------------------------------

# CGCT L. 1115-1: collectivités « peuvent […] conclure des conventions avec des autorités
# locales étrangères » (not with a foreign State).


@regles.regle(
    "aect.partenaire", titre="Partenaire d'une coopération décentralisée", cite=("aect.base",)
)
def partenaire(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if mission.cadre != "cooperation_decentralisee":
        return
    if mission.accueil.nature == "etat_etranger":
        yield Alerte(
            code="aect.etat_etranger",
            message="La coopération décentralisée se conventionne avec des autorités locales étrangères, pas avec un État : vérifiez le partenaire, ou passez par une mise à disposition auprès de cet État.",
        )
    elif mission.accueil.nature in ("entreprise", "operateur"):
        yield Alerte(
            code="aect.partenaire_prive",
            message="L'organisme d'accueil n'est pas une autorité locale étrangère : vérifiez que la mission relève bien de l'action extérieure de la collectivité (sinon, grille des missions pour un tiers).",
        )


@regles.regle(
    "teletravail.compatibilite",
    titre="Télétravail sur le poste d'origine pendant la mission",
    cite=("mad.definition",),
)
def teletravail(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    jours = mission.teletravail_jours_par_semaine
    if not jours:
        return
    if o.dispositif in POSITIONS:
        yield Alerte(
            code="teletravail.position",
            fondements=("mad.definition", "detachement.definition"),
            message=f"{jours} jour(s) de télétravail par semaine sur le poste d'origine est incompatible avec une {NOMS[o.dispositif]} à temps plein : l'agent travaille alors pour l'organisme d'accueil. Envisagez une mise à disposition à temps partiel.",
        )
    elif o.dispositif == "ordre_de_mission":
        yield Alerte(
            code="teletravail.etranger",
            fondements=("om.definition_mission",),
            message=f"{jours} jour(s) de télétravail par semaine depuis l'étranger : les textes lus ne traitent ni la sécurité des données, ni la fiscalité, ni la protection sociale de ce télétravail ; à faire valider (avis du comité social territorial, assureur).",
        )


@regles.regle(
    "calendrier.pentecote",
    titre="Lundi de Pentecôte et journée de solidarité",
    cite=("calendrier.journee_solidarite",),
)
def pentecote(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if contexte.calendrier.journee_solidarite is not None:
        return
    for periode in mission.periodes:
        lundi = contexte.calendrier.lundi_de_pentecote_chome(periode.debut, periode.fin)
        if lundi:
            yield Alerte(
                code="calendrier.pentecote",
                message=f"La mission comprend le lundi de Pentecôte ({lundi.isoformat()}), compté comme férié faute de connaître la journée de solidarité de la collectivité ; s'il est travaillé, le volume est de {contexte.jours_ouvres_periodes + 1} jours ouvrés.",
            )
            return


@regles.regle(
    "calendrier.jours_declares", titre="Jours d'expertise déclarés et jours ouvrés de la période"
)
def jours_declares(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    if mission.jours_expertise:
        yield Constat(
            fondements=("daect.seuils",),
            texte=(
                f"volume retenu : {mission.jours_expertise} jours d'expertise déclarés (au lieu "
                f"des {contexte.jours_ouvres_periodes} jours ouvrés des périodes)"
            ),
        )
    if mission.jours_expertise and mission.jours_expertise > contexte.jours_ouvres_periodes:
        yield Alerte(
            code="calendrier.jours_declares",
            fondements=("daect.seuils",),
            message=f"{mission.jours_expertise} jours d'expertise déclarés pour {contexte.jours_ouvres_periodes} jours ouvrés dans les périodes : des samedis ou des jours fériés seraient travaillés ; prévoyez leur récupération ou leur compensation.",
        )
