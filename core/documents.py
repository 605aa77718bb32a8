"""Writing the acts of a decision: template lookup (with a collectivité's overrides), the
context every template sees, and an all-or-nothing write of the output folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from missio.errors import MissioError
from missio.legal import LIBELLES_STATUT
from missio.libelles import ACTEURS, dispositif_nom
from missio.models import Decision, Mission
from missio.rendering import ModeleCompile, environnement

if TYPE_CHECKING:
    from missio.engine import DocumentDeclare, Engine

# Names every template may use; docs/modeles.md documents each.
NOMS_CONTEXTE = frozenset(
    {
        "mission",
        "decision",
        "agent",
        "employeur",
        "accueil",
        "doc",
        "citer",
        "accord",
        "pays_nom",
        "titre_document",
        "dispositif_nom",
        "acteur_nom",
    }
)


class ErreurRendu(MissioError):
    """Documents cannot be produced for this decision."""


def _pays_nom(code: str) -> str:
    from babel import Locale

    return str(Locale.parse("fr").territories.get(code, code))


class Redacteur:
    """Renders the documents of decisions with one engine's templates (compiled once each).

    A collectivité's folder (``Engine(modeles=…)``) replaces a default template by document
    code (``<code>.docx``); every override is compiled when the Redacteur is built, so a broken
    one is reported at load time, naming the file and the placeholder.
    """

    def __init__(self, engine: Engine) -> None:
        from missio.francais import FILTRES

        self.engine = engine
        self._env = environnement(FILTRES)
        self._compiles: dict[str, ModeleCompile] = {}
        self._verrou = Lock()
        self._surcharges: dict[str, Path] = {}
        if engine.modeles:
            if not engine.modeles.is_dir():
                raise ErreurRendu(f"Dossier de modèles introuvable : {engine.modeles}.")
            for chemin in sorted(engine.modeles.glob("*.docx")):
                if chemin.stem not in engine.documents:
                    raise ErreurRendu(
                        f"{chemin.name} : aucun document de code « {chemin.stem} ». Codes connus : "
                        f"{', '.join(sorted(engine.documents))}."
                    )
                self._surcharges[chemin.stem] = chemin
                self._modele(chemin.stem)

    def _modele(self, code: str) -> ModeleCompile:
        with self._verrou:
            compile_ = self._compiles.get(code)
            if compile_ is None:
                chemin = self._surcharges.get(code) or self.engine.documents[code].modele
                compile_ = ModeleCompile(chemin, self._env, NOMS_CONTEXTE)
                self._compiles[code] = compile_
            return compile_

    def contexte(
        self, decision: Decision, mission: Mission, declare: DocumentDeclare
    ) -> dict[str, Any]:
        donnees = mission.model_dump(mode="json")
        civilite = mission.agent.civilite
        contexte: dict[str, Any] = {
            "mission": donnees,
            "decision": decision.model_dump(mode="json"),
            "agent": donnees["agent"],
            "employeur": donnees["employeur"],
            "accueil": donnees["accueil"],
            "citer": self._citeur(mission),
            "accord": lambda masculin, feminin: feminin if civilite == "Mme" else masculin,
            "pays_nom": _pays_nom,
            "titre_document": lambda code: self.engine.documents[code].titre,
            "dispositif_nom": dispositif_nom,
            "acteur_nom": ACTEURS.__getitem__,
            "doc": {},
        }
        if declare.contexte is not None:
            contexte["doc"] = declare.contexte(decision, mission)
        return contexte

    def _citeur(self, mission: Mission) -> Callable[[str], str]:
        referentiel = self.engine.referentiel
        periodes = [(p.debut, p.fin) for p in mission.periodes]

        def citer(cle: str) -> str:
            citations: list[str] = []
            for debut, fin in periodes:
                for version in referentiel.resoudre(cle, debut, fin):
                    texte = version.citation()
                    if version.statut == "a_verifier":
                        texte += f" ({LIBELLES_STATUT['a_verifier']})"
                    if texte not in citations:
                        citations.append(texte)
            return " ; ".join(citations)

        return citer

    def rendre(self, decision: Decision, mission: Mission) -> dict[str, bytes]:
        """Every document of the decision, as ``{code: docx bytes}``."""
        if any(b.code == "erreur_plugin" for b in decision.blocages):
            raise ErreurRendu("Un plugin a échoué : aucun acte n'est produit pour cette décision.")
        return {code: self.rendre_un(code, decision, mission) for code in decision.documents}

    def rendre_un(self, code: str, decision: Decision, mission: Mission) -> bytes:
        if code not in self.engine.documents:
            raise ErreurRendu(f"Document inconnu : « {code} ».")
        declare = self.engine.documents[code]
        return self._modele(code).rendre(self.contexte(decision, mission, declare))


def libreoffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convertir_pdf(fichiers: list[Path], dossier: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice headless (one process for all files)."""
    executable = libreoffice()
    if executable is None:
        raise ErreurRendu(
            "LibreOffice n'est pas installé : impossible de produire les PDF (les DOCX sont "
            "écrits). Installez-le (paquet « libreoffice-writer ») ou convertissez les DOCX."
        )
    with tempfile.TemporaryDirectory() as profil:
        subprocess.run(
            [
                executable,
                f"-env:UserInstallation=file://{profil}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(dossier),
                *map(str, fichiers),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return [dossier / f"{f.stem}.pdf" for f in fichiers]


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
