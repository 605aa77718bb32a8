"""Writing the acts to disk: PDF conversion with LibreOffice, and an all-or-nothing write of the
output folder.

Kept apart from the rendering: writing and converting files needs nothing of the template
machinery (Jinja, lxml), and the rendering nothing of the file system or of LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from missio.erreurs_documents import ErreurRendu


def libreoffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convertir_pdf(fichiers: list[Path], dossier: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice headless (one process for all files)."""
    executable = libreoffice()
    if executable is None:
        raise ErreurRendu(
            "LibreOffice n'est pas installé : impossible de produire les PDF (les DOCX sont "
            "écrits). Installez-le (paquet « libreoffice-writer-nogui ») ou convertissez les DOCX."
        )
    with tempfile.TemporaryDirectory() as profil:
        try:
            subprocess.run(
                [
                    executable,
                    f"-env:UserInstallation=file://{profil}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(dossier),
                    *map(str, fichiers),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ErreurRendu(
                f"LibreOffice n'a pas pu convertir les actes en PDF ({exc})."
            ) from exc
    pdfs = [dossier / f"{f.stem}.pdf" for f in fichiers]
    manquants = [p.name for p in pdfs if not p.exists() or not p.stat().st_size]
    if manquants:
        raise ErreurRendu(f"LibreOffice n'a pas produit : {', '.join(manquants)}.")
    return pdfs


def ecrire(dossier: Path, fichiers: Mapping[str, bytes], pdf: bool = False) -> list[Path]:
    """Write `fichiers` into `dossier` all at once: everything goes to a temporary folder
    beside it first, and is moved in only when every file (and PDF) is ready."""
    dossier.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier.parent, prefix=f".{dossier.name}-") as tmp:
        temporaire = Path(tmp)
        ecrits = []
        for nom, contenu in fichiers.items():
            (temporaire / nom).write_bytes(contenu)
            ecrits.append(temporaire / nom)
        if pdf:
            # The acts, not their review copies (<code>.relecture.docx: comments for Word).
            actes = [f for f in ecrits if f.suffixes == [".docx"]]
            ecrits += convertir_pdf(actes, temporaire)
        dossier.mkdir(exist_ok=True)
        finaux = []
        for fichier in ecrits:
            cible = dossier / fichier.name
            os.replace(fichier, cible)
            finaux.append(cible)
        return finaux
