"""Speed and memory of ``missio batch`` on many varied missions.

    .venv/bin/python benchmarks/bench_lot.py [--missions N] [--travailleurs J] [--dossier]
                                             [--flatness] [--garder DOSSIER]

Missions are the casebook's (tests/casebook/**/*.yaml, on their example base), varied
deterministically: the agent's name, the reference, and every date of the mission moved by the
same number of days (0 to 27), so each decision stays what its case means (the routes, the
non-conforme and the invalid cases all appear). They are written as one JSON Lines file (or,
with ``--dossier``, a folder of JSON files) in a temporary folder; the real CLI
(``missio batch``, a new process) renders them. Reported: missions, acts written, elapsed
seconds, missions/s and acts/s, CPU seconds (parent and workers), the peak RSS of the parent and of the largest worker (from
``getrusage(RUSAGE_CHILDREN)``, which gives the largest child's peak). ``--flatness`` runs
1 000 then N missions to show the peak memory does not grow with the input.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
MISSIO = Path(sys.executable).parent / "missio"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOMS = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau"]
PRENOMS = ["Camille", "Léa", "Hugo", "Inès", "Louis", "Manon", "Nathan", "Chloé", "Jules"]


def bases() -> list[dict[str, Any]]:
    """Every casebook mission (cases needing a policy included, decided without it)."""
    sys.path.insert(0, str(RACINE))
    from missio.casebook.cas import charger, trouver

    dossier = RACINE / "tests" / "casebook"
    missions = []
    for chemin in trouver(dossier):
        try:
            missions.append(charger(chemin, dossier).mission)
        except Exception:  # a case file meant to be invalid itself
            continue
    return missions


def _decaler(valeur: Any, jours: int) -> Any:
    if isinstance(valeur, dict):
        return {cle: _decaler(v, jours) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_decaler(v, jours) for v in valeur]
    if isinstance(valeur, str) and _DATE.match(valeur):
        try:
            return (date.fromisoformat(valeur) + timedelta(days=jours)).isoformat()
        except ValueError:
            return valeur  # an invalid date a case is about
    return valeur


def missions(nombre: int) -> Iterator[dict[str, Any]]:
    modeles = bases()
    for rang in range(nombre):
        mission = _decaler(modeles[rang % len(modeles)], (rang * 7) % 28)
        if isinstance(mission.get("agent"), dict):
            mission["agent"] = mission["agent"] | {
                "nom": NOMS[rang % len(NOMS)],
                "prenom": PRENOMS[(rang // len(NOMS)) % len(PRENOMS)],
            }
        if isinstance(mission.get("reference"), str):
            mission["reference"] = f"{mission['reference']}-{rang:05d}"
        yield mission


def ecrire_entree(dossier: Path, nombre: int, en_dossier: bool) -> Path:
    if en_dossier:
        entree = dossier / "missions"
        entree.mkdir()
        for rang, mission in enumerate(missions(nombre)):
            (entree / f"m{rang:05d}.json").write_text(json.dumps(mission, ensure_ascii=False))
        return entree
    entree = dossier / "missions.jsonl"
    with entree.open("w", encoding="utf-8") as fichier:
        for mission in missions(nombre):
            fichier.write(json.dumps(mission, ensure_ascii=False) + "\n")
    return entree


def mesurer(nombre: int, travailleurs: int | None, en_dossier: bool, garder: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-lot-") as temporaire:
        dossier = Path(temporaire)
        entree = ecrire_entree(dossier, nombre, en_dossier)
        sortie = (garder or dossier) / "sortie"
        commande = [
            sys.executable,
            "-c",
            _ENVELOPPE,
            str(MISSIO),
            "batch",
            str(entree),
            "--out",
            str(sortie),
            "--silencieux",
        ]
        if travailleurs:
            commande += ["--travailleurs", str(travailleurs)]
        debut = time.perf_counter()
        fini = subprocess.run(commande, capture_output=True, text=True, check=False)
        duree = time.perf_counter() - debut
        if fini.returncode not in (0, 1, 2):
            raise SystemExit(f"missio batch a échoué ({fini.returncode}) : {fini.stderr}")
        mesures = json.loads(fini.stderr.strip().splitlines()[-1])
        actes = 0
        statuts: dict[str, int] = {}
        with (sortie / "rapport-lot.jsonl").open(encoding="utf-8") as rapport:
            for ligne in rapport:
                resultat = json.loads(ligne)
                actes += resultat["actes"]
                statuts[resultat["statut"]] = statuts.get(resultat["statut"], 0) + 1
        fichiers = sum(1 for _ in sortie.rglob("*") if _.is_file())
    return {
        "missions": nombre,
        "actes": actes,
        "fichiers": fichiers,
        "statuts": statuts,
        "secondes": round(duree, 2),
        "missions_par_s": round(nombre / duree, 1),
        "actes_par_s": round(actes / duree, 1),
        # CPU seconds of the parent and its workers: less sensitive than seconds to a loaded
        # machine's other processes.
        "cpu_s": mesures["cpu"],
        "cpu_ms_par_mission": round(mesures["cpu"] / nombre * 1000, 2),
        "rss_parent_mo": mesures["parent"],
        "rss_travailleur_max_mo": mesures["enfants"],
        "sortie_missio": fini.stdout.strip(),
    }


# Runs the CLI in this process, then prints the peak RSS of the process and of its largest
# child (ru_maxrss is in kB on Linux).
_ENVELOPPE = """
import json, resource, runpy, sys
programme = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    runpy.run_path(programme, run_name="__main__")
except SystemExit:
    pass
moi = resource.getrusage(resource.RUSAGE_SELF)
enfants = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "parent": round(moi.ru_maxrss / 1024, 1),
    "enfants": round(enfants.ru_maxrss / 1024, 1),
    "cpu": round(sum(r.ru_utime + r.ru_stime for r in (moi, enfants)), 2),
}), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missions", type=int, default=10_000)
    parser.add_argument("--travailleurs", type=int)
    parser.add_argument("--dossier", action="store_true", help="un fichier JSON par mission")
    parser.add_argument("--flatness", action="store_true", help="1 000 puis N missions")
    parser.add_argument("--garder", type=Path, help="garder la sortie dans ce dossier")
    args = parser.parse_args()
    tailles = [1_000, args.missions] if args.flatness else [args.missions]
    for nombre in tailles:
        print(json.dumps(mesurer(nombre, args.travailleurs, args.dossier, args.garder)))


if __name__ == "__main__":
    main()
