"""Evaluating a rule's conditions on a mission: true, false, or unknown for lack of data.

A condition on a value the mission does not give (no ``vigilance``, no ``date_demande``, no
``missions_dans_l_annee``, a fact missing from the extension) is *unknown*, never silently true
or false: the rule then reports the missing data instead of applying or being skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from missio.calendar import ajouter_mois, fusionner
from missio.context import Contexte
from missio.models import Mission
from missio_collectivite_custom.format.conditions import ConditionFait, Conditions, Intervalle


def jours_calendaires(mission: Mission) -> int:
    """Calendar days inside the mission's periods, overlaps counted once."""
    plages = fusionner([(p.debut, p.fin) for p in mission.periodes])
    return sum((fin - debut).days + 1 for debut, fin in plages)


def nuits(mission: Mission) -> int:
    """Nights spent on mission: one fewer than the days of each continuous stay."""
    plages = fusionner([(p.debut, p.fin) for p in mission.periodes])
    return sum((fin - debut).days for debut, fin in plages)


def duree_mois(debut: date, fin: date) -> Decimal:
    """Months from the first to the last day, both included (2 March–28 August: 5.87)."""
    lendemain = fin + timedelta(days=1)
    mois = 0
    while ajouter_mois(debut, mois + 1) <= lendemain:
        mois += 1
    depart, suivant = ajouter_mois(debut, mois), ajouter_mois(debut, mois + 1)
    fraction = Decimal((lendemain - depart).days) / Decimal((suivant - depart).days)
    return (Decimal(mois) + fraction).quantize(Decimal("0.01"))


def arrondi(valeur: Decimal) -> Decimal:
    return valeur.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@attrs.frozen(slots=True)
class Verdict:
    """``vrai`` is None when some condition could not be decided; ``manquants`` says which."""

    vrai: bool | None
    manquants: tuple[str, ...] = ()


def _valeurs(mission: Mission, contexte: Contexte) -> dict[str, Callable[[], Any]]:
    """Where each condition reads its value (lazily: most rules test two or three fields)."""
    a = mission.agent
    return {
        "cadre": lambda: mission.cadre,
        "accueil": lambda: mission.accueil.nature,
        "pays": lambda: mission.pays,
        "pays_exclus": lambda: mission.pays,
        "vigilance": lambda: mission.vigilance,
        "statut": lambda: a.statut,
        "categorie": lambda: a.categorie,
        "remplacement": lambda: mission.remplacement,
        "teletravail_jours_par_semaine": lambda: mission.teletravail_jours_par_semaine,
        "duree_jours": lambda: Decimal(jours_calendaires(mission)),
        "duree_mois": lambda: duree_mois(mission.debut, mission.fin),
        "duree_jours_ouvres": lambda: Decimal(contexte.volume_jours_ouvres),
        "missions_dans_l_annee": lambda: a.missions_dans_l_annee,
        "delai_demande_jours": lambda: (
            Decimal((mission.debut - mission.date_demande).days) if mission.date_demande else None
        ),
    }


# The mission's field each condition reads, to name it when it is missing.
CHAMPS = {
    "vigilance": "vigilance",
    "categorie": "agent.categorie",
    "remplacement": "remplacement",
    "teletravail_jours_par_semaine": "teletravail_jours_par_semaine",
    "missions_dans_l_annee": "agent.missions_dans_l_annee",
    "delai_demande_jours": "date_demande",
}


def _fait_vrai(condition: ConditionFait, valeur: Any) -> bool:
    if condition.egal is not None and valeur != condition.egal:
        return False
    bornes = condition.model_dump(exclude={"egal"}, exclude_none=True)
    if not bornes:
        return True
    return Intervalle.model_validate(bornes).contient(Decimal(str(valeur)))


def evaluer(
    conditions: Conditions, mission: Mission, contexte: Contexte, cle_faits: str
) -> Verdict:
    """All conditions hold (True), one fails (False), or none fails but some are unknown."""
    valeurs = _valeurs(mission, contexte)
    manquants: list[str] = []
    for nom in conditions.model_fields_set - {"faits"}:
        attendu = getattr(conditions, nom)
        if attendu is None:
            continue
        valeur = valeurs[nom]()
        if valeur is None:
            manquants.append(CHAMPS.get(nom, nom))
            continue
        if isinstance(attendu, Intervalle):
            egal = arrondi(valeur) if nom == "duree_mois" else None
            ok = attendu.contient(Decimal(valeur), egal)
        elif nom == "pays_exclus":
            ok = valeur not in attendu
        elif isinstance(attendu, tuple):
            ok = valeur in attendu
        else:
            ok = valeur == attendu
        if not ok:
            return Verdict(False)
    faits = contexte.extension(cle_faits)
    for nom, condition in sorted((conditions.faits or {}).items()):
        valeur = getattr(faits, nom, None) if faits is not None else None
        if valeur is None:
            manquants.append(f"extensions.{cle_faits}.{nom}")
        elif not _fait_vrai(condition, valeur):
            return Verdict(False)
    return Verdict(None, tuple(sorted(manquants))) if manquants else Verdict(True)
