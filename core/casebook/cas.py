"""Case files: one mission, where it comes from, and what is expected of it."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from missio.errors import ErreurFichier, Localisee, traduire
from missio.errors import chemin as texte_chemin
from missio.lecture_yaml import ErreurYaml, ligne_de, lire

EXEMPLES = "examples"
TITRE = "cas du casebook invalide"


class Attendu(BaseModel):
    """The expected outcome as the source states it; every field is checked by the machine."""

    model_config = ConfigDict(extra="forbid")

    dispositif: str | None = None
    conforme: bool | None = None
    volume_jours_ouvres: int | None = None
    jours_ouvres_periodes: int | None = None
    obligations: dict[str, date | None] = Field(default_factory=dict)
    financements: dict[str, str] = Field(default_factory=dict)
    alertes: list[str] = Field(default_factory=list)
    blocages: list[str] | None = None
    alternatives: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    fondements: dict[str, str] = Field(default_factory=dict)
    cas: dict[str, str] = Field(default_factory=dict)
    conditions: list[str] = Field(default_factory=list)
    absents: list[str] = Field(default_factory=list)
    non_cites: list[str] = Field(default_factory=list)
    erreurs: dict[str, str] = Field(default_factory=dict)


class CasPratique(BaseModel):
    """One case of the casebook (see tests/casebook/README.md)."""

    model_config = ConfigDict(extra="forbid")

    titre: str = Field(min_length=1)
    source: str = Field(min_length=1)
    base: str | None = None
    mission: dict[str, Any] = Field(default_factory=dict)
    parametres: dict[str, Any] = Field(default_factory=dict)
    politiques: list[str] = Field(default_factory=list)
    attendu: Attendu = Field(default_factory=Attendu)
    # Set by the loader, not by authors.
    chemin: Path = Path()
    nom: str = ""

    @property
    def dossier_resultats(self) -> Path:
        """Where the recorded results live: beside the case, in a folder of its name."""
        return self.chemin.with_suffix("")


def appliquer_changements(base: dict[str, Any], changements: dict[str, Any]) -> dict[str, Any]:
    for cle, valeur in changements.items():
        if isinstance(valeur, dict) and isinstance(base.get(cle), dict):
            appliquer_changements(base[cle], valeur)
        else:
            base[cle] = valeur
    return base


def _racine_projet(chemin: Path) -> Path:
    for parent in chemin.resolve().parents:
        if (parent / EXEMPLES).is_dir():
            return parent
    raise FileNotFoundError(f"aucun dossier « {EXEMPLES} » au-dessus de {chemin}")


def _lire(chemin: Path) -> CasPratique:
    """A case file, validated; errors in French with their line (and column for syntax)."""
    fichier = str(chemin)
    try:
        donnees, lignes = lire(chemin.read_text(encoding="utf-8"))
    except ErreurYaml as exc:
        champ = texte_chemin(exc.chemin)
        raise ErreurFichier(
            [Localisee(fichier, exc.ligne, champ, exc.message, exc.colonne)], TITRE
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        quoi = "il n'est pas en UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror
        raise ErreurFichier(
            [Localisee(fichier, None, "", f"fichier illisible ({quoi}).")], TITRE
        ) from None
    try:
        return CasPratique.model_validate(donnees or {})
    except ValidationError as exc:
        localisees = [
            Localisee(fichier, ligne_de(tuple(e["loc"]), lignes), champ, message)
            for e, (champ, message) in zip(exc.errors(), traduire(exc), strict=True)
        ]
        raise ErreurFichier(localisees, TITRE) from None


def charger(chemin: Path, racine: Path) -> CasPratique:
    """Load one case; `racine` is the casebook folder (the case's name is relative to it)."""
    cas = _lire(chemin)
    # Dates written bare in YAML become date objects: back to the JSON contract's strings.
    mission = json.loads(json.dumps(cas.mission, default=str))
    if cas.base:
        fichier = _racine_projet(chemin) / EXEMPLES / f"{cas.base}.json"
        mission = appliquer_changements(
            copy.deepcopy(json.loads(fichier.read_text(encoding="utf-8"))), mission
        )
    nom = chemin.resolve().relative_to(racine.resolve()).with_suffix("").as_posix()
    # Policy files are named from the project root, like examples.
    politiques = [
        p if Path(p).is_absolute() else str(_racine_projet(chemin) / p) for p in cas.politiques
    ]
    return cas.model_copy(
        update={"mission": mission, "chemin": chemin, "nom": nom, "politiques": politiques}
    )


def trouver(dossier: Path) -> list[Path]:
    """Every case file under `dossier` (recorded results are .yml and .txt, never .yaml)."""
    if dossier.is_file():
        return [dossier]
    return sorted(dossier.rglob("*.yaml"))
