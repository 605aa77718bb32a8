"""Writing the acts to disk: the output folder replaced as a whole (PDF through
:mod:`missio.documents.pdf`).

Kept apart from the rendering: writing and converting files needs nothing of the template
machinery (Jinja, lxml), and the rendering nothing of the file system or of LibreOffice.

How a render reaches its folder ``D`` (see :func:`ecrire`):

1. Under a lock on ``D``'s parent folder (a second render waits for the first), temporaries
   left by an interrupted render are emptied (:func:`_vider`).
2. ``D``'s content is read against the manifest of the previous render (``.missio-rendu.json``:
   each file missio wrote, with its SHA-256). A file missio wrote and someone modified since,
   or a file missio did not write in the place of one it must write, stops the render: missio
   never overwrites nor deletes what it did not write.
3. The new render is written to a sibling ``.D.missio-tmp-<id>``: its manifest first, then
   every file (and PDF). Each file missio did not write gets a second name there (a hard
   link: the same file, untouched, never absent from ``D``); a folder of the user's is moved
   there (a rename, which a kill at that instant leaves in the sibling until step 1 of the
   next render puts it back).
4. The sibling and ``D`` are swapped in one system call (``renameat2(RENAME_EXCHANGE)``; on a
   system without it, two renames, undone by the next render if interrupted between them).
   ``D`` is thus either the old render or the new one, never a mix.
5. The old content, now in the sibling, is emptied: what its manifest names is deleted, so is
   a second name of a file ``D`` holds; the rest (a file saved into ``D`` during the render)
   is moved back into ``D``.

An interrupted render (killed at any moment) leaves ``D`` whole and at most a sibling, which
step 1 of the next render into the same parent folder empties by the same rule. Every failure
that is the folder's (read-only, full disk, a file in its place…) is an :class:`ErreurSortie`
naming the folder and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from missio.documents.errors import ErreurSortie
from missio.documents.pdf import convertir_pdf

MANIFESTE = ".missio-rendu.json"
_TEMPORAIRE = ".missio-tmp-"
_ANCIEN = ".missio-ancien-"
_PROFIL = ".libreoffice"
# A render waits this long for another one writing beside it (a PDF conversion can take minutes).
ATTENTE_MAX = 900.0

_CAUSES = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EXDEV: "le dossier est sur un autre système de fichiers que son dossier parent",
    errno.EBUSY: "dossier occupé (point de montage ?)",
    errno.EIO: "erreur d'entrée-sortie du disque",
}


def ecrire(
    dossier: Path,
    fichiers: Mapping[str, bytes],
    pdf: bool = False,
    *,
    attente: Callable[[], None] | None = None,
) -> list[Path]:
    """Replace the render in `dossier` by `fichiers` (and their PDF), all at once.

    Files of `dossier` that missio did not write stay there. Returns the paths written.

    :param attente: called once when another render holds the folder and this one waits.
    :raises ErreurSortie: the folder cannot receive the render; it is left as it was.
    """
    dossier = Path(os.path.abspath(dossier))
    if dossier.is_symlink():
        dossier = dossier.resolve()  # the folder the link points to is the one replaced
    parent = dossier.parent
    with _sinon(dossier, "créer son dossier parent"):
        parent.mkdir(parents=True, exist_ok=True)
    with _verrou(parent, dossier, attente):
        _nettoyer(parent)
        precedent = _precedent(dossier)
        etrangers = _etrangers(dossier, precedent, fichiers, pdf)
        noms = _preparer_et_echanger(dossier, fichiers, pdf, etrangers)
    return [dossier / nom for nom in noms]


# --- the previous render ---------------------------------------------------------------------


def _manifeste(dossier: Path) -> dict[str, str]:
    """File name -> SHA-256 of what missio wrote in `dossier` (empty when it wrote nothing)."""
    try:
        donnees = json.loads((dossier / MANIFESTE).read_text(encoding="utf-8"))
        fichiers = donnees["fichiers"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(nom): str(empreinte) for nom, empreinte in dict(fichiers).items()}


def _empreinte(chemin: Path) -> str | None:
    try:
        return hashlib.sha256(chemin.read_bytes()).hexdigest()
    except OSError:
        return None


def _precedent(dossier: Path) -> dict[str, str]:
    """The previous render's manifest, once `dossier` is known to be a writable folder."""
    if not dossier.exists():
        return {}
    if not dossier.is_dir():
        raise ErreurSortie(
            f"« {dossier} » est un fichier, pas un dossier : indiquez un dossier (il est créé "
            "s'il n'existe pas)."
        )
    # The mode bits first: a folder nobody may write to stays so, even for root.
    if not dossier.stat().st_mode & 0o222 or not os.access(dossier, os.W_OK | os.X_OK):
        raise ErreurSortie(
            f"Le dossier « {dossier} » est en lecture seule : missio n'y écrit pas. Donnez-vous "
            "le droit d'écrire dans ce dossier, ou indiquez-en un autre."
        )
    return _manifeste(dossier)


