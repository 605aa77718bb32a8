"""After the return: the mission report, its validation, and the risk of reimbursement.

Règlement du programme EXPE-CT (7 juillet 2020), § III.3, quoted above each rule. The deadline is
computed in :mod:`.delais` (by analogy with the code de procédure civile, « à vérifier »).
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Document, Finding, Obligation
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.delais import EcheanceRapport, echeance_rapport
from missio_expe_ct.ecriture import jour_fr, montant_fr
from missio_expe_ct.faits import Faits

regles = Regles("expe_ct")

CITE_DELAI = ("expe_ct.reglement.retour", "expe_ct.lecture.delai_rapport")
CITE_REPORT = (*CITE_DELAI, "expe_ct.lecture.report_jour_ouvre")


def formuler_echeance(e: EcheanceRapport) -> str:
    """The deadline as the decision states it: one date, or three when it falls on a day off."""
    if e.ouvree:
        return f"échéance le {jour_fr(e.nominale)}"
    return (
        f"échéance le {jour_fr(e.nominale)}, jour non ouvré : remettre au plus tard le "
        f"{jour_fr(e.prudente)} par prudence ; une remise le {jour_fr(e.reportee)} ne devrait pas "
        "être tenue pour tardive (report au premier jour ouvré suivant, par analogie, à vérifier)"
    )


def _montant(faits: Faits) -> str:
    montant = faits.ext.montant_en_jeu
    if montant is None:
        return "montant non renseigné : extensions.expe_ct.montant_en_jeu"
    return f"montant en jeu : {montant_fr(montant)}"


# « Les missionnaires s'engagent à rendre un rapport de mission dans les 2 mois maximum suivant
# leur retour, validé par la collectivité territoriale ou association de collectivités
# françaises titulaire du label. » « Outre le compte-rendu sur l'objet précis de la mission, le
# rapport indiquera si la mission peut être complétée par une action complémentaire et si les
# contacts noués permettent de déboucher sur une coopération à plus long terme. »


@regles.regle(
    "expe_ct.rapport",
    titre="Rapport de mission validé, remis dans les deux mois suivant le retour",
    cite=CITE_DELAI,
)
def rapport(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    if not faits.qualifiee(mission):
        return
    e = echeance_rapport(mission.fin, contexte.calendrier)
    cite = CITE_DELAI if e.ouvree else CITE_REPORT
    quand = formuler_echeance(e)
    objet = "de mission" if faits.envoi else "de l'accueil de la délégation"
    yield Obligation(
        code="expe_ct.rapport",
        responsable="agent" if faits.envoi else "employeur",
        echeance=e.prudente,
        fondements=cite,
        libelle=(
            f"Rendre le rapport {objet} (compte rendu de son objet ; action complémentaire "
            "possible ; contacts pouvant déboucher sur une coopération durable) dans les deux mois "
            f"suivant le retour du {jour_fr(e.retour)} — {quand}"
        ),
    )
    yield Obligation(
        code="expe_ct.rapport_validation",
        responsable="employeur",
        echeance=e.prudente,
        fondements=cite,
        libelle=f"Valider le rapport (collectivité titulaire du label) et le transmettre à la DAECT — {quand}",
    )
    if not e.ouvree:
        yield Alerte(
            code="expe_ct.rapport_echeance_non_ouvree",
            niveau="info",
            fondements=cite,
            message=f"Rapport de mission : {quand}.",
        )
    if faits.envoi:
        yield Document(code="rapport_mission_expe_ct", fondements=("expe_ct.reglement.retour",))


# « Le défaut de remise du rapport obligatoire conduirait la DAECT à demander le remboursement
# des frais engagés. » A report is late once the first working day after the deadline has
# passed (the reading most favourable to the collectivité, by analogy, « à vérifier »).


def _etat_du_rapport(faits: Faits, e: EcheanceRapport, contexte: Contexte) -> Alerte | None:
    remis, valide = faits.ext.rapport_remis_le, faits.ext.rapport_valide_le
    risque = f"risque de remboursement : la DAECT demanderait celui des frais engagés ({_montant(faits)})"
    if remis is not None and remis > e.reportee:
        return Alerte(
            code="expe_ct.rapport_tardif",
            message=f"Rapport remis le {jour_fr(remis)}, après l'échéance ({jour_fr(e.nominale)}) : {risque}.",
        )
    if remis is not None and valide is None:
        return Alerte(
            code="expe_ct.rapport_non_valide",
            message=f"Rapport remis le {jour_fr(remis)} mais non validé par la collectivité titulaire du label, comme l'exige le règlement : faites-le valider au plus tard le {jour_fr(e.prudente)} ; à défaut, {risque}.",
        )
    if valide is not None and valide > e.reportee:
        return Alerte(
            code="expe_ct.validation_tardive",
            message=f"Rapport validé le {jour_fr(valide)}, après l'échéance ({jour_fr(e.nominale)}) : {risque}.",
        )
    if remis is None and contexte.date_evaluation and contexte.date_evaluation > e.reportee:
        return Alerte(
            code="expe_ct.rapport_manquant",
            message=f"Aucun rapport remis au {jour_fr(contexte.date_evaluation)}, échéance dépassée ({jour_fr(e.nominale)}) : {risque}.",
        )
    if remis is None:
        return Alerte(
            code="expe_ct.remboursement",
            niveau="info",
            message=f"Faute de rapport validé remis dans le délai, {risque}.",
        )
    return None


@regles.regle(
    "expe_ct.remboursement",
    titre="Risque de remboursement des frais faute de rapport",
    cite=CITE_DELAI,
)
def remboursement(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    if not faits.qualifiee(mission):
        return None
    return _etat_du_rapport(faits, echeance_rapport(mission.fin, contexte.calendrier), contexte)
