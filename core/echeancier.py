"""The checklist's deadlines in other formats: Markdown, JSON and iCalendar.

Besides its .docx, the checklist document is written as files a person or a calendar reads
directly. These are built from the decision alone, without any template, so they stay apart
from the DOCX rendering (and import none of it).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from missio.legal import LIBELLES_STATUT, citation
from missio.libelles import ACTEURS, dispositif_nom
from missio.models import Decision, Mission

# The document whose deadlines are also written as Markdown, JSON and iCalendar files.
CODE_ECHEANCIER = "checklist"


class Echeancier:
    """The obligations of a decision, as Markdown, JSON and iCalendar (one all-day event per
    dated obligation). Deterministic: UIDs come from the mission's reference and the obligation
    code, DTSTAMP from the date of the procedure (never the clock)."""

    def __init__(self, decision: Decision, mission: Mission) -> None:
        self.decision = decision
        self.mission = mission

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
        return json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"

    def markdown(self) -> str:
        from missio.francais import date_fr

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
        reference = self.decision.reference
        horodatage = self.mission.date_procedure.strftime("%Y%m%dT000000Z")
        lignes = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//missio//echeancier//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{_ics_texte(f'Échéances {reference}')}",
        ]
        vus: dict[str, int] = {}
        for ligne in self.lignes():
            if not ligne["echeance"]:
                continue
            jour = date.fromisoformat(ligne["echeance"])
            vus[ligne["code"]] = vus.get(ligne["code"], 0) + 1
            suffixe = f"-{vus[ligne['code']]}" if vus[ligne["code"]] > 1 else ""
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            description = (
                f"Responsable : {ligne['responsable_libelle']}\nFondement : {fondements}\n"
                f"Mission {reference} : {self.mission.objet} ({self._agent()})"
            )
            lignes += [
                "BEGIN:VEVENT",
                f"UID:{_ics_uid(reference)}-{ligne['code']}{suffixe}@missio",
                f"DTSTAMP:{horodatage}",
                f"DTSTART;VALUE=DATE:{jour:%Y%m%d}",
                f"DTEND;VALUE=DATE:{date.fromordinal(jour.toordinal() + 1):%Y%m%d}",
                f"SUMMARY:{_ics_texte(ligne['libelle'])}",
                f"DESCRIPTION:{_ics_texte(description)}",
                f"CATEGORIES:{_ics_texte(ligne['responsable_libelle'])}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        lignes.append("END:VCALENDAR")
        return "".join(_ics_plier(ligne) + "\r\n" for ligne in lignes)


def _ics_texte(texte: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (
        texte.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_uid(reference: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)


def _ics_plier(ligne: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1)."""
    morceaux: list[str] = []
    courant, taille = "", 0
    for caractere in ligne:
        octets = len(caractere.encode("utf-8"))
        limite = 75 if not morceaux else 74  # continuation lines start with a space
        if taille + octets > limite:
            morceaux.append(courant)
            courant, taille = "", 0
        courant += caractere
        taille += octets
    morceaux.append(courant)
    return "\r\n ".join(morceaux)
