"""Rendering many missions at once (``missio batch``): one folder per mission, every core.

The input is a folder of mission files (``*.json``) or a JSON Lines file (one mission a line).
Each mission gets its own folder in the output folder, written with the guarantees of
``missio render`` (:mod:`missio.documents.output`: a temporary sibling swapped in one system call, the
manifest, files missio did not write kept): ``<nom du fichier sans .json>`` for a folder's
files, ``ligne-<numéro sur 6 chiffres>`` for a JSON Lines file; neither depends on the
mission's content, so a re-run replaces the same folders, whatever the missions became.

A bad mission never stops the batch: each mission's outcome (``rendu``, ``non_conforme``,
``invalide``, ``erreur_modele``, ``erreur_plugin``, ``erreur_interne``, ``erreur_sortie``) is a
line of ``rapport-lot.jsonl`` and ``rapport-lot.csv`` in the output folder, in input order. A
mission that gets no act this time (not conforme, invalid, failed) keeps none of an earlier
render's acts: a non-conforme one gets its ``decision.json`` alone, as with ``render``; the
others get an emptied folder (when one was there).

Speed: the engine and its compiled templates are built once, in the parent, and inherited by
worker processes (``fork``; elsewhere each worker builds its own). Missions go to the workers
in packets, a bounded number at a time, so memory stays flat whatever the input's length.
Durability: instead of one ``fsync`` per file, a worker writes a packet's temporaries, syncs
the file system once (``syncfs``), then swaps them in; a swapped folder thus never shows a file
the disk does not hold, as with ``render``.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from missio.documents.errors import ErreurSortie
from missio.errors import ErreurValidation, MissioError

if TYPE_CHECKING:
    from missio.documents import Redacteur
    from missio.documents.output import Prepare
    from missio.engine import Engine

RAPPORT = "rapport-lot"
# Missions per packet sent to a worker: one file-system sync per packet.
PAQUET = 16

# Exit code of each outcome (README: 0 decided, 1 internal or plugin error, 2 invalid input,
# 3 output folder); the batch exits with the highest.
CODES = {
    "rendu": 0,
    "non_conforme": 0,
    "erreur_plugin": 1,
    "erreur_interne": 1,
    "invalide": 2,
    "erreur_modele": 2,
    "erreur_sortie": 3,
}
LIBELLES = {
    "rendu": ("rendue", "rendues"),
    "non_conforme": ("non conforme", "non conformes"),
    "invalide": ("invalide", "invalides"),
    "erreur_modele": ("en erreur de modèle", "en erreur de modèle"),
    "erreur_plugin": ("en erreur de plugin", "en erreur de plugin"),
    "erreur_interne": ("en erreur interne", "en erreur interne"),
    "erreur_sortie": ("non écrite", "non écrites"),
}
_COLONNES = ["mission", "dossier", "reference", "statut", "dispositif", "actes", "message"]


@dataclass(frozen=True, slots=True)
class Piece:
    """One mission of the batch, as read from the input (the worker validates it)."""

    rang: int
    nom: str  # its folder in the output folder
    origine: str  # how messages and the report name it
    chemin: str | None = None  # a file of the input folder, read by the worker
    texte: bytes | None = None  # a line of a JSON Lines file


@dataclass(frozen=True, slots=True)
class Resultat:
    """What became of one mission: a line of the report."""

    mission: str
    dossier: str
    statut: str
    reference: str | None = None
    dispositif: str | None = None
    actes: int = 0
    message: str = ""


@dataclass(frozen=True)
class Options:
    """What every worker needs to build the same engine and write the same files."""

    sortie: Path
    parametres: dict[str, Any] = field(default_factory=dict)
    modeles: Path | None = None
    politiques: tuple[Path, ...] = ()
    strict: bool = False
    logo: Path | None = None
    le: date | None = None
    pdf: bool = False
    relecture: bool = False


# --- the input -------------------------------------------------------------------------------


def lire_entree(entree: Path) -> Iterator[Piece]:
    """The missions of a folder (its ``*.json`` files, by name) or of a JSON Lines file (its
    non-blank lines), read lazily: a JSON Lines file is never held whole in memory."""
    if entree.is_dir():
        rang = 0
        for chemin in sorted(entree.glob("*.json")):
            if chemin.is_file():
                yield Piece(rang, chemin.stem, chemin.name, chemin=str(chemin))
                rang += 1
        return
    with open(entree, "rb") as fichier:
        rang = 0
        for numero, ligne in enumerate(fichier, 1):
            if ligne.strip():
                yield Piece(rang, f"ligne-{numero:06d}", f"ligne {numero}", texte=ligne)
                rang += 1


def compter(entree: Path) -> int:
    """How many missions :func:`lire_entree` will give (a pass over the file, for the bar)."""
    if entree.is_dir():
        return sum(1 for chemin in entree.glob("*.json") if chemin.is_file())
    with open(entree, "rb") as fichier:
        return sum(1 for ligne in fichier if ligne.strip())


def en_paquets(pieces: Iterable[Piece], taille: int) -> Iterator[list[Piece]]:
    paquet: list[Piece] = []
    for piece in pieces:
        paquet.append(piece)
        if len(paquet) == taille:
            yield paquet
            paquet = []
    if paquet:
        yield paquet


# --- one worker ------------------------------------------------------------------------------


class Atelier:
    """One process's engine and compiled templates, and what it does with a packet."""

    def __init__(self, options: Options) -> None:
        from missio.documents import Redacteur
        from missio.engine import Engine

        self.options = options
        self.engine: Engine = Engine(
            politiques=options.politiques,
            parametres=options.parametres,
            modeles=options.modeles,
            strict=options.strict,
        )
        self.redacteur: Redacteur = Redacteur(self.engine, logo=options.logo)
        self.redacteur.precharger(provenance=True)

    def paquet(self, pieces: list[Piece]) -> list[Resultat]:
        """Render a packet: every temporary written, one sync, then every swap."""
        from missio.documents.output import preparer, synchroniser_tout

        resultats: list[Resultat] = []
        prets: list[tuple[int, Prepare]] = []
        try:
            for piece in pieces:
                resultat, fichiers = self._rendre(piece)
                if fichiers is not None:
                    dossier = self.options.sortie / piece.nom
                    try:
                        pret = preparer(dossier, fichiers, self.options.pdf, durable=False)
                    except ErreurSortie as exc:
                        resultat = _echec(resultat, "erreur_sortie", str(exc))
                    except Exception as exc:  # the PDF conversion
                        resultat = _echec(resultat, "erreur_interne", _exception(exc))
                    else:
                        prets.append((len(resultats), pret))
                resultats.append(resultat)
            if prets:
                synchroniser_tout(self.options.sortie)
            while prets:
                rang, pret = prets.pop(0)
                try:
                    pret.echanger(durable=False)
                except ErreurSortie as exc:
                    resultats[rang] = _echec(resultats[rang], "erreur_sortie", str(exc))
        finally:
            for _, pret in prets:  # interrupted before their swap
                pret.abandonner()
        return resultats

    def _rendre(self, piece: Piece) -> tuple[Resultat, dict[str, bytes] | None]:
        """The outcome of one mission and the files of its folder (None: leave it alone)."""
        from missio.documents.errors import ErreurModele
        from missio.documents.redacteur import fichier_decision

        base = Resultat(piece.origine, piece.nom, "rendu")
        try:
            texte = piece.texte if piece.texte is not None else Path(str(piece.chemin)).read_bytes()
        except OSError as exc:
            return _echec(base, "invalide", f"fichier illisible ({exc.strerror})."), None
        try:
            mission = self.engine.valider(texte)
            base = replace(base, reference=mission.reference)
            decision = self.engine.evaluer(mission, date_evaluation=self.options.le)
        except ErreurValidation as exc:
            return _echec(base, "invalide", " ; ".join(exc.lignes)), self._vide(piece)
        except Exception as exc:  # a plugin beyond the engine's own guards
            return _echec(base, "erreur_interne", _exception(exc)), self._vide(piece)
        base = replace(base, dispositif=decision.dispositif)
        plugins = [b for b in decision.blocages if b.code == "erreur_plugin"]
        if plugins:
            return _echec(base, "erreur_plugin", plugins[0].message), self._vide(piece)
        fichiers = fichier_decision(decision)
        try:
            fichiers |= self.redacteur.fichiers(decision, mission, relecture=self.options.relecture)
        except ErreurModele as exc:
            return _echec(base, "erreur_modele", str(exc)), self._vide(piece)
        except MissioError as exc:
            return _echec(base, "erreur_plugin", str(exc)), self._vide(piece)
        except Exception as exc:
            return _echec(base, "erreur_interne", _exception(exc)), self._vide(piece)
        if not decision.conforme:
            motifs = ", ".join(b.code for b in decision.blocages)
            message = f"décision non conforme ({motifs}) : decision.json seul, aucun acte."
            return _echec(base, "non_conforme", message), fichiers
        actes = sum(1 for nom in fichiers if Path(nom).suffixes == [".docx"])
        return replace(base, actes=actes), fichiers

    def _vide(self, piece: Piece) -> dict[str, bytes] | None:
        """No file this time: an earlier render's folder is emptied of what missio wrote."""
        return {} if (self.options.sortie / piece.nom).is_dir() else None


