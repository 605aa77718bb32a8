"""French wording of dates and amounts in messages (no babel: rules must stay cheap to import)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_fr(jour: date) -> str:
    """``2026-05-31`` -> "dimanche 31 mai 2026" (the weekday matters for deadlines)."""
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{_JOURS[jour.weekday()]} {quantieme} {_MOIS[jour.month - 1]} {jour.year}"


def montant_fr(montant: Decimal) -> str:
    """``Decimal("1234.5")`` -> "1 234,50 €" (no-break spaces, as French acts write it)."""
    entier, decimales = f"{montant:.2f}".split(".")
    groupes = f"{int(entier):,}".replace(",", "\u202f")
    return f"{groupes},{decimales}\u00a0€"
