"""A collectivité's templates kept up to date: export the defaults with the version each came
from, and check a folder of overrides against the current defaults.

``missio modeles export DOSSIER`` copies the default templates (and the shared letterhead,
``en_tete.docx``) into a folder and records, in ``modeles.json``, the digest of each default
as exported. ``missio modeles check DOSSIER`` loads every override as a render would (names,
paths and references checked against the contract) and says, for each, whether the default it
replaced has changed since it was exported: a collectivité then knows which of its acts miss a
correction of the defaults (a text now cited, a clause rewritten).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from missio import __version__
from missio.documents.en_tete import FICHIER_EN_TETE
from missio.documents.errors import ErreurModele

if TYPE_CHECKING:
    from missio.documents.redacteur import Redacteur
    from missio.engine import Engine

REGISTRE = "modeles.json"
CODE_EN_TETE = "en_tete"


def empreinte(chemin: Path) -> str:
    return "sha256:" + hashlib.sha256(chemin.read_bytes()).hexdigest()


def modeles_par_defaut(engine: Engine) -> dict[str, Path]:
    """Every default template by code, with the shared letterhead (``en_tete``) that a template
    plugin ships beside its templates."""
    modeles = {code: declare.modele for code, declare in sorted(engine.documents.items())}
    for modele in modeles.values():
        en_tete = modele.with_name(FICHIER_EN_TETE)
        if en_tete.exists():
            modeles[CODE_EN_TETE] = en_tete
            break
    return modeles


def exporter_modeles(engine: Engine, dossier: Path, codes: tuple[str, ...] = ()) -> list[Path]:
    """Copy the default templates (all, or `codes`) into `dossier` and record their digests in
    ``modeles.json`` (kept for the codes exported earlier)."""
    defauts = modeles_par_defaut(engine)
    inconnus = [c for c in codes if c not in defauts]
    if inconnus:
        raise ErreurModele(
            f"Code de modèle inconnu : « {inconnus[0]} ». Codes connus : {', '.join(defauts)}."
        )
    choisis = {c: defauts[c] for c in (codes or tuple(defauts))}
    dossier.mkdir(parents=True, exist_ok=True)
    registre = _lire_registre(dossier)
    ecrits: list[Path] = []
    for code, modele in choisis.items():
        cible = dossier / (FICHIER_EN_TETE if code == CODE_EN_TETE else f"{code}.docx")
        shutil.copyfile(modele, cible)
        registre["modeles"][code] = {
            "fichier": cible.name,
            "empreinte": empreinte(modele),
            "plugin": _plugin(engine, code),
        }
        ecrits.append(cible)
    registre["missio"] = __version__
    texte = json.dumps(registre, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (dossier / REGISTRE).write_text(texte, encoding="utf-8")
    return [*ecrits, dossier / REGISTRE]


def _plugin(engine: Engine, code: str) -> str:
    """The template plugin and its version (for the reader of ``modeles.json``)."""
    declare = engine.documents.get(code)
    if declare is None:
        return ""
    version = engine.plugins.versions().get(declare.plugin, "")
    return f"{declare.plugin} {version}".strip()


def _lire_registre(dossier: Path) -> dict[str, Any]:
    chemin = dossier / REGISTRE
    if not chemin.exists():
        return {"missio": __version__, "modeles": {}}
    try:
        registre = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ErreurModele(f"{chemin} : registre des modèles illisible ({exc}).") from exc
    if not isinstance(registre, dict) or not isinstance(registre.get("modeles"), dict):
        raise ErreurModele(f"{chemin} : registre des modèles mal formé (clé « modeles »).")
    return registre


@dataclass(frozen=True)
class Etat:
    """What ``modeles check`` says of one file of the folder."""

    fichier: str
    erreur: str | None
    a_jour: bool | None  # None: exported by nobody (no digest recorded)

    def ligne(self) -> str:
        if self.erreur:
            return f"{self.fichier} : ERREUR — {self.erreur}"
        if self.a_jour is None:
            return (
                f"{self.fichier} : valide ; aucune empreinte d'export dans {REGISTRE} : impossible "
                "de dire si le modèle par défaut a changé depuis (exportez-le avec « missio "
                "modeles export »)."
            )
        if self.a_jour:
            return f"{self.fichier} : valide ; le modèle par défaut n'a pas changé depuis l'export."
        return (
            f"{self.fichier} : valide ; le modèle par défaut a changé depuis l'export : comparez "
            "votre modèle au nouveau modèle par défaut (« missio modeles export DOSSIER "
            f"{Path(self.fichier).stem} » dans un autre dossier) et reportez-y les corrections."
        )


def verifier_modeles(redacteur: Redacteur, dossier: Path) -> list[Etat]:
    """Check every .docx of a folder of overrides: each is loaded as at render time, and
    compared with the default it replaced as recorded at export."""
    if not dossier.is_dir():
        raise ErreurModele(f"Dossier de modèles introuvable : {dossier}.")
    defauts = modeles_par_defaut(redacteur.engine)
    registre = _lire_registre(dossier)["modeles"]
    etats: list[Etat] = []
    for chemin in sorted(dossier.glob("*.docx")):
        code = CODE_EN_TETE if chemin.name == FICHIER_EN_TETE else chemin.stem
        try:
            redacteur.verifier_modele(chemin)
        except ErreurModele as exc:
            etats.append(Etat(chemin.name, str(exc), None))
            continue
        enregistre = registre.get(code)
        if enregistre is None or code not in defauts:
            etats.append(Etat(chemin.name, None, None))
        else:
            a_jour = enregistre.get("empreinte") == empreinte(defauts[code])
            etats.append(Etat(chemin.name, None, a_jour))
    return etats
