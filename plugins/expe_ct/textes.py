"""The plugin's dated sources, and the dates the rules read from them.

A date at which the programme's law changes is never written in rule code: it is the entry into
force of a text in ``sources.yaml`` (read through its JSON twin, once per process).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

SOURCES = Path(__file__).with_name("sources.yaml")

REGLEMENT = "expe_ct.reglement.programme"


@cache
def entree_en_vigueur(cle: str) -> date:
    """The day the first version of `cle` entered into force (a key without one is a bug of
    sources.yaml, caught by the plugin's tests)."""
    from missio.legal import Source, lire_sources

    source = Source.model_validate({"cle": cle, **lire_sources(SOURCES)[cle]})
    debut = source.versions[0].en_vigueur_le
    if debut is None:
        raise ValueError(f"{cle} : la première version n'indique pas son entrée en vigueur")
    return debut


def debut_du_programme() -> date:
    """The day the règlement of the EXPE-CT programme entered into force (7 July 2020)."""
    return entree_en_vigueur(REGLEMENT)
