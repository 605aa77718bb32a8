"""The one loader of a collectivité's policies: files into plugin objects.

The core knows no policy format: a plugin (``collectivite_custom`` for the YAML format)
implements ``missio_load_policy(chemin)``; the first that recognises the file returns a plugin
object. A ``.py`` file is a plugin module the collectivité wrote: the core loads it itself (as
tox loads ``toxfile.py``), whichever plugins are enabled; but where tox *skips* a file using
unknown hooks, we refuse it, naming the function: a policy silently ignored would change the
acts.

``Engine(politiques=[…])`` calls :func:`charger_politiques`; call it yourself to load files
once and build several engines from the loaded objects.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from missio import hookspecs
from missio.errors import ErreurFichier, ErreurValidation, Localisee

if TYPE_CHECKING:
    from missio.plugins import Plugins

HOOKS = frozenset(
    nom for nom, objet in vars(hookspecs).items() if nom.startswith("missio_") and callable(objet)
)
TITRE = "politique invalide"


def charger_module(chemin: Path | str) -> ModuleType:
    """Load a Python plugin module by path; refuse ``missio_*`` functions that are not hooks or
    lack ``@missio.hookimpl`` (each named with its line)."""
    chemin = Path(chemin)
    fichier = str(chemin)
    spec = importlib.util.spec_from_file_location(f"missio_politique_{chemin.stem}", chemin)
    if spec is None or spec.loader is None or not chemin.is_file():
        raise ErreurFichier([Localisee(fichier, None, "", "module Python illisible.")], TITRE)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ErreurFichier(
            [Localisee(fichier, None, "", f"le module échoue au chargement : {exc!r}.")], TITRE
        ) from exc
    erreurs: list[Localisee] = []
    for nom, objet in sorted(vars(module).items()):
        if not nom.startswith("missio_") or not callable(objet):
            continue
        ligne = inspect.getsourcelines(objet)[1] if inspect.isfunction(objet) else None
        if nom not in HOOKS:
            erreurs.append(
                Localisee(
                    fichier,
                    ligne,
                    nom,
                    "n'est pas un hook de missio : la politique serait ignorée en silence. "
                    f"Hooks : {', '.join(sorted(HOOKS))}.",
                )
            )
        elif not hasattr(objet, "missio_impl"):
            erreurs.append(
                Localisee(fichier, ligne, nom, "ajoutez le décorateur @missio.hookimpl.")
            )
    if erreurs:
        raise ErreurFichier(erreurs, TITRE)
    if not hasattr(module, "PLUGIN_NAME"):
        module.PLUGIN_NAME = f"politique.{chemin.stem}"  # type: ignore[attr-defined]
    return module


def _variables() -> str:
    reglees = [v for v in ("MISSIO_LOAD_PLUGINS", "MISSIO_DISABLE_PLUGINS") if v in os.environ]
    if not reglees:
        return ""
    return f" (ou celui qui le sait n'est pas chargé : plugins choisis par {' et '.join(reglees)})"


def _lire(chemin: Path, plugins: Plugins) -> object:
    if chemin.suffix.lower() == ".py":
        return charger_module(chemin)
    for chargeur in plugins.implementations("missio_load_policy"):
        objet = chargeur.appeler(chemin=chemin)
        if objet is not None:
            return objet
    raise ErreurFichier(
        [
            Localisee(
                str(chemin),
                None,
                "",
                "aucun plugin installé ne sait lire ce format de politique" + _variables() + ".",
            )
        ],
        TITRE,
    )


def charger_politiques(
    sources: Iterable[str | os.PathLike[str] | object], plugins: Plugins | None = None
) -> list[object]:
    """Policy plugin objects for `sources`: paths of policy files, or policies already loaded
    (returned as they are). The faults of every file come back at once, each with its file and
    line (:class:`~missio.errors.ErreurFichier`, a French validation error).

    :param plugins: the plugins whose ``missio_load_policy`` reads the files (by default, the
        installed entry points).
    """
    sources = list(sources)
    if not sources:
        return []
    if plugins is None:
        from missio.plugins import Plugins

        plugins = Plugins()
    objets: list[object] = []
    erreurs: list[Localisee] = []
    for source in sources:
        if not isinstance(source, str | os.PathLike):
            objets.append(source)
            continue
        chemin = Path(source)
        try:
            objets.append(_lire(chemin, plugins))
        except ErreurFichier as exc:
            erreurs += exc.localisees
        except ErreurValidation as exc:
            origine = exc.origine or str(chemin)
            erreurs += [Localisee(origine, None, champ, message) for champ, message in exc.erreurs]
    noms: dict[str, object] = {}
    for objet in objets:
        nom = str(getattr(objet, "PLUGIN_NAME", "") or getattr(objet, "__name__", ""))
        if nom in noms:
            erreurs.append(
                Localisee(
                    str(getattr(objet, "fichier", "") or nom),
                    None,
                    "code",
                    f"deux politiques portent le nom « {nom} » ({noms[nom]!r} et {objet!r}).",
                )
            )
        noms[nom] = objet
    if erreurs:
        raise ErreurFichier(erreurs, TITRE)
    return objets
