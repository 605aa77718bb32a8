"""expe_ct: the EXPE-CT programme of the Ministry for Europe and Foreign Affairs (DAECT).

For a mission of cadre ``expe_ct``: whether it qualifies under the règlement of 7 July 2020
(label, embassy's validation, one or two people, one week at most), who pays what (the ministry
the international transport, the host the stay), and what is owed after the return (a validated
report within two months, on pain of reimbursement). It never chooses the statutory vehicle:
that is statut_fpt's. See README.md beside this file.
"""

from __future__ import annotations

from collections.abc import Callable

from missio import hookimpl
from missio.context import Contexte
from missio.findings import Finding
from missio.models import Mission
from missio_expe_ct import parametres, regles
from missio_expe_ct.extension import ExtensionExpeCt
from missio_expe_ct.faits import CLE_EXTENSION
from missio_expe_ct.textes import SOURCES


@hookimpl
def missio_legal_sources(register: Callable[..., None]) -> None:
    register(SOURCES)


@hookimpl
def missio_rules(register: Callable[..., None]) -> None:
    regles.declarer(register)


@hookimpl
def missio_parameters(register: Callable[..., None]) -> None:
    parametres.declarer(register)


@hookimpl
def missio_extensions(register: Callable[..., None]) -> None:
    register(CLE_EXTENSION, ExtensionExpeCt)


@hookimpl
def missio_findings(mission: Mission, contexte: Contexte) -> list[Finding]:
    return regles.evaluer(mission, contexte)


@hookimpl
def missio_plugin_info() -> dict[str, str]:
    return {
        "description": "Programme EXPE-CT du MEAE (DAECT) : label, mission, financement, rapport"
    }
