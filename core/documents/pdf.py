"""PDF conversion with LibreOffice: one process group per conversion, killed at its time limit
or when the service stops, with nothing of the agent left behind (profile folder removed).

Kept apart from the rendering and from the output folder: converting needs nothing of the
template machinery, and a service converting in memory needs nothing of the output folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from missio.documents.errors import ErreurRendu


def libreoffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# Every LibreOffice conversion in progress, so that a service stopping (SIGTERM) can end them
# all at once instead of waiting for their time limits.
_EN_COURS: set[subprocess.Popen[bytes]] = set()
_VERROU = threading.Lock()

DELAI_CONVERSION = 300.0


def convertir_pdf(
    fichiers: list[Path],
    dossier: Path,
    delai: float = DELAI_CONVERSION,
    profil: Path | None = None,
) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice headless (one process for all files).

    LibreOffice runs in its own process group with a private profile folder; past `delai`
    seconds (or when :func:`arreter_conversions` is called) the whole group is killed, so no
    ``soffice`` outlives the call, and the profile folder is removed in every case. Error
    messages name neither the command line nor a path: the service returns them to callers.

    :param profil: LibreOffice's user profile folder (default: a temporary folder, removed).
    """
    executable = libreoffice()
    if executable is None:
        raise ErreurRendu(
            "LibreOffice n'est pas installé : impossible de produire les PDF (les DOCX sont "
            "écrits). Installez-le (paquet « libreoffice-writer-nogui ») ou convertissez les DOCX."
        )
    if delai <= 0:
        raise ErreurRendu(_delai_depasse(delai))
    with contextlib.ExitStack() as pile:
        if profil is None:
            profil = Path(pile.enter_context(tempfile.TemporaryDirectory(prefix="missio-lo-")))
        commande = [
            executable,
            f"-env:UserInstallation={profil.as_uri()}",
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