def _regler_ramasse_miettes() -> tuple[int, ...]:
    """The engine and its compiled templates (tens of thousands of objects that live as long
    as the process) are moved out of the collector's sight, and a young collection waits for
    more allocations: a mission allocates thousands of short-lived containers, and each full
    collection walked the whole engine again (about a tenth of a batch's CPU). Forked workers
    inherit it, and keep those objects' pages shared with the parent. Returns the thresholds
    to restore."""
    import gc

    ancien = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
    return ancien


def _retablir_ramasse_miettes(seuils: tuple[int, ...]) -> None:
    """The collector as it was before the batch (a process that goes on after it)."""
    import gc

    gc.unfreeze()
    gc.set_threshold(*seuils)


def _echec(resultat: Resultat, statut: str, message: str) -> Resultat:
    return replace(resultat, statut=statut, message=message, actes=0)


def _exception(exc: BaseException) -> str:
    return f"{type(exc).__name__} : {exc}"


_ATELIER: Atelier | None = None


def _initialiser(options: Options) -> None:
    """A worker: Ctrl-C is the parent's to handle, SIGTERM ends it (the parent cleans up);
    the engine is inherited from the parent (fork) or built here."""
    global _ATELIER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _ATELIER is None:
        _ATELIER = Atelier(options)
        _regler_ramasse_miettes()


