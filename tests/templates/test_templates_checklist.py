"""The checklist: DOCX, Markdown, JSON and iCalendar (one event per dated obligation,
deterministic UID and DTSTAMP, valid against RFC 5545's structure)."""

from __future__ import annotations

import json
import re

import pytest
from outils_templates import decider, moteur, rendre, texte

from missio.documents import Redacteur
from missio.documents.echeancier import Echeancier


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def test_checklist_docx_lists_every_obligation(redacteur: Redacteur) -> None:
    _, decision = decider(redacteur.engine, "mise_a_disposition")
    t = texte(rendre(redacteur, "mise_a_disposition", "checklist")["checklist"])
    assert "Échéance | Démarche | Responsable | Fondement" in t
    for obligation in decision.obligations:
        assert obligation.libelle in t
    assert (
        "3 avril 2026 | Informer préalablement l'organe délibérant de la mise à disposition | la collectivité | Code général de la fonction publique, art. L. 512-12"
        in t
    )
    assert "Points d'attention" in t and "Actes à produire" in t
    assert "Convention de mise à disposition" in t


def test_checklist_without_obligation(redacteur: Redacteur) -> None:
    t = texte(rendre(redacteur, "retraite", "checklist")["checklist"])
    assert "Aucune démarche n'est requise" in t and "Échéance |" not in t


def test_other_formats_are_written_with_the_acts(redacteur: Redacteur) -> None:
    mission, decision = decider(redacteur.engine, "mise_a_disposition")
    fichiers = redacteur.fichiers(decision, mission)
    assert {"checklist.docx", "checklist.md", "checklist.json", "checklist.ics"} <= set(fichiers)
    assert fichiers == redacteur.fichiers(decision, mission)  # byte-identical


def test_markdown_and_json(redacteur: Redacteur) -> None:
    mission, decision = decider(redacteur.engine, "cumul")
    echeancier = Echeancier(decision, mission)
    md = echeancier.markdown()
    assert md.startswith("# Démarches et échéances — CAESM-2026-014\n")
    assert "| Échéance | Démarche | Responsable | Fondement |" in md
    assert "| 6 mars 2026 | Adresser à l'autorité territoriale la demande écrite" in md
    donnees = json.loads(echeancier.json())
    assert donnees["dispositif"] == "cumul_activites"
    demande = next(o for o in donnees["obligations"] if o["code"] == "cumul.demande")
    assert demande["echeance"] == "2026-03-06" and demande["responsable"] == "agent"
    # The request's content: CGFP R. 123-9 since 1 February 2025, read in a secondary source.
    assert demande["fondements"][0]["statut"] == "verifie_secondaire"
    assert "R. 123-9" in demande["fondements"][0]["citation"]
    silence = next(o for o in donnees["obligations"] if o["code"] == "cumul.reponse")
    assert "(à vérifier)" in silence["fondements"][0]["citation"]  # R. 123-x of the delay: unread


def _deplier(ics: str) -> list[str]:
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    lignes: list[str] = []
    for ligne in ics.split("\r\n")[:-1]:
        assert len(ligne.encode("utf-8")) <= 75, ligne
        if ligne.startswith(" "):
            lignes[-1] += ligne[1:]
        else:
            lignes.append(ligne)
    return lignes


def test_icalendar_is_valid_and_deterministic(redacteur: Redacteur) -> None:
    mission, decision = decider(
        redacteur.engine,
        "mise_a_disposition",
        objet="Tri ; collecte, et «\u00a0compost\u00a0» à Saint-Louis",
    )
    ics = Echeancier(decision, mission).icalendar()
    assert ics == Echeancier(decision, mission).icalendar()
    lignes = _deplier(ics)
    assert lignes[0] == "BEGIN:VCALENDAR" and lignes[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lignes and any(ligne.startswith("PRODID:") for ligne in lignes)
    pile: list[str] = []
    for ligne in lignes:  # BEGIN/END balanced, every line NAME[;PARAM]:VALUE
        assert re.match(r"^[A-Z-]+(;[A-Z-]+=[^:;]+)*:", ligne), ligne
        if ligne.startswith("BEGIN:"):
            pile.append(ligne[6:])
        elif ligne.startswith("END:"):
            assert pile.pop() == ligne[4:]
    assert not pile
    evenements = ics.count("BEGIN:VEVENT")
    assert evenements == sum(1 for o in decision.obligations if o.echeance)
    uids = [ligne for ligne in lignes if ligne.startswith("UID:")]
    assert len(set(uids)) == evenements
    assert "UID:CAESM-2026-014-mad.convention@missio" in uids
    assert all(
        ligne == "DTSTAMP:20260112T000000Z" for ligne in lignes if ligne.startswith("DTSTAMP")
    )
    assert "DTSTART;VALUE=DATE:20260403" in lignes and "DTEND;VALUE=DATE:20260404" in lignes
    description = next(ligne for ligne in lignes if ligne.startswith("DESCRIPTION:"))
    assert "Tri \\; collecte\\, et" in description and "\\n" in description
