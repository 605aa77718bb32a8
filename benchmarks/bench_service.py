"""Load test of the HTTP service on loopback, beside a minimal FastAPI app served the same way.

    .venv/bin/python benchmarks/bench_service.py [--workers 1 2] [--concurrences 1 8 32]
        [--duree 3] [--tours 3] [--avant REVISION [--avant-pile h11|installee]]
        [--decisions 400] [--renders 60] [--threads 4]

Two parts, for each worker count:

1. **Ratio to an anchor** (needs ``wrk``: ``apt-get install wrk``). ``missio serve`` and three
   minimal FastAPI apps (benchmarks/ancre_service.py), started with the same uvicorn options
   (:func:`missio.service.cli.uvicorn_options`) and the same worker count, are served at once
   and loaded in turn by ``wrk`` with the example mission at each concurrency, round after
   round (`--tours`), for `--duree` seconds each. The anchor reads the body and answers
   constant bytes, the size of missio's answer; the two others call the engine, in their
   route on the event loop (what no server can undercut) and in FastAPI's thread pool (the
   usual way to keep the loop free). The tables give each one's requests/s, CPU per request
   (all the server's processes, from /proc, and the part of their main threads, the event
   loops), latency, and the median and range of the per-round ratios to the anchor: on a
   shared machine only ratios measured in the same run carry over. Beside it, the engine
   alone (``Engine.evaluer_json`` in this process) gives what the HTTP layer adds.
   With ``--avant REVISION``, the service of that git revision (its ``core/``, with this
   checkout's plugins) is served too, by default on h11 and asyncio beside an anchor on h11
   and asyncio (httptools and uvloop hidden from both, as where they are not installed):
   before and after in the same run.
2. **Decisions and renders** from Python client threads (`--threads`, keep-alive): `--decisions`
   ``POST /v1/decisions`` then `--renders` ``POST /v1/documents`` (the zip of the acts), every
   request bounded in count and time; tests/service/test_service_load.py runs this part with
   smaller counts.

Traffic goes to 127.0.0.1 only; every server started is stopped at the end. Figures recorded
with this script, and the machine they come from: docs/service.md, « Performances ».
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
HOTE = "127.0.0.1"  # loopback only


@dataclass
class Serveur:
    port: int
    journal: Path
    processus: subprocess.Popen[bytes]

    def lignes(self) -> list[str]:
        return self.journal.read_text(encoding="utf-8", errors="replace").splitlines()


@dataclass
class Mesure:
    nom: str
    requetes: int
    echecs: int
    duree: float
    latences: list[float]

    @property
    def debit(self) -> float:
        return self.requetes / self.duree if self.duree else 0.0

    def centile(self, p: float) -> float:
        if not self.latences:
            return float("nan")
        if len(self.latences) == 1:
            return self.latences[0]
        return statistics.quantiles(self.latences, n=100, method="inclusive")[int(p) - 1]

    def ligne(self) -> str:
        return (
            f"{self.nom:<10} {self.requetes:5d} requêtes  {self.echecs:3d} échecs  "
            f"{self.debit:7.1f} req/s  p50 {self.centile(50) * 1000:7.1f} ms  "
            f"p99 {self.centile(99) * 1000:7.1f} ms"
        )


def port_libre() -> int:
    with socket.socket() as s:
        s.bind((HOTE, 0))
        return int(s.getsockname()[1])


def _pret(port: int) -> bool:
    try:
        connexion = http.client.HTTPConnection(HOTE, port, timeout=1)
        connexion.request("GET", "/healthz")
        return connexion.getresponse().status == 200
    except OSError:
        return False


def _demarres(journal: Path) -> int:
    """Worker processes that said they started (missio serve's JSON log)."""
    return journal.read_text(errors="replace").count("Started server process")


def commande_missio(port: int, workers: int, config: Path | None = None) -> list[str]:
    commande = [sys.executable, "-m", "missio", "serve", "--host", HOTE, "--port", str(port)]
    commande += ["--workers", str(workers)]
    return commande + (["--config", str(config)] if config is not None else [])


def commande_ancre(port: int, workers: int, application: str = "application") -> list[str]:
    """An anchor: this script in ``--ancre`` mode, serving `application` of
    benchmarks/ancre_service.py (see :func:`servir_ancre`)."""
    commande = [sys.executable, __file__, "--ancre", application, "--port", str(port)]
    return [*commande, "--workers", str(workers)]


@contextmanager
def serveur(
    workers: int,
    config: Path | None = None,
    demarrage: float = 90.0,
    ancre: str | None = None,
    environnement: dict[str, str] | None = None,
) -> Iterator[Serveur]:
    """``missio serve`` (or the anchor app named `ancre`) on a free loopback port; stopped
    (SIGTERM, then SIGKILL) at exit."""
    port = port_libre()
    if ancre is not None:
        commande = commande_ancre(port, workers, ancre)
    else:
        commande = commande_missio(port, workers, config)
    env = {k: v for k, v in os.environ.items() if k != "MISSIO_SERVICE_CONFIG"}
    env |= environnement or {}
    with tempfile.TemporaryDirectory(prefix="missio-bench-") as dossier:
        journal = Path(dossier) / "serveur.log"
        with journal.open("wb") as sortie:
            # Its own session, so the workers go with it if it has to be killed.
            processus = subprocess.Popen(
                commande,
                stdout=sortie,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        try:
            fin = time.monotonic() + demarrage
            # Ready means every worker started (one answering /healthz is not enough: on a
            # loaded machine the second may start after a short load is over).
            while not _pret(port) or not (ancre or _demarres(journal) >= workers):
                if processus.poll() is not None or time.monotonic() > fin:
                    raise RuntimeError(
                        f"le service n'a pas démarré :\n{journal.read_text(errors='replace')}"
                    )
                time.sleep(0.2)
            yield Serveur(port, journal, processus)
        finally:
            processus.send_signal(signal.SIGTERM)
            try:
                processus.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(processus.pid, signal.SIGKILL)
                processus.wait(5)


def charge(
    port: int, nom: str, chemin: str, corps: bytes, nombre: int, fils: int, limite: float
) -> Mesure:
    """`nombre` POSTs of `corps` to `chemin` from `fils` threads, each with its keep-alive
    connection; stops early (counting the rest as not sent) past `limite` seconds."""
    restants = iter(range(nombre))
    verrou = threading.Lock()
    latences: list[float] = []
    echecs = [0]
    fin = time.monotonic() + limite

    def client() -> None:
        connexion = http.client.HTTPConnection(HOTE, port, timeout=limite)
        while time.monotonic() < fin:
            with verrou:
                if next(restants, None) is None:
                    break
            debut = time.perf_counter()
            try:
                connexion.request(
                    "POST", chemin, body=corps, headers={"Content-Type": "application/json"}
                )
                reponse = connexion.getresponse()
                reponse.read()
                ok = reponse.status == 200
            except OSError:
                ok = False
                connexion.close()
                connexion = http.client.HTTPConnection(HOTE, port, timeout=limite)
            ecoule = time.perf_counter() - debut
            with verrou:
                latences.append(ecoule)
                echecs[0] += not ok
        connexion.close()

    debut = time.perf_counter()
    with ThreadPoolExecutor(fils) as pool:
        for futur in [pool.submit(client) for _ in range(fils)]:
            futur.result()
    duree = time.perf_counter() - debut
    envoyees = len(latences)
    return Mesure(nom, envoyees, echecs[0] + (nombre - envoyees), duree, sorted(latences))


def mesurer(
    workers: int, decisions: int, rendus: int, fils: int, limite: float
) -> tuple[list[Mesure], list[str]]:
    """Both phases against one server; returns the measures and the server's log lines."""
    corps = EXEMPLE.read_bytes()
    with serveur(workers) as srv:
        # Warm-up: the first render of each worker compiles nothing (templates are compiled at
        # start) but touches cold code paths; a few requests keep them out of the figures.
        charge(srv.port, "chauffe", "/v1/documents", corps, 2 * workers, fils, limite)
        mesures = [
            charge(srv.port, "décision", "/v1/decisions", corps, decisions, fils, limite),
            charge(srv.port, "rendu", "/v1/documents", corps, rendus, fils, limite),
        ]
        lignes = srv.lignes()
    return mesures, lignes


# --- the anchor -------------------------------------------------------------------------


def servir_ancre(application: str, port: int, workers: int) -> None:
    """Serve an anchor (`application` of benchmarks/ancre_service.py) with ``missio serve``'s
    uvicorn options."""
    import uvicorn

    from missio.service.cli import uvicorn_options

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [sys.path[0], os.environ.get("PYTHONPATH")])
    )
    uvicorn.run(
        f"ancre_service:{application}",
        factory=True,
        workers=workers,
        **uvicorn_options(HOTE, port, "warning"),
    )


