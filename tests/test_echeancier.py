"""The checklist's calendar file (.ics), written by the icalendar package: escaped, folded,
stable, and read back as the same events by an iCalendar parser."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from icalendar import Calendar

from missio.documents.echeancier import Echeancier
from missio.engine import Engine
from missio.models import Decision, Mission, Obligation

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"
LIBELLE = "Signer l'ordre\rde mission ; viser la convention, puis la notifier"


def _decision(engine: Engine, exemple: dict[str, Any]) -> tuple[Mission, Decision]:
    donnees = dict(exemple, objet="Tri sélectif\nà Montmagny, « compost » ; suivi\ndes bacs")
    mission = engine.valider(donnees)
    decision = engine.evaluer(mission)
    # A text a plugin writes may carry a bare carriage return: it must not reach the file raw.
    obligations = [
        *decision.obligations,
        Obligation(
            code="essai.cr",
            libelle=LIBELLE,
            echeance=date(2026, 2, 20),
            responsable="employeur",
            fondements=[],
        ),
    ]
    return mission, decision.model_copy(update={"obligations": obligations})


def test_the_ics_parses_back_with_escaped_text(engine: Engine, exemple: dict[str, Any]) -> None:
    mission, decision = _decision(engine, exemple)
    texte = Echeancier(mission=mission, decision=decision).icalendar()
    brut = texte.encode("utf-8")
    # Every line ends with CRLF; no other carriage return, no line longer than 75 octets.
    lignes = brut.split(b"\r\n")
    assert lignes[-1] == b"" and all(b"\r" not in ligne and b"\n" not in ligne for ligne in lignes)
    assert all(len(ligne) <= 75 for ligne in lignes)
    agenda = Calendar.from_ical(texte)
    evenements = agenda.walk("VEVENT")
    dates = [o for o in decision.obligations if o.echeance]
    assert len(evenements) == len(dates)
    cr = next(e for e in evenements if str(e["UID"]) == "CAESM-2026-014-essai.cr@missio")
    assert (
        str(cr["SUMMARY"]) == "Signer l'ordre\nde mission ; viser la convention, puis la notifier"
    )
    assert cr.decoded("DTSTART") == date(2026, 2, 20)
    assert cr.decoded("DTEND") == date(2026, 2, 21)
    description = str(cr["DESCRIPTION"])
    assert (
        "Tri sélectif\nà Montmagny, « compost » ; suivi\ndes bacs (Mme Line Rosier)" in description
    )
    assert description.startswith("Responsable : la collectivité\nFondement : —")
    # Escaped on the wire (RFC 5545 TEXT): ; , and line breaks.
    assert "SUMMARY:Signer l'ordre\\nde mission \\; viser la convention\\, puis la notifier" in (
        texte.replace("\r\n ", "")
    )
    # Deterministic: DTSTAMP is the procedure's date, never the day the file is written.
    assert {e.decoded("DTSTAMP") for e in evenements} == {
        datetime.fromisoformat(f"{mission.date_procedure.isoformat()}T00:00:00+00:00")
    }
    assert Echeancier(decision, mission).icalendar() == texte
    assert len({str(e["UID"]) for e in evenements}) == len(evenements)
    assert str(agenda["X-WR-CALNAME"]) == "Échéances CAESM-2026-014"


def test_icalendar_is_not_imported_to_evaluate() -> None:
    code = (
        "import sys, pathlib\n"
        "from missio.engine import Engine\n"
        f"texte = pathlib.Path({str(EXEMPLE)!r}).read_bytes()\n"
        "Engine().evaluer_json(texte)\n"
        "print('icalendar' in sys.modules)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert sortie.strip() == "False"
