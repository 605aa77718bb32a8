"""Writing the acts to disk: PDF conversion with LibreOffice, and an all-or-nothing write of the
output folder.

Kept apart from the rendering: writing and converting files needs nothing of the template
machinery (Jinja, lxml), and the rendering nothing of the file system or of LibreOffice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from missio.erreurs_documents import ErreurRendu


def libreoffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# Every LibreOffice conversion in progress, so that a service stopping (SIGTERM) can end them
# all at once instead of waiting for their time limits.
_EN_COURS: set[subprocess.Popen[bytes]] = set()
_VERROU = threading.Lock()

DELAI_CONVERSION = 300.0


def convertir_pdf(
    fichiers: list[Path], dossier: Path, delai: float = DELAI_CONVERSION
) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice headless (one process for all files).

    LibreOffice runs in its own process group with a private profile folder; past `delai`
    seconds (or when :func:`arreter_conversions` is called) the whole group is killed, so no
    ``soffice`` outlives the call, and the profile folder is removed in every case. Error
    messages name neither the command line nor a path: the service returns them to callers.
    """
    executable = libreoffice()
    if executable is None:
        raise ErreurRendu(
            "LibreOffice n'est pas installé : impossible de produire les PDF (les DOCX sont "
            "écrits). Installez-le (paquet « libreoffice-writer-nogui ») ou convertissez les DOCX."
        )
    if delai <= 0:
        raise ErreurRendu(_delai_depasse(delai))
    with tempfile.TemporaryDirectory(prefix="missio-lo-") as profil:
        commande = [
            executable,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(dossier),
            *map(str, fichiers),
        ]
        code = _executer(commande, delai)
    if code != 0:
        raise ErreurRendu(
            f"LibreOffice n'a pas pu convertir les actes en PDF (code de sortie {code})."
        )
    pdfs = [dossier / f"{f.stem}.pdf" for f in fichiers]
    manquants = [p.name for p in pdfs if not p.exists() or not p.stat().st_size]
    if manquants:
        raise ErreurRendu(f"LibreOffice n'a pas produit : {', '.join(manquants)}.")
    return pdfs


def _delai_depasse(delai: float) -> str:
    return f"LibreOffice n'a pas converti les actes en PDF dans le délai ({max(delai, 0):g} s)."


def _executer(commande: list[str], delai: float) -> int:
    """Run `commande` in a new process group; kill the group past `delai` or on any
    interruption (Ctrl-C, a stopping service). Returns the exit code."""
    processus = subprocess.Popen(
        commande,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    with _VERROU:
        _EN_COURS.add(processus)
    try:
        return processus.wait(delai)
    except subprocess.TimeoutExpired:
        raise ErreurRendu(_delai_depasse(delai)) from None
    finally:
        _tuer(processus)
        with _VERROU:
            _EN_COURS.discard(processus)


def _tuer(processus: subprocess.Popen[bytes]) -> None:
    """Kill `processus`'s whole group (LibreOffice's launcher and its soffice.bin), then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(processus.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        processus.wait(5)


def arreter_conversions() -> int:
    """Kill every conversion in progress (the service calls this when it stops); each call
    then raises ErreurRendu and removes its folders. Returns how many were killed."""
    with _VERROU:
        en_cours = list(_EN_COURS)
    for processus in en_cours:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(processus.pid, signal.SIGKILL)
    return len(en_cours)


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
            ecrits += convertir_pdf([f for f in ecrits if f.suffix == ".docx"], temporaire)
        dossier.mkdir(exist_ok=True)
        finaux = []
        for fichier in ecrits:
            cible = dossier / fichier.name
            os.replace(fichier, cible)
            finaux.append(cible)
        return finaux
