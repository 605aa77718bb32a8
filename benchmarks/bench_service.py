"""Load test of the HTTP service on loopback: requests/s and p50/p99 latency, decision and render.

    .venv/bin/python benchmarks/bench_service.py [--decisions 400] [--renders 60] [--threads 4]
                                                 [--workers 1 2]

For each worker count, starts ``missio serve --host 127.0.0.1 --workers N`` on a free port in a
subprocess, waits for ``/healthz``, then sends the example mission: first `--decisions`
``POST /v1/decisions``, then `--renders` ``POST /v1/documents`` (the zip of the decision and its
acts), from `--threads` client threads with keep-alive connections. Every request must succeed.
Each phase is bounded in count and in time (`--limite` seconds); the server is stopped at the
end. Traffic goes to 127.0.0.1 only.

The client runs on the same machine as the server (2 cores here): the figures are those of the
whole exchange, and only their order of magnitude and their ratios carry over to other machines.
The tests (tests/service/test_service_load.py) run the same code with smaller counts.

Recorded on the development machine (2 cores, client on the same machine; ranges of four runs,
2026-11-26; 400 decisions then 60 renders of the full zip, 4 client threads):

    --workers 1   decision  550-930 req/s    p50 3.6-5.2 ms   p99  7-45 ms
                  render    120-280 req/s    p50  13-29 ms    p99 25-116 ms
    --workers 2   decision  920-1340 req/s   p50 3.0-4.3 ms   p99  7-13 ms
                  render    240-355 req/s    p50   9-14 ms    p99 27-39 ms

Before TCP_NODELAY was set on accepted connections (core/service/transport.py), --workers 2
gave 84 decisions/s at p50 48 ms: Nagle's algorithm against the client's delayed ACK.
"""

from __future__ import annotations

import argparse
import http.client
import os
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


@contextmanager
def serveur(workers: int, config: Path | None = None, demarrage: float = 90.0) -> Iterator[Serveur]:
    """``missio serve`` on a free loopback port; stopped (SIGTERM, then SIGKILL) at exit."""
    port = port_libre()
    commande = [sys.executable, "-m", "missio", "serve", "--host", HOTE, "--port", str(port)]
    commande += ["--workers", str(workers)]
    environnement = {k: v for k, v in os.environ.items() if k != "MISSIO_SERVICE_CONFIG"}
    if config is not None:
        commande += ["--config", str(config)]
    with tempfile.TemporaryDirectory(prefix="missio-bench-") as dossier:
        journal = Path(dossier) / "serveur.log"
        with journal.open("wb") as sortie:
            # Its own session, so the workers go with it if it has to be killed.
            processus = subprocess.Popen(
                commande,
                stdout=sortie,
                stderr=subprocess.STDOUT,
                env=environnement,
                start_new_session=True,
            )
        try:
            fin = time.monotonic() + demarrage
            while not _pret(port):
                if processus.poll() is not None or time.monotonic() > fin:
                    raise RuntimeError(
                        f"le service n'a pas démarré :\n{journal.read_text(errors='replace')}"
                    )
                time.sleep(0.2)
            yield Serveur(port, journal, processus)
        finally:
            processus.send_signal(signal.SIGTERM)
            try:
                processus.wait(20)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decisions", type=int, default=400)
    parser.add_argument("--renders", type=int, default=60)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limite", type=float, default=60.0, help="secondes par phase, au plus")
    args = parser.parse_args()
    print(f"missio serve sur {HOTE}, {os.cpu_count()} cœurs, {args.threads} fils clients")
    for workers in args.workers:
        mesures, _ = mesurer(workers, args.decisions, args.renders, args.threads, args.limite)
        print(f"--workers {workers}")
        for mesure in mesures:
            print("  " + mesure.ligne())
        if any(m.echecs for m in mesures):
            sys.exit(1)


if __name__ == "__main__":
    main()
