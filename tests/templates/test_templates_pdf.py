"""The acts as printed: LibreOffice converts every act of a mission per route and statut to PDF,
and each signature block (the signatory's title and name, the agent's acknowledgement) stays
on one page, with no page left blank (skipped when LibreOffice or pdftotext is missing: CI
installs them; every other test checks the OOXML with lxml)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from outils_templates import moteur, tous_les_actes

from missio.documents import Redacteur
from missio.documents.pdf import convertir_pdf, libreoffice

pytestmark = pytest.mark.skipif(
    libreoffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) ou pdftotext n'est pas installé",
)

# Lines of one signature block: all on the page of the first.
BLOCS = [
    ("Fait à", "André Lesueur"),
    ("Notifié à l'agent le", "Signature de l'agent"),
    ("Pour la collectivité", "(nom et signature)"),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dossier = tmp_path_factory.mktemp("pdf")
    chemins = []
    for (cas, code), contenu in tous_les_actes(Redacteur(moteur())).items():
        chemin = dossier / f"{cas}.{code}.docx"
        chemin.write_bytes(contenu)
        chemins.append(chemin)
    return {pdf.stem: pdf for pdf in convertir_pdf(chemins, dossier)}


def _pages(pdf: Path) -> list[str]:
    texte = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return texte.split("\f")[:-1]


def test_libreoffice_converts_every_document_code(pdfs: dict[str, Path]) -> None:
    codes = {nom.split(".", 1)[1] for nom in pdfs}
    assert codes == set(Redacteur(moteur()).engine.documents)
    for pdf in pdfs.values():
        assert pdf.read_bytes().startswith(b"%PDF"), pdf.name


def test_signature_blocks_are_on_one_page(pdfs: dict[str, Path]) -> None:
    verifies = 0
    for nom, pdf in pdfs.items():
        pages = _pages(pdf)
        tout = "".join(pages)
        for debut, fin in BLOCS:
            if debut not in tout or fin not in tout[tout.rindex(debut) :]:
                continue  # not this act's block
            page = next(p for p in reversed(pages) if debut in p)
            assert fin in page[page.rindex(debut) :], (nom, debut, fin)
            verifies += 1
    assert verifies > 15


def test_no_page_is_left_blank_and_pages_are_numbered(pdfs: dict[str, Path]) -> None:
    for nom, pdf in pdfs.items():
        pages = _pages(pdf)
        for numero, page in enumerate(pages, start=1):
            lignes = [ligne.strip() for ligne in page.splitlines() if ligne.strip()]
            assert len(lignes) > 2, (nom, numero)  # more than the letterhead and the footer
            assert f"page {numero} / {len(pages)}" in page, (nom, numero)
