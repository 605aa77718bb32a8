"""Smoke test: LibreOffice opens every document code and converts it to PDF (skipped when
LibreOffice is not installed: CI installs it; every other test checks the OOXML with lxml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from outils_templates import ROUTES, avec, decider, moteur

from missio.documents import Redacteur
from missio.models import Financement, Obligation
from missio.sortie import convertir_pdf, libreoffice


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice (soffice) n'est pas installé")
def test_libreoffice_converts_every_document_code(tmp_path: Path) -> None:
    redacteur = Redacteur(moteur())
    fichiers: dict[str, bytes] = {}
    for route in ROUTES:
        mission, decision = decider(redacteur.engine, route)
        for code, contenu in redacteur.rendre(decision, mission).items():
            fichiers.setdefault(code, contenu)
    mission, decision = decider(redacteur.engine, "ordre_de_mission", cadre="expe_ct")
    decision = avec(
        decision,
        obligations=[
            Obligation(
                code="expe_ct.rapport",
                libelle="Rapport",
                echeance="2026-10-28",
                responsable="agent",
                fondements=[],
            )
        ],
        financements=[
            Financement(
                poste="prime_installation",
                libelle="Prime",
                payeur="employeur",
                montant="1000",
                fondements=[],
            )
        ],
    )
    for code in ("rapport_mission_expe_ct", "decision_prime_installation"):
        fichiers[code] = redacteur.rendre_un(code, decision, mission)
    assert set(fichiers) == set(redacteur.engine.documents)
    chemins = []
    for code, contenu in fichiers.items():
        chemin = tmp_path / f"{code}.docx"
        chemin.write_bytes(contenu)
        chemins.append(chemin)
    for pdf in convertir_pdf(chemins, tmp_path):
        assert pdf.read_bytes().startswith(b"%PDF"), pdf.name
