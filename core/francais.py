"""French formatting for documents: dates, amounts, amounts in letters, agreement.

Built on `babel` (CLDR typography: narrow no-break space between thousands, no-break space
before €) and `num2words`. Imported only when documents are rendered.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from num2words import num2words

LOCALE = "fr_FR"


def _en_date(valeur: date | str) -> date:
    return date.fromisoformat(valeur) if isinstance(valeur, str) else valeur


def date_fr(valeur: date | str | None, jour_semaine: bool = False) -> str:
    """``2026-03-02`` -> "2 mars 2026" ("1er" for the first day, as French acts write it)."""
    if valeur is None:
        return ""
    jour = _en_date(valeur)
    texte = format_date(jour, format="EEEE d MMMM y" if jour_semaine else "d MMMM y", locale=LOCALE)
    if jour.day == 1:
        texte = texte.replace(" 1 ", " 1er ") if jour_semaine else "1er" + texte[1:]
    return texte


def montant_fr(valeur: Decimal | str | int | None) -> str:
    """``1000`` -> "1 000,00 €" (narrow no-break space, no-break space before the sign)."""
    if valeur is None:
        return ""
    return format_currency(Decimal(str(valeur)), "EUR", locale=LOCALE)


def nombre_fr(valeur: Decimal | int | float | str) -> str:
    return format_decimal(Decimal(str(valeur)), locale=LOCALE)


def montant_lettres(valeur: Decimal | str | int | None) -> str:
    """``1000`` -> "mille euros"; ``1234.5`` -> "mille deux cent trente-quatre euros et cinquante
    centimes"; "un million d'euros"."""
    if valeur is None:
        return ""
    montant = Decimal(str(valeur)).quantize(Decimal("0.01"))
    euros, centimes = int(montant), int((montant - int(montant)) * 100)
    mots = num2words(euros, lang="fr")
    if euros in (0, 1):
        texte = f"{mots} euro"
    elif mots.endswith(("million", "millions", "milliard", "milliards")):
        texte = f"{mots} d'euros"
    else:
        texte = f"{mots} euros"
    if centimes:
        texte += f" et {num2words(centimes, lang='fr')} centime" + ("s" if centimes > 1 else "")
    return texte


def nombre_lettres(valeur: int) -> str:
    return str(num2words(int(valeur), lang="fr"))


def accord(civilite: str, masculin: str, feminin: str) -> str:
    """The form agreeing with the agent: ``accord("Mme", "mis", "mise")`` -> "mise"."""
    return feminin if civilite == "Mme" else masculin


FILTRES: dict[str, Any] = {
    "date_fr": date_fr,
    "montant_fr": montant_fr,
    "montant_lettres": montant_lettres,
    "nombre_fr": nombre_fr,
    "nombre_lettres": nombre_lettres,
}
