"""Interrupted and concurrent renders: is the output folder ever partial?

Three measures, each on one output folder that also holds a file of the user's (``notes.txt``,
which must never be lost):

- ``commande``: N runs of ``missio render``, alternating two missions (a conforme one with its
  acts, a non-conforme one with decision.json only), each killed (SIGKILL) at a random moment
  of its run, or left to finish one time in five;
- ``ecriture``: N calls of ``missio.documents.output.ecrire`` in a forked process, with larger files so
  that the kill lands in the writing itself, killed at a random moment;
- ``concurrents``: N pairs of renders started together into the same folder.

After every run the folder must be exactly one complete render (or absent before the first
one) plus ``notes.txt``: anything else is a partial folder. Temporaries left by a killed run
are counted, then must be gone after the next run.

    .venv/bin/python benchmarks/rendus_interrompus.py --runs 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
POLITIQUE = RACINE / "plugins" / "collectivite_custom" / "politiques" / "caesm.yaml"
NOTE = "notes.txt"


def _etat(dossier: Path) -> dict[str, str] | None:
    """File name -> SHA-256 of the folder's visible files (None when it does not exist)."""
    if not dossier.exists():
        return None
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in dossier.iterdir()
        if p.is_file() and not p.name.startswith(".")
    }


def _temporaires(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".missio-" in p.name]


def _commande(mission: Path, dossier: Path, politique: bool) -> list[str]:
    args = [sys.executable, "-m", "missio", "render", str(mission), "--out", str(dossier)]
    return args + (["--policy", str(POLITIQUE)] if politique else [])


def _missions(travail: Path) -> list[tuple[Path, bool]]:
    """The example (conforme, six files with the CAESM policy) and a casebook case a blocage
    makes non-conforme (decision.json only)."""
    from missio.casebook.cas import charger

    casebook = RACINE / "tests" / "casebook"
    cas = charger(casebook / "statut_fpt" / "stagiaire-operateur-40-jours.yaml", casebook)
    chemin = travail / "non-conforme.json"
    chemin.write_text(json.dumps(cas.mission, default=str), encoding="utf-8")
    return [(EXEMPLE, True), (chemin, False)]


def _attendus(travail: Path, missions: list[tuple[Path, bool]]) -> list[dict[str, str]]:
    """Each mission's complete render (and the user's note), made once without interruption."""
    attendus = []
    for rang, (mission, politique) in enumerate(missions):
        dossier = travail / f"attendu-{rang}"
        subprocess.run(_commande(mission, dossier, politique), check=True, capture_output=True)
        (dossier / NOTE).write_text("à moi\n", encoding="utf-8")
        etat = _etat(dossier)
        assert etat is not None
        attendus.append(etat)
    assert attendus[0] != attendus[1], "the two renders must differ"
    return attendus


class Compte:
    def __init__(self) -> None:
        self.runs = self.tues = self.partiels = self.notes_perdues = 0
        self.temporaires_apres_kill = self.temporaires_restants = 0

    def verifier(self, dossier: Path, attendus: list[dict[str, str]], premier: bool) -> None:
        etat = _etat(dossier)
        if etat is None or (premier and set(etat) == {NOTE}):
            return  # nothing rendered yet
        if NOTE not in etat:
            self.notes_perdues += 1
        if etat not in attendus:
            self.partiels += 1
            print(f"  dossier partiel : {sorted(etat)}", file=sys.stderr)

    def lignes(self, nom: str) -> list[str]:
        return [
            f"{nom} : {self.runs} rendus, {self.tues} tués en cours",
            f"  dossiers partiels : {self.partiels}",
            f"  notes.txt perdu : {self.notes_perdues}",
            f"  temporaires laissés par un rendu tué (avant le rendu suivant) : "
            f"{self.temporaires_apres_kill}",
            f"  temporaires restants après le rendu suivant : {self.temporaires_restants}",
        ]


def _preparer(parent: Path) -> Path:
    dossier = parent / "sortie"
    dossier.mkdir(parents=True)
    (dossier / NOTE).write_text("à moi\n", encoding="utf-8")
    return dossier