def _traiter(pieces: list[Piece]) -> list[Resultat]:
    assert _ATELIER is not None
    return _ATELIER.paquet(pieces)


# --- the parent ------------------------------------------------------------------------------


@dataclass
class Bilan:
    """Counts of the batch (results themselves go to the report as they come)."""

    statuts: dict[str, int] = field(default_factory=dict)
    actes: int = 0
    duree: float = 0.0
    interrompu: bool = False

    @property
    def missions(self) -> int:
        return sum(self.statuts.values())

    @property
    def code(self) -> int:
        return max((CODES[s] for s in self.statuts), default=0)

    def compter(self, resultat: Resultat) -> None:
        self.statuts[resultat.statut] = self.statuts.get(resultat.statut, 0) + 1
        self.actes += resultat.actes

    def resume(self) -> str:
        n = self.missions
        vitesse = n / self.duree if self.duree > 0 else 0.0
        chiffres = f"{vitesse:.1f}".replace(".", ",") if vitesse < 10 else f"{vitesse:.0f}"
        debit = f" ({chiffres} missions/s)" if vitesse else ""
        duree = f"{self.duree:.1f}".replace(".", ",")
        parts = []
        for statut, (singulier, pluriel) in LIBELLES.items():
            nombre = self.statuts.get(statut, 0)
            if nombre:
                parts.append(f"{nombre_fr(nombre)} {singulier if nombre == 1 else pluriel}")
        actes = f"{nombre_fr(self.actes)} acte{'s' if self.actes > 1 else ''}"
        mission = "mission" if n <= 1 else "missions"
        detail = f" : {', '.join(parts)} ; {actes}" if parts else ""
        return f"{nombre_fr(n)} {mission} en {duree} s{debit}{detail}."