# --- wrk ---------------------------------------------------------------------------------


@dataclass
class Wrk:
    debit: float
    p50: float
    p99: float
    erreurs: int
    cpu: float = float("nan")  # server CPU per request, in ms (all its processes)
    # Of which its processes' main threads (the event loops), in ms per request; the rest is
    # their other threads (missio's evaluation pool, FastAPI's thread pool).
    cpu_boucle: float = float("nan")


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it (uvicorn's workers)."""
    pids, a_voir = [], [pid]
    while a_voir:
        courant = a_voir.pop()
        pids.append(courant)
        for tache in Path(f"/proc/{courant}/task").glob("*/children"):
            with suppress(OSError):
                a_voir += [int(p) for p in tache.read_text().split()]
    return pids


def _ticks(stat: Path) -> int:
    champs = stat.read_text().rsplit(")", 1)[1].split()
    return int(champs[11]) + int(champs[12])  # utime, stime


def temps_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds used so far by `pid` and its processes, and by their main threads alone
    (Linux /proc; nan elsewhere)."""
    if not Path("/proc").is_dir():
        return float("nan"), float("nan")
    total = boucles = 0
    for processus in _descendants(pid):
        with suppress(OSError):
            total += _ticks(Path(f"/proc/{processus}/stat"))
            boucles += _ticks(Path(f"/proc/{processus}/task/{processus}/stat"))
    seconde = os.sysconf("SC_CLK_TCK")
    return total / seconde, boucles / seconde


def _duree_ms(texte: str) -> float:
    for suffixe, facteur in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if texte.endswith(suffixe):
            return float(texte[: -len(suffixe)]) * facteur
    return float("nan")


def wrk(port: int, concurrence: int, duree: float, corps: Path, pid: int | None = None) -> Wrk:
    """``wrk`` POSTing `corps` to /v1/decisions with `concurrence` connections (and the CPU
    that server `pid` spent per request: less sensitive than throughput to a shared machine)."""
    nan = float("nan")
    cpu_avant = temps_cpu(pid) if pid else (nan, nan)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f'local f = io.open("{corps}", "rb"); wrk.body = f:read("*a"); f:close()\n'
        )
    try:
        adresse = f"http://{HOTE}:{port}/v1/decisions"
        sortie = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{concurrence}",
                f"-d{duree:g}s",
                "--latency",
                "-s",
                script.name,
                adresse,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duree + 30,
        ).stdout
    finally:
        os.unlink(script.name)
    valeurs: dict[str, str] = {}
    erreurs = 0
    for ligne in sortie.splitlines():
        mots = ligne.split()
        if ligne.startswith("Requests/sec:"):
            valeurs["debit"] = mots[1]
        elif mots[:1] in (["50%"], ["99%"]):
            valeurs[mots[0]] = mots[1]
        elif ligne.strip().startswith(("Non-2xx", "Socket errors")):
            erreurs += sum(int(m.strip(",")) for m in mots if m.strip(",").isdigit())
    debit = float(valeurs["debit"])
    cpu_apres = temps_cpu(pid) if pid else (nan, nan)
    cpu, boucle = (
        (a - b) / (debit * duree) * 1000 for a, b in zip(cpu_apres, cpu_avant, strict=True)
    )
    p50, p99 = _duree_ms(valeurs["50%"]), _duree_ms(valeurs["99%"])
    return Wrk(debit, p50, p99, erreurs, cpu, boucle)


_MOTEUR: list[Any] = []  # the engine of temps_moteur, built once


def temps_moteur(repetitions: int = 300) -> float:
    """CPU milliseconds per decision of the engine alone, JSON in and out as the service
    answers it (indented), in this process."""
    from missio.engine import Engine

    if not _MOTEUR:
        _MOTEUR.append(Engine())
    engine = _MOTEUR[0]
    corps = EXEMPLE.read_bytes()
    for _ in range(20):
        engine.evaluer_json(corps, indent=2)
    debut = time.process_time()
    for _ in range(repetitions):
        engine.evaluer_json(corps, indent=2)
    return (time.process_time() - debut) / repetitions * 1000


# --- variants: the anchor and missio, on this checkout's code or an earlier revision's ------


@dataclass(frozen=True)
class Variante:
    """A server of the comparison: an anchor app of benchmarks/ancre_service.py (`ancre`, its
    name) or ``missio serve`` (None), on this checkout's code or on a git revision's ``core/``
    (`revision`), with the installed parser and event loop or with h11 and asyncio (`h11`:
    httptools and uvloop hidden from the server, as where they are not installed)."""

    nom: str
    ancre: str | None
    revision: str | None = None
    h11: bool = False


_SANS_EXTENSIONS = (
    "# Written by benchmarks/bench_service.py: httptools and uvloop hidden, as where they are\n"
    "# not installed (uvicorn then serves with h11 and asyncio).\n"
    "import sys\n"
    "sys.modules['httptools'] = None\n"
    "sys.modules['uvloop'] = None\n"
)


def environnement(variante: Variante, dossier: Path) -> dict[str, str]:
    """The environment that serves `variante`: ``PYTHONPATH`` ahead of the checkout (a
    revision's ``core/`` as the package ``missio``, a ``sitecustomize`` that hides httptools
    and uvloop); the plugins and templates stay this checkout's."""
    chemins = []
    if variante.h11:
        (dossier / "h11").mkdir(exist_ok=True)
        (dossier / "h11" / "sitecustomize.py").write_text(_SANS_EXTENSIONS, encoding="utf-8")
        chemins.append(str(dossier / "h11"))
    if variante.revision is not None:
        cible = dossier / f"rev-{variante.revision}"
        if not cible.exists():
            cible.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(RACINE), "archive", variante.revision, "core"],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(cible)], input=archive, check=True)
            (cible / "core").rename(cible / "missio")
        chemins.append(str(cible))
    ancien = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": os.pathsep.join([*chemins, *([ancien] if ancien else [])])}