def _etrangers(
    dossier: Path, precedent: dict[str, str], fichiers: Mapping[str, bytes], pdf: bool
) -> list[str]:
    """What `dossier` holds that missio did not write (to be carried into the new render);
    refuses what the render would overwrite or remove and missio cannot prove it wrote."""
    if not dossier.exists():
        return []
    nouveaux = _noms_prevus(fichiers, pdf)
    etrangers, modifies, occupes = [], [], []
    for entree in sorted(os.listdir(dossier)):
        if entree == MANIFESTE:
            continue
        if entree in precedent:
            if _empreinte(dossier / entree) != precedent[entree]:
                modifies.append(entree)
        elif entree in nouveaux:
            occupes.append(entree)
        else:
            etrangers.append(entree)
    if modifies:
        raise ErreurSortie(
            f"Dans « {dossier} », {_liste(modifies)} {_a_ete(modifies)} modifié depuis le "
            "rendu précédent : missio ne remplace ni ne supprime un fichier modifié après lui. "
            "Déplacez-le hors du dossier pour le garder (ou supprimez-le), puis relancez."
            f"{_ouverts(etrangers)}"
        )
    if occupes:
        raise ErreurSortie(
            f"Dans « {dossier} », {_liste(occupes)} existe déjà et n'a pas été écrit par missio "
            "(ou par une version qui ne tenait pas la liste de ses fichiers) : missio ne "
            "l'écrase pas. Déplacez-le hors du dossier (ou supprimez-le), ou indiquez un autre "
            f"dossier.{_ouverts(etrangers)}"
        )
    return etrangers


def _liste(noms: list[str]) -> str:
    cites = [f"« {nom} »" for nom in noms[:5]]
    reste = f" et {len(noms) - 5} autres" if len(noms) > 5 else ""
    return ", ".join(cites) + reste


def _a_ete(noms: list[str]) -> str:
    return "ont été" if len(noms) > 1 else "a été"


def _ouverts(noms: list[str]) -> str:
    # Word (~$…) and LibreOffice (.~lock.…#) keep these beside a document they have open.
    if any(n.startswith(("~$", ".~lock.")) for n in noms):
        return " Un document du dossier est ouvert dans un traitement de texte : fermez-le d'abord."
    return ""


def _est_acte(nom: str) -> bool:
    """An act to convert to PDF: ``<code>.docx``, not a review copy (``<code>.relecture.docx``,
    comments for Word)."""
    return Path(nom).suffixes == [".docx"]


def _noms_prevus(fichiers: Mapping[str, bytes], pdf: bool) -> list[str]:
    noms = list(fichiers)
    if pdf:
        noms += [f"{Path(nom).stem}.pdf" for nom in fichiers if _est_acte(nom)]
    return noms


# --- writing and swapping --------------------------------------------------------------------


def _preparer_et_echanger(
    dossier: Path, fichiers: Mapping[str, bytes], pdf: bool, etrangers: list[str]
) -> list[str]:
    prepare = _preparer(dossier, fichiers, pdf, etrangers, durable=True)
    return prepare.echanger(durable=True)


