"""The rule set of statut_fpt: the rules decided inside the orientation, declared here so that
they are listed, covered and marked, and helpers shared by the rule modules.

Every rule receives the mission, the context and the :class:`Orientation` computed once per
mission (cadre and volume, then statut and host). Deadlines "before departure" fall on the last
working day of the employer before the first day of the mission.
"""

from __future__ import annotations

from datetime import date

from missio.context import Contexte
from missio.models import Mission
from missio.rules import Regles

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
    """The last working day of the employer before the first day of the mission."""
    return contexte.calendrier.veille_ouvree(mission.debut)


def date_fr(jour: date) -> str:
    """A date as French messages write it in figures ("25/05/2026"): no locale data to load on
    the evaluation path (documents spell dates out with babel)."""
    return f"{jour:%d/%m/%Y}"
