"""Telework on the agent's own post during the mission (statut.md § 1; point ouvert 11).

A position (mise à disposition, détachement, disponibilité) puts the agent's working time at the
host's disposal, wholly or partly (CGFP L. 512-6 and L. 512-13: « tout ou partie du service »):
telework for the collectivité during a full-time position contradicts it. On service time, the
texts read say nothing of telework from abroad.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from missio.context import Contexte
from missio.findings import Alerte, Finding
from missio.libelles import DISPOSITIFS
from missio.models import Mission
from missio_statut_fpt.registre import POSITIONS, regles
from missio_statut_fpt.route import Route


@regles.regle(
    "teletravail.compatibilite",
    titre="Télétravail sur le poste d'origine pendant la mission",
    cite=("mad.definition",),
)
def compatibilite(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    jours = mission.teletravail_jours_par_semaine
    if not jours:
        return
    par_semaine = _jours(jours)
    if route.dispositif in POSITIONS:
        article = "une" if route.dispositif in ("mise_a_disposition", "disponibilite") else "un"
        yield Alerte(
            code="teletravail.position",
            fondements=("mad.definition", "detachement.definition"),
            message=f"Télétravailler {par_semaine} par semaine sur le poste d'origine n'est pas compatible avec {article} {DISPOSITIFS[route.dispositif]} à temps plein : l'agent travaille alors pour l'organisme d'accueil. Envisagez une mise à disposition à temps partiel.",
        )
    elif route.dispositif == "ordre_de_mission":
        yield Alerte(
            code="teletravail.etranger",
            fondements=("om.definition_mission",),
            message=f"Télétravail depuis l'étranger, {par_semaine} par semaine : les textes lus ne traitent ni la sécurité des données, ni la fiscalité, ni la protection sociale de ce télétravail ; à faire valider (avis du comité social territorial, assureur).",
        )


def _jours(nombre: Decimal) -> str:
    """« 1 jour », « 2,5 jours » (French: the plural from 2 on, a decimal comma)."""
    texte = format(nombre.normalize(), "f").replace(".", ",")
    return f"{texte} jour{'s' if nombre >= 2 else ''}"