def _mediane_etendue(valeurs: list[float], format_: str) -> str:
    """`valeurs`' median, and their range when they differ: « 0.31× (0.27–0.35) »."""
    mediane, bas, haut = statistics.median(valeurs), min(valeurs), max(valeurs)
    texte = format_.format(mediane)
    if len(valeurs) > 1 and format_.format(bas) != format_.format(haut):
        texte += f" ({format_.format(bas)}–{format_.format(haut)})"
    return texte


# The engine alone, measured in this process at each round (see mesurer_variantes).
MOTEUR = "moteur"
# The anchor with the engine in its handler, on the event loop and in FastAPI's thread pool.
BOUCLE, FIL = "moteur-boucle", "moteur-fil"


def mesurer_variantes(
    workers: int,
    variantes: list[Variante],
    concurrences: list[int],
    duree: float,
    tours: int,
) -> dict[tuple[str, int], list[Wrk]]:
    """Every variant served at once (``workers`` processes each), loaded in turn by wrk at each
    concurrency, round after round: each round's ratios compare servers measured within
    seconds of each other, on the same machine load."""
    mesures: dict[tuple[str, int], list[Wrk]] = {}
    with ExitStack() as pile, tempfile.TemporaryDirectory(prefix="missio-variantes-") as dossier:
        serveurs = {}
        for variante in variantes:
            env = environnement(variante, Path(dossier))
            serveurs[variante.nom] = pile.enter_context(
                serveur(workers, ancre=variante.ancre, environnement=env)
            )
        for srv in serveurs.values():  # warm-up: cold code paths, connections
            wrk(srv.port, 8, 1, EXEMPLE)
        for _ in range(tours):
            for c in concurrences:
                # The engine alone too, at each round: on a shared machine its time moves with
                # the load as much as the servers' do.
                moteur = temps_moteur(100)
                mesures.setdefault((MOTEUR, c), []).append(Wrk(0.0, 0.0, 0.0, 0, moteur))
                for nom, srv in serveurs.items():
                    mesure = wrk(srv.port, c, duree, EXEMPLE, srv.processus.pid)
                    mesures.setdefault((nom, c), []).append(mesure)
    return mesures