def mesurer_commande(runs: int, travail: Path, tirage: random.Random) -> Compte:
    missions = _missions(travail)
    attendus = _attendus(travail, missions)
    debut = time.monotonic()
    subprocess.run(_commande(EXEMPLE, travail / "chrono", True), check=True, capture_output=True)
    duree = time.monotonic() - debut
    parent = travail / "commande"
    dossier = _preparer(parent)
    compte, premier = Compte(), True
    for rang in range(runs):
        mission, politique = missions[rang % 2]
        processus = subprocess.Popen(
            _commande(mission, dossier, politique),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        compte.runs += 1
        if tirage.random() < 0.8:
            time.sleep(tirage.uniform(0.0, duree * 1.1))
            if processus.poll() is None:
                processus.send_signal(signal.SIGKILL)
                compte.tues += 1
        code = processus.wait()
        restes = _temporaires(parent)
        if code == 0:
            compte.temporaires_restants += len(restes)
            premier = False
        else:
            compte.temporaires_apres_kill += len(restes)
        compte.verifier(dossier, attendus, premier)
    return compte


def _ecrire_dans(dossier: str, fichiers: dict[str, bytes]) -> None:
    from missio.documents.output import ecrire

    ecrire(Path(dossier), fichiers)


def mesurer_ecriture(runs: int, travail: Path, tirage: random.Random) -> Compte:
    # Larger files (3 MB in all) so that most kills land inside the writing and the swap.
    jeux = [
        {f"acte-{i}.docx": os.urandom(100_000) for i in range(30)},
        {f"acte-{i}.docx": os.urandom(100_000) for i in range(20)} | {"decision.json": b"{}"},
    ]
    parent = travail / "ecriture"
    dossier = _preparer(parent)
    attendus = []
    for jeu in jeux:
        temoin = travail / f"temoin-{len(attendus)}"
        _ecrire_dans(str(temoin), jeu)
        (temoin / NOTE).write_text("à moi\n", encoding="utf-8")
        etat = _etat(temoin)
        assert etat is not None
        attendus.append(etat)
    contexte = multiprocessing.get_context("fork")
    debut = time.monotonic()
    _ecrire_dans(str(travail / "chrono"), jeux[0])
    duree = time.monotonic() - debut
    compte, premier = Compte(), True
    for rang in range(runs):
        processus = contexte.Process(target=_ecrire_dans, args=(str(dossier), jeux[rang % 2]))
        processus.start()
        compte.runs += 1
        time.sleep(tirage.uniform(0.0, duree * 1.2))
        if processus.is_alive():
            os.kill(processus.pid or 0, signal.SIGKILL)
            compte.tues += 1
        processus.join()
        restes = _temporaires(parent)
        if processus.exitcode == 0:
            compte.temporaires_restants += len(restes)
            premier = False
        else:
            compte.temporaires_apres_kill += len(restes)
        compte.verifier(dossier, attendus, premier)
    return compte


def mesurer_concurrents(paires: int, travail: Path) -> Compte:
    missions = _missions(travail)
    attendus = _attendus(travail, missions)
    parent = travail / "concurrents"
    dossier = _preparer(parent)
    compte = Compte()
    for _ in range(paires):
        processus = [
            subprocess.Popen(
                _commande(m, dossier, p), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            for m, p in missions
        ]
        codes = [p.wait() for p in processus]
        compte.runs += 2
        if codes != [0, 0]:
            compte.partiels += 1
            print(f"  codes de sortie {codes}", file=sys.stderr)
        compte.temporaires_restants += len(_temporaires(parent))
        compte.verifier(dossier, attendus, premier=False)
    return compte


def main() -> None:
    lecteur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    lecteur.add_argument("--runs", type=int, default=200, help="rendus par mesure (défaut 200)")
    lecteur.add_argument("--paires", type=int, default=20, help="paires de rendus concurrents")
    lecteur.add_argument("--graine", type=int, default=2026)
    options = lecteur.parse_args()
    tirage = random.Random(options.graine)
    with tempfile.TemporaryDirectory() as travail:
        racine = Path(travail)
        resultats = [
            mesurer_commande(options.runs, racine, tirage).lignes("missio render tué au hasard"),
            mesurer_ecriture(options.runs, racine, tirage).lignes("ecrire() tué au hasard"),
            mesurer_concurrents(options.paires, racine).lignes("rendus concurrents"),
        ]
    for lignes in resultats:
        print("\n".join(lignes))


if __name__ == "__main__":
    main()
