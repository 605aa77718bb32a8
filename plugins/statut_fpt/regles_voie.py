"""The route retained: the dispositif, the blocages and the alternatives (statut_fpt)."""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import (
    Constat,
    Finding,
    Voie,
)
from missio.models import Mission
from missio_statut_fpt.orientation import (
    NOMS,
    Orientation,
)
from missio_statut_fpt.registre import regles


@regles.etape("voie.decision")
def decision(mission: Mission, contexte: Contexte, o: Orientation) -> Iterator[Finding]:
    yield from o.constats
    if o.dispositif != "aucun":
        yield Voie(regle=o.regle, dispositif=o.dispositif, motif=o.motif, fondements=o.cite)
    elif not o.blocages:  # hosting in France: no journey, hence no statutory act
        yield Constat(regle=o.regle, texte=o.motif, fondements=o.cite)
    else:
        yield Voie(
            regle=o.blocages[0].regle,
            dispositif="aucun",
            motif=f"la voie recommandée ({NOMS[o.recommande]}) est impossible : {o.blocages[0].message}",
            fondements=o.blocages[0].fondements,
        )
    yield from o.blocages
    yield from o.alternatives
