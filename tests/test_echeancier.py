"""The checklist's calendar file (.ics), written by the icalendar package: escaped, folded,
stable, and read back as the same events by an iCalendar parser."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from missio import hookimpl
from missio.documents.echeancier import Echeancier
from missio.documents.redacteur import Redacteur
from missio.engine import Engine
from missio.errors import ErreurPlugin
from missio.findings import Document
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


# Characters that TEXT escaping, folding and UTF-8 octet counting each treat apart.
_ALPHABET = "ab ,;\\N^\r\n\té€😀«»:\"'-_.xyzéé"


def _au_hasard(hasard: random.Random, longueur: int, sans: str = "") -> str:
    alphabet = "".join(c for c in _ALPHABET if c not in sans)
    return "".join(hasard.choice(alphabet) for _ in range(hasard.randint(0, longueur)))


def test_every_text_survives_the_ics(engine: Engine, exemple: dict[str, Any]) -> None:
    # Texts full of escapes, folds and multi-octet characters: every line of the file within
    # 75 octets, and every obligation's text read back as written (line breaks as \n).
    from icalendar import Calendar

    mission, decision = _decision(engine, exemple)
    hasard = random.Random(16)
    for essai in range(150):
        obligations = [
            o.model_copy(update={"libelle": _au_hasard(hasard, 300, sans="\\")})
            for o in decision.obligations
        ]
        autre = decision.model_copy(update={"obligations": obligations})
        autre_mission = mission.model_copy(update={"objet": _au_hasard(hasard, 200)})
        texte = Echeancier(autre, autre_mission).icalendar()
        assert all(len(ligne.encode()) <= 75 for ligne in texte.split("\r\n")), essai
        lus = [str(e["SUMMARY"]) for e in Calendar.from_ical(texte).walk("VEVENT")]
        attendus = [
            o.libelle.replace("\r\n", "\n").replace("\r", "\n")
            for o in obligations
            if o.echeance is not None
        ]
        assert lus == attendus and lus, essai


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


class _Modeles:
    """A template plugin whose own document carries the deadlines, as the checklist does."""

    PLUGIN_NAME = "modeles_tiers"

    def __init__(self, echeances: object) -> None:
        self.echeances = echeances

    @hookimpl
    def missio_documents(self, register):  # type: ignore[no-untyped-def]
        modele = Path(__file__).resolve().parent.parent / "templates" / "docx" / "checklist.docx"
        register(
            code="calendrier_tiers", titre="Calendrier", modele=modele, echeances=self.echeances
        )

    @hookimpl
    def missio_findings(self, mission):  # type: ignore[no-untyped-def]
        return [Document(regle="tiers.calendrier", code="calendrier_tiers", fondements=())]

    @hookimpl
    def missio_rules(self, register):  # type: ignore[no-untyped-def]
        register(code="tiers.calendrier", titre="Calendrier joint", cite=(), statut="verifie")


def test_any_document_declared_with_deadlines_gets_their_formats(exemple: dict[str, Any]) -> None:
    # The core names no document: the formats follow the declaration, whatever the code.
    engine = Engine([_Modeles(True)])
    mission = engine.valider(exemple)
    decision = engine.evaluer(mission)
    fichiers = Redacteur(engine).fichiers(decision, mission, provenance=False)
    for code in ("checklist", "calendrier_tiers"):
        assert {f"{code}.md", f"{code}.json", f"{code}.ics"} <= set(fichiers)
    assert fichiers["calendrier_tiers.ics"] == fichiers["checklist.ics"]
    codes = [o["code"] for o in json.loads(fichiers["calendrier_tiers.json"])["obligations"]]
    assert codes == [o.code for o in decision.obligations]
    # A document declared without deadlines gets its .docx only.
    assert "ordre_de_mission.md" not in fichiers


def test_deadlines_declaration_must_be_a_boolean() -> None:
    with pytest.raises(ErreurPlugin, match=r"modeles_tiers.*echeances : True ou False"):
        Engine([_Modeles("oui")])