@dataclass
class Prepare:
    """A render written in its temporary sibling, not yet swapped with its folder (see
    :func:`preparer`): :meth:`echanger` puts it in place, :meth:`abandonner` removes it."""

    dossier: Path
    temporaire: Path
    jeton: str
    noms: list[str]

    def echanger(self, durable: bool = True) -> list[str]:
        """Swap the temporary with the folder, then empty the previous render."""
        try:
            with _sinon(self.dossier, "remplacer le dossier"):
                _echanger(self.temporaire, self.dossier, self.jeton)
        except BaseException:
            # Nothing was swapped: a moved folder goes back, the rest of the temporary is removed.
            self.abandonner()
            raise
        if durable:
            _synchroniser(self.dossier.parent)
        _vider(self.temporaire, self.dossier)  # now the previous render
        return self.noms

    def abandonner(self) -> None:
        _vider(self.temporaire, self.dossier)


def preparer(
    dossier: Path, fichiers: Mapping[str, bytes], pdf: bool = False, *, durable: bool = True
) -> Prepare:
    """Steps 2 and 3 of :func:`ecrire` for a caller that holds the lock on `dossier`'s parent
    (:func:`verrouiller`) and emptied its temporaries (:func:`nettoyer`): a batch writes many
    folders of one parent. Without `durable`, nothing is synced to the disk: the caller syncs
    the file system (:func:`synchroniser_tout`) before any :meth:`Prepare.echanger`.

    :raises ErreurSortie: the folder cannot receive the render; it is left as it was.
    """
    dossier = Path(os.path.abspath(dossier))
    precedent = _precedent(dossier)
    etrangers = _etrangers(dossier, precedent, fichiers, pdf)
    return _preparer(dossier, fichiers, pdf, etrangers, durable=durable)


def _preparer(
    dossier: Path, fichiers: Mapping[str, bytes], pdf: bool, etrangers: list[str], durable: bool
) -> Prepare:
    jeton = secrets.token_hex(6)
    temporaire = dossier.parent / f".{dossier.name}{_TEMPORAIRE}{jeton}"
    with _sinon(dossier, "créer un dossier temporaire à côté de lui"):
        temporaire.mkdir()
    try:
        noms = _ecrire_tout(dossier, temporaire, jeton, fichiers, pdf, durable)
        if dossier.exists():
            _copier_droits(dossier, temporaire)
        for nom in etrangers:
            with _sinon(dossier, f"garder « {nom} », qu'il n'a pas écrit"):
                _porter(dossier / nom, temporaire / nom)
    except BaseException:
        _vider(temporaire, dossier)
        raise
    return Prepare(dossier, temporaire, jeton, noms)


def _ecrire_tout(
    dossier: Path,
    temporaire: Path,
    jeton: str,
    fichiers: Mapping[str, bytes],
    pdf: bool,
    durable: bool = True,
) -> list[str]:
    # The manifest comes first, naming every file to come: an interrupted render's temporary is
    # then emptied by name (see _vider).
    prevus = _noms_prevus(fichiers, pdf)
    _ecrire_manifeste(dossier, temporaire, jeton, dict.fromkeys(prevus, ""), durable)
    ecrits: list[Path] = []
    empreintes: dict[str, str] = {}
    for nom, contenu in fichiers.items():
        with _sinon(dossier, f"écrire « {nom} »"):
            _deposer(temporaire / nom, contenu, durable)
        ecrits.append(temporaire / nom)
        empreintes[nom] = hashlib.sha256(contenu).hexdigest()
    if pdf:
        docx = [f for f in ecrits if _est_acte(f.name)]
        convertis = convertir_pdf(docx, temporaire, profil=temporaire / _PROFIL)
        shutil.rmtree(temporaire / _PROFIL, ignore_errors=True)
        ecrits += convertis
        empreintes |= {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in convertis}
    _ecrire_manifeste(
        dossier, temporaire, jeton, {f.name: empreintes[f.name] for f in ecrits}, durable
    )
    if durable:
        _synchroniser(temporaire)
    return [f.name for f in ecrits]


