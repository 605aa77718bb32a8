"""Speed of missio beside anchors measured in the same run (only ratios hold on noisy machines).

    .venv/bin/python benchmarks/bench.py [--rounds N]

Each benchmark alternates missio and its anchor round by round and reports medians and the
median of the per-round ratios:

- evaluation: JSON mission in, JSON decision out, engine built once; anchor: a plain-Python
  function deciding the same mission from the raw JSON (parse, working days from a cached
  table, branches, JSON out);
- working days: one count over six months; target <= 1 µs;
- render: the ordre de mission and the 3-page convention de mise à disposition, warm, with
  the peak memory of one render; anchor: stock docxtpl rendering the same template with the
  same context (its documented path: DocxTemplate(...).render(...).save(...)); target for the
  convention: <= 2 ms (>= 500 documents/s per core) and <= 5 MB per render;
- cold start: ``missio evaluate EXAMPLE --json`` in a new process, compiled modules cached
  as on any installation (the warm-up run writes them); anchor:
  ``python -c "from pydantic import BaseModel; import pluggy"``; target <= 2.5x.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"


def chrono(fonction: Callable[[], object], repetitions: int) -> float:
    """Seconds per call, over `repetitions` calls."""
    debut = time.perf_counter()
    for _ in range(repetitions):
        fonction()
    return (time.perf_counter() - debut) / repetitions


def comparer(
    nom: str,
    sujet: Callable[[], object],
    ancre: Callable[[], object],
    tours: int,
    repetitions: int,
    unite: float,
    libelle: str,
) -> dict[str, float]:
    sujet(), ancre()  # warm-up
    mesures, ancres, ratios = [], [], []
    for _ in range(tours):
        s, a = chrono(sujet, repetitions), chrono(ancre, repetitions)
        mesures.append(s)
        ancres.append(a)
        ratios.append(s / a)
    resultat = {
        "missio": statistics.median(mesures) / unite,
        "ancre": statistics.median(ancres) / unite,
        "ratio": statistics.median(ratios),
    }
    print(
        f"{nom:<28} missio {resultat['missio']:9.2f} {libelle}   ancre {resultat['ancre']:9.2f} "
        f"{libelle}   ratio {resultat['ratio']:5.2f}"
    )
    return resultat


def decision_python(texte: bytes, table: list[int]) -> str:
    """Anchor: the same route decided by hand-written Python, no validation, no citations."""
    from bisect import bisect_left, bisect_right

    donnees = json.loads(texte)
    debut = date.fromisoformat(donnees["periodes"][0]["debut"]).toordinal()
    fin = date.fromisoformat(donnees["periodes"][0]["fin"]).toordinal()
    semaines = lambda o: (o - 1) // 7 * 5 + min((o - 1) % 7, 5)  # noqa: E731
    volume = (
        semaines(fin + 1) - semaines(debut) - (bisect_right(table, fin) - bisect_left(table, debut))
    )
    if donnees["cadre"] in ("cooperation_decentralisee", "expe_ct"):
        dispositif = "ordre_de_mission"
    elif volume <= 5:
        dispositif = "cumul_activites"
    elif volume <= 130:
        dispositif = "mise_a_disposition"
    else:
        dispositif = "detachement_courte_duree"
    return json.dumps(
        {
            "dispositif": dispositif,
            "volume_jours_ouvres": volume,
            "echeance": date.fromordinal(debut - 3).isoformat(),
        }
    )


def bench_evaluation(tours: int) -> dict[str, float]:
    from missio.calendar import calendrier
    from missio.engine import Engine

    engine = Engine()
    texte = EXEMPLE.read_bytes()
    table = calendrier("972")._ordinals
    assert (
        json.loads(engine.evaluer_json(texte))["volume_jours_ouvres"]
        == json.loads(decision_python(texte, table))["volume_jours_ouvres"]
        == 122
    )
    return comparer(
        "évaluation (JSON→JSON)",
        lambda: engine.evaluer_json(texte),
        lambda: decision_python(texte, table),
        tours,
        300,
        1e-6,
        "µs",
    )


def bench_jours_ouvres(tours: int) -> dict[str, float]:
    from missio.calendar import calendrier

    cal = calendrier("972")
    debut, fin = date(2026, 1, 15), date(2026, 7, 15)
    ensemble = frozenset(j for j in (date.fromordinal(o) for o in cal._ordinals))

    def boucle() -> int:  # anchor: a cached set and a day loop
        o, n = debut.toordinal(), 0
        while o <= fin.toordinal():
            jour = date.fromordinal(o)
            n += jour.weekday() < 5 and jour not in ensemble
            o += 1
        return n

    assert cal.jours_ouvres(debut, fin) == boucle()
    return comparer(
        "jours ouvrés (6 mois)",
        lambda: cal.jours_ouvres(debut, fin),
        boucle,
        tours,
        2000,
        1e-6,
        "µs",
    )


# The 3-page convention of the target: a mise à disposition through an operator.
MISSION_MAD = {
    "cadre": "operateur",
    "pays": "SN",
    "teletravail_jours_par_semaine": None,
    "periodes": [{"debut": "2026-04-06", "fin": "2026-05-29"}],
    "accueil": {"nom": "Expertise France", "nature": "operateur", "pays": "SN"},
}


def memoire(fonction: Callable[[], object]) -> float:
    """Peak memory allocated by one call (warm), in MB."""
    import tracemalloc

    fonction()
    tracemalloc.start()
    tracemalloc.reset_peak()
    fonction()
    pic = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return pic / 1e6


def bench_rendu(tours: int) -> dict[str, float]:
    """Warm render of an act by missio (templates compiled once per engine, unchanged zip parts
    copied as they are) beside stock docxtpl rendering the same template with the same context
    (its documented path: DocxTemplate(...).render(...).save(...))."""
    from docxtpl import DocxTemplate

    from missio.documents import Redacteur
    from missio.documents.francais import FILTRES
    from missio.documents.rendering import environnement
    from missio.engine import Engine

    engine = Engine()
    redacteur = Redacteur(engine)
    env = environnement(FILTRES)
    base = json.loads(EXEMPLE.read_bytes())
    resultats: dict[str, float] = {}
    for nom, code, changements in (
        ("rendu ordre de mission", "ordre_de_mission", {}),
        ("rendu convention MAD", "convention_mise_a_disposition", MISSION_MAD),
    ):
        mission = engine.valider({**base, **changements})
        decision = engine.evaluer(mission)
        declare = engine.documents[code]
        contexte = redacteur.contexte(decision, mission, declare)

        def stock(modele_docx: Path = declare.modele, contexte: dict[str, Any] = contexte) -> bytes:
            modele = DocxTemplate(str(modele_docx))
            modele.render(contexte, env, autoescape=True)
            sortie = io.BytesIO()
            modele.save(sortie)
            return sortie.getvalue()

        def sujet(code: str = code, decision: Any = decision, mission: Any = mission) -> bytes:
            return redacteur.rendre_un(code, decision, mission)

        mesure = comparer(nom, sujet, stock, tours, 20, 1e-3, "ms")
        memoire_missio, memoire_stock = memoire(sujet), memoire(stock)
        print(
            f"{'':<28} mémoire par rendu : missio {memoire_missio:.2f} Mo, "
            f"docxtpl {memoire_stock:.2f} Mo"
        )
        resultats = mesure | {"memoire_mo": memoire_missio, "memoire_ancre_mo": memoire_stock}
    return resultats  # the convention's figures: the target's document


def bench_demarrage(tours: int) -> dict[str, float]:
    commande = [str(Path(sys.executable).with_name("missio")), "evaluate", str(EXEMPLE), "--json"]
    ancre = [sys.executable, "-c", "from pydantic import BaseModel; import pluggy"]

    # As on any installation, compiled modules are cached (__pycache__): without that (with
    # PYTHONDONTWRITEBYTECODE set, as on some CI machines), missio's sources would be compiled
    # again at every start while the anchor's, installed by pip, are compiled once.
    env = {cle: valeur for cle, valeur in os.environ.items() if cle != "PYTHONDONTWRITEBYTECODE"}

    def lancer(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, check=True, capture_output=True, env=env)

    return comparer(
        "démarrage à froid (CLI)", lancer(commande), lancer(ancre), tours, 3, 1e-3, "ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]} — {args.rounds} tours, médianes (ratio = médiane des ratios par tour)"
    )
    resultats = {
        "evaluation": bench_evaluation(args.rounds),
        "jours_ouvres": bench_jours_ouvres(args.rounds),
        "rendu": bench_rendu(max(3, args.rounds // 3)),
        "demarrage": bench_demarrage(max(3, args.rounds // 3)),
    }
    print(
        f"→ {1 / (resultats['evaluation']['missio'] * 1e-6):,.0f} décisions/s, "
        f"{1 / (resultats['rendu']['missio'] * 1e-3):,.0f} documents/s par cœur".replace(",", " ")
    )


if __name__ == "__main__":
    main()
