"""Turning a policy's effects into findings: deadlines, amounts, and the legal-basis check.

Deadlines "before departure" that fall on a day off move to the previous working day of the
employer (the act must be done by then); deadlines "after return" move to the next one (as a
time limit is extended to the next working day).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from missio.calendar import Calendrier, ajouter_mois
from missio.context import Contexte
from missio.findings import Alerte, Blocage, Document, Financement, Finding, Obligation
from missio.libelles import POSTES_COMMUNS
from missio.models import Mission
from missio_collectivite_custom import format as fmt
from missio_collectivite_custom.evaluation import arrondi, duree_mois, jours_calendaires, nuits

CENTIME = Decimal("0.01")


def echeance(e: fmt.Echeance, mission: Mission, cal: Calendrier) -> date:
    """The date of a relative deadline in the employer's calendar."""
    base = mission.debut if e.reference == "depart" else mission.fin
    signe = -1 if e.sens == "avant" else 1
    if e.unite == "jours_ouvres":
        jour = base
        for _ in range(e.nombre):
            jour = (
                cal.ouvre_precedent(jour - timedelta(days=1))
                if signe < 0
                else cal.ouvre_suivant(jour + timedelta(days=1))
            )
        return jour
    if e.unite == "mois":
        jour = ajouter_mois(base, signe * e.nombre)
    else:
        jour = base + timedelta(days=signe * e.nombre)
    return cal.ouvre_precedent(jour) if signe < 0 else cal.ouvre_suivant(jour)


def montant_bareme(b: fmt.Bareme, mission: Mission, contexte: Contexte) -> Decimal | None:
    """Rate of the mission's country × the unit; None when the country has no rate."""
    taux = b.taux.get(mission.pays, b.defaut)
    if taux is None:
        return None
    quantite = {
        "jour": Decimal(jours_calendaires(mission)),
        "nuit": Decimal(nuits(mission)),
        "jour_ouvre": Decimal(contexte.volume_jours_ouvres),
        "mois": arrondi(duree_mois(mission.debut, mission.fin)),
    }[b.par]
    total = taux * quantite
    if b.plafond is not None:
        total = min(total, b.plafond)
    return total.quantize(CENTIME)


def est_avantage(f: fmt.EffetFinancement) -> bool:
    """A cost the collectivité takes on: it needs a deliberation of its assembly.

    The salary is not one: the agent stays in service and is paid by statute.
    """
    return f.payeur == "employeur" and f.poste != "remuneration"


class Producteur:
    """Makes the findings of one policy's effects for one mission."""

    def __init__(self, politique: fmt.Politique, mission: Mission, contexte: Contexte) -> None:
        self.p = politique
        self.mission = mission
        self.contexte = contexte

    def cles(self, refs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(f"{self.p.code}.{ref}" for ref in refs)

    def code(self, regle: fmt.Regle, effet_code: str | None) -> str:
        return f"{self.p.code}.{effet_code or regle.code}"

    def effet(self, regle: fmt.Regle, effet: fmt.Effet) -> Iterator[Finding]:
        contenu = effet.contenu
        refs: tuple[str, ...] = contenu.fondement or regle.fondement or ()
        nom_regle = f"{self.p.code}.{regle.code}"
        base: dict[str, Any] = {"regle": nom_regle, "fondements": self.cles(refs)}
        cal = self.contexte.calendrier
        if isinstance(contenu, fmt.EffetFinancement):
            yield from self._financement(contenu, refs, base)
        elif isinstance(contenu, fmt.EffetObligation):
            yield Obligation(
                **base,
                code=self.code(regle, contenu.code),
                libelle=contenu.libelle,
                responsable=contenu.responsable,
                echeance=echeance(contenu.echeance, self.mission, cal)
                if contenu.echeance
                else None,
            )
        elif isinstance(contenu, fmt.EffetPiece):
            yield Obligation(
                **base,
                code=self.code(regle, contenu.code),
                libelle=f"Joindre au dossier : {contenu.libelle}",
                responsable=contenu.fournie_par,
                echeance=echeance(contenu.echeance, self.mission, cal)
                if contenu.echeance
                else None,
            )
        elif isinstance(contenu, fmt.EffetApprobation):
            yield Obligation(
                **base,
                code=self.code(regle, contenu.code),
                libelle=contenu.libelle or f"Recueillir l'accord écrit de {contenu.role}",
                responsable="employeur",
                echeance=echeance(contenu.echeance, self.mission, cal),
            )
        elif isinstance(contenu, fmt.EffetAlerte):
            yield Alerte(
                **base,
                code=self.code(regle, contenu.code),
                niveau=contenu.niveau,
                message=contenu.message,
            )
        elif isinstance(contenu, fmt.EffetBlocage):
            yield Blocage(
                **base,
                code=self.code(regle, contenu.code),
                message=contenu.message,
                remede=contenu.remede,
            )
        elif isinstance(contenu, fmt.EffetDocument):
            yield Document(**base, code=contenu.code)

    def _financement(
        self, f: fmt.EffetFinancement, refs: tuple[str, ...], base: dict[str, Any]
    ) -> Iterator[Finding]:
        montant = f.montant
        if f.bareme is not None:
            montant = montant_bareme(f.bareme, self.mission, self.contexte)
            if montant is None:
                yield Alerte(
                    **base,
                    code="bareme_sans_taux",
                    niveau="attention",
                    message=f"{f.libelle} : le barème de la politique « {self.p.titre} » n'a pas "
                    f"de taux pour le pays {self.mission.pays} ; montant à fixer.",
                )
        if est_avantage(f):
            deliberations = [self.p.fondements[r] for r in refs if r in self.p.fondements]
            deliberations = [d for d in deliberations if d.type == "deliberation"]
            if not deliberations:
                # Principle of legality: no advantage without a vote of the assembly; the amount
                # stays out of the decision so that no act can print it.
                yield Alerte(
                    **base,
                    code="fondement_juridique_manquant",
                    niveau="attention",
                    message=f"{f.libelle} : fondement juridique manquant. Cet avantage financier "
                    "ne cite aucune délibération de l'assemblée ; le montant "
                    f"{'(' + format(montant, '.2f') + ' €) ' if montant is not None else ''}"
                    "n'est pas inscrit dans la décision ni dans les actes.",
                )
                montant = None
            elif any(d.a_completer for d in deliberations):
                yield Alerte(
                    **base,
                    code="fondement_juridique_manquant",
                    niveau="attention",
                    message=f"{f.libelle} : fondement juridique manquant. La référence de la "
                    "délibération (numéro, date) est « à compléter » dans la politique : "
                    "complétez-la avant de signer un acte qui inscrit ce montant.",
                )
        elif f.payeur == "agent" and f.poste not in POSTES_COMMUNS:
            # On a shared item (indemnites_mission…), the merge compares the line with the
            # statutory rules' and says whether the texts grant it to the agent for this route.
            yield Alerte(
                **base,
                code="charge_agent_a_verifier",
                niveau="attention",
                message=f"{f.libelle} : la politique met ce coût à la charge de l'agent. Une "
                "politique ne peut pas priver l'agent d'un droit que les textes lui donnent "
                "(frais de mission, indemnités) : à faire valider par un juriste.",
            )
        yield Financement(
            **base,
            poste=f.poste,
            libelle=f.libelle,
            payeur=f.payeur,
            montant=montant,
        )
