"""Loading policies by path (YAML files, or Python plugin modules) and building an engine.

A YAML file is validated in full (format, then cross references) and every error comes back
at once with its file, line and field. A ``.py`` file is loaded as a plugin module, as tox
loads ``toxfile.py``; but where tox *skips* a file using unknown hooks, we refuse it, naming the
function: a policy silently ignored would change the acts.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import ValidationError

from missio import hookspecs
from missio.calendar import ModeSolidarite
from missio.engine import Engine
from missio_collectivite_custom import format as fmt
from missio_collectivite_custom.effets import est_avantage
from missio_collectivite_custom.erreurs import (
    ErreurPolitique,
    Localisee,
    depuis_pydantic,
    localiser,
)
from missio_collectivite_custom.lecture_yaml import Chemin, ErreurYaml, lire
from missio_collectivite_custom.plugin import PluginPolitique

HOOKS = frozenset(n for n, o in vars(hookspecs).items() if n.startswith("missio_") and callable(o))
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


def lire_politique(chemin: Path | str) -> PolitiqueChargee:
    """Read and validate one YAML policy file; raise :class:`ErreurPolitique` on any fault."""
    fichier = str(chemin)
    try:
        texte = Path(chemin).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErreurPolitique(
            [Localisee(fichier, None, "", f"fichier illisible ({exc}).")]
        ) from None
    try:
        donnees, lignes = lire(texte)
    except ErreurYaml as exc:
        raise ErreurPolitique([Localisee(fichier, exc.ligne, "", exc.message)]) from None
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


def charger_module(chemin: Path | str) -> ModuleType:
    """Load a Python plugin by path; refuse ``missio_*`` functions that are not hooks."""
    chemin = Path(chemin)
    spec = importlib.util.spec_from_file_location(f"missio_politique_{chemin.stem}", chemin)
    if spec is None or spec.loader is None:
        raise ErreurPolitique([Localisee(str(chemin), None, "", "module Python illisible.")])
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ErreurPolitique(
            [Localisee(str(chemin), None, "", f"le module échoue au chargement : {exc!r}.")]
        ) from exc
    erreurs: list[Localisee] = []
    for nom, objet in sorted(vars(module).items()):
        if not nom.startswith("missio_") or not callable(objet):
            continue
        ligne = inspect.getsourcelines(objet)[1] if inspect.isfunction(objet) else None
        if nom not in HOOKS:
            erreurs.append(
                Localisee(
                    str(chemin),
                    ligne,
                    nom,
                    "n'est pas un hook de missio : la politique serait ignorée en silence. "
                    f"Hooks : {', '.join(sorted(HOOKS))}.",
                )
            )
        elif not hasattr(objet, "missio_impl"):
            erreurs.append(
                Localisee(str(chemin), ligne, nom, "ajoutez le décorateur @missio.hookimpl.")
            )
    if erreurs:
        raise ErreurPolitique(erreurs)
    if not hasattr(module, "PLUGIN_NAME"):
        module.PLUGIN_NAME = f"politique.{chemin.stem}"  # type: ignore[attr-defined]
    return module


def charger_politique(source: Path | str | fmt.Politique | object) -> object:
    """A plugin object from a YAML or ``.py`` path, a :class:`Politique`, or a plugin."""
    if isinstance(source, fmt.Politique):
        return PluginPolitique(source)
    if isinstance(source, str | Path):
        if Path(source).suffix == ".py":
            return charger_module(source)
        return lire_politique(source)
    return source


def charger_politiques(sources: Iterable[Path | str | fmt.Politique | object]) -> list[object]:
    """Load several policies, reporting the faults of every file at once."""
    plugins: list[object] = []
    erreurs: list[Localisee] = []
    for source in sources:
        try:
            plugins.append(charger_politique(source))
        except ErreurPolitique as exc:
            erreurs += exc.localisees
    codes: dict[str, object] = {}
    for plugin in plugins:
        nom = str(getattr(plugin, "PLUGIN_NAME", ""))
        if nom in codes:
            erreurs.append(
                Localisee(
                    getattr(plugin, "fichier", nom),
                    None,
                    "code",
                    f"deux politiques portent le code « {nom} » ({codes[nom]!r} et {plugin!r}).",
                )
            )
        codes[nom] = plugin
    if erreurs:
        raise ErreurPolitique(erreurs)
    return plugins


def engine_pour(
    politiques: Iterable[Path | str | fmt.Politique | object] = (),
    *,
    parametres: Mapping[str, Any] | None = None,
    modeles: Path | str | None = None,
    autoload: bool = True,
    journee_solidarite: ModeSolidarite | None = None,
    plugins: Iterable[object] = (),
    origine_parametres: str = "configuration de l'instance",
) -> Engine:
    """The engine of one collectivité: the built-in plugins plus its policies.

    :param politiques: paths of policy files (``.yaml``, or ``.py`` plugin modules),
        :class:`~missio_collectivite_custom.format.Politique` objects or plugin objects.
    :param plugins: other explicit plugins (tests, a tenant's own Python plugin).
    Other parameters are :class:`missio.engine.Engine`'s. The journée de solidarité set by a
    policy applies to the engine (``missio_engine_settings``) and each policy checks, when the
    engine is built, that the parameters it sets are declared (``missio_check``). Raises
    :class:`ErreurPolitique` (file, line, field).
    """
    return Engine(
        plugins=[*plugins, *charger_politiques(politiques)],
        autoload=autoload,
        parametres=parametres,
        origine_parametres=origine_parametres,
        journee_solidarite=journee_solidarite,
        modeles=modeles,
    )
