"""Disponibilité pour convenances personnelles: acts, duration, renewal and return (statut.md § 4).

CGFP L. 514-1 et s. (loi n° 84-53, art. 72, before 1 March 2022): granted at the agent's request
« sous réserve des nécessités du service » ; the agent is no longer paid. The fallback for a long
mission abroad that no case of détachement covers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Document, Finding, Obligation
from missio.legal import Version
from missio.models import Mission
from missio_statut_fpt.registre import date_chiffres, delai_fr, duree_fr, regles, signature
from missio_statut_fpt.route import Route


@regles.regle(
    "disponibilite.procedure",
    titre="Demande de l'agent, arrêté et contrôle déontologique d'une activité privée",
    cite=("disponibilite.definition",),
)
def procedure(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "disponibilite":
        return
    signe = signature(mission, contexte)
    yield Obligation(
        code="disponibilite.demande",
        responsable="agent",
        echeance=signe,
        le=signe,
        libelle="Demander par écrit la disponibilité pour convenances personnelles (accordée sous réserve des nécessités du service)",
    )
    yield Obligation(
        code="disponibilite.arrete",
        responsable="employeur",
        echeance=signe,
        le=signe,
        fondements=("disponibilite.definition", "disponibilite.convenances_personnelles"),
        libelle="Prendre l'arrêté de mise en disponibilité",
    )
    if mission.accueil.nature in ("entreprise", "association", "operateur"):
        yield Obligation(
            code="disponibilite.controle_deontologique",
            responsable="employeur",
            echeance=signe,
            le=mission.date_procedure,
            fondements=("disponibilite.controle_deonto", "disponibilite.controle_deonto_procedure"),
            libelle="Faire contrôler au préalable la compatibilité de l'activité privée (contrôle déontologique)",
        )
    yield _sans_remuneration(mission, contexte)
    yield Document(code="arrete_disponibilite", le=signe)


# Loi n° 84-53, art. 72, as amended by loi n° 2018-771 (CGFP L. 514-1 et s. from 1 March 2022),
# paraphrase of statut.md § 4: « Avancement conservé ≤ 5 ans si l'agent exerce une activité
# professionnelle (disponibilités prenant effet depuis le 7 sept. 2018) ». The start and the five
# years are read from disponibilite.avancement.
def _sans_remuneration(mission: Mission, contexte: Contexte) -> Finding:
    version = contexte.version("disponibilite.avancement", mission.debut)
    mois = int(version.valeur("avancement_max_mois", 0)) if version else 0
    if mois:
        avancement = (
            f"ses droits à l'avancement ne sont conservés ({duree_fr(mois)} au plus) que s'il "
            "exerce une activité professionnelle"
        )
        fondements: tuple[str, ...] = ("disponibilite.definition", "disponibilite.avancement")
    else:
        avancement = "il perd ses droits à l'avancement"
        fondements = ("disponibilite.definition",)
    return Alerte(
        code="disponibilite.sans_remuneration",
        fondements=fondements,
        message=f"En disponibilité, l'agent n'est plus rémunéré par la collectivité ; {avancement}.",
    )


def _arrete(mission: Mission, contexte: Contexte) -> Version | None:
    """Décret n° 86-68, art. 21, in the wording in force on the first day."""
    return contexte.version("disponibilite.convenances_personnelles", mission.debut)


def periodes(mission: Mission, contexte: Contexte) -> list[tuple[date, date]]:
    """The periods of the successive arrêtés: one arrêté covers at most the maximum of art. 21
    (read from its version), a renewal each period after (a single period when unknown)."""
    version = _arrete(mission, contexte)
    mois = int(version.valeur("duree_max_mois", 0)) if version else 0
    if not mois:
        return [(mission.debut, mission.fin)]
    bornes, debut = [], mission.debut
    while debut <= mission.fin:
        fin = min(ajouter_mois(debut, mois) - timedelta(days=1), mission.fin)
        bornes.append((debut, fin))
        debut = fin + timedelta(days=1)
    return bornes


# Décret n° 86-68, art. 26 (text read, version of 14 March 2022): « Sauf dans le cas où la période
# de mise en disponibilité n'excède pas trois mois, le fonctionnaire mis en disponibilité sur sa
# demande fait connaître à son administration d'origine sa décision de solliciter le renouvellement
# de la disponibilité ou de réintégrer son cadre d'emplois d'origine trois mois au moins avant
# l'expiration de la disponibilité. » The three months (delay and exception) are read from the
# version in force; before 14 March 2022 they are missio's prudent reading, marked « à vérifier ».
@regles.regle(
    "disponibilite.reintegration",
    titre="Demande de renouvellement ou de réintégration avant le terme de chaque période",
    cite=("disponibilite.reintegration", "disponibilite.delai_reintegration"),
)
def reintegration(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "disponibilite":
        return
    tranches = periodes(mission, contexte)
    for numero, (debut, fin) in enumerate(tranches, start=1):
        version = contexte.version("disponibilite.delai_reintegration", fin)
        if version is None:
            continue
        delai, sans_delai = (
            int(version.valeur("delai_mois")),
            int(version.valeur("sans_delai_jusqu_a_mois")),
        )
        if fin < ajouter_mois(debut, sans_delai):  # a period of three months or less
            yield Constat(
                le=fin,
                texte=(
                    f"période de disponibilité du {date_chiffres(debut)} au {date_chiffres(fin)} : "
                    f"{duree_fr(sans_delai)} au plus, aucune demande de réintégration n'est due à date"
                ),
            )
            continue
        echeance = max(ajouter_mois(fin + timedelta(days=1), -delai), debut)
        derniere = numero == len(tranches)
        yield Obligation(
            code="disponibilite.reintegration" if derniere else "disponibilite.renouvellement",
            responsable="agent",
            echeance=echeance,
            le=fin,
            libelle=(
                "Faire connaître sa décision de réintégrer (ou de solliciter le renouvellement), "
                f"{delai_fr(delai)} au moins avant le terme du {date_chiffres(fin)}"
                if derniere
                else f"Solliciter le renouvellement de la disponibilité, {delai_fr(delai)} au moins avant le terme de la période en cours ({date_chiffres(fin)})"
            ),
        )
        if not derniere:
            yield Obligation(
                code="disponibilite.arrete_renouvellement",
                responsable="employeur",
                echeance=fin,
                le=fin,
                fondements=("disponibilite.convenances_personnelles",),
                libelle=f"Prendre l'arrêté de renouvellement de la disponibilité à compter du {date_chiffres(fin + timedelta(days=1))}",
            )


@regles.regle(
    "disponibilite.duree",
    titre="Durée de la disponibilité : limite sur la carrière et condition de renouvellement",
    cite=("disponibilite.convenances_personnelles",),
    statut="verifie_secondaire",
)
def duree(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "disponibilite":
        return
    version = _arrete(mission, contexte)
    if version is None or not version.valeur("duree_max_mois"):
        pourquoi = f" ({version.note})" if version and version.note else ""
        yield Alerte(
            code="disponibilite.duree_non_verifiee",
            le=mission.debut,
            message=f"Les durées de la disponibilité pour convenances personnelles applicables à cette date n'ont pas été relevées{pourquoi} : vérifiez la durée maximale d'un arrêté et la limite sur la carrière.",
        )
        return
    carriere = int(version.valeur("carriere_max_mois"))
    if mission.fin > ajouter_mois(mission.debut, carriere) - timedelta(days=1):
        yield Blocage(
            code="disponibilite.duree_10_ans",
            le=mission.debut,
            message=f"Une disponibilité pour convenances personnelles ne peut dépasser {duree_fr(carriere)} sur toute la carrière.",
            remede=f"Ramener la mission à {duree_fr(carriere)} au plus (moins les disponibilités déjà prises), ou demander un détachement.",
        )
        return
    premiere = int(version.valeur("duree_max_mois"))
    for debut, _ in periodes(mission, contexte)[1:]:
        yield _renouvellement(contexte, debut, premiere)


# Art. 21 (décret n° 2019-234, then n° 2025-1169): beyond a first period of five years, a renewal
# required eighteen months of continuous effective service, a condition removed for renewals
# taking effect from 7 December 2025; which wording applies is read at the renewal's date.
def _renouvellement(contexte: Contexte, debut: date, premiere: int) -> Finding:
    version = contexte.version("disponibilite.convenances_personnelles", debut)
    services = version.valeur("services_continus_mois") if version else None
    if services:
        message = (
            f"Au-delà de {duree_fr(premiere)}, le renouvellement (à compter du {date_chiffres(debut)}) "
            f"exige que l'agent ait accompli au moins {int(services)} mois de services effectifs "
            "continus."
        )
    else:
        depuis = f" depuis le {date_chiffres(version.en_vigueur_le)}" if version else ""
        message = (
            f"Au-delà de {duree_fr(premiere)}, le renouvellement (à compter du {date_chiffres(debut)}) "
            "n'exige plus de durée de services effectifs (condition supprimée pour les "
            f"renouvellements prenant effet{depuis}) ; la limite sur la carrière demeure."
        )
    return Alerte(code="disponibilite.renouvellement_5_ans", le=debut, message=message)
