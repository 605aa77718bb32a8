"""A decision's deadlines in other formats: Markdown, JSON and iCalendar.

Besides its .docx, a document whose plugin declares ``echeances=True`` (``missio_documents``;
the default templates' checklist) is written as files a person or a calendar reads
directly. These are built from the decision alone, without any template, so they stay apart
from the DOCX rendering (and import none of it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from missio.documents import indented_json
from missio.legal import LIBELLES_STATUT, citation
from missio.libelles import ACTEURS, dispositif_nom
from missio.models import Decision, Mission


class Echeancier:
    """The obligations of a decision, as Markdown, JSON and iCalendar (one all-day event per
    dated obligation). Deterministic: UIDs come from the mission's reference and the obligation
    code, DTSTAMP from the date of the procedure (never the clock). ``icalendar`` is imported
    only when the calendar is written, never on the evaluation path."""

    def __init__(self, decision: Decision, mission: Mission) -> None:
        self.decision = decision
        self.mission = mission
        self._lignes: list[dict[str, Any]] | None = None

    def _fondements(self, cles: list[str]) -> list[dict[str, str]]:
        resultat = []
        for cle in cles:
            versions = [f for f in self.decision.fondements if f.cle == cle]
            for f in versions:
                texte = citation(f.texte, f.article)
                if f.statut == "a_verifier":
                    texte += f" ({LIBELLES_STATUT['a_verifier']})"
                resultat.append({"cle": cle, "citation": texte, "statut": f.statut})
            if not versions:
                resultat.append({"cle": cle, "citation": cle, "statut": "a_verifier"})
        return resultat

    def lignes(self) -> list[dict[str, Any]]:
        """The obligations as the three formats write them (built once: read, not changed)."""
        if self._lignes is None:
            self._lignes = self._construire()
        return self._lignes

    def _construire(self) -> list[dict[str, Any]]:
        return [
            {
                "code": o.code,
                "libelle": o.libelle,
                "echeance": o.echeance.isoformat() if o.echeance else None,
                "responsable": o.responsable,
                "responsable_libelle": ACTEURS[o.responsable],
                "fondements": self._fondements(o.fondements),
            }
            for o in self.decision.obligations
        ]

    def _agent(self) -> str:
        agent = self.mission.agent
        return f"{agent.civilite} {agent.prenom} {agent.nom}"

    def json(self) -> str:
        donnees = {
            "reference": self.decision.reference,
            "objet": self.mission.objet,
            "agent": self._agent(),
            "employeur": self.mission.employeur.nom,
            "dispositif": self.decision.dispositif,
            "obligations": self.lignes(),
        }
        return indented_json.dumps(donnees) + "\n"

    def markdown(self) -> str:
        from missio.documents.francais import date_fr

        def cellule(texte: str) -> str:
            return texte.replace("|", "\\|").replace("\n", " ")

        lignes = [
            f"# Démarches et échéances — {cellule(self.decision.reference)}",
            "",
            f"{cellule(self._agent())}, {cellule(self.mission.employeur.nom)} : "
            f"{dispositif_nom(self.decision.dispositif)}, mission « {cellule(self.mission.objet)} ».",
            "",
            "| Échéance | Démarche | Responsable | Fondement |",
            "| --- | --- | --- | --- |",
        ]
        for ligne in self.lignes():
            quand = date_fr(ligne["echeance"]) if ligne["echeance"] else "sans échéance"
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            lignes.append(
                f"| {quand} | {cellule(ligne['libelle'])} | {ligne['responsable_libelle']} | "
                f"{cellule(fondements)} |"
            )
        return "\n".join(lignes) + "\n"

    def icalendar(self) -> str:
        """The dated obligations as an iCalendar file, written by the ``icalendar`` package
        (RFC 5545 escaping of every text, line folding at 75 octets): the same decision gives
        the same bytes (no timestamp of the day the file is written)."""
        from datetime import UTC, datetime, timedelta

        from icalendar import Calendar, Event

        reference = self.decision.reference
        procedure = self.mission.date_procedure
        horodatage = datetime(procedure.year, procedure.month, procedure.day, tzinfo=UTC)
        agenda = Calendar()
        agenda.add("prodid", "-//missio//echeancier//FR")
        agenda.add("version", "2.0")
        agenda.add("calscale", "GREGORIAN")
        agenda.add("method", "PUBLISH")
        agenda.add("x-wr-calname", f"Échéances {reference}")
        vus: dict[str, int] = {}
        for ligne in self.lignes():
            if not ligne["echeance"]:
                continue
            jour = date.fromisoformat(ligne["echeance"])
            vus[ligne["code"]] = vus.get(ligne["code"], 0) + 1
            suffixe = f"-{vus[ligne['code']]}" if vus[ligne["code"]] > 1 else ""
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            evenement = Event()
            evenement.add("uid", f"{_ics_uid(reference)}-{ligne['code']}{suffixe}@missio")
            evenement.add("dtstamp", horodatage)
            evenement.add("dtstart", jour)
            evenement.add("dtend", jour + timedelta(days=1))
            evenement.add("summary", _lignes(ligne["libelle"]))
            evenement.add(
                "description",
                _lignes(
                    f"Responsable : {ligne['responsable_libelle']}\nFondement : {fondements}\n"
                    f"Mission {reference} : {self.mission.objet} ({self._agent()})"
                ),
            )
            evenement.add("categories", [_lignes(ligne["responsable_libelle"])])
            evenement.add("transp", "TRANSPARENT")
            agenda.add_component(evenement)
        texte: bytes = agenda.to_ical()
        return texte.decode("utf-8")


def _lignes(texte: str) -> str:
    """Every line break as ``\n`` (escaped by icalendar): a bare carriage return, which some
    readers take for the end of the property, never reaches the file whatever the version."""
    return texte.replace("\r\n", "\n").replace("\r", "\n")


def _ics_uid(reference: str) -> str:
    """A UID part from the mission's reference (stable across runs, ASCII only)."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)
