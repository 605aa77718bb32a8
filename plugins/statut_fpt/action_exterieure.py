"""The collectivité's own external action: who it may cooperate with (statut.md § 9).

CGCT L. 1115-1 (paraphrase, statut.md § 9): collectivités and their groupings may carry out or
support any international action of cooperation, development aid or humanitarian nature, and
« conclure des conventions avec des autorités locales étrangères » — not with a foreign State.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Finding
from missio.models import Mission
from missio_statut_fpt.registre import regles
from missio_statut_fpt.route import Route


@regles.regle(
    "aect.partenaire", titre="Partenaire d'une coopération décentralisée", cite=("aect.base",)
)
def partenaire(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
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
