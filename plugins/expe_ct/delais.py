"""The report deadline: two months after the return, and what to do when it falls on a day off.

The règlement (§ III.3) says « dans les 2 mois maximum suivant leur retour » and no more. missio
counts as French law counts time limits, by analogy (code de procédure civile, art. 641 and
642, « à vérifier »): from the return date to the same day of the month two months later, or
that month's last day when the day does not exist; the day of return does not count. When the
deadline is not a working day of the employer's territory, the decision gives both the last
working day before (to act safely) and the first after (before which a report is not late).
"""

from __future__ import annotations

from datetime import date

import attrs

from missio.calendar import Calendrier, ajouter_mois

DELAI_RAPPORT_MOIS = 2


@attrs.frozen(slots=True)
class EcheanceRapport:
    """The report deadline computed from the return date.

    :ivar nominale: same day of the month two months after the return (or the month's last day).
    :ivar prudente: the last working day on or before `nominale`.
    :ivar reportee: the first working day on or after `nominale`.
    """

    retour: date
    nominale: date
    prudente: date
    reportee: date

    @property
    def ouvree(self) -> bool:
        """Whether the deadline itself is a working day (then the three dates coincide)."""
        return self.prudente == self.nominale == self.reportee


def echeance_rapport(retour: date, calendrier: Calendrier) -> EcheanceRapport:
    nominale = ajouter_mois(retour, DELAI_RAPPORT_MOIS)
    return EcheanceRapport(
        retour=retour,
        nominale=nominale,
        prudente=calendrier.ouvre_precedent(nominale),
        reportee=calendrier.ouvre_suivant(nominale),
    )
