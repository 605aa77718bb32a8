"""The casebook under pytest: the same checks as ``missio casebook run``, so CI catches an
unreviewed change of a decision or of an act's text (see tests/casebook/README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from missio.casebook.cas import CasPratique, charger, trouver
from missio.casebook.differences import comparer
from missio.casebook.enregistrement import (
    ecrire_enregistrement,
    lire_enregistrement,
    nouvel_enregistrement,
)
from missio.casebook.execution import Fabrique, executer

CASEBOOK = Path(__file__).parent / "casebook"
CAS = trouver(CASEBOOK)
FABRIQUE = Fabrique()


def _rapport(
    cas: CasPratique, changements: list[str], regles: list[str], fondements: list[str]
) -> str:
    lignes = [f"{cas.nom} — {cas.titre} : résultat modifié (relire, puis missio casebook accept)"]
    lignes += [f"  • {c}" for c in changements]
    lignes += [f"  règle en cause : {r}" for r in regles]
    lignes += [f"  fondement cité {f}" for f in fondements]
    return "\n".join(lignes)


@pytest.mark.parametrize(
    "chemin", CAS, ids=[c.relative_to(CASEBOOK).with_suffix("").as_posix() for c in CAS]
)
def test_casebook(chemin: Path, request: Any) -> None:
    cas = charger(chemin, CASEBOOK)
    resultat = executer(cas, FABRIQUE)
    assert not resultat.ecarts, f"{cas.nom} contredit son attendu :\n" + "\n".join(resultat.ecarts)
    if resultat.decision is None:
        return  # an invalid mission: its expected errors were checked above
    enregistre = lire_enregistrement(cas)
    diff = comparer(enregistre, nouvel_enregistrement(resultat))
    if diff.vide:
        return
    if request.config.getoption("force_regen"):
        # pytest-regressions' option; the files are the ones its fixtures would write.
        ecrire_enregistrement(cas, resultat)
        pytest.fail(f"{cas.nom} : résultats réenregistrés, relisez le git diff.", pytrace=False)
    if enregistre.decision is None:
        pytest.fail(
            f"{cas.nom} : aucun résultat enregistré (--force-regen ou missio casebook accept).",
            pytrace=False,
        )
    pytest.fail(_rapport(cas, diff.changements, diff.regles, diff.fondements), pytrace=False)
