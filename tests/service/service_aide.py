"""Helpers of the service tests: a faulty plugin, missions, the third-party policy plugin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from missio import hookimpl
from missio.rules import Regles

TIERS = Path(__file__).resolve().parent.parent / "fixtures" / "tiers"

# The example's personal data, which must never reach a log line.
NOM, PRENOM, NAISSANCE, SIGNATAIRE = "Rosier", "Line", "1988-05-14", "André Lesueur"


class PluginEnPanne:
    """Fails in one rule for missions whose reference starts with « PANNE » (all if `toujours`)."""

    PLUGIN_NAME = "en_panne"

    def __init__(self, toujours: bool = True) -> None:
        self.toujours = toujours

    @hookimpl
    def missio_findings(self, mission: Any, contexte: Any) -> list[Any]:
        regles = Regles("en_panne")
        toujours = self.toujours

        @regles.regle("panne.division", titre="Règle qui échoue")
        def division(mission: Any, contexte: Any) -> None:
            if toujours or mission.reference.startswith("PANNE"):
                # The missing key is the agent's name: the log must not repeat it.
                {}[mission.agent.nom]

        return regles.evaluer(mission, contexte)


def operateur_6_jours(base: dict[str, Any]) -> dict[str, Any]:
    """6 working days with an operator: mise à disposition by default, cumul d'activités when
    a collectivité raises the cumul threshold (casebook operateur-6-jours)."""
    mission = json.loads(json.dumps(base))
    mission.update(
        cadre="operateur",
        pays="SN",
        teletravail_jours_par_semaine=None,
        remplacement=None,
        date_demande=None,
        periodes=[{"debut": "2026-03-02", "fin": "2026-03-09"}],
    )
    mission["accueil"] = {"nom": "Expertise France", "nature": "operateur", "pays": "SN"}
    mission["employeur"].update(departement="69", nature="commune", labels=[])
    return mission


def installer_tiers(site: Path) -> None:
    """Lay out the third-party policy plugin (it reads ``.tiers`` files) in `site` as pip
    would install it: the package and a dist-info declaring its ``missio`` entry point."""
    shutil.copytree(TIERS / "missio_tiers", site / "missio_tiers")
    info = site / "missio_tiers-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: missio-tiers\nVersion: 1.2.0\n")
    (info / "entry_points.txt").write_text("[missio]\ntiers = missio_tiers\n")


def faux_soffice(dossier: Path, mode: str = "bloque") -> Path:
    """A ``soffice`` that, like LibreOffice's launcher, starts a child (``soffice.bin``); it
    writes both process ids in ``pids`` beside it, then hangs (``bloque``) or fails at once
    (``echec``). Put `dossier` first on PATH."""
    pids = dossier / "pids"
    script = dossier / "soffice"
    corps = "exit 1" if mode == "echec" else "sleep 300 &\necho $! >> " + str(pids) + "\nwait"
    script.write_text(f"#!/bin/sh\necho $$ >> {pids}\n{corps}\n", encoding="utf-8")
    script.chmod(0o755)
    return pids


def vivants(pids: Path) -> list[int]:
    """The processes of `pids` still running (a zombie is not running)."""
    restants = []
    for ligne in pids.read_text().split() if pids.exists() else []:
        try:
            etat = Path(f"/proc/{ligne}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, IndexError):
            continue
        if etat != "Z":
            restants.append(int(ligne))
    return restants
