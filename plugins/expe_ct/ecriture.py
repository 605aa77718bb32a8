"""French wording of dates and amounts in messages, through ``missio.documents.francais`` (babel),
imported on first use: loading the rules stays cheap, and a mission outside EXPE-CT never
pays for it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def jour_fr(jour: date) -> str:
    """``2026-05-31`` -> "dimanche 31 mai 2026" (the weekday matters for deadlines)."""
    from missio.documents.francais import date_fr as formater

    return formater(jour, jour_semaine=True)


def montant_fr(montant: Decimal) -> str:
    """``Decimal("1234.5")`` -> "1 234,50 €" (no-break spaces, as French acts write it)."""
    from missio.documents.francais import montant_fr as formater

    return formater(montant)


def depart_fr(sens: str, jour: date) -> str:
    """The mission's first day as a masculine noun phrase, without article (« après le … »,
    « postérieure au … »): « départ du lundi 11 mai 2026 » when sending, « début de l'accueil,
    le lundi 8 juin 2026 » when hosting (nobody departs)."""
    if sens == "accueil":
        return f"début de l'accueil, le {jour_fr(jour)}"
    return f"départ du {jour_fr(jour)}"