def nombre_fr(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


class Rapport:
    """``rapport-lot.jsonl`` and ``rapport-lot.csv``, written as results come, in input order."""

    def __init__(self, sortie: Path) -> None:
        self.jsonl = open(sortie / f"{RAPPORT}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        # A BOM and semicolons: what a French spreadsheet opens without an import dialog.
        self.csv = open(sortie / f"{RAPPORT}.csv", "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self.csv, delimiter=";")
        self._csv.writerow(_COLONNES)

    def ecrire(self, resultat: Resultat) -> None:
        ligne = {c: getattr(resultat, c) for c in _COLONNES}
        self.jsonl.write(json.dumps(ligne, ensure_ascii=False) + "\n")
        self._csv.writerow(["" if ligne[c] is None else ligne[c] for c in _COLONNES])

    def vider(self) -> None:
        self.jsonl.flush()
        self.csv.flush()

    def fermer(self) -> None:
        self.jsonl.close()
        self.csv.close()


def travailleurs_par_defaut() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def executer(
    entree: Path,
    options: Options,
    travailleurs: int,
    avancer: Callable[[int], None] = lambda n: None,
    attente: Callable[[], None] | None = None,
) -> Bilan:
    """Render every mission of `entree` into `options.sortie`; `avancer(n)` after each packet.

    :raises ErreurSortie: the output folder itself cannot be written (nothing was).
    :raises MissioError: the engine cannot be built (a policy, a template…), before any write.
    """
    from missio.documents.output import _sinon

    global _ATELIER
    sortie = options.sortie
    with _sinon(sortie, "créer le dossier de sortie"):
        sortie.mkdir(parents=True, exist_ok=True)
    _ATELIER = Atelier(options)  # fails here, before any write, on a bad option
    bilan = Bilan()
    debut = time.monotonic()
    seuils = _regler_ramasse_miettes()  # before the workers fork: they inherit it
    try:
        _executer(entree, options, travailleurs, avancer, attente, bilan)
    finally:
        _retablir_ramasse_miettes(seuils)
    bilan.duree = time.monotonic() - debut
    return bilan


def _executer(
    entree: Path,
    options: Options,
    travailleurs: int,
    avancer: Callable[[int], None],
    attente: Callable[[], None] | None,
    bilan: Bilan,
) -> None:
    from missio.documents.output import _sinon, nettoyer, verrou

    sortie = options.sortie
    with verrou(sortie, attente):
        nettoyer(sortie)
        with _sinon(sortie, "écrire le rapport du lot"):
            rapport = Rapport(sortie)
        try:
            for resultats in _resultats(entree, options, travailleurs):
                for resultat in resultats:
                    rapport.ecrire(resultat)
                    bilan.compter(resultat)
                rapport.vider()  # a reader of the report (tail -f) sees each packet
                avancer(len(resultats))
        except KeyboardInterrupt:
            bilan.interrompu = True
        finally:
            rapport.fermer()
            nettoyer(sortie)  # what a worker stopped mid-write left


def _resultats(entree: Path, options: Options, travailleurs: int) -> Iterator[list[Resultat]]:
    paquets = en_paquets(lire_entree(entree), PAQUET)
    if travailleurs <= 1:
        assert _ATELIER is not None
        for paquet in paquets:
            yield _ATELIER.paquet(paquet)
        return
    import multiprocessing

    methode = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    contexte = multiprocessing.get_context(methode)
    # The pool's feeder thread would read the whole input at once: a window of packets.
    fenetre, arret = threading.Semaphore(travailleurs * 2), threading.Event()

    def fournir() -> Iterator[list[Piece]]:
        for paquet in paquets:
            fenetre.acquire()
            if arret.is_set():
                return
            yield paquet

    ancien = signal.signal(signal.SIGTERM, _interrompre)
    pool = contexte.Pool(travailleurs, _initialiser, (options,))
    try:
        for resultats in pool.imap(_traiter, fournir()):
            fenetre.release()
            yield resultats
        pool.close()
    except BaseException:
        arret.set()
        fenetre.release()  # the feeder thread, waiting for room, sees the stop
        pool.terminate()
        raise
    finally:
        pool.join()
        signal.signal(signal.SIGTERM, ancien)


def _interrompre(numero: int, cadre: Any) -> None:
    raise KeyboardInterrupt
