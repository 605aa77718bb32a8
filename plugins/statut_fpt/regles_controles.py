"""Cross-cutting checks: the cooperation partner, telework, the Pentecost Monday and declared
days."""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import (
    Alerte,
    Constat,
    Finding,
)
from missio.models import Mission
from missio_statut_fpt.orientation import (
    NOMS,
    POSITIONS,
    Orientation,
)
from missio_statut_fpt.registre import date_fr, regles

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
                message=f"La mission comprend le lundi de Pentecôte ({date_fr(lundi)}), compté comme férié faute de connaître la journée de solidarité de la collectivité ; s'il est travaillé, le volume est de {contexte.jours_ouvres_periodes + 1} jours ouvrés.",
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