def _ecrire_manifeste(
    dossier: Path, temporaire: Path, jeton: str, fichiers: dict[str, str], durable: bool = True
) -> None:
    texte = json.dumps({"format": 1, "rendu": jeton, "fichiers": fichiers}, indent=1) + "\n"
    provisoire = temporaire / f"{MANIFESTE}.{jeton}"
    with _sinon(dossier, "écrire la liste de ses fichiers"):
        _deposer(provisoire, texte.encode(), durable)
        os.replace(provisoire, temporaire / MANIFESTE)


def _ecrire_fichier(chemin: Path, contenu: bytes) -> None:
    with open(chemin, "xb") as fichier:
        fichier.write(contenu)
        fichier.flush()
        os.fsync(fichier.fileno())  # the swap must never reveal a file the disk does not hold


def _deposer(chemin: Path, contenu: bytes, durable: bool) -> None:
    """Write one file of a render; without `durable`, the caller syncs the whole file system
    before the swap (:func:`synchroniser_tout`)."""
    if durable:
        _ecrire_fichier(chemin, contenu)
        return
    with open(chemin, "xb") as fichier:
        fichier.write(contenu)


def _synchroniser(dossier: Path) -> None:
    with contextlib.suppress(OSError):
        descripteur = os.open(dossier, os.O_RDONLY)
        try:
            os.fsync(descripteur)
        finally:
            os.close(descripteur)


