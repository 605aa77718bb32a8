"""Evaluating cases with another version of missio (a git revision), for impact reports.

The revision is extracted with ``git archive``, installed without dependencies into a private
folder, and run in a subprocess that only uses the stable public API (``Engine``, ``Redacteur``),
so a revision older than the casebook tools can still be compared.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from missio.errors import MissioError

# Runs inside the other revision: missions in (JSON on stdin), decisions and acts out.
_SCRIPT = r"""
import base64, json, sys
from missio.engine import Engine
try:
    from missio.documents.redacteur import Redacteur
except ImportError:
    Redacteur = None
sortie = []
engines = {}
for cas in json.load(sys.stdin):
    cle = json.dumps(cas["parametres"], sort_keys=True)
    if cle not in engines:
        engine = Engine(parametres=cas["parametres"])
        engines[cle] = (engine, Redacteur(engine) if Redacteur else None)
    engine, redacteur = engines[cle]
    try:
        mission = engine.valider(cas["mission"])
    except Exception as exc:
        sortie.append({"erreurs": dict(getattr(exc, "erreurs", [("", str(exc))]))})
        continue
    decision = engine.evaluer(mission)
    actes = redacteur.rendre(decision, mission) if redacteur else {}
    sortie.append({"decision": json.loads(decision.model_dump_json(exclude={"versions"})),
                   "actes": {c: base64.b64encode(b).decode() for c, b in actes.items()}})
json.dump(sortie, sys.stdout)
"""


def _installer(depot: Path, revision: str, dossier: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(depot), "archive", "--format=tar", revision],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        raise MissioError(
            f"Révision « {revision} » introuvable : {archive.stderr.decode().strip()}"
        )
    source = dossier / "source"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(source, filter="data")
    site = dossier / "site"
    installation = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if installation.returncode:
        raise MissioError(
            f"La révision « {revision} » ne s'installe pas : {installation.stderr[-500:]}"
        )
    return site


def evaluer_a_la_revision(
    depot: Path, revision: str, cas: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Evaluate missions (``{"mission":…, "parametres":…}``) with missio at `revision`.

    Returns, per case, ``{"decision": …, "actes": {code: docx bytes}}`` or ``{"erreurs": …}``.
    """
    with tempfile.TemporaryDirectory(prefix="missio-revision-") as tmp:
        site = _installer(depot, revision, Path(tmp))
        env = {k: v for k, v in os.environ.items() if k != "MISSIO_LOAD_PLUGINS"}
        env["PYTHONPATH"] = str(site)
        execution = subprocess.run(
            [sys.executable, "-c", _SCRIPT],
            input=json.dumps(cas),
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if execution.returncode:
            raise MissioError(
                f"Évaluation à la révision « {revision} » impossible : {execution.stderr[-800:]}"
            )
    resultats: list[dict[str, Any]] = json.loads(execution.stdout)
    for resultat in resultats:
        resultat["actes"] = {c: base64.b64decode(b) for c, b in resultat.get("actes", {}).items()}
    return resultats
