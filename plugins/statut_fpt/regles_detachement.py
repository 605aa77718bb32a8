"""Acts, durations and return of a détachement or a disponibilité."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import (
    Alerte,
    Blocage,
    Document,
    Financement,
    Finding,
    Obligation,
)
from missio.models import Mission
from missio_statut_fpt.orientation import (
    DETACHEMENTS,
    Orientation,
)
from missio_statut_fpt.registre import date_fr, regles, veille_du_depart

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
            f"Au-delà de 5 ans, le renouvellement (à compter du {date_fr(renouvellement)}) exige "
            "que l'agent ait accompli au moins 18 mois de services effectifs continus."
        )
    else:
        message = (
            f"Au-delà de 5 ans, le renouvellement (à compter du {date_fr(renouvellement)}) "
            "n'exige plus 18 mois de services effectifs (condition supprimée pour les "
            "renouvellements prenant effet depuis le 7 décembre 2025) ; la limite de 10 ans sur "
            "la carrière demeure."
        )
    yield Alerte(code="disponibilite.renouvellement_5_ans", le=renouvellement, message=message)
