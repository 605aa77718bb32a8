"""Working days that move the route: the employer's own holidays, the Pentecost Monday, the
declared expertise days (calendrier.md § 1, 3, 4, 5, 6).

The volume counts the working days of the employer's territory (calendrier.md § 1, « définition
retenue »): a holiday of Alsace-Moselle or of an overseas territory, or a Pentecost Monday whose
journée de solidarité is unknown, is one working day less. When that day decides the route, the
decision names it and the route it would otherwise be.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from missio.calendar import LUNDI_DE_PENTECOTE, calendrier, fusionner
from missio.context import Contexte
from missio.findings import Alerte, Constat, Finding
from missio.libelles import DISPOSITIFS
from missio.models import Mission
from missio_statut_fpt.registre import date_chiffres, regles
from missio_statut_fpt.route import Route
from missio_statut_fpt.voie import voie_du_palier

# Which text makes a territory's own holiday a holiday (calendrier.md § 3 and § 4): Vendredi saint
# and 26 December in Moselle, Bas-Rhin and Haut-Rhin (CGFP L. 621-10, renvoi au code du travail
# L. 3134-13); the day commemorating the abolition of slavery overseas (décret n° 83-1003); the
# days the holidays package adds overseas without a verified basis are « à vérifier ».
FONDEMENTS_FERIES = {
    "57": "calendrier.feries_alsace_moselle",
    "67": "calendrier.feries_alsace_moselle",
    "68": "calendrier.feries_alsace_moselle",
}
ABOLITION = "Abolition de l'esclavage"
PENTECOTE = "calendrier.journee_solidarite"


def _fondement(departement: str, nom: str) -> str:
    if departement in FONDEMENTS_FERIES:
        return FONDEMENTS_FERIES[departement]
    if ABOLITION in nom:
        return "calendrier.feries_outre_mer"
    return "calendrier.feries_locaux"


def jours_propres(mission: Mission, contexte: Contexte) -> list[tuple[date, str, str]]:
    """The weekdays of the periods that are holidays of the employer's territory only, or a
    Pentecost Monday counted as a holiday for want of the journée de solidarité: (day, name,
    key of its legal basis), in order."""
    cal = contexte.calendrier
    national = calendrier("75", cal.journee_solidarite)
    trouves: list[tuple[date, str, str]] = []
    for debut, fin in fusionner([(p.debut, p.fin) for p in mission.periodes]):
        for ferie in cal.feries(debut, fin):
            if national.est_ouvre(ferie.jour):
                trouves.append((ferie.jour, ferie.nom, _fondement(cal.departement, ferie.nom)))
            elif ferie.nom == LUNDI_DE_PENTECOTE and cal.journee_solidarite is None:
                trouves.append((ferie.jour, "lundi de Pentecôte", PENTECOTE))
    return trouves


@regles.regle(
    "calendrier.feries_seuil",
    titre="Jour férié du territoire qui fait changer la voie recommandée",
    cite=("daect.seuils",),
)
def feries_seuil(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if mission.jours_expertise or mission.cadre not in ("operateur", "organisation_internationale"):
        return  # a declared volume, or a route that does not follow the grid
    if route.recommande in ("aucun", "mandat_special", "recrutement_direct"):
        return
    jours = jours_propres(mission, contexte)
    volume = contexte.volume_jours_ouvres
    actuelle = voie_du_palier(mission, contexte, volume)
    for nombre in range(1, len(jours) + 1):
        autre = voie_du_palier(mission, contexte, volume + nombre)
        if autre == actuelle:
            continue
        noms = " ; ".join(f"{date_chiffres(jour)} ({nom})" for jour, nom, _ in jours)
        combien = (
            "l'un de ces jours était travaillé"
            if nombre == 1
            else f"{nombre} de ces jours étaient travaillés"
        )
        yield Alerte(
            code="calendrier.ferie_seuil",
            fondements=tuple(dict.fromkeys(cle for _, _, cle in jours)),
            message=(
                f"Jours fériés propres au territoire de l'employeur dans la mission : {noms}. "
                f"Comptés comme chômés, ils donnent {volume} jours ouvrés ({DISPOSITIFS[actuelle]}) ; "
                f"si {combien}, le volume serait de {volume + nombre} jours ouvrés et la voie "
                f"recommandée serait : {DISPOSITIFS[autre]}. Vérifiez le calendrier de la "
                "collectivité (journée de solidarité, jours locaux)."
            ),
        )
        return


# Loi n° 2004-626, art. 6 (paraphrase, calendrier.md § 5): in the FPT the journée de solidarité
# is set by deliberation; failing that, it is the Pentecost Monday.
@regles.regle(
    "calendrier.pentecote",
    titre="Lundi de Pentecôte et journée de solidarité",
    cite=("calendrier.journee_solidarite",),
)
def pentecote(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if contexte.calendrier.journee_solidarite is not None:
        return
    # With declared expertise days, the volume is not the periods' count: say which one moves.
    compte = "les périodes comptent" if mission.jours_expertise else "le volume est de"
    for periode in mission.periodes:
        lundi = contexte.calendrier.lundi_de_pentecote_chome(periode.debut, periode.fin)
        if lundi:
            yield Alerte(
                code="calendrier.pentecote",
                message=f"La mission comprend le lundi de Pentecôte ({date_chiffres(lundi)}), compté comme férié faute de connaître la journée de solidarité de la collectivité ; s'il est travaillé, {compte} {contexte.jours_ouvres_periodes + 1} jours ouvrés.",
            )
            return


# calendrier.md § 6: two counts, never mixed — (a) the employer's working days inside the
# periods, (b) the expertise days declared. The route follows (b), the contract's volume.
@regles.regle(
    "calendrier.jours_declares", titre="Jours d'expertise déclarés et jours ouvrés de la période"
)
def jours_declares(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    declares, ouvres = mission.jours_expertise, contexte.jours_ouvres_periodes
    if not declares:
        return
    yield Constat(
        fondements=("daect.seuils",),
        le=mission.date_procedure,
        texte=f"volume retenu : {declares} jours d'expertise déclarés (au lieu des {ouvres} jours ouvrés des périodes)",
    )
    if declares > ouvres:
        yield Alerte(
            code="calendrier.jours_declares",
            fondements=("daect.seuils",),
            le=mission.date_procedure,
            message=f"{declares} jours d'expertise déclarés pour {ouvres} jours ouvrés dans les périodes : des samedis ou des jours fériés seraient travaillés ; prévoyez leur récupération ou leur compensation.",
        )


@regles.regle(
    "calendrier.jours_non_couverts",
    titre="Jours ouvrés d'absence qui ne sont pas des jours d'expertise",
    cite=("om.definition_mission",),
)
def jours_non_couverts(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    declares, ouvres = mission.jours_expertise, contexte.jours_ouvres_periodes
    if not declares or declares >= ouvres or mission.sens != "envoi":
        return
    if route.dispositif not in ("cumul_activites", "mise_a_disposition"):
        return  # under an ordre de mission, or in a full-time position, every day is covered
    reste = ouvres - declares
    if route.dispositif == "cumul_activites":
        texte = "le cumul ne couvre que l'activité accessoire, hors du temps de service"
    else:
        texte = "la mise à disposition est calibrée sur les jours d'expertise (fixez sa quotité en conséquence)"
    yield Alerte(
        code="calendrier.jours_non_couverts",
        message=(
            f"Les périodes comptent {ouvres} jours ouvrés d'absence, dont {declares} jours "
            f"d'expertise : {texte} ; les {reste} autres jours ouvrés ne sont couverts par aucun "
            "acte. L'agent pose des congés pour ces jours, ou la collectivité les couvre par un "
            "ordre de mission."
        ),
    )
