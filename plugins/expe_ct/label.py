"""The label (R1) and its fields (R3): does the employer hold EXPE-CT over the mission's dates?

Règlement du programme EXPE-CT (7 juillet 2020), § III.1, quoted above each rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.ecriture import depart_fr, jour_fr
from missio_expe_ct.faits import Faits, nom_normalise
from missio_expe_ct.hors_programme import alternative, hors_expe_ct

regles = Regles("expe_ct")


# --- Règlement EXPE-CT, § III.1 -------------------------------------------------------------
# « EXPE-CT est un label délivré par le ministère de l'Europe et des Affaires étrangères. »
# « Les collectivités territoriales ou les associations d'élus peuvent être labellisées EXPE-CT
# […]. » « La candidature est examinée par un comité de sélection et le résultat fait l'objet
# d'une notification […]. » The label must be held over the whole mission: from its
# notification (obtenu_le) to its end when employeur.labels gives one (duration « à vérifier »).


def _blocage_label(faits: Faits, mission: Mission) -> Blocage:
    label, nom = faits.label.label, mission.employeur.nom
    sortie = hors_expe_ct(mission)
    if faits.label.etat == "posterieur" and label:
        return Blocage(
            code="expe_ct.label_posterieur",
            message=(
                f"Le label EXPE-CT de « {nom} » a été obtenu le {jour_fr(label.obtenu_le)}, après "
                f"le {depart_fr(mission.sens, mission.debut)} : la collectivité n'était pas labellisée "
                "aux dates de la mission, qui ne peut pas être qualifiée EXPE-CT."
            ),
            remede=f"Reporter la mission après la notification du label, {sortie}.",
        )
    if faits.label.etat == "expire" and label and label.fin:
        return Blocage(
            code="expe_ct.label_expire",
            fondements=("expe_ct.reglement.labellisation", "expe_ct.lecture.label_fin"),
            message=(
                f"Le label EXPE-CT de « {nom} » a pris fin le {jour_fr(label.fin)}, avant le "
                f"retour du {jour_fr(mission.fin)} : la collectivité n'est pas labellisée aux dates "
                "de la mission."
            ),
            remede=(
                "Faire renouveler le label auprès de la DAECT (et indiquer sa nouvelle date), "
                f"{sortie}."
            ),
        )
    if faits.label.etat == "pact" and label:
        return Blocage(
            code="expe_ct.label_pact",
            fondements=("expe_ct.reglement.labellisation", "expe_ct.reglement.programme"),
            message=(
                f"« {nom} » détient le label « {label.nom} », pas le label EXPE-CT : les labels "
                "PACT 2 et PACT 3 relèvent des programmes antérieurs, dont les labellisations "
                "arrivaient à échéance à la fin de 2020 ; ils ne valent pas label EXPE-CT."
            ),
            remede=f"Solliciter le label EXPE-CT auprès de la DAECT, {sortie}.",
        )
    return Blocage(
        code="expe_ct.label_absent",
        message=(
            f"« {nom} » ne détient pas le label EXPE-CT (employeur.labels) : la mission ne peut "
            "pas être qualifiée EXPE-CT ni financée par le MEAE."
        ),
        remede=(
            "Déposer auprès de la DAECT un dossier de labellisation (compétences visées, experts "
            f"mobilisables), {sortie}."
        ),
    )


@regles.regle(
    "expe_ct.label",
    titre="Collectivité titulaire du label EXPE-CT aux dates de la mission",
    cite=("expe_ct.reglement.labellisation",),
)
def label(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    label = faits.label.label
    if faits.label.etat == "valide" and label:
        fin = f" jusqu'au {jour_fr(label.fin)}" if label.fin else ", sans date de fin indiquée"
        yield Constat(
            texte=f"Label EXPE-CT obtenu le {jour_fr(label.obtenu_le)}{fin} : détenu aux dates de la mission."
        )
        return
    yield _blocage_label(faits, mission)
    repli = alternative(mission)
    if repli:
        yield repli


# --- Règlement EXPE-CT, § III.1 (lecture de missio, « à vérifier ») --------------------------
# « […] un dossier de candidature comportant une description des compétences et savoir-faire
# visés […]. » The règlement does not require in so many words that a mission fall within them:
# a mission outside the labelled fields is a warning, not a block.


@regles.regle(
    "expe_ct.domaine",
    titre="Mission relevant d'un domaine labellisé",
    cite=("expe_ct.lecture.domaine",),
    statut="a_verifier",
)
def domaine(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    label = faits.label.label
    if faits.label.etat != "valide" or label is None:
        return None
    domaines = ", ".join(label.domaines) or "aucun domaine indiqué"
    if faits.ext.domaine is None or not label.domaines:
        return Constat(
            texte=f"Domaine de la mission non comparé au label (domaine non précisé ou label sans domaine ; domaines labellisés : {domaines})."
        )
    if nom_normalise(faits.ext.domaine) in {nom_normalise(d) for d in label.domaines}:
        return Constat(texte=f"Mission dans le domaine labellisé « {faits.ext.domaine} ».")
    return Alerte(
        code="expe_ct.hors_domaine",
        message=(
            f"La mission relève du domaine « {faits.ext.domaine} », absent des domaines labellisés "
            f"({domaines}). Le règlement n'en fait pas une condition expresse, mais le label porte "
            "sur les compétences décrites dans le dossier : à confirmer avec la DAECT."
        ),
    )
