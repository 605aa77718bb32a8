"""Working days ("jours ouvrés") of a French employer's territory.

A working day is Monday to Friday and not a public holiday of the employer's territory. The
holidays come from the ``holidays`` package, through a table generated from it for a fixed range
of years (``missio/data/feries.json``, rebuilt by ``python -m missio.data.generer_feries``): the
package costs about 0.2 s to import, the table a few milliseconds, and a test checks that both
still agree. A year outside the table is computed from the package when first asked (so the
package stays off the path of every covered year); a year the package does not know either is
refused (:class:`HorsCalendrier`). Counting is O(log n): weekdays by arithmetic, holidays by
bisection.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

ModeSolidarite = Literal["lundi_pentecote", "autre_jour_ferie", "rtt", "fractionnee"]

LUNDI_DE_PENTECOTE = "Lundi de Pentecôte"

# Départements whose holidays differ from the national calendar, mapped to the subdivision
# codes of `holidays` (>= 0.76). Bas-Rhin and Haut-Rhin share "6AE"; Moselle is "57".
_SUBDIVISIONS_PARTICULIERES = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "977": "BL",
    "978": "MF",
}
_METROPOLE = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}

NOMS_TERRITOIRES = {
    "57": "Moselle",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon",
    "976": "Mayotte",
    "977": "Saint-Barthélemy",
    "978": "Saint-Martin",
}


class DepartementInconnu(ValueError):
    """The code names no French département or territory where the FPT calendar is known."""


def departements_connus() -> frozenset[str]:
    """Every département code the calendar accepts."""
    return frozenset(_METROPOLE | _SUBDIVISIONS_PARTICULIERES.keys())


def subdivision(departement: str) -> str:
    """The `holidays` subdivision for a département code ('' is the national calendar).

    An unknown code is an error, never a silent national calendar.
    """
    if departement in _SUBDIVISIONS_PARTICULIERES:
        return _SUBDIVISIONS_PARTICULIERES[departement]
    if departement in _METROPOLE:
        return ""
    raise DepartementInconnu(departement)


@cache
def _table() -> dict[str, object]:
    # A plain path, not importlib.resources: its imports cost more than the file (the package
    # is always installed unzipped).
    raw = (Path(__file__).parent / "data" / "feries.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


def annees_couvertes() -> tuple[int, int]:
    """First and last year of the generated holiday table."""
    annees: list[int] = _table()["annees"]  # type: ignore[assignment]
    return int(annees[0]), int(annees[1])


def annees_connues() -> tuple[int, int]:
    """First and last year the ``holidays`` package knows (recorded in the table, so that
    validation knows them without importing the package)."""
    annees: list[int] = _table()["annees_paquet"]  # type: ignore[assignment]
    return int(annees[0]), int(annees[1])


class HorsCalendrier(ValueError):
    """A date in a year whose public holidays nobody here knows (before or after what the
    ``holidays`` package computes)."""

    def __init__(self, jour: date) -> None:
        premiere, derniere = annees_connues()
        super().__init__(
            f"{jour.isoformat()} : les jours fériés ne sont connus que de {premiere} à "
            f"{derniere} (paquet holidays)."
        )


@cache
def _feries_calcules(code: str, annee: int) -> dict[date, str]:
    """The holidays of one year outside the table, from the package (imported on first use)."""
    import holidays  # type: ignore[import-untyped,unused-ignore]

    premiere, derniere = annees_connues()
    if not premiere <= annee <= derniere:
        raise HorsCalendrier(date(annee, 1, 1))
    feries = holidays.country_holidays("FR", subdiv=code or None, years=annee, language="fr")
    return dict(sorted(feries.items()))


@dataclass(frozen=True, slots=True)
class JourFerie:
    jour: date
    nom: str


@dataclass(frozen=True, slots=True)
class _Feries:
    """The holidays on weekdays of a span of years, by ordinal, sorted."""

    noms: dict[int, str]
    ordinals: list[int]
    pentecotes: list[int]

    @classmethod
    def depuis(cls, feries: dict[date, str], solidarite: ModeSolidarite | None) -> _Feries:
        noms: dict[int, str] = {}
        for jour, nom in feries.items():
            if jour.weekday() >= 5:
                continue  # a holiday on a weekend removes no working day
            if solidarite == "lundi_pentecote" and nom == LUNDI_DE_PENTECOTE:
                continue
            noms[jour.toordinal()] = nom
        ordinals = sorted(noms)
        return cls(noms, ordinals, [o for o in ordinals if noms[o] == LUNDI_DE_PENTECOTE])

    def compter(self, a: int, b: int) -> int:
        return bisect_right(self.ordinals, b) - bisect_left(self.ordinals, a)

    def entre(self, a: int, b: int) -> list[int]:
        return self.ordinals[bisect_left(self.ordinals, a) : bisect_right(self.ordinals, b)]


class Calendrier:
    """The working-day calendar of one territory, for one reading of the journée de solidarité.

    :param departement: the employer's département code (``"972"``, ``"57"``, ``"75"``…).
    :param journee_solidarite: how the collectivité set its journée de solidarité. With
        ``"lundi_pentecote"`` the Pentecost Monday is worked; otherwise (or when unknown, ``None``)
        it stays a public holiday, as in `holidays`.

    Every method accepts any date of a year the ``holidays`` package knows, and raises
    :class:`HorsCalendrier` (a ValueError) beyond.
    """

    __slots__ = (
        "_annees",
        "_bornes",
        "_dernier",
        "_fige",
        "_noms",
        "_ordinals",
        "_pentecotes",
        "_premier",
        "_table",
        "departement",
        "journee_solidarite",
        "subdivision",
    )

    def __init__(self, departement: str, journee_solidarite: ModeSolidarite | None = None) -> None:
        self.departement = departement
        self.subdivision = subdivision(departement)
        self.journee_solidarite = journee_solidarite
        feries: dict[str, str] = _table()["subdivisions"][self.subdivision]  # type: ignore[index]
        self._table = _Feries.depuis(
            {date.fromisoformat(iso): nom for iso, nom in feries.items()}, journee_solidarite
        )
        premiere, derniere = annees_couvertes()
        self._bornes = (date(premiere, 1, 1).toordinal(), date(derniere, 12, 31).toordinal())
        # The table's parts as plain attributes: the rules call these methods in loops.
        self._premier, self._dernier = self._bornes
        self._noms = MappingProxyType(self._table.noms)
        self._ordinals = tuple(self._table.ordinals)
        self._pentecotes = tuple(self._table.pentecotes)
        # Years outside the table, computed once each; a dict write is atomic, so threads
        # sharing this calendar at worst compute a year twice.
        self._annees: dict[int, _Feries] = {}
        self._fige = True

    def __setattr__(self, nom: str, valeur: object) -> None:
        # Shared by every mission and plugin of the process (see `calendrier`): read-only.
        if getattr(self, "_fige", False):
            raise AttributeError(f"Calendrier est en lecture seule ({nom}).")
        object.__setattr__(self, nom, valeur)

    def _hors_table(self, annee: int) -> _Feries:
        feries = self._annees.get(annee)
        if feries is None:
            feries = _Feries.depuis(
                _feries_calcules(self.subdivision, annee), self.journee_solidarite
            )
            self._annees[annee] = feries
        return feries

    def _morceaux(self, a: int, b: int) -> list[tuple[_Feries, int, int]]:
        """The holiday sets covering ordinals a..b, each with its part of the range."""
        premier, dernier = self._bornes
        if premier <= a and b <= dernier:
            return [(self._table, a, b)]
        morceaux = []
        annee, fin = date.fromordinal(a).year, date.fromordinal(b).year
        while annee <= fin:
            debut_annee = date(annee, 1, 1).toordinal()
            fin_annee = date(annee, 12, 31).toordinal()
            if premier <= debut_annee and fin_annee <= dernier:
                feries, fin_annee = self._table, min(dernier, b)
                annee = date.fromordinal(fin_annee).year
            else:
                feries = self._hors_table(annee)
            morceaux.append((feries, max(a, debut_annee), min(b, fin_annee)))
            annee += 1
        return morceaux

    def jours_ouvres(self, debut: date, fin: date) -> int:
        """Working days from `debut` to `fin`, both included (0 when `fin` < `debut`)."""
        a, b = debut.toordinal(), fin.toordinal()
        if b < a:
            return 0
        # Monday-Friday days before an ordinal, by arithmetic (ordinal 1 is a Monday).
        semaine = ((b // 7) * 5 + min(b % 7, 5)) - (((a - 1) // 7) * 5 + min((a - 1) % 7, 5))
        if self._premier <= a and b <= self._dernier:  # the usual case, kept free of any loop
            return semaine - (bisect_right(self._ordinals, b) - bisect_left(self._ordinals, a))
        return semaine - sum(f.compter(x, y) for f, x, y in self._morceaux(a, b))

    def est_ouvre(self, jour: date) -> bool:
        o = jour.toordinal()
        if self._premier <= o <= self._dernier:
            return jour.weekday() < 5 and o not in self._noms
        return jour.weekday() < 5 and o not in self._hors_table(jour.year).noms

    def feries(self, debut: date, fin: date) -> list[JourFerie]:
        """The holidays falling on a weekday from `debut` to `fin`, in order."""
        a, b = debut.toordinal(), fin.toordinal()
        if b < a:
            return []
        if self._premier <= a and b <= self._dernier:
            i, j = bisect_left(self._ordinals, a), bisect_right(self._ordinals, b)
            return [JourFerie(date.fromordinal(o), self._noms[o]) for o in self._ordinals[i:j]]
        return [
            JourFerie(date.fromordinal(o), f.noms[o])
            for f, x, y in self._morceaux(a, b)
            for o in f.entre(x, y)
        ]

    def ouvre_precedent(self, jour: date) -> date:
        """The last working day on or before `jour`."""
        while not self.est_ouvre(jour):
            jour -= timedelta(days=1)
        return jour

    def veille_ouvree(self, jour: date) -> date:
        """The last working day strictly before `jour` (deadlines "before departure")."""
        return self.ouvre_precedent(jour - timedelta(days=1))

    def ouvre_suivant(self, jour: date) -> date:
        """The first working day on or after `jour`."""
        while not self.est_ouvre(jour):
            jour += timedelta(days=1)
        return jour

    def lundi_de_pentecote_chome(self, debut: date, fin: date) -> date | None:
        """The Pentecost Monday inside the range when it is counted as a holiday, else None."""
        a, b = debut.toordinal(), fin.toordinal()
        if b < a:
            return None
        if self._premier <= a and b <= self._dernier:
            i = bisect_left(self._pentecotes, a)
            if i < len(self._pentecotes) and self._pentecotes[i] <= b:
                return date.fromordinal(self._pentecotes[i])
            return None
        for feries, x, y in self._morceaux(a, b):
            i = bisect_left(feries.pentecotes, x)
            if i < len(feries.pentecotes) and feries.pentecotes[i] <= y:
                return date.fromordinal(feries.pentecotes[i])
        return None


@cache
def calendrier(departement: str, journee_solidarite: ModeSolidarite | None = None) -> Calendrier:
    """A shared, immutable calendar per territory and setting (built once per process)."""
    return Calendrier(departement, journee_solidarite)


def fusionner(periodes: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Merge overlapping or adjacent ranges, so that no day is counted twice."""
    fusion: list[tuple[date, date]] = []
    for debut, fin in sorted(periodes):
        if fusion and debut <= fusion[-1][1] + timedelta(days=1):
            fusion[-1] = (fusion[-1][0], max(fin, fusion[-1][1]))
        else:
            fusion.append((debut, fin))
    return fusion


def ajouter_mois(jour: date, mois: int) -> date:
    """Same day of the month `mois` months later, or the month's last day when it does not exist."""
    total = jour.month - 1 + mois
    annee, mois_cible = jour.year + total // 12, total % 12 + 1
    for quantieme in (jour.day, 30, 29, 28):
        try:
            return date(annee, mois_cible, min(jour.day, quantieme))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th day")
