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
    code, DTSTAMP from the date of the procedure (never the clock). The calendar is written
    by missio as the ``icalendar`` package writes it (that package, imported only by
    :meth:`icalendar_par_le_paquet`, is the tests' reference)."""

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

    def evenements(self) -> list[dict[str, Any]]:
        """The calendar's events, one per dated obligation (UIDs made unique by a suffix)."""
        reference = self.decision.reference
        vus: dict[str, int] = {}
        evenements = []
        for ligne in self.lignes():
            if not ligne["echeance"]:
                continue
            jour = date.fromisoformat(ligne["echeance"])
            vus[ligne["code"]] = vus.get(ligne["code"], 0) + 1
            suffixe = f"-{vus[ligne['code']]}" if vus[ligne["code"]] > 1 else ""
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            evenements.append(
                {
                    "uid": f"{_ics_uid(reference)}-{ligne['code']}{suffixe}@missio",
                    "jour": jour,
                    "resume": _lignes(ligne["libelle"]),
                    "description": _lignes(
                        f"Responsable : {ligne['responsable_libelle']}\nFondement : {fondements}\n"
                        f"Mission {reference} : {self.mission.objet} ({self._agent()})"
                    ),
                    "categorie": _lignes(ligne["responsable_libelle"]),
                }
            )
        return evenements

    def icalendar(self) -> str:
        """The dated obligations as an iCalendar file (RFC 5545 escaping of every text, line
        folding at 75 octets): the same decision gives the same bytes (no timestamp of the day
        the file is written).

        Written by hand, exactly as the ``icalendar`` package writes the same calendar (its
        property order, escaping and folding; :meth:`icalendar_par_le_paquet`, which the tests
        compare it with): that package took a tenth of a batch's drafting time."""
        from datetime import timedelta

        nom = f"Échéances {self.decision.reference}"
        if "\n" in nom:  # the package refuses it (an assertion): keep its behaviour
            return self.icalendar_par_le_paquet()
        procedure = self.mission.date_procedure
        horodatage = f"{procedure.year:04d}{procedure.month:02d}{procedure.day:02d}T000000Z"
        lignes = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//missio//echeancier//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{nom}",  # an X- property: the package writes it unescaped
        ]
        for evenement in self.evenements():
            jour: date = evenement["jour"]
            lendemain = jour + timedelta(days=1)
            # The package's order: its canonical properties first, then the others by name.
            lignes += [
                "BEGIN:VEVENT",
                f"SUMMARY:{_texte_ics(evenement['resume'])}",
                f"DTSTART;VALUE=DATE:{_date_ics(jour)}",
                f"DTEND;VALUE=DATE:{_date_ics(lendemain)}",
                f"DTSTAMP:{horodatage}",
                f"UID:{_texte_ics(evenement['uid'])}",
                f"CATEGORIES:{_texte_ics(evenement['categorie'])}",
                f"DESCRIPTION:{_texte_ics(evenement['description'])}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        lignes.append("END:VCALENDAR")
        return "".join(_plier(ligne) + "\r\n" for ligne in lignes)

    def icalendar_par_le_paquet(self) -> str:
        """The same calendar written by the ``icalendar`` package (what :meth:`icalendar` must
        give byte for byte; the tests compare them)."""
        from datetime import UTC, datetime, timedelta

        from icalendar import Calendar, Event

        procedure = self.mission.date_procedure
        horodatage = datetime(procedure.year, procedure.month, procedure.day, tzinfo=UTC)
        agenda = Calendar()
        agenda.add("prodid", "-//missio//echeancier//FR")
        agenda.add("version", "2.0")
        agenda.add("calscale", "GREGORIAN")
        agenda.add("method", "PUBLISH")
        agenda.add("x-wr-calname", f"Échéances {self.decision.reference}")
        for e in self.evenements():
            evenement = Event()
            evenement.add("uid", e["uid"])
            evenement.add("dtstamp", horodatage)
            evenement.add("dtstart", e["jour"])
            evenement.add("dtend", e["jour"] + timedelta(days=1))
            evenement.add("summary", e["resume"])
            evenement.add("description", e["description"])
            evenement.add("categories", [e["categorie"]])
            evenement.add("transp", "TRANSPARENT")
            agenda.add_component(evenement)
        texte: bytes = agenda.to_ical()
        return texte.decode("utf-8")


def _texte_ics(texte: str) -> str:
    """An RFC 5545 TEXT value, escaped in the ``icalendar`` package's order (a literal ``\\N``
    is read as a line break first, as it does)."""
    return (
        texte.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _date_ics(jour: date) -> str:
    return f"{jour.year:04d}{jour.month:02d}{jour.day:02d}"


def _plier(ligne: str, limite: int = 75) -> str:
    """A content line folded as the ``icalendar`` package folds it: each piece the longest
    that stays under `limite` octets without cutting a character, its last character carried
    to the next piece when it is a backslash or a caret (an escape stays whole)."""
    if len(ligne) * 4 < limite:
        return ligne
    octets = ligne.encode("utf-8")
    if len(octets) < limite:
        return ligne
    pieces: list[bytes] = []
    debut, taille = 0, limite - 1
    while len(octets) - debut > taille:
        fin = debut + taille
        while octets[fin] & 0xC0 == 0x80:  # inside a character: cut before it
            fin -= 1
        if fin - debut > 1 and octets[fin - 1] in b"\\^":
            fin -= 1
        pieces.append(octets[debut:fin])
        debut = fin
    pieces.append(octets[debut:])
    return b"\r\n ".join(pieces).decode("utf-8")


def _lignes(texte: str) -> str:
    """Every line break as ``\n`` (escaped by icalendar): a bare carriage return, which some
    readers take for the end of the property, never reaches the file whatever the version."""
    return texte.replace("\r\n", "\n").replace("\r", "\n")


def _ics_uid(reference: str) -> str:
    """A UID part from the mission's reference (stable across runs, ASCII only)."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)