def _copier_droits(source: Path, cible: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.copymode(source, cible)


def _echanger(temporaire: Path, dossier: Path, jeton: str) -> None:
    """Put `temporaire` in `dossier`'s place, and `dossier`'s content in `temporaire`'s."""
    if not dossier.exists():
        os.rename(temporaire, dossier)
        temporaire.mkdir()  # the (empty) previous content, emptied like any other
        return
    if _echange_atomique(temporaire, dossier):
        return
    # Without an atomic exchange: two renames. Interrupted between them, `dossier` is missing
    # and the previous render waits in `ancien`, which the next render puts back (_nettoyer).
    ancien = dossier.parent / f".{dossier.name}{_ANCIEN}{jeton}"
    os.rename(dossier, ancien)
    try:
        os.rename(temporaire, dossier)
    except OSError:
        os.rename(ancien, dossier)
        raise
    os.rename(ancien, temporaire)


def _echange_atomique(a: Path, b: Path) -> bool:
    """Swap two folders with renameat2(RENAME_EXCHANGE) (Linux ≥ 3.15); False when the system
    or the file system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# --- temporaries -----------------------------------------------------------------------------


def _porter(source: Path, cible: Path) -> None:
    """Carry an entry missio did not write into the new render: a second name for a file (it
    stays in place, untouched), a copy of a symbolic link, a move for anything else."""
    if source.is_symlink():
        os.symlink(os.readlink(source), cible)
        return
    if source.is_file():
        try:
            os.link(source, cible)
            return
        except OSError:
            pass  # no hard links here (FAT, some network shares…): move it
    os.rename(source, cible)


def _meme(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are two names of one file (or two identical symbolic links)."""
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    if stat.S_ISLNK(sa.st_mode) and stat.S_ISLNK(sb.st_mode):
        return os.readlink(a) == os.readlink(b)
    return not stat.S_ISDIR(sa.st_mode) and (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _vider(temporaire: Path, dossier: Path) -> None:
    """Empty and remove a temporary: delete what its manifest says missio wrote, and second
    names of files `dossier` holds; move anything else (a folder carried from `dossier`, a file
    saved into it during the render) back into `dossier`. Never deletes the last name of a file
    missio did not write."""
    if not temporaire.is_dir():
        return
    ecrits = set(_manifeste(temporaire))
    manifestes = []
    for entree in os.listdir(temporaire):
        chemin = temporaire / entree
        if entree.startswith(MANIFESTE):
            manifestes.append(chemin)
        elif (entree in ecrits and not chemin.is_dir()) or _meme(chemin, dossier / entree):
            with contextlib.suppress(FileNotFoundError):
                chemin.unlink()
        elif entree == _PROFIL:
            shutil.rmtree(chemin, ignore_errors=True)
        else:
            _remettre(chemin, dossier)
    # The manifest goes last: interrupted before, the next render still knows what to delete.
    for chemin in manifestes:
        with contextlib.suppress(FileNotFoundError):
            chemin.unlink()
    with contextlib.suppress(OSError):
        temporaire.rmdir()


def _remettre(chemin: Path, dossier: Path) -> None:
    cible = dossier / chemin.name
    if cible.exists() or cible.is_symlink():
        cible = dossier / f"{chemin.stem} (récupéré {secrets.token_hex(3)}){chemin.suffix}"
    with contextlib.suppress(OSError):
        dossier.mkdir(exist_ok=True)
        os.rename(chemin, cible)


def _nettoyer(parent: Path) -> None:
    """Empty the temporaries of renders interrupted in `parent` (none runs: we hold the lock)."""
    try:
        entrees = os.listdir(parent)
    except OSError:
        return
    for entree in entrees:
        for marque in (_ANCIEN, _TEMPORAIRE):
            nom, trouve, _ = entree[1:].partition(marque)
            if not (entree.startswith(".") and trouve and nom):
                continue
            dossier = parent / nom
            if marque == _ANCIEN and not dossier.exists():
                # Interrupted between the two renames of a non-atomic swap: put it back.
                with contextlib.suppress(OSError):
                    os.rename(parent / entree, dossier)
                    continue
            _vider(parent / entree, dossier)


# --- errors and lock -------------------------------------------------------------------------


@contextlib.contextmanager
def _sinon(dossier: Path, quoi: str) -> Iterator[None]:
    """An OSError inside becomes an ErreurSortie saying what could not be done, and why."""
    try:
        yield
    except OSError as exc:
        cause = _CAUSES.get(exc.errno or 0) or exc.strerror or type(exc).__name__
        raise ErreurSortie(
            f"Impossible d'écrire les actes dans « {dossier} » : missio n'a pas pu {quoi} "
            f"({cause}). Rien n'a été écrit ; le contenu précédent du dossier est intact."
        ) from None


def verrou(
    parent: Path, attente: Callable[[], None] | None = None
) -> contextlib.AbstractContextManager[None]:
    """The lock :func:`ecrire` takes on `parent` (see :func:`preparer`); an :class:`ErreurSortie`
    names `parent` when it cannot be opened."""
    return _verrou(parent, parent, attente)


def nettoyer(parent: Path) -> None:
    """Empty the temporaries of renders interrupted in `parent`; the caller holds its lock."""
    _nettoyer(parent)


def synchroniser_tout(dossier: Path) -> None:
    """Write to the disk everything written so far on `dossier`'s file system (``syncfs``, or
    ``sync`` where it is missing): one call for many renders instead of one per file."""
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        os.sync()
        return
    descripteur = os.open(dossier, os.O_RDONLY)
    try:
        if syncfs(descripteur) != 0:
            os.sync()
    finally:
        os.close(descripteur)


@contextlib.contextmanager
def _verrou(parent: Path, dossier: Path, attente: Callable[[], None] | None) -> Iterator[None]:
    """Exclusive lock on `parent` (the parent folder of `dossier`), held by the render writing
    beside it (released by the system if the process dies)."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        yield
        return
    try:
        descripteur = os.open(parent, os.O_RDONLY)
    except OSError as exc:
        cause = _CAUSES.get(exc.errno or 0) or exc.strerror
        raise ErreurSortie(
            f"Impossible d'écrire les actes dans « {dossier} » : son dossier parent ne peut pas "
            f"être ouvert ({cause})."
        ) from None
    try:
        debut, prevenu = time.monotonic(), False
        while True:
            try:
                fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not prevenu and attente is not None:
                    attente()
                prevenu = True
                if time.monotonic() - debut > ATTENTE_MAX:
                    raise ErreurSortie(
                        f"Un autre rendu écrit à côté de « {dossier} » depuis plus de "
                        f"{ATTENTE_MAX / 60:.0f} minutes : missio n'écrit pas en même temps que "
                        "lui. Réessayez quand il aura fini."
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descripteur)  # releases the lock