def _debits(serveur: list[Wrk], ancre: list[Wrk]) -> list[float]:
    """Each round's throughput of `serveur` over the anchor's in the same round."""
    return [x.debit / y.debit for x, y in zip(serveur, ancre, strict=True)]


def lignes_detail(
    workers: int,
    mesures: dict[tuple[str, int], list[Wrk]],
    missio: str,
    ancre: str,
    concurrences: list[int],
) -> list[str]:
    """The detailed table's lines: `missio` beside `ancre`, per concurrency. What missio adds
    to the engine compares each round's CPU per request with the engine's in that round."""
    lignes = []
    for c in concurrences:
        a, m = mesures[(ancre, c)], mesures[(missio, c)]
        ajouts = [x.cpu - y.cpu for x, y in zip(m, mesures[(MOTEUR, c)], strict=True)]
        debits = _debits(m, a)
        cpus = [y.cpu / x.cpu for x, y in zip(m, a, strict=True)]
        erreurs = sum(x.erreurs for x in a + m)
        lignes.append(
            f"| {workers} | {c} | {statistics.median(x.debit for x in a):.0f} "
            f"| {statistics.median(x.cpu for x in a):.2f} ms "
            f"| {statistics.median(x.debit for x in m):.0f} "
            f"| {statistics.median(x.p50 for x in m):.2f} ms "
            f"| {statistics.median(x.p99 for x in m):.1f} ms "
            f"| {_mediane_etendue([x.cpu for x in m], '{:.2f}')} ms "
            f"| {_mediane_etendue(debits, '{:.2f}')}× | {_mediane_etendue(cpus, '{:.2f}')}× "
            # What the HTTP layer adds to the engine alone (the target: 0.5 ms at most).
            f"| {statistics.median(x.cpu for x in mesures[(MOTEUR, c)]):.2f} ms "
            f"| {_mediane_etendue(ajouts, '{:+.2f}')} ms |"
            + (f" {erreurs} erreurs" if erreurs else "")
        )
    return lignes


