"""Recorded results beside each case, as pytest-regressions writes them, and the review journal.

``<groupe>/<nom>/decision.yml`` is the decision (without plugin versions) and
``<groupe>/<nom>/<code>.txt`` the text of each act: exactly the files that the pytest casebook
test records with ``data_regression`` and ``file_regression``, so that ``missio casebook accept``
and ``pytest --force-regen`` write the same bytes. ``journal.yml`` keeps who accepted which
change, when and on which legal basis.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import yaml

from missio.casebook.cas import CasPratique
from missio.casebook.execution import Resultat
from missio.errors import MissioError

DECISION = "decision.yml"
JOURNAL = "journal.yml"


@attrs.frozen
class Enregistrement:
    """What is recorded for a case (None when nothing is recorded yet)."""

    decision: str | None
    textes: dict[str, str]


def dump_decision(decision: dict[str, Any]) -> str:
    """The decision as pytest-regressions' ``data_regression`` dumps it."""
    try:
        from pytest_regressions.data_regression import RegressionYamlDumper
    except ImportError:  # pragma: no cover - the reviewers' extra is not installed
        raise MissioError(
            "Le casebook a besoin de pytest-regressions : installez missio avec l'extra « test »."
        ) from None
    texte: bytes = yaml.dump_all(
        [decision],
        Dumper=RegressionYamlDumper,
        default_flow_style=False,
        allow_unicode=True,
        indent=2,
        encoding="utf-8",
    )
    return texte.decode("utf-8")


def lire_enregistrement(cas: CasPratique) -> Enregistrement:
    dossier = cas.dossier_resultats
    fichier = dossier / DECISION
    decision = fichier.read_text(encoding="utf-8") if fichier.is_file() else None
    textes = {p.stem: p.read_text(encoding="utf-8") for p in sorted(dossier.glob("*.txt"))}
    return Enregistrement(decision, textes)


def nouvel_enregistrement(resultat: Resultat) -> Enregistrement:
    if resultat.decision is None:
        return Enregistrement(None, {})
    return Enregistrement(dump_decision(resultat.decision), dict(resultat.textes))


def ecrire_enregistrement(cas: CasPratique, resultat: Resultat) -> list[Path]:
    """Record a result: the decision and one text per act; texts of acts no longer produced go."""
    nouveau = nouvel_enregistrement(resultat)
    if nouveau.decision is None:
        return []
    dossier = cas.dossier_resultats
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = [dossier / DECISION]
    ecrits[0].write_text(nouveau.decision, encoding="utf-8")
    for code, texte in nouveau.textes.items():
        (dossier / f"{code}.txt").write_text(texte, encoding="utf-8")
        ecrits.append(dossier / f"{code}.txt")
    for ancien in dossier.glob("*.txt"):
        if ancien.stem not in nouveau.textes:
            ancien.unlink()
            ecrits.append(ancien)
    return ecrits


def journaliser(
    cas: CasPratique, par: str, motif: str, resume: list[str], quand: datetime | None = None
) -> Path:
    """Append an acceptance to the case's journal: who, when, on which basis, what changed."""
    fichier = cas.dossier_resultats / JOURNAL
    entrees: list[dict[str, Any]] = []
    if fichier.is_file():
        entrees = yaml.safe_load(fichier.read_text(encoding="utf-8")) or []
    moment = (quand or datetime.now(UTC)).replace(microsecond=0)
    entrees.append({"le": moment.isoformat(), "par": par, "motif": motif, "changements": resume})
    fichier.parent.mkdir(parents=True, exist_ok=True)
    fichier.write_text(
        yaml.safe_dump(entrees, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return fichier
