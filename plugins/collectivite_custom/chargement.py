"""Reading a YAML policy file into a policy plugin, with every error at once.

A file is validated in full (format, then cross references) and every error comes back at once
with its file, line and field. Engines receive policies through the core's one loader,
:func:`missio.politiques.charger_politiques` (``Engine(politiques=[…])``), which asks this
plugin through ``missio_load_policy``; ``.py`` policies are plugin modules the core loads
itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import ValidationError

from missio.errors import chemin as chemin_texte
from missio.lecture_yaml import Chemin, ErreurYaml, lire
from missio_collectivite_custom import format as fmt
from missio_collectivite_custom.erreurs import (
    ErreurPolitique,
    Localisee,
    depuis_pydantic,
    localiser,
)
from missio_collectivite_custom.plugin import PluginPolitique
from missio_collectivite_custom.production import est_avantage

_EFFETS_OBLIGATION = ("obligation", "piece", "approbation")


class PolitiqueChargee(PluginPolitique):
    """A policy read from a file: remembers the line of each field for later errors."""

    def __init__(self, politique: fmt.Politique, fichier: str, lignes: dict[Chemin, int]) -> None:
        super().__init__(politique, fichier)
        self.lignes = lignes


def _references(p: fmt.Politique) -> Iterable[tuple[Chemin, str]]:
    """Cross references the models cannot check alone: ``(loc, message)`` for each fault."""
    connus = ", ".join(sorted(p.fondements)) or "aucun (ajoutez une section « fondements »)"

    def inconnus(refs: tuple[str, ...] | None, loc: Chemin) -> Iterable[tuple[Chemin, str]]:
        for i, ref in enumerate(refs or ()):
            if ref not in p.fondements:
                yield (*loc, i), f"fondement « {ref} » inconnu. Fondements déclarés : {connus}."

    for i, parametre in enumerate(p.parametres):
        yield from inconnus(parametre.fondement, ("parametres", i, "fondement"))
        if [q.nom for q in p.parametres].index(parametre.nom) != i:
            yield ("parametres", i, "nom"), f"le paramètre « {parametre.nom} » est fixé deux fois."
    codes: dict[tuple[str, str], Chemin] = {}
    for i, regle in enumerate(p.regles):
        if [r.code for r in p.regles].index(regle.code) != i:
            yield ("regles", i, "code"), f"le code « {regle.code} » est déjà celui d'une règle."
        yield from inconnus(regle.fondement, ("regles", i, "fondement"))
        for bloc in ("si", "sauf"):
            conditions = getattr(regle, bloc)
            for nom in sorted((conditions.faits or {}) if conditions else {}):
                if nom not in p.faits:
                    declares = ", ".join(sorted(p.faits)) or "aucun (section « faits »)"
                    yield (
                        ("regles", i, bloc, "faits", nom),
                        f"fait « {nom} » non déclaré. Faits déclarés : {declares}.",
                    )
        for j, effet in enumerate(regle.alors):
            loc: Chemin = ("regles", i, "alors", j, effet.type)
            yield from inconnus(effet.contenu.fondement, (*loc, "fondement"))
            if effet.type in (*_EFFETS_OBLIGATION, "alerte", "blocage"):
                genre = "obligation" if effet.type in _EFFETS_OBLIGATION else effet.type
                code = effet.contenu.code or regle.code
                if (genre, code) in codes:
                    yield (
                        (*loc, "code"),
                        f"deux effets de type {genre} portent le code « {code} » : donnez à "
                        "chacun un « code » propre.",
                    )
                codes[(genre, code)] = loc


def avertissements(p: fmt.Politique) -> list[tuple[Chemin, str]]:
    """What is valid but will warn in every decision: effects without a deliberation."""
    resultat: list[tuple[Chemin, str]] = []
    for ref, f in sorted(p.fondements.items()):
        if f.a_completer:
            resultat.append(
                (
                    ("fondements", ref),
                    "référence « à compléter » : les actes la citeront ainsi, et tout effet "
                    "financier qui la cite portera l'alerte « fondement juridique manquant ».",
                )
            )
    for i, regle in enumerate(p.regles):
        for j, effet in enumerate(regle.alors):
            if effet.financement and est_avantage(effet.financement):
                refs = effet.financement.fondement or regle.fondement or ()
                if not any(p.fondements[r].type == "deliberation" for r in refs):
                    resultat.append(
                        (
                            ("regles", i, "alors", j, "financement"),
                            "effet financier sans délibération : alerte « fondement juridique "
                            "manquant » et aucun montant dans la décision ni dans les actes.",
                        )
                    )
    return resultat


def _illisible(exc: OSError | UnicodeDecodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "fichier illisible : il n'est pas encodé en UTF-8."
    if isinstance(exc, FileNotFoundError):
        return "fichier introuvable."
    if isinstance(exc, IsADirectoryError):
        return "c'est un dossier, pas un fichier de politique."
    if isinstance(exc, PermissionError):
        return "fichier illisible : accès refusé."
    return f"fichier illisible ({exc.strerror or type(exc).__name__})."


def lire_politique(chemin: Path | str) -> PolitiqueChargee:
    """Read and validate one YAML policy file; raise :class:`ErreurPolitique` on any fault."""
    fichier = str(chemin)
    try:
        texte = Path(chemin).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErreurPolitique([Localisee(fichier, None, "", _illisible(exc))]) from None
    try:
        donnees, lignes = lire(texte)
    except ErreurYaml as exc:
        raise ErreurPolitique(
            [Localisee(fichier, exc.ligne, chemin_texte(exc.chemin), exc.message, exc.colonne)]
        ) from None
    if not isinstance(donnees, Mapping):
        raise ErreurPolitique(
            [Localisee(fichier, 1, "", "le fichier doit décrire une politique (un objet YAML).")]
        )
    try:
        politique = fmt.Politique.model_validate(donnees)
    except ValidationError as exc:
        raise ErreurPolitique(depuis_pydantic(exc, fichier, lignes)) from None
    erreurs = localiser(_references(politique), fichier, lignes)
    if erreurs:
        raise ErreurPolitique(erreurs)
    return PolitiqueChargee(politique, fichier, lignes)
