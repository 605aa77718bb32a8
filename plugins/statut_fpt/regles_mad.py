"""Acts and steps of a mise à disposition, and its reimbursement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

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
    ACCUEILS_DEROGATION_REMBOURSEMENT,
    Orientation,
)
from missio_statut_fpt.registre import regles, veille_du_depart

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