def lignes_decomposition(
    workers: int, mesures: dict[tuple[str, int], list[Wrk]], concurrences: list[int]
) -> list[str]:
    """One line per concurrency: each server's CPU per request, the part of it spent by the
    event loops, and its throughput over the anchor's in the same round."""
    lignes = []
    for c in concurrences:
        ancre = mesures[("ancre", c)]
        cellules = [f"{statistics.median(x.cpu for x in ancre):.2f} ms"]
        for nom in (BOUCLE, FIL, "missio"):
            m = mesures[(nom, c)]
            debits = _debits(m, ancre)
            cellules.append(
                f"{statistics.median(x.cpu for x in m):.2f} ms "
                f"(boucle {statistics.median(x.cpu_boucle for x in m):.2f}) ; "
                f"{_mediane_etendue(debits, '{:.2f}')}×"
            )
        cellules.append(f"{statistics.median(x.cpu for x in mesures[(MOTEUR, c)]):.2f} ms")
        lignes.append(f"| {workers} | {c} | " + " | ".join(cellules) + " |")
    return lignes


def lignes_avant_apres(
    workers: int,
    mesures: dict[tuple[str, int], list[Wrk]],
    comparaisons: list[tuple[str, str]],
    concurrences: list[int],
) -> list[str]:
    """One line per concurrency: for each (missio, anchor) pair, the throughput ratio and the
    CPU-per-request ratio (median of the rounds, and their range)."""
    lignes = []
    for c in concurrences:
        cellules = []
        for missio, ancre in comparaisons:
            a, m = mesures[(ancre, c)], mesures[(missio, c)]
            debits = _debits(m, a)
            cpus = [y.cpu / x.cpu for x, y in zip(m, a, strict=True)]
            cellules.append(
                f"{_mediane_etendue(debits, '{:.2f}')}× / {_mediane_etendue(cpus, '{:.2f}')}×"
            )
        lignes.append(f"| {workers} | {c} | " + " | ".join(cellules) + " |")
    return lignes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrences", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--duree", type=float, default=3.0, help="secondes par mesure wrk")
    parser.add_argument("--tours", type=int, default=3, help="tours ancre puis missio")
    parser.add_argument(
        "--avant",
        metavar="REVISION",
        help="mesurer aussi le service de cette révision git (son core/), sur h11 et asyncio "
        "ou, avec --avant-pile installee, sur l'analyseur et la boucle installés",
    )
    parser.add_argument("--avant-pile", choices=["h11", "installee"], default="h11")
    parser.add_argument("--decisions", type=int, default=400)
    parser.add_argument("--renders", type=int, default=60)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--limite", type=float, default=60.0, help="secondes par phase, au plus")
    parser.add_argument("--ancre", metavar="APPLICATION", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ancre:
        servir_ancre(args.ancre, args.port, args.workers[0])
        return
    from missio.service.transport import PARSER

    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}, analyseur HTTP {PARSER}, "
        f"boucle {'uvloop' if importlib.util.find_spec('uvloop') else 'asyncio'}"
    )
    moteur = temps_moteur()
    print(
        f"moteur seul (Engine.evaluer_json, indenté), au départ : {moteur:.3f} ms de CPU par "
        "décision (puis à chaque tour, à côté des serveurs)"
    )
    if shutil.which("wrk"):
        variantes = [
            Variante("ancre", "application"),
            Variante(BOUCLE, "application_moteur_boucle"),
            Variante(FIL, "application_moteur_fil"),
            Variante("missio", None),
        ]
        comparaisons = [("missio", "ancre")]
        if args.avant:
            h11 = args.avant_pile == "h11"
            variantes.append(Variante("avant", None, revision=args.avant, h11=h11))
            if h11:
                variantes.append(Variante("ancre-h11", "application", h11=True))
            ancre_avant = "ancre-h11" if h11 else "ancre"
            comparaisons = [("avant", ancre_avant), ("missio", "ancre")]
            if h11:
                comparaisons.append(("missio", "ancre-h11"))
        par_workers = {
            w: mesurer_variantes(w, variantes, args.concurrences, args.duree, args.tours)
            for w in args.workers
        }
        print(
            f"\nPOST /v1/decisions, wrk -t1 pendant {args.duree:g} s, médianes de {args.tours} "
            "tours (étendue entre parenthèses)"
        )
        print(
            "| workers | c | ancre req/s | ancre CPU/req | missio req/s | missio p50 "
            "| missio p99 | missio CPU/req | débit missio/ancre | CPU ancre/missio "
            "| moteur seul | CPU missio − moteur |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for w, mesures in par_workers.items():
            for ligne in lignes_detail(w, mesures, "missio", "ancre", args.concurrences):
                print(ligne)
        print(
            "\nDécomposition : l'ancre avec le moteur dans sa route, sur la boucle (aucun "
            "serveur ne fait moins) puis dans le pool de fils de FastAPI ; CPU par requête "
            "(dont boucle d'événements) et débit rapporté à l'ancre, médianes"
        )
        print(
            "| workers | c | ancre | moteur sur la boucle | moteur en fil (FastAPI) "
            "| missio | moteur seul |"
        )
        print("|---|---|---|---|---|---|---|")
        for w, mesures in par_workers.items():
            for ligne in lignes_decomposition(w, mesures, args.concurrences):
                print(ligne)
        if args.avant:
            print(f"\nAvant ({args.avant}) et après, même passage : débit / CPU par requête")
            print("| workers | c | " + " | ".join(f"{m} / {a}" for m, a in comparaisons) + " |")
            print("|---|---|" + "---|" * len(comparaisons))
            for w, mesures in par_workers.items():
                for ligne in lignes_avant_apres(w, mesures, comparaisons, args.concurrences):
                    print(ligne)
            print("\nCPU par requête (ms), médianes :")
            for w, mesures in par_workers.items():
                for c in args.concurrences:
                    valeurs = "  ".join(
                        f"{nom} {statistics.median(x.cpu for x in mesures[(nom, c)]):.2f}"
                        for nom in [MOTEUR, *(v.nom for v in variantes)]
                    )
                    print(f"  workers {w}, c {c} : {valeurs}")
    else:
        print("wrk absent (apt-get install wrk) : pas de comparaison avec l'ancre.")
    print(f"\nclients Python : {args.threads} fils, connexions persistantes")
    echec = False
    for workers in args.workers:
        mesures_, _ = mesurer(workers, args.decisions, args.renders, args.threads, args.limite)
        print(f"--workers {workers}")
        for mesure in mesures_:
            print("  " + mesure.ligne())
        echec |= any(m.echecs for m in mesures_)
    if echec:
        sys.exit(1)


if __name__ == "__main__":
    main()
