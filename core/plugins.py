"""The plugin facade: the only code that touches pluggy's ``hook`` object.

Plugins come through one door: the ``missio`` entry-point group (built-ins included), plus
plugins passed explicitly (tests, a collectivité's policies). Two variables choose among the
entry points: ``MISSIO_LOAD_PLUGINS`` (comma-separated names) loads only those,
``MISSIO_DISABLE_PLUGINS`` (comma-separated names) leaves those out. ``MISSIO_TRACE_PLUGINS=1``
prints every hook call and its result on stderr.

Unlike a bare pluggy call, the facade calls implementations one at a time in plugin name order
(pluggy's LIFO order would make outputs depend on load order), and every call that raises is
reported as :class:`~missio.errors.ErreurHook`, naming the plugin and the hook. A plugin that
fails at import does not stop the others: it is recorded as failed (:meth:`Plugins.echecs`),
``missio plugins`` lists it with how to disable it, and every decision says that its rules
could not be evaluated.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.metadata import Distribution, EntryPoint, entry_points, version
from typing import Any

import attrs
import pluggy

from missio import PROJECT_NAME, __version__, hookspecs
from missio.errors import ErreurHook, ErreurPlugin, ErreurValidation, HorsContrat

VARIABLE_CHOIX = "MISSIO_LOAD_PLUGINS"
VARIABLE_DESACTIVATION = "MISSIO_DISABLE_PLUGINS"
ORIGINE_EXPLICITE = "explicite"


def conseil_desactivation(nom: str) -> str:
    """How to run without the entry-point plugin `nom` (French, for error messages)."""
    return (
        f"Pour travailler sans lui, désactivez-le : {VARIABLE_DESACTIVATION}={nom} "
        f"(ou choisissez les plugins chargés avec {VARIABLE_CHOIX})."
    )


@attrs.frozen(slots=True)
class InfoPlugin:
    """What ``missio plugins`` shows of a plugin.

    :ivar origine: distribution name, or « explicite » for a plugin passed by code (a test, a
        collectivité's policy).
    :ivar erreur: why the plugin could not be loaded (None when it was).
    """

    nom: str
    version: str
    origine: str
    description: str
    erreur: str | None = None

    @property
    def en_echec(self) -> bool:
        return self.erreur is not None


@attrs.frozen(slots=True)
class Implementation:
    plugin: str
    hook: str
    fonction: Callable[..., Any]
    arguments: tuple[str, ...]
    trace: bool = False  # MISSIO_TRACE_PLUGINS, read once when the plugins are loaded
    conseil: str = ""  # how to disable the plugin, added to its error messages

    def appeler(self, **kwargs: Any) -> Any:
        """Call the hook; any exception but a French validation error becomes ErreurHook."""
        try:
            resultat = self.fonction(**{nom: kwargs[nom] for nom in self.arguments})
        except ErreurValidation:
            raise  # a policy refusing an engine, a policy file in error: the user's to fix
        except Exception as exc:
            raise ErreurHook(self.plugin, self.hook, exc, self.conseil) from exc
        if self.trace:
            print(f"[missio] {self.plugin}.{self.hook} -> {resultat!r}", file=sys.stderr)
        return resultat

    def hors_contrat(self, quoi: str) -> ErreurPlugin:
        """The error for a value outside the hook's contract, naming plugin and hook."""
        return ErreurHook(self.plugin, self.hook, HorsContrat(quoi), self.conseil)


def _noms(variable: str) -> set[str] | None:
    valeur = os.environ.get(variable)
    if valeur is None:
        return None
    return {nom.strip() for nom in valeur.split(",") if nom.strip()}


def _entry_points() -> list[EntryPoint]:
    points = sorted(entry_points(group=PROJECT_NAME), key=lambda ep: ep.name)
    choisis, exclus = _noms(VARIABLE_CHOIX), _noms(VARIABLE_DESACTIVATION) or set()
    return [
        ep for ep in points if (choisis is None or ep.name in choisis) and ep.name not in exclus
    ]


def _version_distribution(point: EntryPoint) -> tuple[str, str]:
    dist = point.dist
    if dist is None:
        return "inconnue", "inconnue"
    return _nom_version(dist)


@lru_cache(maxsize=16)
def _nom_version(dist: Distribution) -> tuple[str, str]:
    """Name and version of a distribution: its metadata parsed once (an email parse each
    time otherwise), shared by the entry points of one distribution."""
    metadonnees = dist.metadata
    nom = metadonnees["Name"]
    return nom, metadonnees["Version"] or version(nom)


class Plugins:
    """The loaded plugins of one engine and typed access to their hooks."""

    def __init__(self, explicites: Iterable[object] = (), *, autoload: bool = True) -> None:
        self._pm = pluggy.PluginManager(PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._infos: dict[str, InfoPlugin] = {}
        self._conseils: dict[str, str] = {}
        self._cache: dict[str, tuple[Implementation, ...]] = {}
        self._trace = bool(os.environ.get("MISSIO_TRACE_PLUGINS"))
        if autoload:
            for point in _entry_points():
                self._charger(point)
        for plugin in explicites:
            self.ajouter(plugin, ORIGINE_EXPLICITE)

    def _charger(self, point: EntryPoint) -> None:
        distribution, version_dist = _version_distribution(point)
        self._conseils[point.name] = conseil_desactivation(point.name)
        try:
            plugin = point.load()
        except Exception as exc:
            # One broken plugin must not stop the others, nor any command: it is listed as
            # failed and every decision says its rules were not evaluated.
            erreur = f"{type(exc).__name__} : {exc} (point d'entrée {point.value})"
            self._infos[point.name] = InfoPlugin(
                point.name, version_dist, distribution, f"échec au chargement : {erreur}", erreur
            )
            return
        self._enregistrer(plugin, point.name, version_dist, distribution)

    def ajouter(self, plugin: object, origine: str = ORIGINE_EXPLICITE) -> str:
        """Register a plugin object passed by code (or a loaded policy); returns its name."""
        nom = getattr(plugin, "PLUGIN_NAME", None) or getattr(plugin, "__name__", None)
        if not nom or not isinstance(nom, str):
            raise ErreurPlugin(f"Le plugin {plugin!r} n'a pas de nom (attribut PLUGIN_NAME).")
        self._enregistrer(plugin, nom, str(getattr(plugin, "__version__", "locale")), origine)
        self._cache.clear()
        return nom

    def _enregistrer(self, plugin: object, nom: str, version_: str, origine: str) -> None:
        if nom in self._infos:
            raise ErreurPlugin(
                f"Deux plugins portent le nom « {nom} » ({self._infos[nom].origine} et {origine})."
            )
        try:
            self._pm.register(plugin, name=nom)
            self._pm.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            raise ErreurPlugin(
                f"Le plugin « {nom} » est invalide : {exc}. {self._conseils.get(nom, '')}".strip()
            ) from exc
        self._infos[nom] = InfoPlugin(
            nom, version_, origine, (getattr(plugin, "__doc__", "") or "").strip().split("\n")[0]
        )

    def conseil(self, nom: str) -> str:
        """How to do without plugin `nom` (entry points only; "" for plugins passed by code)."""
        return self._conseils.get(nom, "")

    def implementations(self, hook: str) -> tuple[Implementation, ...]:
        """The implementations of `hook`, sorted by plugin name (cached until a plugin is added)."""
        trouve = self._cache.get(hook)
        if trouve is None:
            impls = getattr(self._pm.hook, hook).get_hookimpls()
            trouve = tuple(
                sorted(
                    (
                        Implementation(
                            i.plugin_name,
                            hook,
                            i.function,
                            tuple(i.argnames),
                            self._trace,
                            self.conseil(i.plugin_name),
                        )
                        for i in impls
                    ),
                    key=lambda impl: impl.plugin,
                )
            )
            self._cache[hook] = trouve
        return trouve

    def declarations(self, hook: str) -> Iterator[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        """Call a ``register``-style hook; yield ``(plugin, args, kwargs)`` per registration."""
        for impl in self.implementations(hook):
            recues: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

            def register(*args: Any, _recues: list[Any] = recues, **kwargs: Any) -> None:
                _recues.append((args, kwargs))

            impl.appeler(register=register)
            for args, kwargs in recues:
                yield impl.plugin, args, kwargs

    def echecs(self) -> list[InfoPlugin]:
        """The entry-point plugins that could not be loaded, by name."""
        return [info for _, info in sorted(self._infos.items()) if info.en_echec]

    def infos(self) -> list[InfoPlugin]:
        infos = dict(self._infos)
        for impl in self.implementations("missio_plugin_info"):
            donnees = impl.appeler()
            if donnees is None:
                continue
            if not isinstance(donnees, Mapping):
                raise impl.hors_contrat(
                    f"un dictionnaire {{version, description}} est attendu, pas {type(donnees).__name__}"
                )
            ancien = infos[impl.plugin]
            infos[impl.plugin] = attrs.evolve(
                ancien,
                version=str(donnees.get("version", ancien.version)),
                description=str(donnees.get("description", ancien.description)),
            )
        return [infos[nom] for nom in sorted(infos)]

    def versions(self) -> dict[str, str]:
        """missio's version and each loaded plugin's (failed ones contribute nothing)."""
        versions = {"missio": __version__}
        versions.update({info.nom: info.version for info in self.infos() if not info.en_echec})
        return versions
