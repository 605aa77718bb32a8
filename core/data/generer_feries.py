"""Regenerate ``feries.json`` from the installed ``holidays`` package.

Run ``python -m missio.data.generer_feries`` after a reviewed upgrade of ``holidays`` (the lock
file pins it); ``tests/test_calendar.py`` fails while the table and the package disagree.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

ANNEES = (2007, 2045)
SUBDIVISIONS = ("", "57", "6AE", "971", "972", "973", "974", "976", "BL", "MF", "PM")
FICHIER = Path(__file__).with_name("feries.json")


def construire() -> dict[str, Any]:
    """The holiday table, as stored: subdivision -> ISO date -> French name."""
    import holidays  # type: ignore[import-untyped,unused-ignore]

    france = type(holidays.country_holidays("FR"))
    annees = range(ANNEES[0], ANNEES[1] + 1)
    subdivisions: dict[str, dict[str, str]] = {}
    for code in SUBDIVISIONS:
        feries = holidays.country_holidays("FR", subdiv=code or None, years=annees, language="fr")
        subdivisions[code] = {jour.isoformat(): nom for jour, nom in sorted(feries.items())}
    return {
        "source": f"holidays {version('holidays')}",
        "annees": list(ANNEES),
        # The years the package itself knows: missio computes the years outside the table from
        # it on demand, and refuses dates beyond them.
        "annees_paquet": [france.start_year, france.end_year],
        "subdivisions": subdivisions,
    }


def main() -> None:
    texte = json.dumps(construire(), ensure_ascii=False, indent=0, sort_keys=True)
    FICHIER.write_text(texte + "\n", encoding="utf-8")
    print(f"{FICHIER} écrit.")


if __name__ == "__main__":
    main()
